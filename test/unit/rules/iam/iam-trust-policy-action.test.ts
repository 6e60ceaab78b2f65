import { iamTrustPolicyAction } from '../../../../server/src/core/rules/iam/iam-trust-policy-action';
import { ruleTester } from '../../../helpers/ruleTester';

const trust = (principal: unknown, action: unknown, effect = 'Allow') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Principal: principal, Action: action }],
});
const SAML = { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' };
const OIDC = { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' };

ruleTester(iamTrustPolicyAction, {
  valid: [
    {
      name: 'a service with AssumeRole and TagSession',
      json: trust({ Service: 'ecs-tasks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']),
    },
    { name: 'SAML with AssumeRoleWithSAML', json: trust(SAML, 'sts:AssumeRoleWithSAML') },
    { name: 'OIDC with AssumeRoleWithWebIdentity, any case', json: trust(OIDC, 'STS:assumerolewithwebidentity') },
    { name: 'sts:* and sts:Assume* cover every principal', json: trust({ ...SAML, AWS: '111122223333' }, ['sts:Assume*']) },
    {
      name: 'Roles Anywhere with its three actions',
      json: trust({ Service: 'rolesanywhere.amazonaws.com' }, ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession']),
    },
    { name: 'TagSession alone in its own statement', json: trust({ AWS: '111122223333' }, 'sts:TagSession') },
  ],
  invalid: [
    {
      name: 'a permission in a trust policy',
      json: trust({ Service: 'ecs-tasks.amazonaws.com' }, ['sts:AssumeRole', 's3:GetObject']),
      findings: [{ path: ['Statement', 0, 'Action', 1], severity: 'error', message: 'has no meaning in a trust policy' }],
    },
    {
      name: 'SAML with AssumeRole',
      json: trust(SAML, 'sts:AssumeRole'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'assumes a role with sts:AssumeRoleWithSAML' }],
    },
    {
      name: 'OIDC with AssumeRole',
      json: trust(OIDC, ['sts:AssumeRole']),
      findings: [{ path: ['Statement', 0, 'Action', 0], message: 'sts:AssumeRoleWithWebIdentity' }],
    },
    {
      name: 'a service with AssumeRoleWithWebIdentity',
      json: trust({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity'),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'assumes a role with sts:AssumeRole,' }],
    },
    {
      name: 'Roles Anywhere without TagSession',
      json: trust({ Service: 'rolesanywhere.amazonaws.com' }, ['sts:AssumeRole', 'sts:SetSourceIdentity']),
      findings: [{ path: ['Statement', 0, 'Principal', 'Service'], message: 'missing: sts:TagSession' }],
    },
  ],
});
