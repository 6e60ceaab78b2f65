import { iamUnknownConditionKey } from '../../../../server/src/core/rules/iam/iam-unknown-condition-key';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (action: unknown, condition: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*', Condition: condition, ...extra }],
});
const at = (operator: string, key: string) => ['Statement', 0, 'Condition', operator, key];

ruleTester(iamUnknownConditionKey, {
  valid: [
    {
      name: 'global keys, any case',
      json: policy('s3:GetObject', { StringEquals: { 'aws:SourceAccount': '111122223333', 'AWS:PrincipalOrgID': 'o-1' } }),
    },
    { name: 'a key of the action', json: policy('s3:ListBucket', { StringLike: { 's3:prefix': 'home/' } }) },
    {
      name: 'tag keys through their templates (${TagKey} and tag-key)',
      json: policy(['secretsmanager:GetSecretValue'], {
        StringEquals: { 'aws:ResourceTag/team': 'web', 'secretsmanager:ResourceTag/RedshiftQueryOwner': 'x', 'aws:PrincipalTag/dept': 'a' },
      }),
    },
    {
      name: 'keys of another service the action lists (iam:PassedToService on iam:PassRole)',
      json: policy('iam:PassRole', { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } }),
    },
    {
      name: 'session keys a service puts on its credentials (lambda:SourceFunctionArn)',
      json: policy('s3:GetObject', { ArnEquals: { 'lambda:SourceFunctionArn': 'arn:aws:lambda:us-east-1:111122223333:function:f' } }),
    },
    { name: 'NotAction and "*" statements are not judged for applicability', json: policy('*', { StringEquals: { 's3:prefix': 'a' } }) },
    {
      name: 'OIDC provider claims in a trust policy',
      json: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:a:b',
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'saml:aud': 'x',
              },
            },
          },
        ],
      },
    },
    { name: 'template placeholders', json: policy('s3:GetObject', { StringEquals: { '${oidc}:sub': 'x' } }) },
  ],
  invalid: [
    {
      name: 'a misspelt global key, with a fix',
      json: policy('s3:GetObject', { StringEquals: { 'aws:SourceAcount': '111122223333' } }),
      findings: [
        {
          path: at('StringEquals', 'aws:SourceAcount'),
          severity: 'warning',
          message: 'is not a global condition key; no request carries it',
          fix: {
            title: 'Change to "aws:SourceAccount"',
            output: policy('s3:GetObject', { StringEquals: { 'aws:SourceAccount': '111122223333' } }),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'a misspelt service key',
      json: policy('s3:ListBucket', { StringLike: { 's3:prefixes': 'a' } }),
      findings: [
        {
          path: at('StringLike', 's3:prefixes'),
          message: 'is not a condition key of s3',
          fix: { title: 'Change to "s3:prefix"', output: policy('s3:ListBucket', { StringLike: { 's3:prefix': 'a' } }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'a key of another service than the actions',
      json: policy(['ecr:BatchGetImage'], { StringLike: { 's3:prefix': 'a' } }),
      findings: [{ path: at('StringLike', 's3:prefix'), message: 'does not apply to the actions of this statement (ecr)', target: 'key' }],
    },
    {
      name: 'no prefix',
      json: policy('s3:GetObject', { StringEquals: { SourceAccount: '1' } }),
      findings: [{ path: at('StringEquals', 'SourceAccount'), message: 'keys are written prefix:name', target: 'key' }],
    },
    {
      name: 'an unknown prefix',
      json: policy('s3:GetObject', { StringEquals: { 'foo:bar': '1' } }),
      findings: [{ path: at('StringEquals', 'foo:bar'), message: '"foo" is neither "aws" nor a service prefix', target: 'key' }],
    },
  ],
});
