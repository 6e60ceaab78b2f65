import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patternsOverlap, resourceFitsTemplate } from '../../../../server/src/core/iam/arn';
import { iamInvalidArn } from '../../../../server/src/core/rules/iam/iam-invalid-arn';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (resource: unknown, key = 'Resource') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', [key]: resource }],
});
const at = (i?: number) => (i === undefined ? ['Statement', 0, 'Resource'] : ['Statement', 0, 'Resource', i]);

ruleTester(iamInvalidArn, {
  valid: [
    {
      name: 'star and plain ARNs',
      json: policy([
        '*',
        'arn:aws:s3:::bucket/*',
        'arn:aws:ecr:us-east-1:111122223333:repository/web',
        'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web:*',
      ]),
    },
    {
      name: 'other partitions and wildcards in every field',
      json: policy([
        'arn:aws-cn:s3:::b',
        'arn:aws-us-gov:iam::111122223333:role/r',
        'arn:aws-iso-b:s3:::b',
        'arn:*:kms:*:*:key/*',
        'arn:aws:*:*:*:*',
      ]),
    },
    {
      name: 'variables and placeholders',
      json: policy([
        'arn:aws:s3:::b/${aws:username}/*',
        'arn:*:kms:*:${aws:PrincipalAccount}:key/*',
        'arn:aws:s3:::${bucket_name}/*',
        '${bucket_arn}',
        'arn:aws:logs:${region}:${account_id}:log-group:x',
        'arn:aws:ecr:{{region}}:{{account}}:repository/x',
      ]),
    },
    {
      name: 'the AWS account "aws" and empty accounts of AWS-owned resources',
      json: policy(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:ssm:*::document/AWS-RunShellScript', 'arn:aws:ec2:*::image/*']),
    },
    { name: 'an empty resource part (organizations)', json: policy('arn:aws:organizations::*:') },
    { name: 'NotResource is checked the same way', json: policy('arn:aws:s3:::b', 'NotResource') },
  ],
  invalid: [
    {
      name: 'a bucket name instead of an ARN',
      json: policy('my-bucket'),
      findings: [{ path: at(), severity: 'error', message: '"my-bucket" is not an ARN' }],
    },
    {
      name: 'upper-case ARN prefix',
      json: policy('ARN:aws:s3:::b'),
      findings: [
        {
          path: at(),
          message: 'lower-case "arn:"',
          fix: { title: 'Change to "arn:aws:s3:::b"', output: policy('arn:aws:s3:::b'), safe: true },
        },
      ],
    },
    {
      name: 'five fields',
      json: policy('arn:aws:s3::bucket'),
      findings: [{ path: at(), message: 'has 5 of the 6 colon-separated ARN fields' }],
    },
    {
      name: 'a partition that does not exist',
      json: policy('arn:amazon:s3:::b'),
      findings: [{ path: at(), message: 'Partition "amazon" does not exist' }],
    },
    {
      name: 'an aws-like partition fargate-lint does not know: warning',
      json: policy('arn:aws-xyz:s3:::b'),
      findings: [{ path: at(), severity: 'warning', message: 'check the spelling' }],
    },
    {
      name: 'upper-case service',
      json: policy(['arn:aws:S3:::b']),
      findings: [
        {
          path: at(0),
          message: 'must be written in lower case',
          fix: { title: 'Change to "arn:aws:s3:::b"', output: policy(['arn:aws:s3:::b']), safe: true },
        },
      ],
    },
    { name: 'an empty service', json: policy('arn:aws:::x:y'), findings: [{ path: at(), message: 'service field' }] },
    {
      name: 'a Region that is not one',
      json: policy('arn:aws:ecr:useast1:111122223333:repository/x'),
      findings: [{ path: at(), message: '"useast1" is not a Region name' }],
    },
    {
      name: 'account ids: 11 and 13 digits, letters',
      json: policy(['arn:aws:iam::11112222333:role/r', 'arn:aws:iam::1111222233334:role/r', 'arn:aws:iam::abc:role/r']),
      findings: [0, 1, 2].map((i) => ({ path: at(i), message: 'must be a 12-digit account ID' })),
    },
    {
      name: 'an S3 bucket with a Region: none of its types has one',
      json: policy('arn:aws:s3:us-east-1::bucket'),
      findings: [
        {
          path: at(),
          message: 's3 ARNs of this kind have no Region (arn:${Partition}:s3:::${BucketName})',
          fix: { title: 'Change to "arn:aws:s3:::bucket"', output: policy('arn:aws:s3:::bucket') },
        },
      ],
    },
    {
      name: 'an IAM role with a Region',
      json: policy('arn:aws:iam:us-east-1:111122223333:role/r'),
      findings: [{ path: at(), message: 'have no Region', fixes: ['Change to "arn:aws:iam::111122223333:role/r"'] }],
    },
    {
      name: 'a log group without Region',
      json: policy('arn:aws:logs::111122223333:log-group:x'),
      findings: [{ path: at(), message: 'logs ARNs of this kind name a Region' }],
    },
    {
      name: 'an S3 bucket with an account',
      json: policy('arn:aws:s3::111122223333:bucket'),
      findings: [
        {
          path: at(),
          message: 'have no account ID',
          fix: { title: 'Change to "arn:aws:s3:::bucket"', output: policy('arn:aws:s3:::bucket') },
        },
      ],
    },
  ],
});

test('iam-invalid-arn: template matching without regular expressions', () => {
  assert.equal(resourceFitsTemplate('repository/web', 'repository/${RepositoryName}'), true);
  assert.equal(resourceFitsTemplate('repository/*', 'repository/${RepositoryName}'), true);
  assert.equal(resourceFitsTemplate('bucket/*', '${BucketName}/${ObjectName}'), true);
  assert.equal(resourceFitsTemplate('bucket', '${BucketName}/${ObjectName}'), false);
  assert.equal(resourceFitsTemplate('bucket/*', '${BucketName}'), false, 'a bucket ARN names no path');
  assert.equal(resourceFitsTemplate('buck*', '${BucketName}'), true);
  assert.equal(resourceFitsTemplate('log-group:x:*', 'log-group:${LogGroupName}:log-stream:${LogStreamName}'), true);
  assert.equal(patternsOverlap('a*c', 'ab?'), true);
  assert.equal(patternsOverlap('a*c', 'b*'), false);
  assert.equal(patternsOverlap('*', ''), true);
  // Past a million states the answer is "may overlap" (nothing is reported) rather than a long search.
  assert.equal(patternsOverlap('*a'.repeat(2000), '*b'.repeat(2000)), true);
});
