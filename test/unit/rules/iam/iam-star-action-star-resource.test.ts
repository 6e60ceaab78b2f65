import { iamStarActionStarResource } from '../../../../server/src/core/rules/iam/iam-star-action-star-resource';
import { ruleTester } from '../../../helpers/ruleTester';

const statement = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...s }] });

ruleTester(iamStarActionStarResource, {
  valid: [
    { name: 'all of one service', json: statement({ Action: 's3:*', Resource: '*' }) },
    { name: 'everything on one resource', json: statement({ Action: '*', Resource: 'arn:aws:s3:::b' }) },
    { name: 'Deny everything', json: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } },
    { name: 'NotAction', json: statement({ NotAction: '*', Resource: '*' }) },
    {
      name: 'resource policies are left out (data-perimeter filters)',
      json: {
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess',
      json: statement({ Action: '*', Resource: '*' }),
      findings: [
        {
          path: ['Statement', 0, 'Action'],
          severity: 'warning',
          message: /every action on every resource \(full administrator access\)\. /,
        },
      ],
    },
    {
      name: '*:* in a list, with a condition',
      json: statement({ Action: ['s3:GetObject', '*:*'], Resource: ['*'], Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
      findings: [{ path: ['Statement', 0, 'Action', 1], message: 'limited only by its Condition' }],
    },
  ],
});
