// Recognising IAM documents by content: which kind a file is, and which policies inside it are checked where.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentOf, plain } from '../helpers/documents';

const identity = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }] };
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

function kinds(value: unknown) {
  const c = documentOf(JSON.stringify(value)).model;
  return { kind: c.kind, subjects: c.subjects.map((s) => [s.kind, s.path.join('.'), s.name ?? '']) };
}

const cases: [string, unknown, ReturnType<typeof kinds>][] = [
  ['identity policy', identity, { kind: 'iam-policy', subjects: [['identity-policy', '', '']] }],
  [
    'identity policy, single statement object',
    { Statement: identity.Statement[0] },
    { kind: 'iam-policy', subjects: [['identity-policy', '', '']] },
  ],
  ['trust policy', trust, { kind: 'iam-trust-policy', subjects: [['trust-policy', '', '']] }],
  [
    'trust policy with a stray Resource stays a trust policy',
    { Statement: [{ ...trust.Statement[0], Resource: '*' }] },
    { kind: 'iam-trust-policy', subjects: [['trust-policy', '', '']] },
  ],
  [
    'OIDC trust policy',
    {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
      ],
    },
    { kind: 'iam-trust-policy', subjects: [['trust-policy', '', '']] },
  ],
  [
    'resource policy (principal and resource in every statement)',
    { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    { kind: 'iam-resource-policy', subjects: [['resource-policy', '', '']] },
  ],
  [
    'ECR repository policy (no Resource: the repository is implied)',
    {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        },
      ],
    },
    { kind: 'iam-resource-policy', subjects: [['resource-policy', '', '']] },
  ],
  [
    'permissions with a Principal and no Resource: an identity policy with a mistake',
    {
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: ['ecr:BatchGetImage', 'logs:PutLogEvents'] },
      ],
    },
    { kind: 'iam-policy', subjects: [['identity-policy', '', '']] },
  ],
  [
    'one statement with a Principal among others without: an identity policy',
    { Statement: [identity.Statement[0], { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] },
    { kind: 'iam-policy', subjects: [['identity-policy', '', '']] },
  ],
  [
    'get-policy-version output',
    { PolicyVersion: { Document: identity, VersionId: 'v1', IsDefaultVersion: true } },
    { kind: 'iam-policy-version', subjects: [['identity-policy', 'PolicyVersion.Document', '']] },
  ],
  [
    'role form (CloudFormation AWS::IAM::Role properties)',
    {
      RoleName: 'app',
      AssumeRolePolicyDocument: trust,
      Policies: [{ PolicyName: 'ecr', PolicyDocument: identity }],
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    },
    {
      kind: 'iam-role',
      subjects: [
        ['role', '', 'app'],
        ['trust-policy', 'AssumeRolePolicyDocument', 'app'],
        ['identity-policy', 'Policies.0.PolicyDocument', 'ecr'],
      ],
    },
  ],
  [
    'get-role output',
    { Role: { RoleName: 'app', Arn: 'arn:aws:iam::123456789012:role/app', AssumeRolePolicyDocument: trust } },
    {
      kind: 'iam-role',
      subjects: [
        ['role', 'Role', 'app'],
        ['trust-policy', 'Role.AssumeRolePolicyDocument', 'app'],
      ],
    },
  ],
  [
    'get-role-policy output',
    { RoleName: 'app', PolicyName: 'inline', PolicyDocument: identity },
    { kind: 'iam-policy', subjects: [['identity-policy', 'PolicyDocument', 'inline']] },
  ],
  [
    'get-account-authorization-details output',
    {
      UserDetailList: [{ UserName: 'u', UserPolicyList: [{ PolicyName: 'up', PolicyDocument: identity }] }],
      GroupDetailList: [],
      RoleDetailList: [
        { RoleName: 'r', AssumeRolePolicyDocument: trust, RolePolicyList: [{ PolicyName: 'rp', PolicyDocument: identity }] },
      ],
      Policies: [{ PolicyName: 'mp', PolicyVersionList: [{ Document: identity, VersionId: 'v2', IsDefaultVersion: true }] }],
    },
    {
      kind: 'iam-authorization-details',
      subjects: [
        ['role', 'RoleDetailList.0', 'r'],
        ['trust-policy', 'RoleDetailList.0.AssumeRolePolicyDocument', 'r'],
        ['identity-policy', 'RoleDetailList.0.RolePolicyList.0.PolicyDocument', 'rp'],
        ['identity-policy', 'UserDetailList.0.UserPolicyList.0.PolicyDocument', 'up'],
        ['identity-policy', 'Policies.0.PolicyVersionList.0.Document', 'mp'],
      ],
    },
  ],
  [
    'authorization details filtered to managed policies',
    { Policies: [{ PolicyName: 'mp', PolicyVersionList: [{ Document: identity }] }] },
    { kind: 'iam-authorization-details', subjects: [['identity-policy', 'Policies.0.PolicyVersionList.0.Document', 'mp']] },
  ],
  ['unrelated JSON', { name: 'x', Statement_: 1 }, { kind: 'unknown', subjects: [] }],
];

