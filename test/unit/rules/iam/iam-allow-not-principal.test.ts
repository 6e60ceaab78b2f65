import { iamAllowNotPrincipal } from '../../../../server/src/core/rules/iam/iam-allow-not-principal';
import { ruleTester } from '../../../helpers/ruleTester';

const bucketPolicy = (effect: string, principal: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, ...principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
});

ruleTester(iamAllowNotPrincipal, {
  valid: [
    { name: 'Deny with NotPrincipal', json: bucketPolicy('Deny', { NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }) },
    { name: 'Allow with Principal', json: bucketPolicy('Allow', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }) },
  ],
  invalid: [
    {
      name: 'Allow with NotPrincipal',
      json: bucketPolicy('Allow', { NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      findings: [
        {
          path: ['Statement', 0, 'NotPrincipal'],
          severity: 'warning',
          message: 'anonymous ones and other accounts included',
          target: 'key',
        },
      ],
    },
  ],
});
