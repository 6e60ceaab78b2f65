// Edits in other files for the execution-role fixes: a new statement in a policy the user owns, a new
// least-privilege policy file registered in fargate-lint.json. Each edit is computed against the text of
// that file as the workspace holds it, at the moment the fix is asked for.
import { sequentialEdits, setValue } from '../edits';
import { statementsOf } from '../iam/policy';
import { type JsonDocument, type JsonPath, isObject, valueAt } from '../json';
import { PROJECT_CONFIG_FILE } from '../classify';
import type { FileEdit } from '../rule';
import type { WorkspaceView } from '../workspace';
import type { FeatureId, Permission } from './requirements';
import { projectConfigsFor } from './resolve-role';
import { dirnameOf, isInside, relativePath, resolveRelative } from '../uris';

/** What a statement must allow, as the diagnostic's data carries it. */
export interface Grant {
  feature: FeatureId;
  actions: string[];
  resources: string[];
}

/** Groups permissions by their resources: one grant per distinct resource list. */
export function grantsOf(feature: FeatureId, permissions: readonly Permission[]): Grant[] {
  const grants: Grant[] = [];
  for (const permission of permissions) {
    const existing = grants.find((g) => g.resources.join('\n') === permission.policyResources.join('\n'));
    if (existing) {
      if (!existing.actions.includes(permission.action)) existing.actions.push(permission.action);
    } else {
      grants.push({ feature, actions: [permission.action], resources: [...permission.policyResources] });
    }
  }
  return grants;
}

function pascal(feature: string): string {
  return feature.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** Statements for grants, with Sids unique among `taken` (which it extends). */
function statementsFor(grants: readonly Grant[], taken: Set<string>): Record<string, unknown>[] {
  return grants.map((grant) => {
    const base = `ExecutionRole${pascal(grant.feature)}`;
    let sid = base;
    for (let n = 2; taken.has(sid); n++) sid = `${base}${n}`;
    taken.add(sid);
    return {
      Sid: sid,
      Effect: 'Allow',
      Action: grant.actions.length === 1 ? grant.actions[0] : grant.actions,
      Resource: grant.resources.length === 1 ? grant.resources[0] : grant.resources,
    };
  });
}

/** A least-privilege policy document for the grants. */
export function policyDocumentFor(grants: readonly Grant[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statementsFor(merge(grants), new Set()) };
}

/** Grants with the same feature and resources become one. */
function merge(grants: readonly Grant[]): Grant[] {
  const merged: Grant[] = [];
  for (const grant of grants) {
    const same = merged.find((g) => g.feature === grant.feature && g.resources.join('\n') === grant.resources.join('\n'));
    if (same) same.actions.push(...grant.actions.filter((a) => !same.actions.includes(a)));
    else merged.push({ ...grant, actions: [...grant.actions], resources: [...grant.resources] });
  }
  return merged;
}

function onFile(uri: string, edits: FileEdit[]): FileEdit[] {
  return edits.map((e) => ('offset' in e ? { ...e, file: uri } : e));
}

/** Appends statements to the policy at `policyPath` of another file. */
export function addStatementsEdits(uri: string, document: JsonDocument, policyPath: JsonPath, grants: readonly Grant[]): FileEdit[] {
  const policy = valueAt(document.value, policyPath);
  if (!isObject(policy)) return [];
  const taken = new Set(
    statementsOf(policy)
      .map((s) => s.sid)
      .filter((s): s is string => !!s),
  );
  const statements = statementsFor(grants, taken);
  const current = policy.Statement;
  if (Array.isArray(current)) {
    // Each append is computed on the text the previous one produced; the result is one edit.
    return onFile(
      uri,
      sequentialEdits(
        document,
        statements.map((value) => ({ path: [...policyPath, 'Statement', -1], value })),
      ),
    );
  }
  const next = current === undefined ? statements : [current, ...statements];
  return onFile(uri, setValue(document, [...policyPath, 'Statement'], next));
}

/** Sets a value at `path` in another file. */
export function setValueInFile(uri: string, document: JsonDocument, path: JsonPath, value: unknown): FileEdit[] {
  return onFile(uri, setValue(document, path, value));
}

/**
 * Creates `<folder of the task definition>/<role>-policy.json` with a least-privilege policy and registers it
 * for the role in the fargate-lint.json that applies (or a new one at the workspace root).
 */
export function createPolicyEdits(
  taskUri: string,
  roleName: string,
  grants: readonly Grant[],
  workspace: WorkspaceView | undefined,
): FileEdit[] {
  const folder = dirnameOf(taskUri);
  const safeName = roleName.replace(/[^A-Za-z0-9_.-]/g, '-');
  let policyUri = resolveRelative(taskUri, `${safeName}-policy.json`);
  for (let n = 2; workspace?.file(policyUri); n++) policyUri = resolveRelative(taskUri, `${safeName}-policy-${n}.json`);
  const content = `${JSON.stringify(policyDocumentFor(grants), null, 2)}\n`;
  const edits: FileEdit[] = [{ createFile: policyUri, content }];

  const [config] = projectConfigsFor(workspace, taskUri);
  if (config) {
    const relative = relativePath(dirnameOf(config.uri), policyUri);
    const value = config.document.value;
    const roles = isObject(value) ? value.roles : undefined;
    const entry = isObject(roles) ? roles[roleName] : undefined;
    let path: JsonPath;
    let inserted: unknown;
    if (!isObject(roles)) [path, inserted] = [['roles'], { [roleName]: { policies: [relative] } }];
    else if (!isObject(entry)) [path, inserted] = [['roles', roleName], { policies: [relative] }];
    else if (!Array.isArray(entry.policies)) [path, inserted] = [['roles', roleName, 'policies'], [relative]];
    else [path, inserted] = [['roles', roleName, 'policies', -1], relative];
    edits.push(...setValueInFile(config.uri, config.document, path, inserted));
    return edits;
  }
  const root = workspace?.roots.find((r) => isInside(taskUri, r)) ?? folder;
  const configUri = `${root.replace(/\/+$/, '')}/${PROJECT_CONFIG_FILE}`;
  const relative = relativePath(root, policyUri);
  edits.push({ createFile: configUri, content: `${JSON.stringify({ roles: { [roleName]: { policies: [relative] } } }, null, 2)}\n` });
  return edits;
}
