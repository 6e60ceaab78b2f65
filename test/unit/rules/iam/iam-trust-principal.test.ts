import { iamTrustPrincipal } from '../../../../server/src/core/rules/iam/iam-trust-principal';
import { ruleTester } from '../../../helpers/ruleTester';

const trust = (principal: unknown, extra: Record<string, unknown> = {}, action = 'sts:AssumeRole') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: action, ...extra }],
});
const at = (...rest: (string | number)[]) => ['Statement', 0, 'Principal', ...rest];

ruleTester(iamTrustPrincipal, {
  valid: [
    { name: 'a service', json: trust({ Service: 'ecs-tasks.amazonaws.com' }) },
    {
      name: 'accounts, roots, roles, users, sessions',
      json: trust({
        AWS: [
          '111122223333',
          'arn:aws:iam::111122223333:root',
          'arn:aws:iam::111122223333:role/path/ci',
          'arn:aws:iam::111122223333:user/alice',
          'arn:aws:sts::111122223333:assumed-role/r/s',
          'arn:aws-cn:iam::111122223333:root',
        ],
      }),
    },
    {
      name: 'SAML and OIDC providers, web identity providers',
      json: trust({
        Federated: [
          'arn:aws:iam::111122223333:saml-provider/Okta',
          'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
          'cognito-identity.amazonaws.com',
          'accounts.google.com',
        ],
      }),
    },
    { name: 'placeholders', json: trust({ AWS: 'arn:aws:iam::${account_id}:root', Service: '${service}' }) },
    {
      name: "NotPrincipal is iam-policy-structure's",
      json: { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }] },
    },
  ],
  invalid: [
    {
      name: '"*" without a Condition',
      json: trust('*'),
      findings: [{ path: at(), severity: 'error', message: 'lets anyone in any AWS account assume this role' }],
    },
    {
      name: '{"AWS": "*"} with a Condition: warning',
      json: trust({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }),
      findings: [{ path: at('AWS'), severity: 'warning', message: 'only the Condition stands between it and everyone' }],
    },
    {
      name: 'a principal type in the wrong case, with a safe fix',
      json: trust({ service: 'ecs-tasks.amazonaws.com' }),
      findings: [
        {
          path: at('service'),
          message: 'use "Service" (the name is case-sensitive)',
          fix: { title: 'Rename to "Service"', output: trust({ Service: 'ecs-tasks.amazonaws.com' }), safe: true },
          target: 'key',
        },
      ],
    },
    {
      name: 'an unknown principal type',
      json: trust({ Group: 'admins' }),
      findings: [{ path: at('Group'), message: 'use AWS, Service or Federated', target: 'key' }],
    },
    {
      name: 'a bare string that is not "*"',
      json: trust('ecs-tasks.amazonaws.com'),
      findings: [{ path: at(), message: 'Principal must be "*" or an object' }],
    },
    {
      name: 'a partial wildcard in a role ARN',
      json: trust({ AWS: 'arn:aws:iam::111122223333:role/ci-*' }),
      findings: [{ path: at('AWS'), message: 'Wildcards cannot be part of a principal' }],
    },
    {
      name: 'a wildcard service',
      json: trust({ Service: ['*.amazonaws.com'] }),
      findings: [{ path: at('Service', 0), message: 'Wildcards cannot be part of a principal' }],
    },
    {
      name: 'an 11-digit account and a group ARN',
      json: trust({ AWS: ['11112222333', 'arn:aws:iam::111122223333:group/admins'] }),
      findings: [{ path: at('AWS', 0), message: 'is not an AWS principal' }, { path: at('AWS', 1) }],
    },
    {
      name: 'a unique ID (a deleted role): warning',
      json: trust({ AWS: 'AROAEXAMPLEID1234567' }),
      findings: [{ path: at('AWS'), severity: 'warning', message: 'IAM unique ID' }],
    },
    {
      name: 'an OIDC host without its provider ARN',
      json: trust({ Federated: 'token.actions.githubusercontent.com' }, {}, 'sts:AssumeRoleWithWebIdentity'),
      findings: [{ path: at('Federated'), message: 'is not a federated principal' }],
    },
    {
      name: 'CanonicalUser: warning',
      json: trust({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }),
      findings: [{ path: at('CanonicalUser'), severity: 'warning', message: 'Amazon S3 bucket policies' }],
    },
  ],
});
