import { iamConditionWildcardWithoutLike } from '../../../../server/src/core/rules/iam/iam-condition-wildcard-without-like';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (condition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: condition }],
});
const at = (operator: string, key: string, ...rest: number[]) => ['Statement', 0, 'Condition', operator, key, ...rest];

ruleTester(iamConditionWildcardWithoutLike, {
  valid: [
    {
      name: 'Like operators',
      json: policy({ StringLike: { 's3:prefix': 'home/*' }, 'ForAnyValue:StringNotLike': { 'aws:TagKeys': 'tmp-?' } }),
    },
    {
      name: 'Arn operators take wildcards, ArnEquals too',
      json: policy({ ArnEquals: { 'aws:SourceArn': 'arn:aws:ecs:*:111122223333:*' } }),
    },
    { name: 'no wildcard', json: policy({ StringEquals: { 's3:prefix': 'home/' } }) },
    { name: 'escaped star and question mark', json: policy({ StringEquals: { 's3:prefix': 'a${*}b${?}' } }) },
    { name: 'non-string operators are the value rule', json: policy({ NumericEquals: { 's3:max-keys': '*' } }) },
  ],
  invalid: [
    {
      name: 'StringEquals with a star: renamed to StringLike when it is the only key',
      json: policy({ StringEquals: { 's3:prefix': 'home/*' } }),
      findings: [
        {
          path: at('StringEquals', 's3:prefix'),
          severity: 'warning',
          message: 'If you meant a wildcard, use "StringLike"',
          fix: { title: 'Change "StringEquals" to "StringLike" for s3:prefix', output: policy({ StringLike: { 's3:prefix': 'home/*' } }) },
        },
      ],
    },
    {
      name: 'the key moves into an existing StringLike block; the rest stays',
      json: policy({
        StringEquals: { 's3:prefix': ['a', 'b*'], 'aws:PrincipalAccount': '111122223333' },
        StringLike: { 's3:delimiter': '/' },
      }),
      findings: [
        {
          path: at('StringEquals', 's3:prefix', 1),
          fix: {
            title: 'Change "StringEquals" to "StringLike" for s3:prefix',
            output: policy({
              StringEquals: { 'aws:PrincipalAccount': '111122223333' },
              StringLike: { 's3:delimiter': '/', 's3:prefix': ['a', 'b*'] },
            }),
          },
        },
      ],
    },
    {
      name: 'a block left empty by the move is removed',
      json: policy({ StringNotEqualsIfExists: { 's3:prefix': '?' }, StringNotLikeIfExists: { 's3:delimiter': '/' } }),
      findings: [
        {
          path: at('StringNotEqualsIfExists', 's3:prefix'),
          message: '"StringNotLikeIfExists"',
          fix: { title: /StringNotLikeIfExists/, output: policy({ StringNotLikeIfExists: { 's3:delimiter': '/', 's3:prefix': '?' } }) },
        },
      ],
    },
    {
      name: 'IgnoreCase has no Like form: reported, no fix',
      json: policy({ StringEqualsIgnoreCase: { 'aws:username': 'adm*' } }),
      findings: [{ path: at('StringEqualsIgnoreCase', 'aws:username'), message: /compares as literal characters\.$/ }],
    },
  ],
});
