import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iamInvalidAction } from '../../../../server/src/core/rules/iam/iam-invalid-action';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const policy = (actions: unknown, key = 'Action') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', [key]: actions, Resource: '*' }],
});

ruleTester(iamInvalidAction, {
  valid: [
    {
      name: 'the execution-role actions',
      json: policy([
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ]),
    },
    { name: 'action names are case-insensitive', json: policy(['s3:getobject', 'ECR:BATCHGETIMAGE']) },
    { name: 'wildcards that match', json: policy(['ecr:Get*', 'secretsmanager:GetSecret?alue', 's3:*', 'ec?:Describe*', '*']) },
    { name: 'unknown services are iam-invalid-service', json: policy(['s4:GetObjects', 'zz*:Get*']) },
    { name: 'placeholders', json: policy('ecr:${action}') },
  ],
  invalid: [
    {
      name: 's3:GetObjects → s3:GetObject',
      json: policy(['s3:GetObjects']),
      findings: [
        {
          path: ['Statement', 0, 'Action', 0],
          severity: 'warning',
          message: 'has no action "GetObjects"',
          fix: { title: 'Change to "s3:GetObject"', output: policy(['s3:GetObject']) },
        },
      ],
    },
    {
      name: 'a trailing space is one edit away',
      json: policy('ecr:BatchGetImage '),
      findings: [
        {
          path: ['Statement', 0, 'Action'],
          message: 'Did you mean "BatchGetImage"?',
          fix: { title: 'Change to "ecr:BatchGetImage"', output: policy('ecr:BatchGetImage') },
        },
      ],
    },
    {
      name: 'an API name that is not an IAM action: the action its name starts with',
      json: policy('sqs:SendMessageBatch'),
      findings: [
        {
          path: ['Statement', 0, 'Action'],
          message: 'Did you mean "SendMessage"?',
          fix: { title: 'Change to "sqs:SendMessage"', output: policy('sqs:SendMessage') },
        },
      ],
    },
    {
      name: 'NotAction entries too',
      json: policy(['iam:PassRoles'], 'NotAction'),
      findings: [{ path: ['Statement', 0, 'NotAction', 0], message: 'PassRole', fixes: ['Change to "iam:PassRole"'] }],
    },
    {
      name: 'a wildcard that matches no action',
      json: policy('ecr:NoSuch*'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'matches no action of Amazon Elastic Container Registry' }],
    },
    {
      name: 'a service wildcard whose services have no such action',
      json: policy('ec?:NoSuchThing*'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'matches no action of the services' }],
    },
    {
      name: 'nothing close: no fix',
      json: policy('budgets:DescribeBudgets'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'AWS Budget Service has no action' }],
    },
  ],
});

test('iam-invalid-action: one code action per candidate within two edits, closest preferred', () => {
  const { findings, fixesOf } = findingsOf(iamInvalidAction, policy('ssm:GetParameterz'));
  assert.equal(findings.length, 1);
  const fixes = fixesOf(findings[0]);
  const titles = fixes.map((f) => f.title);
  assert.equal(titles[0], 'Change to "ssm:GetParameter"');
  assert.ok(titles.includes('Change to "ssm:GetParameters"'), titles.join());
  assert.deepEqual(
    fixes.map((f) => !!f.isPreferred),
    titles.map((_, i) => i === 0),
  );
  assert.ok(
    fixes.every((f) => !f.safe),
    'choosing an action is never automatic',
  );
});
