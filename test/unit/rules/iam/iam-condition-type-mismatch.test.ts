import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iamConditionTypeMismatch } from '../../../../server/src/core/rules/iam/iam-condition-type-mismatch';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const policy = (condition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: condition }],
});
const at = (operator: string, key: string) => ['Statement', 0, 'Condition', operator, key];

ruleTester(iamConditionTypeMismatch, {
  valid: [
    {
      name: 'matching types',
      json: policy({
        Bool: { 'aws:SecureTransport': 'false' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
        DateGreaterThan: { 'aws:CurrentTime': '2026-01-01' },
        NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::b' },
      }),
    },
    { name: 'String operators on ARN keys', json: policy({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/r' } }) },
    { name: 'Null takes any key', json: policy({ Null: { 'aws:SourceIp': 'true' } }) },
    { name: 'multi-valued keys compare their element type', json: policy({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } }) },
    { name: 'unknown keys are another rule', json: policy({ NumericEquals: { 'aws:Nope': '1' } }) },
  ],
  invalid: [
    {
      name: 'a numeric operator on a string key never matches; fixed when the key is alone in its block',
      json: policy({ NumericEquals: { 'aws:SourceAccount': '111122223333' } }),
      findings: [
        {
          path: at('NumericEquals', 'aws:SourceAccount'),
          severity: 'warning',
          message: 'is of type String, but "NumericEquals" compares numeric values, so this condition never matches. Use "StringEquals".',
          fix: {
            title: 'Change the operator to "StringEquals"',
            output: policy({ StringEquals: { 'aws:SourceAccount': '111122223333' } }),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'Bool on an IP key, keeping IfExists',
      json: policy({ BoolIfExists: { 'aws:SourceIp': 'true' } }),
      findings: [
        {
          path: at('BoolIfExists', 'aws:SourceIp'),
          message: 'Use "IpAddressIfExists"',
          target: 'key',
          fixes: ['Change the operator to "IpAddressIfExists"'],
        },
      ],
    },
    {
      name: 'StringEquals on a Bool key works as text: information',
      json: policy({ StringEquals: { 'aws:SecureTransport': 'true' } }),
      findings: [
        {
          path: at('StringEquals', 'aws:SecureTransport'),
          severity: 'information',
          message: 'Use "Bool"',
          fix: { title: 'Change the operator to "Bool"', output: policy({ Bool: { 'aws:SecureTransport': 'true' } }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'ArnLike on a String key works when it holds ARNs: information; the fix moves that key only',
      json: policy({ ArnLike: { 'aws:SourceAccount': 'x', 'aws:SourceArn': 'arn:aws:s3:::b' } }),
      findings: [
        {
          path: at('ArnLike', 'aws:SourceAccount'),
          severity: 'information',
          message: 'works when the key holds ARNs',
          fix: {
            title: 'Change the operator to "StringLike"',
            output: policy({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::b' }, StringLike: { 'aws:SourceAccount': 'x' } }),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'no fix when the target block already has the key',
      json: policy({ NumericEquals: { 'aws:SourceAccount': '1' }, StringEquals: { 'aws:SourceAccount': '2' } }),
      findings: [{ path: at('NumericEquals', 'aws:SourceAccount'), target: 'key' }],
    },
  ],
});

test('iam-condition-type-mismatch: no fix when the target block already holds the key', () => {
  const { findings, fixesOf } = findingsOf(
    iamConditionTypeMismatch,
    policy({ NumericEquals: { 'aws:SourceAccount': '1' }, StringEquals: { 'aws:SourceAccount': '2' } }),
  );
  assert.deepEqual(fixesOf(findings[0]), []);
});
