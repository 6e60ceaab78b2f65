import { iamPassRoleWildcard } from '../../../../server/src/core/rules/iam/iam-pass-role-wildcard';
import { ruleTester } from '../../../helpers/ruleTester';

const statement = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...s }] });

ruleTester(iamPassRoleWildcard, {
  valid: [
    {
      name: 'PassRole on named roles',
      json: statement({
        Action: 'iam:PassRole',
        Resource: ['arn:aws:iam::111122223333:role/ecsTaskExecutionRole', 'arn:aws:iam::111122223333:role/app-*'],
      }),
    },
    { name: 'Deny is not a grant', json: { Statement: [{ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }] } },
    { name: 'a NotAction that excludes PassRole', json: statement({ NotAction: ['iam:*'], Resource: '*' }) },
    { name: 'other actions on "*"', json: statement({ Action: ['iam:GetRole', 'ecs:RunTask'], Resource: '*' }) },
    { name: '"Action": "*" on "*" is iam-star-action-star-resource\'s', json: statement({ Action: '*', Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'iam:PassRole on "*"',
      json: statement({ Action: ['ecs:RunTask', 'iam:PassRole'], Resource: '*' }),
      findings: [{ path: ['Statement', 0, 'Action', 1], severity: 'warning', message: 'grants iam:PassRole on "*"' }],
    },
    {
      name: 'any case',
      json: statement({ Action: 'IAM:passrole', Resource: 'arn:aws:iam::*:role/*' }),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'on "arn:aws:iam::*:role/*"' }],
    },
    {
      name: 'through iam:*',
      json: statement({ Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:*' }),
      findings: [{ path: ['Statement', 0, 'Action'], message: '"iam:*", which includes iam:PassRole,' }],
    },
    {
      name: 'through iam:Pass*',
      json: statement({ Action: ['iam:Pass*'], Resource: ['*'] }),
      findings: [{ path: ['Statement', 0, 'Action', 0] }],
    },
    {
      name: 'with NotResource',
      json: statement({ Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/admin' }),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'with NotResource' }],
    },
    {
      name: '"*" with NotResource',
      json: statement({ Action: '*', NotResource: 'arn:aws:s3:::b' }),
      findings: [{ path: ['Statement', 0, 'Action'], message: '"*", which includes iam:PassRole' }],
    },
    {
      name: 'NotAction that leaves PassRole in, on "*"',
      json: statement({ NotAction: ['s3:*'], Resource: '*' }),
      findings: [{ path: ['Statement', 0, 'NotAction'], message: 'NotAction, which does not exclude iam:PassRole' }],
    },
    {
      name: 'limited by iam:PassedToService: information',
      json: statement({
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
      findings: [{ path: ['Statement', 0, 'Action'], severity: 'information', message: 'iam:PassedToService limits which services' }],
    },
  ],
});
