import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIamVariableName, scanVariables } from '../../../../server/src/core/iam/variables';
import { iamPolicyVariable } from '../../../../server/src/core/rules/iam/iam-policy-variable';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (statement: Record<string, unknown>, version: string | null = '2012-10-17') => ({
  ...(version === null ? {} : { Version: version }),
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', ...statement }],
});

ruleTester(iamPolicyVariable, {
  valid: [
    {
      name: 'variables in Resource and Condition',
      json: policy({
        Resource: 'arn:aws:s3:::b/home/${aws:username}/*',
        Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*', "${aws:PrincipalTag/team, 'none'}"] } },
      }),
    },
    {
      name: 'escapes and ARN operators',
      json: policy({
        Resource: 'arn:aws:s3:::b/${*}',
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:*:${aws:PrincipalAccount}:*' } },
      }),
    },
    {
      name: 'template placeholders are not IAM variables',
      json: policy(
        { Action: '${service}:*', Resource: 'arn:aws:s3:::${bucket}', Principal: { AWS: 'arn:aws:iam::${AWS::AccountId}:root' } },
        null,
      ),
    },
    { name: 'a default value written with no space', json: policy({ Resource: "arn:aws:s3:::b/${aws:username,'x'}" }) },
  ],
  invalid: [
    {
      name: 'missing closing brace',
      json: policy({ Resource: 'arn:aws:s3:::b/${aws:username/*' }),
      findings: [{ path: ['Statement', 0, 'Resource'], severity: 'error', message: 'has no closing "}"' }],
    },
    {
      name: 'a space inside',
      json: policy({ Resource: 'arn:aws:s3:::b/${ aws:username}' }),
      findings: [{ path: ['Statement', 0, 'Resource'], message: 'contains a space' }],
    },
    {
      name: 'empty',
      json: policy({ Condition: { StringEquals: { 's3:prefix': '${}' } } }),
      findings: [{ path: ['Statement', 0, 'Condition', 'StringEquals', 's3:prefix'], message: 'is empty' }],
    },
    {
      name: 'a default value without quotes',
      json: policy({ Resource: 'arn:aws:s3:::b/${aws:username, none}' }),
      findings: [{ path: ['Statement', 0, 'Resource'], message: 'not in single quotes' }],
    },
    {
      name: 'in Action',
      json: policy({ Action: 's3:${aws:username}' }),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'not in Action' }],
    },
    {
      name: 'in Principal',
      json: policy({ Principal: { AWS: 'arn:aws:iam::111122223333:user/${aws:username}' } }),
      findings: [{ path: ['Statement', 0, 'Principal', 'AWS'], message: 'not in Principal' }],
    },
    {
      name: 'under Version 2008-10-17',
      json: policy({ Resource: ['arn:aws:s3:::b/${aws:username}'] }, '2008-10-17'),
      findings: [{ path: ['Statement', 0, 'Resource', 0], message: 'a plain string under Version "2008-10-17"' }],
    },
    {
      name: 'without Version',
      json: policy({ Resource: 'arn:aws:s3:::b/${aws:username}' }, null),
      findings: [{ path: ['Statement', 0, 'Resource'], message: 'without Version (which means 2008-10-17)' }],
    },
    {
      name: 'with a Numeric or Null operator',
      json: policy({ Condition: { NumericLessThan: { 's3:max-keys': '${aws:x}' }, Null: { 'aws:y': '${aws:z}' } } }),
      findings: [
        { path: ['Statement', 0, 'Condition', 'NumericLessThan', 's3:max-keys'], message: 'only with String and Arn operators' },
        { path: ['Statement', 0, 'Condition', 'Null', 'aws:y'] },
      ],
    },
  ],
});

test('iam-policy-variable: IAM variables and template placeholders are told apart', () => {
  for (const name of [
    'aws:username',
    'aws:PrincipalTag/team',
    'saml:sub',
    'www.amazon.com:user_id',
    'token.actions.githubusercontent.com:sub',
    '*',
    '?',
    '$',
  ])
    assert.ok(isIamVariableName(name), name);
  for (const name of ['account_id', 'AWS::Region', 'var.bucket', 'data.aws_caller_identity.current.account_id', ':x', 'aws:'])
    assert.ok(!isIamVariableName(name), name);
  assert.deepEqual(scanVariables('a${aws:x}b${c'), [
    { start: 1, text: '${aws:x}', name: 'aws:x', iam: true },
    { start: 10, text: '${c', name: 'c', iam: false, problem: 'missing-brace' },
  ]);
});
