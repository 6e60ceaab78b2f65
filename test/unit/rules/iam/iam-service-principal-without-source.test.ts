import { iamServicePrincipalWithoutSource } from '../../../../server/src/core/rules/iam/iam-service-principal-without-source';
import { ruleTester } from '../../../helpers/ruleTester';

const trust = (service: unknown, condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) },
  ],
});
const topicPolicy = (condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: 'arn:aws:sns:us-east-1:111122223333:t',
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

ruleTester(iamServicePrincipalWithoutSource, {
  valid: [
    {
      name: 'ECS tasks limited to the account and cluster ARNs',
      json: trust('ecs-tasks.amazonaws.com', {
        ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:111122223333:*' },
        StringEquals: { 'aws:SourceAccount': '111122223333' },
      }),
    },
    { name: 'aws:SourceOrgID counts', json: trust('lambda.amazonaws.com', { StringEquals: { 'aws:SourceOrgID': 'o-1' } }) },
    {
      name: 'a resource policy with aws:SourceArn',
      json: topicPolicy({ ArnEquals: { 'aws:sourcearn': 'arn:aws:events:us-east-1:111122223333:rule/r' } }),
    },
    {
      name: 'AWS principals are not services',
      json: { Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }] },
    },
  ],
  invalid: [
    {
      name: 'ecs-tasks in a trust policy: the documented condition, as information',
      json: trust('ecs-tasks.amazonaws.com'),
      findings: [
        { path: ['Statement', 0, 'Principal', 'Service'], severity: 'information', message: 'ECS documents a condition for task roles' },
      ],
    },
    {
      name: 'other services in a trust policy: information, each',
      json: trust(['lambda.amazonaws.com', 'ec2.amazonaws.com']),
      findings: [
        { path: ['Statement', 0, 'Principal', 'Service', 0], severity: 'information', message: 'check its documentation' },
        { path: ['Statement', 0, 'Principal', 'Service', 1], severity: 'information' },
      ],
    },
    {
      name: 'a resource policy: warning',
      json: topicPolicy(),
      findings: [{ path: ['Statement', 0, 'Principal', 'Service'], severity: 'warning', message: 'on behalf of any AWS account' }],
    },
  ],
});
