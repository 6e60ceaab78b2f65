// A policy or trust policy file named in fargate-lint.json that the workspace does not have, that lies
// outside the workspace folders (and so is never read), or that is not a policy. Without this, a typo in a
// path quietly turned the execution-role check off for the role.
import { isObject, isPlaceholder } from '../../json';
import type { Rule } from '../../rule';
import type { WorkspaceView } from '../../workspace';
import { isInside, resolveRelative, sameUri } from '../../uris';

type Listed = 'trust' | 'policy';

const WHAT: Record<Listed, { file: string; expected: string; unchecked: string }> = {
  trust: { file: 'trust policy file', expected: 'a trust policy', unchecked: "the role's trust policy is not checked" },
  policy: { file: 'policy file', expected: 'a permission policy', unchecked: "the role's permissions are not checked" },
};

export const projectConfigFile: Rule = {
  meta: {
    id: 'project-config-file',
    title: 'A file named in fargate-lint.json must be in the workspace and be the policy it is listed as',
    defaultSeverity: 'warning',
    appliesTo: ['project-config'],
  },
  check({ subject, document: { uri, workspace }, report }) {
    const roles = isObject(subject.value) ? subject.value.roles : undefined;
    if (!uri || !workspace || !isObject(roles)) return;
    for (const [role, entry] of Object.entries(roles)) {
      if (!isObject(entry)) continue;
      const listed: { path: (string | number)[]; relative: unknown; kind: Listed }[] = [
        { path: ['roles', role, 'trustPolicy'], relative: entry.trustPolicy, kind: 'trust' },
      ];
      if (Array.isArray(entry.policies)) {
        entry.policies.forEach((relative, i) => listed.push({ path: ['roles', role, 'policies', i], relative, kind: 'policy' }));
      }
      for (const { path, relative, kind } of listed) {
        if (typeof relative !== 'string' || relative === '' || isPlaceholder(relative)) continue;
        const problem = problemOf(workspace, resolveRelative(uri, relative), kind);
        if (problem) {
          report({
            path,
            message: `The ${WHAT[kind].file} ${JSON.stringify(relative)} of role ${role} ${problem}, so ${WHAT[kind].unchecked}.`,
          });
        }
      }
    }
  },
};

function problemOf(workspace: WorkspaceView, target: string, kind: Listed): string | undefined {
  if (workspace.roots.length > 0 && !workspace.roots.some((root) => isInside(target, root))) {
    return 'is outside the workspace folders and is never read';
  }
  const file = workspace.file(target) ?? [...workspace.files()].find((f) => sameUri(f.uri, target));
  if (!file) {
    const skipped = workspace.skipped?.(target);
    if (!skipped) return 'is not found in the workspace';
    return skipped.read ? `is not ${WHAT[kind].expected} (it is ${skipped.reason})` : `is not read (it is ${skipped.reason})`;
  }
  const wanted = kind === 'trust' ? 'trust-policy' : 'identity-policy';
  if (file.model.subjects.some((s) => s.kind === wanted)) return undefined;
  return `is not ${WHAT[kind].expected} (it is ${describeKind(file.model.label)})`;
}

/** "IAM policy" → "an IAM policy"; "Not an ECS or IAM document" → "not an ECS or IAM document". */
function describeKind(label: string): string {
  if (label.startsWith('Not ')) return `n${label.slice(1)}`;
  return `${/^(IAM|ECS|[AEIOU])/.test(label) ? 'an' : 'a'} ${label}`;
}
