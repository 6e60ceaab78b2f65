// Unknown markers: values a source could not resolve, never wrong. The marker helpers, placeholders, and
// how the IAM evaluator reads markers: a hole in a request, `*` in an Allow, a Deny that does not apply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Decision, evaluate, evaluateTrust, hasUnknownStatements } from '../../server/src/core/iam/evaluate';
import { isPlaceholder } from '../../server/src/core/json';
import { hasUnknown, isUnknown, replaceUnknown, splitUnknown, unknownMarker } from '../../server/src/core/unknown';

const region = unknownMarker('AWS::Region');
const secret = unknownMarker('Ref DbSecret');

test('markers: ids keep ARN fields intact, split back into parts, and are placeholders', () => {
  assert.equal(region, '\uE000AWS__Region\uE001', 'no colon or slash in an id');
  const arn = `arn:aws:ssm:${region}:${unknownMarker('AWS::AccountId')}:parameter/app/db`;
  assert.equal(arn.split(':').length, 6);
  assert.deepEqual(splitUnknown(arn), [
    'arn:aws:ssm:',
    { unknown: 'AWS__Region' },
    ':',
    { unknown: 'AWS__AccountId' },
    ':parameter/app/db',
  ]);
  assert.ok(hasUnknown(arn) && !isUnknown(arn) && isUnknown(secret));
  assert.ok(!hasUnknown('arn:aws:ssm:eu-west-1:1:parameter/x') && !hasUnknown(42));
  assert.ok(isPlaceholder(arn) && isPlaceholder(secret));
  assert.equal(
    replaceUnknown(`role ${secret} in ${region}`, (id) => (id === 'AWS__Region' ? '${AWS::Region}' : undefined)),
    'role … in ${AWS::Region}',
  );
});

const allow = (action: unknown, resource: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }],
});
const deny = (action: unknown, resource: unknown) => ({ Effect: 'Deny', Action: action, Resource: resource });
const decide = (document: unknown, action: string, resource: string): Decision =>
  evaluate([{ id: 'p', document }], { action, resources: [[resource]] }).decision;

const SSM = 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/db';

test('a marker in a requested resource is a hole that may hold anything, colons included', () => {
  assert.equal(
    decide(allow('ssm:GetParameters', SSM), 'ssm:GetParameters', `arn:aws:ssm:${region}:111122223333:parameter/app/db`),
    'allowed',
  );
  assert.equal(decide(allow('ssm:GetParameters', SSM), 'ssm:GetParameters', secret), 'allowed', 'a whole unknown ARN');
  assert.equal(
    decide(
      allow('ssm:GetParameters', 'arn:aws:ssm:eu-west-1:111122223333:parameter/other'),
      'ssm:GetParameters',
      `arn:aws:ssm:${region}:1:parameter/app/db`,
    ),
    'implicitly-denied',
    'the known parts still have to match',
  );
  // A Deny must apply whatever the unknown is: a literal one does not.
  const both = { Version: '2012-10-17', Statement: [...allow('ssm:*', '*').Statement, deny('ssm:GetParameters', SSM)] };
  assert.equal(decide(both, 'ssm:GetParameters', `arn:aws:ssm:${region}:111122223333:parameter/app/db`), 'allowed');
  const denyAll = { Version: '2012-10-17', Statement: [...allow('ssm:*', '*').Statement, deny('ssm:GetParameters', '*')] };
  assert.equal(decide(denyAll, 'ssm:GetParameters', secret), 'denied', 'a Deny on * applies to anything');
});

test('a marker in an Allow is a star; the same marker on both sides matches', () => {
  assert.equal(
    decide(allow('ssm:GetParameters', `arn:aws:ssm:${region}:111122223333:parameter/app/db`), 'ssm:GetParameters', SSM),
    'allowed',
  );
  assert.equal(decide(allow('secretsmanager:GetSecretValue', secret), 'secretsmanager:GetSecretValue', secret), 'allowed');
  assert.equal(decide(allow(unknownMarker('Ref Actions'), '*'), 'logs:CreateLogStream', 'arn:aws:logs:x'), 'allowed', 'an unknown action');
  assert.equal(decide(allow('ssm:GetParameters', secret), 'ssm:GetParameters', SSM), 'allowed', 'an unknown resource');
  assert.equal(
    decide({ Statement: [{ Effect: region, Action: '*', Resource: '*' }] }, 's3:GetObject', 'x'),
    'allowed',
    'an unknown Effect',
  );
});

test('a Deny whose pattern holds a marker does not apply, nor a NotAction/NotResource Allow exclude', () => {
  const statements = (...s: unknown[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, ...s] });
  assert.equal(decide(statements(deny('ssm:GetParameters', secret)), 'ssm:GetParameters', SSM), 'allowed');
  assert.equal(decide(statements(deny(unknownMarker('Ref A'), '*')), 'ssm:GetParameters', SSM), 'allowed');
  assert.equal(
    decide(statements({ Effect: 'Deny', NotAction: unknownMarker('Ref A'), Resource: '*' }), 'ssm:GetParameters', SSM),
    'allowed',
  );
  assert.equal(decide(statements({ Effect: 'Deny', Action: '*', NotResource: secret }), 'ssm:GetParameters', SSM), 'allowed');
  assert.equal(
    decide({ Statement: [{ Effect: 'Allow', NotAction: unknownMarker('Ref A'), Resource: '*' }] }, 's3:GetObject', 'x'),
    'allowed',
  );
  assert.equal(decide({ Statement: [{ Effect: 'Allow', Action: '*', NotResource: secret }] }, 's3:GetObject', 'x'), 'allowed');
});

test('trust policies: an unknown principal may be the service, never certainly; unknown statements are unreadable', () => {
  const trust = (principal: unknown, effect = 'Allow') => ({
    Statement: [{ Effect: effect, Principal: principal, Action: 'sts:AssumeRole' }],
  });
  assert.equal(evaluateTrust(trust({ Service: unknownMarker('Ref Service') }), 'ecs-tasks.amazonaws.com').decision, 'allowed');
  assert.equal(evaluateTrust(trust(secret), 'ecs-tasks.amazonaws.com').decision, 'allowed');
  const denied = {
    Statement: [...trust({ Service: 'ecs-tasks.amazonaws.com' }).Statement, ...trust({ Service: secret }, 'Deny').Statement],
  };
  assert.equal(evaluateTrust(denied, 'ecs-tasks.amazonaws.com').decision, 'allowed');
  assert.ok(hasUnknownStatements(secret) && hasUnknownStatements({ Statement: secret }) && hasUnknownStatements({ Statement: [secret] }));
  assert.ok(!hasUnknownStatements(allow('s3:GetObject', secret)), 'a statement with an unknown value is still read');
});
