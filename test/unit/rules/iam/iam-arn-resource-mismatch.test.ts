import { iamArnResourceMismatch } from '../../../../server/src/core/rules/iam/iam-arn-resource-mismatch';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (action: unknown, resource: unknown, key = 'Action') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', [key]: action, Resource: resource }],
});
const at = (i?: number) => (i === undefined ? ['Statement', 0, 'Resource'] : ['Statement', 0, 'Resource', i]);

ruleTester(iamArnResourceMismatch, {
  valid: [
    {
      name: 'ECR image pull on a repository',
      json: policy(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], 'arn:aws:ecr:us-east-1:111122223333:repository/web'),
    },
    {
      name: 'bucket and objects, each taken by one action',
      json: policy(['s3:ListBucket', 's3:GetObject'], ['arn:aws:s3:::b', 'arn:aws:s3:::b/*']),
    },
    {
      name: 'log streams by a log-group wildcard',
      json: policy(['logs:CreateLogStream', 'logs:PutLogEvents'], 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*'),
    },
    { name: 'a wildcard action list and "*"', json: policy('ecr:Get*', ['*', 'arn:aws:ecr:*:*:repository/*']) },
    {
      name: 'a type listed by another service (ssm:SendCommand on an EC2 instance)',
      json: policy('ssm:SendCommand', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc'),
    },
    {
      name: 'NotAction, "*" and unknown actions are not judged',
      json: {
        Statement: [
          { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' },
          { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' },
          { Effect: 'Allow', Action: 'nosuch:Thing', Resource: 'arn:aws:s3:::b' },
        ],
      },
    },
    { name: 'placeholders', json: policy('s3:GetObject', ['arn:aws:s3:::${bucket}/*', 'arn:aws:${service}:::x']) },
  ],
  invalid: [
    {
      name: 's3:ListBucket on objects only: the classic',
      json: policy('s3:ListBucket', 'arn:aws:s3:::b/*'),
      findings: [
        {
          path: at(),
          severity: 'warning',
          message: 'No action of this statement (s3:ListBucket) acts on a resource like "arn:aws:s3:::b/*"',
        },
      ],
    },
    {
      name: 'an S3 action on an ECR repository',
      json: policy(['s3:GetObject'], ['arn:aws:s3:::b/*', 'arn:aws:ecr:us-east-1:111122223333:repository/web']),
      findings: [{ path: at(1), message: 'object (arn:${Partition}:s3:::${BucketName}/${ObjectName})' }],
    },
    {
      name: 'an action without resource types and an ARN',
      json: policy('ecr:GetAuthorizationToken', 'arn:aws:ecr:us-east-1:111122223333:repository/web'),
      findings: [{ path: at(), message: 'They only take "Resource": "*".' }],
    },
  ],
});
