import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iamInvalidService } from '../../../../server/src/core/rules/iam/iam-invalid-service';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const policy = (actions: unknown, key = 'Action') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', [key]: actions, Resource: '*' }],
});

ruleTester(iamInvalidService, {
  valid: [
    { name: 'known services', json: policy(['ecr:GetAuthorizationToken', 'logs:PutLogEvents', 'secretsmanager:GetSecretValue']) },
    { name: 'prefixes are case-insensitive', json: policy(['ECR:BatchGetImage', 'S3:GetObject']) },
    { name: 'wildcards', json: policy(['*', 's3*:Get*', 'ec?:Describe*', '*:*']) },
    { name: 'unknown action of a known service is not this rule', json: policy('s3:GetObjects') },
    { name: 'malformed entries are left to iam-policy-structure', json: policy(['s3', ':GetObject', 's3:']) },
    { name: 'placeholders', json: policy(['${service}:GetObject', '{{svc}}:Get*']) },
    {
      name: 'trust policy with sts',
      json: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    },
  ],
  invalid: [
    {
      name: 'typo in the prefix, with did-you-mean fix',
      json: policy(['ecr:GetAuthorizationToken', 'ecs:RunTask', 'seecretsmanager:GetSecretValue']),
      findings: [
        {
          path: ['Statement', 0, 'Action', 2],
          severity: 'warning',
          message: 'Did you mean "secretsmanager"?',
          fix: {
            title: 'Change to "secretsmanager:GetSecretValue"',
            output: policy(['ecr:GetAuthorizationToken', 'ecs:RunTask', 'secretsmanager:GetSecretValue']),
          },
        },
      ],
    },
    {
      name: 'a single string Action',
      json: policy('s4:GetObject'),
      findings: [
        {
          path: ['Statement', 0, 'Action'],
          message: '"s4" is not the prefix of any AWS service',
          fixes: [
            { title: 'Change to "s3:GetObject"', output: policy('s3:GetObject') },
            'Change to "a4b:GetObject"',
            'Change to "ce:GetObject"',
            'Change to "ds:GetObject"',
            'Change to "es:GetObject"',
          ],
        },
      ],
    },
    {
      name: 'NotAction entries too',
      json: policy(['iamm:*'], 'NotAction'),
      findings: [
        {
          path: ['Statement', 0, 'NotAction', 0],
          fixes: [
            { title: 'Change to "iam:*"', output: policy(['iam:*'], 'NotAction') },
            'Change to "acm:*"',
            'Change to "oam:*"',
            'Change to "ram:*"',
            'Change to "wam:*"',
          ],
        },
      ],
    },
    {
      name: 'no close prefix: no fix',
      json: policy('nosuchservicex:Get'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'no effect' }],
    },
    {
      name: 'a retired service says so',
      json: policy('deeplens:*'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'retired service prefix' }],
    },
    {
      name: 'a service wildcard that matches no service',
      json: policy('zz*:Get*'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'matches no AWS service' }],
    },
  ],
});

test('iam-invalid-service: every close prefix is its own fix, the closest preferred, those having the action first among equals', () => {
  const { findings, fixesOf } = findingsOf(iamInvalidService, policy('ecx:DescribeTasks'));
  const fixes = fixesOf(findings[0]);
  assert.ok(fixes.length >= 2, fixes.map((f) => f.title).join());
  assert.equal(fixes[0].title, 'Change to "ecs:DescribeTasks"', 'ecs has DescribeTasks; ecr, also one edit away, does not');
  assert.deepEqual(
    fixes.map((f) => f.isPreferred),
    [true, ...fixes.slice(1).map(() => false)],
  );
  assert.ok(fixes.some((f) => f.title === 'Change to "ecr:DescribeTasks"'));
});
