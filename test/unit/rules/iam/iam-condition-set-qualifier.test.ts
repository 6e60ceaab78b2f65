import { iamConditionSetQualifier } from '../../../../server/src/core/rules/iam/iam-condition-set-qualifier';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (condition: unknown, effect = 'Allow') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Action: 's3:*', Resource: '*', Condition: condition }],
});
const op = (operator: string) => ['Statement', 0, 'Condition', operator];

ruleTester(iamConditionSetQualifier, {
  valid: [
    {
      name: 'qualifiers on multi-valued keys',
      json: policy({
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] },
        'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/*' },
      }),
    },
    { name: 'single-valued keys without qualifier', json: policy({ StringEquals: { 'aws:SourceAccount': '1' } }) },
    {
      name: 'ForAllValues on a single-valued key in a Deny is not permissive',
      json: policy({ 'ForAllValues:StringEquals': { 'aws:SourceAccount': '1' } }, 'Deny'),
    },
    { name: 'unknown keys are not judged', json: policy({ 'ForAllValues:StringEquals': { 'foo:bar': '1' } }) },
  ],
  invalid: [
    {
      name: 'ForAllValues with a single-valued key in an Allow',
      json: policy({ 'ForAllValues:StringEquals': { 'aws:SourceAccount': '111122223333' } }),
      findings: [
        {
          path: op('ForAllValues:StringEquals'),
          severity: 'warning',
          message: 'also applies to requests without aws:SourceAccount',
          fix: {
            title: 'Change the operator to "StringEquals" for aws:SourceAccount',
            output: policy({ StringEquals: { 'aws:SourceAccount': '111122223333' } }),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'the fix moves one key into an existing block and keeps the others',
      json: policy({
        'ForAllValues:StringEquals': { 'aws:SourceAccount': '1', 'aws:TagKeys': ['a'] },
        StringEquals: { 'aws:PrincipalOrgID': 'o-1' },
      }),
      findings: [
        {
          path: op('ForAllValues:StringEquals'),
          fix: {
            title: /for aws:SourceAccount$/,
            output: policy({
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] },
              StringEquals: { 'aws:PrincipalOrgID': 'o-1', 'aws:SourceAccount': '1' },
            }),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'a multi-valued key without qualifier: information',
      json: policy({ StringEquals: { 'aws:TagKeys': 'a' } }),
      findings: [
        {
          path: [...op('StringEquals'), 'aws:TagKeys'],
          severity: 'information',
          message: 'ForAnyValue: (at least one matches) or ForAllValues:',
          target: 'key',
        },
      ],
    },
    {
      name: 'Null with a qualifier: information',
      json: policy({ 'ForAnyValue:Null': { 'aws:TagKeys': 'false' } }),
      findings: [
        {
          path: op('ForAnyValue:Null'),
          severity: 'information',
          message: 'it is always false',
          fix: { title: 'Change the operator to "Null" for aws:TagKeys', output: policy({ Null: { 'aws:TagKeys': 'false' } }) },
          target: 'key',
        },
      ],
    },
  ],
});
