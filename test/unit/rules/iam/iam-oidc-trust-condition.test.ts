import { iamOidcTrustCondition } from '../../../../server/src/core/rules/iam/iam-oidc-trust-condition';
import { ruleTester } from '../../../helpers/ruleTester';

const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const EKS = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF';
const trust = (federated: string, condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: federated },
      Action: 'sts:AssumeRoleWithWebIdentity',
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

ruleTester(iamOidcTrustCondition, {
  valid: [
    {
      name: 'GitHub with an exact sub',
      json: trust(GITHUB, {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo/app:ref:refs/heads/main',
        },
      }),
    },
    {
      name: 'EKS with a claim condition',
      json: trust(EKS, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF:sub': 'system:serviceaccount:ns:sa' } }),
    },
    { name: 'SAML providers are not OIDC', json: trust('arn:aws:iam::111122223333:saml-provider/Okta') },
  ],
  invalid: [
    {
      name: 'GitHub without sub',
      json: trust(GITHUB),
      findings: [
        {
          path: ['Statement', 0, 'Principal', 'Federated'],
          severity: 'warning',
          message: 'Any GitHub Actions workflow, in any repository',
        },
      ],
    },
    {
      name: 'GitHub with aud only',
      json: trust(GITHUB, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
      findings: [{ path: ['Statement', 0, 'Principal', 'Federated'] }],
    },
    {
      name: 'a wildcard in sub',
      json: trust(GITHUB, {
        StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:octo/app:ref:refs/heads/main', 'repo:octo/*'] },
      }),
      findings: [
        {
          path: ['Statement', 0, 'Condition', 'StringLike', 'token.actions.githubusercontent.com:sub', 1],
          message: 'uses a wildcard in the sub claim',
        },
      ],
    },
    {
      name: 'another OIDC provider without any claim condition',
      json: trust(EKS),
      findings: [
        {
          path: ['Statement', 0, 'Principal', 'Federated'],
          message: 'Every identity of the OIDC provider oidc.eks.us-east-1.amazonaws.com/id/ABCDEF',
        },
      ],
    },
  ],
});
