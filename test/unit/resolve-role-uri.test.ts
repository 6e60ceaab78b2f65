// A role's policies may be written in another file than the role (the files of one Terraform module): a
// PolicyRef then names that file, and the resolved role says so in its labels and points fixes there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveRole } from '../../server/src/core/execution-role/resolve-role';
import type { Model } from '../../server/src/core/model';
import { unknownMarker } from '../../server/src/core/unknown';
import type { WorkspaceFile, WorkspaceView } from '../../server/src/core/workspace';

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
