// Edits in other files for the execution-role fixes: a new statement in a policy the user owns, a new
// least-privilege policy file registered in fargate-lint.json. Each edit is computed against the text of
// that file as the workspace holds it, at the moment the fix is asked for.
import { statementsOf } from '../iam/policy';
import { type JsonPath, isObject, valueAt } from '../json';
import { type ModelEdit, append, createFile, inFile, set } from '../model';
import { PROJECT_CONFIG_FILE, type WorkspaceFile, type WorkspaceView } from '../workspace';
import type { FeatureId, Permission } from './requirements';
import { projectConfigsFor } from './resolve-role';
import { canonicalUri, dirnameOf, isInside, relativePath, resolveRelative } from '../uris';

/** What a statement must allow, as the diagnostic's data carries it. */
export interface Grant {
  /** An execution-role feature, or another need (`ecs-exec`): it names the statement's Sid. */
  feature: FeatureId | 'ecs-exec';
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
    const base = grant.feature === 'ecs-exec' ? 'EcsExec' : `ExecutionRole${pascal(grant.feature)}`;
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

/** Appends statements to the policy at `policyPath` of another file. */
export function addStatementsEdits(file: WorkspaceFile, policyPath: JsonPath, grants: readonly Grant[]): ModelEdit[] {
  const policy = valueAt(file.model.value, policyPath);
  if (!isObject(policy)) return [];
  const taken = new Set(
    statementsOf(policy)
      .map((s) => s.sid)
      .filter((s): s is string => !!s),
  );
  const statements = statementsFor(grants, taken);
  const current = policy.Statement;
  if (Array.isArray(current)) {
    return inFile(
      file.uri,
      statements.map((value) => append([...policyPath, 'Statement'], value)),
    );
  }
  const next = current === undefined ? statements : [current, ...statements];
  return inFile(file.uri, [set([...policyPath, 'Statement'], next)]);
}

/**
 * Creates `<folder of the task definition>/<role>-policy.json` (or `<role>-policy-<n>.json`, the first name
 * neither in the workspace nor `taken`) with a least-privilege policy and registers it for the role in the
 * fargate-lint.json that applies (or a new one at the workspace root, which has no other name).
 */
export function createPolicyEdits(
  taskUri: string,
  roleName: string,
  grants: readonly Grant[],
  workspace: WorkspaceView | undefined,
  taken: ReadonlySet<string> = new Set(),
): ModelEdit[] {
  const folder = dirnameOf(taskUri);
  const safeName = roleName.replace(/[^A-Za-z0-9_.-]/g, '-');
  const free = (uri: string) => !workspace?.file(uri) && !taken.has(canonicalUri(uri));
  let policyUri = resolveRelative(taskUri, `${safeName}-policy.json`);
  for (let n = 2; !free(policyUri); n++) policyUri = resolveRelative(taskUri, `${safeName}-policy-${n}.json`);
  const content = `${JSON.stringify(policyDocumentFor(grants), null, 2)}\n`;
  const edits: ModelEdit[] = [createFile(policyUri, content)];

  const [config] = projectConfigsFor(workspace, taskUri);
  if (config) {
    const relative = relativePath(dirnameOf(config.uri), policyUri);
    const value = config.model.value;
    const roles = isObject(value) ? value.roles : undefined;
    const entry = isObject(roles) ? roles[roleName] : undefined;
    let edit: ModelEdit;
    if (!isObject(roles)) edit = set(['roles'], { [roleName]: { policies: [relative] } });
    else if (!isObject(entry)) edit = set(['roles', roleName], { policies: [relative] });
    else if (!Array.isArray(entry.policies)) edit = set(['roles', roleName, 'policies'], [relative]);
    else edit = append(['roles', roleName, 'policies'], relative);
    edits.push(...inFile(config.uri, [edit]));
    return edits;
  }
  const root = workspace?.roots.find((r) => isInside(taskUri, r)) ?? folder;
  const configUri = `${root.replace(/\/+$/, '')}/${PROJECT_CONFIG_FILE}`;
  const relative = relativePath(root, policyUri);
  edits.push(createFile(configUri, `${JSON.stringify({ roles: { [roleName]: { policies: [relative] } } }, null, 2)}\n`));
  return edits;
}
