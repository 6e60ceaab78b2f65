import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOperator } from '../../../../server/src/core/iam/conditions';
import { iamInvalidConditionOperator, suggestOperators } from '../../../../server/src/core/rules/iam/iam-invalid-condition-operator';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (condition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }],
});
const at = (operator: string) => ['Statement', 0, 'Condition', operator];

ruleTester(iamInvalidConditionOperator, {
  valid: [
    {
      name: 'every base operator',
      json: policy(
        Object.fromEntries(
          [
            'StringEquals',
            'StringNotEqualsIgnoreCase',
            'NumericLessThanEquals',
            'DateGreaterThan',
            'Bool',
            'BinaryEquals',
            'IpAddress',
            'NotIpAddress',
            'ArnLike',
            'ArnNotEquals',
            'Null',
          ].map((o) => [o, { 'aws:x': 'y' }]),
        ),
      ),
    },
    {
      name: 'IfExists forms',
      json: policy({
        StringLikeIfExists: { 's3:prefix': 'a' },
        BoolIfExists: { 'aws:SecureTransport': 'true' },
        ArnEqualsIfExists: { 'aws:SourceArn': 'arn:aws:s3:::b' },
      }),
    },
    {
      name: 'set qualifiers',
      json: policy({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] }, 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'a*' } }),
    },
    {
      name: 'no condition, or a condition that is not an object',
      json: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: 'x' }] },
    },
  ],
  invalid: [
    {
      name: 'StringEqualz → StringEquals',
      json: policy({ StringEqualz: { 'aws:SourceAccount': '111122223333' } }),
      findings: [
        {
          path: at('StringEqualz'),
          severity: 'error',
          message: '"StringEqualz" is not a condition operator',
          fix: { title: 'Change to "StringEquals"', output: policy({ StringEquals: { 'aws:SourceAccount': '111122223333' } }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'names are case-sensitive: stringEquals',
      json: policy({ stringEquals: { 'aws:SourceAccount': '1' } }),
      findings: [
        {
          path: at('stringEquals'),
          message: 'Did you mean "StringEquals"?',
          fixes: [
            { title: 'Change to "StringEquals"', output: policy({ StringEquals: { 'aws:SourceAccount': '1' } }) },
            'Change to "StringNotEquals"',
          ],
          target: 'key',
        },
      ],
    },
    {
      name: 'NullIfExists → Null',
      json: policy({ NullIfExists: { 'aws:TokenIssueTime': 'true' } }),
      findings: [
        {
          path: at('NullIfExists'),
          message: 'Null operator cannot take the IfExists suffix',
          fix: { title: 'Change to "Null"', output: policy({ Null: { 'aws:TokenIssueTime': 'true' } }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'ForAllValue: (missing s) → ForAllValues:',
      json: policy({ 'ForAllValue:StringLike': { 'aws:TagKeys': ['a*'] } }),
      findings: [
        {
          path: at('ForAllValue:StringLike'),
          message: '"ForAllValue:" is not a set qualifier',
          fix: { title: 'Change to "ForAllValues:StringLike"', output: policy({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['a*'] } }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'StringEqualsExists (no If) is not an operator',
      json: policy({ StringEqualsExists: { 's3:prefix': 'a' } }),
      findings: [
        {
          path: at('StringEqualsExists'),
          message: 'Did you mean "StringEqualsIfExists"?',
          fix: { title: 'Change to "StringEqualsIfExists"', output: policy({ StringEqualsIfExists: { 's3:prefix': 'a' } }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'a name with nothing close gets no suggestion',
      json: policy({ Whatever: { 's3:prefix': 'a' } }),
      findings: [
        {
          path: at('Whatever'),
          message: /^"Whatever" is not a condition operator \(names are case-sensitive\)\. IAM rejects the policy\.$/,
          target: 'key',
        },
      ],
    },
    {
      name: 'two bad operators in one block, each reported',
      json: policy({ StringEqualz: { a: 'b' }, NumericLessThen: { 'aws:MultiFactorAuthAge': '3600' } }),
      findings: [
        { path: at('StringEqualz'), target: 'key', fixes: ['Change to "StringEquals"'] },
        { path: at('NumericLessThen'), message: 'Did you mean "NumericLessThan"?', target: 'key', fixes: ['Change to "NumericLessThan"'] },
      ],
    },
    {
      name: 'a single statement object, and a trust policy',
      json: {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLikeIfExist: { 'aws:SourceArn': 'arn:aws:ecs:*:111122223333:*' } },
        },
      },
      findings: [
        {
          path: ['Statement', 'Condition', 'ArnLikeIfExist'],
          message: 'Did you mean "ArnLikeIfExists"?',
          target: 'key',
          fixes: ['Change to "ArnLikeIfExists"'],
        },
      ],
    },
  ],
});

test('iam-invalid-condition-operator: parsing splits qualifier, base and IfExists', () => {
  assert.deepEqual(parseOperator('ForAnyValue:StringLikeIfExists'), {
    operator: {
      text: 'ForAnyValue:StringLikeIfExists',
      qualifier: 'ForAnyValue',
      base: 'StringLike',
      family: 'String',
      ifExists: true,
      negated: false,
      wildcards: true,
    },
  });
  assert.deepEqual(parseOperator('Null'), {
    operator: { text: 'Null', qualifier: undefined, base: 'Null', family: 'Null', ifExists: false, negated: false, wildcards: false },
  });
  assert.deepEqual(parseOperator('ForAllValues:NullIfExists'), { problem: { kind: 'null-if-exists' } });
  assert.deepEqual(parseOperator('a:b:StringEquals'), { problem: { kind: 'unknown-qualifier', qualifier: 'a' } });
  assert.deepEqual(parseOperator('IfExists'), { problem: { kind: 'unknown-operator', operator: 'IfExists' } });
});

test('iam-invalid-condition-operator: suggestions keep the valid parts and offer at most three', () => {
  assert.deepEqual(suggestOperators('ForAnyValues:StringEqualz', { kind: 'unknown-qualifier', qualifier: 'ForAnyValues' }), [
    'ForAnyValue:StringEquals',
  ]);
  assert.deepEqual(suggestOperators('ForAllValues:NullIfExists', { kind: 'null-if-exists' }), ['ForAllValues:Null']);
  assert.ok(suggestOperators('StringEqual', { kind: 'unknown-operator', operator: 'StringEqual' }).length <= 3);
  assert.equal(suggestOperators('StringEqual', { kind: 'unknown-operator', operator: 'StringEqual' })[0], 'StringEquals');
});
