// When the execution role's policies are not in the workspace, nothing can be checked: say what the role
// must allow for this task definition, and offer to write that least-privilege policy next to it (not for a
// role whose name a template computes, such as `!ImportValue`: no file could be registered under it).
import { cachedCheck } from '../../execution-role/check';
import { type Grant, createPolicyEdits, grantsOf } from '../../execution-role/fixes';
import { describePermissions } from '../../execution-role/requirements';
import type { Rule } from '../../rule';
import { hasUnknown } from '../../unknown';

interface CreatePolicyData {
  role: string;
  grants: Grant[];
}

export const executionRoleNotInWorkspace: Rule<CreatePolicyData> = {
  meta: {
    id: 'execution-role-not-in-workspace',
    title: "The execution role's policies are not in the workspace: lists what the role must allow",
    defaultSeverity: 'hint',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, document: { workspace, uri }, report }) {
    const check = cachedCheck(subject, workspace, uri);
    if (!check.roleArn || check.requirements.length === 0) return;
    if (check.role && check.role.descriptions.some((d) => d.complete)) return;
    const permissions = check.requirements.flatMap((r) => r.permissions);
    const partial = check.role
      ? ` (${check.role.descriptions.map((d) => d.uri.replace(/^.*\//, '')).join(', ')} describes the role but not its permission policies)`
      : '';
    report({
      path: ['executionRoleArn'],
      message: `The policies of execution role ${check.roleArn.name} are not in the workspace${partial}, so they can't be checked. For this task definition it must allow: ${describePermissions(permissions)}.`,
      data: {
        role: check.roleArn.name,
        grants: check.requirements.flatMap((r) => grantsOf(r.feature, r.permissions)),
      },
    });
  },
  fix({ data: d, document: { uri, workspace }, takenFiles }) {
    if (!d || !uri || !uri.startsWith('file:') || d.grants.length === 0 || hasUnknown(d.role)) return [];
    return [{ title: 'Create an execution-role policy', edits: createPolicyEdits(uri, d.role, d.grants, workspace, takenFiles) }];
  },
};
