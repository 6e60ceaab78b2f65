import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iamPolicyStructure } from '../../../../server/src/core/rules/iam/iam-policy-structure';
import { fixedText } from '../../../helpers/documents';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const allow = { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' };
const policy = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const trustStatement = { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' };
const trust = (extra: Record<string, unknown> = {}) => policy({ ...trustStatement, ...extra });
const bucketStatement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
const role = (trustPolicy: unknown, inline: unknown) => ({
  RoleName: 'app',
  AssumeRolePolicyDocument: trustPolicy,
  Policies: [{ PolicyName: 'p', PolicyDocument: inline }],
});

ruleTester(iamPolicyStructure, {
  valid: [
    { name: 'identity policy', json: policy(allow) },
    { name: 'single statement object, legacy version', json: { Version: '2008-10-17', Statement: allow } },
    { name: 'NotAction and NotResource', json: policy({ Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'arn:aws:iam::*:role/x' }) },
    { name: 'Sid of letters and digits, unique', json: policy({ Sid: 'Ecr1', ...allow }, { Sid: 'Ecr2', ...allow }) },
    {
      name: 'conditions with string, number, boolean and array values',
      json: policy({
        ...allow,
        Condition: {
          Bool: { 'aws:SecureTransport': true },
          NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
          StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] },
        },
      }),
    },
    { name: 'role trust policy', json: trust() },
    { name: 'trust policy Principal "*" is a principal rule matter', json: trust({ Principal: '*' }) },
    { name: 'resource policy with a Sid that has spaces (allowed outside IAM)', json: policy({ Sid: 'Allow read', ...bucketStatement }) },
    {
      name: 'ECR repository policy without Resource',
      json: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'ecr:BatchGetImage' }),
    },
    {
      name: 'placeholders are not judged',
      json: { Version: '{{version}}', Statement: [{ Effect: '${effect}', Action: '${actions}', Resource: '${arn}' }] },
    },
    { name: 'Id in a resource policy', json: { Id: 'bucket-policy', ...policy(bucketStatement) } },
    { name: 'wildcards in actions', json: policy({ Effect: 'Allow', Action: ['*', 's3:Get*', 'ec?:Describe*'], Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'missing Version (warning, fix inserts it first)',
      json: { Statement: [allow] },
      findings: [
        {
          path: ['Statement'],
          severity: 'warning',
          message: 'policy variables',
          fix: { title: 'Add "Version": "2012-10-17"', output: { Version: '2012-10-17', Statement: [allow] }, safe: true },
          target: 'key',
        },
      ],
    },
    {
      name: 'a date that is not a policy version',
      json: { Version: '2020-04-27', Statement: [allow] },
      findings: [
        { path: ['Version'], message: 'not "2020-04-27"', fix: { title: 'Set "Version" to "2012-10-17"', output: policy(allow) } },
      ],
    },
    {
      name: 'Version as a number',
      json: { Version: 2012, Statement: [allow] },
      findings: [{ path: ['Version'], message: 'not 2012', fixes: ['Set "Version" to "2012-10-17"'] }],
    },
    {
      name: 'unknown top-level element, close to a real one',
      json: { version: '2012-10-17', Statement: [allow] },
      findings: [
        {
          path: ['version'],
          message: 'Did you mean "Version"?',
          fix: { title: 'Rename to "Version"', output: policy(allow) },
          target: 'key',
        },
        { path: ['Statement'], severity: 'warning', message: 'no "Version"', target: 'key', fixes: ['Add "Version": "2012-10-17"'] },
      ],
    },
    {
      name: 'unknown top-level element, removed',
      json: { Comment: 'x', ...policy(allow) },
      findings: [
        {
          path: ['Comment'],
          message: '"Comment" is not a policy element',
          fix: { title: 'Remove "Comment"', output: policy(allow) },
          target: 'key',
        },
      ],
    },
    {
      name: 'Id in an identity policy (warning)',
      json: { Id: 'x', ...policy(allow) },
      findings: [{ path: ['Id'], severity: 'warning', fix: { title: 'Remove "Id"', output: policy(allow) }, target: 'key' }],
    },
    { name: 'empty Statement array', json: policy(), findings: [{ path: ['Statement'], message: 'at least one statement' }] },
    {
      name: 'Statement of the wrong type',
      json: { Version: '2012-10-17', Statement: 'Allow' },
      findings: [{ path: ['Statement'], message: 'not a string' }],
    },
    {
      name: 'statement that is not an object',
      json: policy(allow, 'x' as never),
      findings: [{ path: ['Statement', 1], message: 'must be an object' }],
    },
    { name: 'empty statement', json: policy({}), findings: [{ path: ['Statement', 0], message: 'empty' }] },
    {
      name: 'Effect in the wrong case (safe fix)',
      json: policy({ ...allow, Effect: 'allow' }),
      findings: [
        {
          path: ['Statement', 0, 'Effect'],
          message: 'not "allow"',
          fix: { title: 'Change "Effect" to "Allow"', output: policy(allow), safe: true },
        },
      ],
    },
    {
      name: 'Effect with an unknown value',
      json: policy({ ...allow, Effect: 'Permit' }),
      findings: [{ path: ['Statement', 0, 'Effect'] }],
    },
    {
      name: 'missing Effect, reported on the first key',
      json: policy({ Action: 's3:GetObject', Resource: '*' }),
      findings: [{ path: ['Statement', 0, 'Action'], message: 'no "Effect"', target: 'key' }],
    },
    {
      name: 'missing Action',
      json: policy({ Effect: 'Allow', Resource: '*' }),
      findings: [{ path: ['Statement', 0, 'Effect'], message: 'no "Action"', target: 'key' }],
    },
    {
      name: 'Action and NotAction',
      json: policy({ ...allow, NotAction: 'iam:*' }),
      findings: [{ path: ['Statement', 0, 'NotAction'], message: 'not both', target: 'key' }],
    },
    {
      name: 'missing Resource in an identity policy',
      json: policy({ Effect: 'Allow', Action: 's3:GetObject' }),
      findings: [{ path: ['Statement', 0, 'Effect'], message: 'no "Resource"', target: 'key' }],
    },
    {
      name: 'Resource and NotResource',
      json: policy({ ...allow, NotResource: 'arn:aws:s3:::b' }),
      findings: [{ path: ['Statement', 0, 'NotResource'], message: 'not both', target: 'key' }],
    },
    {
      name: 'Principal in an identity policy (role form: inline policies are identity policies)',
      json: role(trust(), policy({ ...allow, Principal: { Service: 'ecs-tasks.amazonaws.com' } })),
      findings: [
        {
          path: ['Policies', 0, 'PolicyDocument', 'Statement', 0, 'Principal'],
          message: 'cannot name a principal',
          fix: { title: 'Remove "Principal"', output: role(trust(), policy(allow)) },
          target: 'key',
        },
      ],
    },
    {
      name: 'permissions with a Principal and no Resource (corpus 024)',
      json: policy({
        Effect: 'Allow',
        Action: ['ecr:BatchGetImage', 'logs:PutLogEvents'],
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
      }),
      findings: [
        { path: ['Statement', 0, 'Principal'], message: 'cannot name a principal', target: 'key', fixes: ['Remove "Principal"'] },
        { path: ['Statement', 0, 'Effect'], message: 'no "Resource"', target: 'key' },
      ],
    },
    {
      name: 'Resource in a trust policy (safe fix)',
      json: trust({ Resource: '*' }),
      findings: [
        {
          path: ['Statement', 0, 'Resource'],
          message: 'cannot name a resource',
          fix: { title: 'Remove "Resource"', output: trust(), safe: true },
          target: 'key',
        },
      ],
    },
    {
      name: 'trust policy without a principal',
      json: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Sid: 'A' }, trustStatement),
      findings: [{ path: ['Statement', 0, 'Effect'], message: 'no "Principal"', target: 'key' }],
    },
    {
      name: 'NotPrincipal in a trust policy',
      json: role(
        policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }),
        policy(allow),
      ),
      findings: [
        { path: ['AssumeRolePolicyDocument', 'Statement', 0, 'NotPrincipal'], message: 'do not support "NotPrincipal"', target: 'key' },
      ],
    },
    {
      name: 'Principal and NotPrincipal in a resource policy',
      json: policy({ ...bucketStatement, NotPrincipal: { AWS: 'x' } }),
      findings: [{ path: ['Statement', 0, 'NotPrincipal'], message: 'not both', target: 'key' }],
    },
    {
      name: 'Sid with characters IAM rejects (fix removes them)',
      json: policy({ Sid: 'Allow-ECR pull', ...allow }),
      findings: [
        {
          path: ['Statement', 0, 'Sid'],
          message: 'only letters',
          fix: { title: 'Change the Sid to "AllowECRpull"', output: policy({ Sid: 'AllowECRpull', ...allow }) },
        },
      ],
    },
    {
      name: 'duplicate Sid: error in IAM policies, on the second one',
      json: policy({ Sid: 'A', ...allow }, { Sid: 'A', ...allow }),
      findings: [{ path: ['Statement', 1, 'Sid'], message: 'unique' }],
    },
    {
      name: 'duplicate Sid in a resource policy is a warning',
      json: policy({ Sid: 'A', ...bucketStatement }, { Sid: 'A', ...bucketStatement }),
      findings: [{ path: ['Statement', 1, 'Sid'], severity: 'warning' }],
    },
    {
      name: 'empty Sid is a hint',
      json: policy({ Sid: '', ...allow }),
      findings: [{ path: ['Statement', 0, 'Sid'], severity: 'hint', fix: { title: 'Remove the empty "Sid"', output: policy(allow) } }],
    },
    {
      name: 'Sid of the wrong type',
      json: policy({ Sid: 7, ...allow }),
      findings: [{ path: ['Statement', 0, 'Sid'], message: '"Sid" must be a string, not a number' }],
    },
    {
      name: 'unknown statement key in the wrong case',
      json: policy({ Effect: 'Allow', action: 's3:GetObject', Resource: '*' }),
      findings: [
        {
          path: ['Statement', 0, 'action'],
          message: 'Did you mean "Action"?',
          fix: { title: 'Rename to "Action"', output: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
          target: 'key',
        },
        { path: ['Statement', 0, 'Effect'], message: 'no "Action"', target: 'key' },
      ],
    },
    {
      name: 'Actions (plural) offers Action and NotAction',
      json: policy({ Effect: 'Allow', Actions: 's3:GetObject', Resource: '*' }),
      findings: [
        {
          path: ['Statement', 0, 'Actions'],
          message: 'Did you mean "Action"?',
          fix: { title: 'Rename to "Action"', output: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
          target: 'key',
        },
        { path: ['Statement', 0, 'Effect'], target: 'key' },
      ],
    },
    {
      name: 'types of Action and Resource',
      json: policy({ Effect: 'Allow', Action: { s3: 'GetObject' }, Resource: ['*', 5, null] }),
      findings: [
        { path: ['Statement', 0, 'Action'], message: 'not an object' },
        { path: ['Statement', 0, 'Resource', 1], message: 'not a number' },
        { path: ['Statement', 0, 'Resource', 2], message: 'not null' },
      ],
    },
    {
      name: 'empty arrays have no effect (warning)',
      json: policy({ Effect: 'Allow', Action: [], Resource: [] }),
      findings: [
        { path: ['Statement', 0, 'Action'], severity: 'warning', message: 'empty array' },
        { path: ['Statement', 0, 'Resource'], severity: 'warning', message: 'empty array' },
      ],
    },
    {
      name: 'empty strings',
      json: policy({ Effect: 'Allow', Action: ['s3:GetObject', ''], Resource: ' ' }),
      findings: [{ path: ['Statement', 0, 'Action', 1] }, { path: ['Statement', 0, 'Resource'] }],
    },
    {
      name: 'malformed actions',
      json: policy({ Effect: 'Allow', Action: ['ecr GetAuthorizationToken', 's3:Get:Object', ':GetObject', 's3:'], Resource: '*' }),
      findings: [
        { path: ['Statement', 0, 'Action', 0], message: 'no service prefix' },
        { path: ['Statement', 0, 'Action', 1], message: 'more than one colon' },
        { path: ['Statement', 0, 'Action', 2], message: 'service prefix is empty' },
        { path: ['Statement', 0, 'Action', 3], message: 'action name is empty' },
      ],
    },
    {
      name: 'Principal shapes',
      json: policy(
        { ...bucketStatement, Principal: { AWS: 5 } },
        { ...bucketStatement, Principal: {} },
        { ...bucketStatement, Principal: ['*'] },
      ),
      findings: [
        { path: ['Statement', 0, 'Principal', 'AWS'], message: 'not a number' },
        { path: ['Statement', 1, 'Principal'], severity: 'warning', message: 'empty object' },
        { path: ['Statement', 2, 'Principal'], message: 'not an array' },
      ],
    },
    {
      name: 'Condition shapes',
      json: policy({
        ...allow,
        Condition: { StringEquals: 'x', Bool: { 'aws:SecureTransport': { v: true } }, StringLike: { 'aws:userid': ['a', null] }, Null: {} },
      }),
      findings: [
        { path: ['Statement', 0, 'Condition', 'StringEquals'], message: 'not a string' },
        { path: ['Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport'], message: 'not an object' },
        { path: ['Statement', 0, 'Condition', 'StringLike', 'aws:userid', 1], message: 'not null' },
        { path: ['Statement', 0, 'Condition', 'Null'], severity: 'information' },
      ],
    },
    {
      name: 'empty Condition (information, fix removes it)',
      json: policy({ ...allow, Condition: {} }),
      findings: [
        {
          path: ['Statement', 0, 'Condition'],
          severity: 'information',
          fix: { title: 'Remove the empty "Condition"', output: policy(allow) },
        },
      ],
    },
    {
      name: 'condition keys that differ only in case',
      json: policy({ ...allow, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:sourceaccount': '123456789012' } } }),
      findings: [{ path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:sourceaccount'], message: 'different case', target: 'key' }],
    },
  ],
});

test('iam-policy-structure: exact ranges of a missing-element finding and a key finding', () => {
  const text =
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Principal": "*" }\n  ]\n}';
  const { document, findings, fixesOf } = findingsOf(iamPolicyStructure, text);
  assert.deepEqual(
    findings.map((f) => f.message.slice(0, 30)),
    ['An identity policy cannot name', 'The statement has no "Resource'],
  );
  assert.deepEqual(document.locate(findings[0].path, findings[0].target), {
    offset: text.indexOf('"Principal"'),
    length: '"Principal"'.length,
  });
  assert.deepEqual(document.locate(findings[1].path, findings[1].target), { offset: text.indexOf('"Effect"'), length: '"Effect"'.length });
  const fixes = fixesOf(findings[0]);
  assert.equal(
    fixedText(fixes[0], document),
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject" }\n  ]\n}',
  );
});

test('iam-policy-structure: inserting Version is safe only when the policy has no variables', () => {
  const plain = findingsOf(iamPolicyStructure, { Statement: [allow] }).findings[0];
  const withVariable = findingsOf(iamPolicyStructure, { Statement: [{ ...allow, Resource: 'arn:aws:s3:::b/${aws:username}/*' }] })
    .findings[0];
  assert.deepEqual(plain.data, { fix: 'insert-version', safe: true });
  assert.deepEqual(withVariable.data, { fix: 'insert-version', safe: false });
});
