// A role's policies may be written in another file than the role (the files of one Terraform module): a
// PolicyRef then names that file, and the resolved role says so in its labels and points fixes there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveRole } from '../../server/src/core/execution-role/resolve-role';
import type { Model } from '../../server/src/core/model';
import { unknownMarker } from '../../server/src/core/unknown';
import type { WorkspaceFile, WorkspaceView } from '../../server/src/core/workspace';
import { WorkspaceIndex } from '../../server/src/service/workspace';

const NAME = unknownMarker('aws_iam_role.exec');
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const LOGS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] };

function workspaceOf(files: WorkspaceFile[]): WorkspaceView {
  return { roots: ['file:///m'], files: () => files, file: (uri) => files.find((f) => f.uri === uri) };
}

const model: Model = {
  kind: 'terraform',
  label: 'Terraform',
  value: {},
  duplicateKeys: [],
  subjects: [
    {
      kind: 'role',
      path: ['aws_iam_role.exec'],
      value: {},
      role: {
        name: NAME,
        trust: {
          path: ['data.aws_iam_policy_document.trust'],
          value: TRUST,
          label: 'trust policy',
          editable: true,
          uri: 'file:///m/iam.tf',
        },
        policies: [
          {
            path: ['aws_iam_role_policy.logs', 'policy'],
            value: LOGS,
            label: 'policy aws_iam_role_policy.logs',
            editable: true,
            uri: 'file:///m/policies.tf',
          },
          { path: ['aws_iam_role.exec', 'inline_policy', 0, 'policy'], value: LOGS, label: 'inline policy more', editable: true },
        ],
        managedPolicyArns: [],
        complete: true,
      },
    },
  ],
};

test('policies written in another file of the module are found there, and labelled with that file', () => {
  const role = resolveRole(NAME, workspaceOf([{ uri: 'file:///m/main.tf', model }]), 'file:///m/main.tf');
  assert.ok(role);
  assert.deepEqual(
    role.policies.map((p) => [p.label, p.uri]),
    [
      ['policy aws_iam_role_policy.logs in policies.tf', 'file:///m/policies.tf'],
      ['inline policy more in main.tf', 'file:///m/main.tf'],
    ],
  );
  assert.deepEqual([role.trust?.label, role.trust?.uri], ['trust policy in iam.tf', 'file:///m/iam.tf']);
  assert.equal(role.complete, true);
});

test('a role named by a marker is not found from another document', () => {
  assert.equal(resolveRole(NAME, workspaceOf([{ uri: 'file:///m/main.tf', model }]), 'file:///other/task.json'), undefined);
});

test('a role looked up again in the same index is that of its current files and folders: a policy file changed, a project file out of reach', () => {
  const index = new WorkspaceIndex(['file:///ws']);
  const roleFile = (action: string) =>
    JSON.stringify({
      RoleName: 'exec',
      AssumeRolePolicyDocument: TRUST,
      Policies: [
        { PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] } },
      ],
    });
  const actions = () =>
    resolveRole('exec', index, 'file:///ws/task.json')?.policies.map((p) => (p.document as typeof LOGS).Statement[0].Action);
  index.set('file:///ws/role.json', roleFile('logs:PutLogEvents'));
  assert.deepEqual(actions(), ['logs:PutLogEvents']);
  assert.deepEqual(actions(), ['logs:PutLogEvents']);
  index.set('file:///ws/role.json', roleFile('ecr:BatchGetImage'));
  assert.deepEqual(actions(), ['ecr:BatchGetImage']);
  // A project file at a folder's root names the role; once that folder is no longer one, it does not.
  index.delete('file:///ws/role.json');
  index.set('file:///ws/fargate-lint.json', JSON.stringify({ roles: { exec: { policies: ['logs.json'] } } }));
  index.set('file:///ws/logs.json', JSON.stringify(LOGS));
  const untitled = () => resolveRole('exec', index, 'untitled:Untitled-1')?.policies.length;
  assert.equal(untitled(), 1);
  index.roots = ['file:///other'];
  assert.equal(untitled(), undefined);
});
