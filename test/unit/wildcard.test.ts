import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wildcardMatch } from '../../server/src/core/iam/wildcard';

const cases: [string, string, boolean, boolean?][] = [
  ['*', '', true],
  ['*', 'anything', true],
  ['ecr:Get*', 'ecr:GetAuthorizationToken', true],
  ['ecr:get*', 'ecr:GetAuthorizationToken', false],
  ['ecr:get*', 'ecr:GetAuthorizationToken', true, true],
  ['logs:Put*', 'logs:PutLogEvents', true],
  ['secretsmanager:GetSecret?alue', 'secretsmanager:GetSecretValue', true],
  ['arn:aws:secretsmanager:*:*:secret:db-??????', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', true],
  ['arn:aws:secretsmanager:*:*:secret:db-??????', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdE', false],
  ['a*b*c', 'aXXbYYc', true],
  ['a*b*c', 'aXXbYY', false],
  ['*a', 'ba', true],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['', '', true],
  ['', 'a', false],
  ['**', 'x', true],
];

for (const [pattern, text, expected, ignoreCase] of cases) {
  test(`wildcard ${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(text)}${ignoreCase ? ' (ignoring case)' : ''}`, () => {
    assert.equal(wildcardMatch(pattern, text, { ignoreCase }), expected);
  });
}

test('a pathological pattern is matched without catastrophic backtracking', () => {
  const pattern = `${'a*'.repeat(2000)}b`;
  const text = 'a'.repeat(20000);
  // A backtracking regular expression would not finish; this must answer (false) at once.
  assert.equal(wildcardMatch(pattern, text), false);
});