for (const [name, value, expected] of cases) {
  test(`classify: ${name}`, () => assert.deepEqual(kinds(value), expected));
}

test('classify: a statement key counts only when written in the statement itself (a "__proto__" key adds none)', () => {
  const text = '{"Statement": [{"Effect": "Allow", "__proto__": {"Principal": "*"}, "Action": "sts:AssumeRole", "Resource": "*"}]}';
  assert.deepEqual(
    documentOf(text).model.subjects.map((s) => s.kind),
    ['identity-policy'],
  );
});

test('role subjects carry the role: its trust policy, inline policies (decoded when encoded) and managed ARNs', () => {
  const encoded = encodeURIComponent(JSON.stringify(trust));
  const roleFile = documentOf({
    RoleName: 'exec',
    AssumeRolePolicyDocument: encoded,
    Policies: [{ PolicyName: 'logs', PolicyDocument: identity }],
    ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/X' }],
  }).model.subjects[0];
  assert.deepEqual(plain(roleFile.role), {
    name: 'exec',
    trust: { path: ['AssumeRolePolicyDocument'], value: trust, label: 'trust policy', editable: false },
    policies: [{ path: ['Policies', 0, 'PolicyDocument'], value: identity, label: 'inline policy logs', editable: true }],
    managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:${AWS::Partition}:iam::aws:policy/X'],
    complete: true,
    inlinePoliciesPath: ['Policies'],
  });
  const getRole = documentOf({ Role: { RoleName: 'exec', AssumeRolePolicyDocument: trust } }).model.subjects[0];
  assert.deepEqual(getRole.role?.complete, false, 'get-role output does not list the role policies');
  assert.deepEqual(getRole.role?.inlinePoliciesPath, ['Role', 'Policies']);
});

test('authorization details: roles are complete and not editable; the default version of a managed policy carries its ARN', () => {
  const { subjects } = documentOf({
    RoleDetailList: [
      {
        RoleName: 'r',
        AssumeRolePolicyDocument: trust,
        RolePolicyList: [{ PolicyName: 'rp', PolicyDocument: identity }],
        AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::1:policy/mp' }],
      },
    ],
    Policies: [
      {
        PolicyName: 'mp',
        Arn: 'arn:aws:iam::1:policy/mp',
        DefaultVersionId: 'v2',
        PolicyVersionList: [
          { Document: identity, VersionId: 'v1' },
          { Document: identity, VersionId: 'v2' },
        ],
      },
    ],
  }).model;
  const role = subjects.find((s) => s.kind === 'role')!.role!;
  assert.deepEqual(
    [role.name, role.complete, role.inlinePoliciesPath, role.managedPolicyArns],
    ['r', true, undefined, ['arn:aws:iam::1:policy/mp']],
  );
  assert.deepEqual(
    subjects.filter((s) => s.arn).map((s) => s.path.join('.')),
    ['Policies.0.PolicyVersionList.1.Document'],
  );
});
