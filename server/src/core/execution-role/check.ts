// Puts the pieces together for one task definition: what it needs (requirements.ts), where its execution
// role's policies are (resolve-role.ts), and what they grant (iam/evaluate.ts). Rules and hovers read the result.
import { type Decision, type Evaluation, HOLE, type Request, evaluate, hasUnknownStatements } from '../iam/evaluate';
import { statementsOf } from '../iam/policy';
import type { Subject } from '../model';
import { containersOf, taskOf } from '../taskdef/model';
import { type RoleReference, referencedRole } from '../taskdef/roles';
import { PerAnalysisCache, type WorkspaceView } from '../workspace';
import { type Permission, type Requirement, requirementsOf } from './requirements';
import { type ResolvedRole, resolveRole } from './resolve-role';

/** How one permission fares against the role's policies. */
export type Status =
  | 'granted'
  /** Granted, but a Deny with a Condition may block it. */
  | 'denied-conditionally'
  /** Only an Allow with a Condition grants it. */
  | 'conditional'
  /** Not granted, but not every policy of the role is known. */
  | 'unknown'
  /** The role's policies are all known and none grants it. */
  | 'missing'
  /** An unconditional Deny blocks it. */
  | 'denied';

export interface PermissionResult {
  permission: Permission;
  status: Status;
  evaluation: Evaluation;
}

export interface RequirementResult {
  requirement: Requirement;
  permissions: PermissionResult[];
  /** The worst status of its permissions. */
  status: Status;
}

export interface RoleCheck {
  /** The role as written in executionRoleArn (undefined when absent or a placeholder). */
  roleArn?: RoleReference;
  requirements: Requirement[];
  role?: ResolvedRole;
  /** Only when the role was found. */
  results: RequirementResult[];
}

const SEVERITY_ORDER: Status[] = ['granted', 'unknown', 'conditional', 'denied-conditionally', 'missing', 'denied'];

/** The worst status of several (denied, then missing, ...). */
export function worstStatus(statuses: Status[]): Status {
  return statuses.reduce<Status>((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a), 'granted');
}

function statusOf(decision: Decision, complete: boolean): Status {
  switch (decision) {
    case 'allowed':
      return 'granted';
    case 'allowed-conditionally':
      return 'conditional';
    case 'denied-conditionally':
      return 'denied-conditionally';
    case 'denied':
      return 'denied';
    case 'implicitly-denied':
      return complete ? 'missing' : 'unknown';
  }
}

/**
 * Statement checks one task definition may spend on its role (permissions × statements × resources). Within
 * the quotas (64 KiB, 10,240 characters of policy) that is at most about 100,000; 40,000 secrets
 * against a 34,000-statement policy, both far over their quotas, would take minutes. Past the budget the
 * remaining permissions are `unknown`, which reports nothing: unknown is never wrong.
 */
const EVALUATION_BUDGET = 500_000;

/** Evaluates each requirement against a role's policies, within one budget for all of them. */
export function checkAgainst(role: ResolvedRole, requirements: Requirement[]): RequirementResult[] {
  const budget = { spent: 0 };
  return requirements.map((requirement) => {
    const permissions = checkPermissions(role, requirement.permissions, budget);
    return { requirement, permissions, status: worstStatus(permissions.map((p) => p.status)) };
  });
}

/**
 * How each permission fares against a role's policies (any role: the execution role, or a task role for ECS
 * Exec). Callers that check several lists against one role pass one `budget` for all of them.
 */
export function checkPermissions(
  role: ResolvedRole,
  permissions: readonly Permission[],
  budget: { spent: number } = { spent: 0 },
): PermissionResult[] {
  const policies = role.policies.map((p, i) => ({ id: String(i), document: p.document }));
  // A policy whose statements are unknown values (a template's expression) may grant anything.
  const complete = role.complete && !role.policies.some((p) => hasUnknownStatements(p.document));
  const statements = policies.reduce((n, p) => n + statementsOf(p.document).length, 0);
  const cache = evaluationCache(policies);
  return permissions.map((permission): PermissionResult => {
    // The budget counts a kept evaluation as if it were made again: the same results, kept or not.
    budget.spent += Math.max(1, statements * Math.max(1, permission.resources.length));
    if (budget.spent > EVALUATION_BUDGET)
      return { permission, evaluation: { decision: 'implicitly-denied', matches: [] }, status: 'unknown' };
    const request = { action: permission.action, resources: permission.resources };
    const key = cache && `${cache.prefix}|${requestKey(request)}`;
    let evaluation = key === undefined ? undefined : cache!.map.get(key);
    if (!evaluation) {
      evaluation = evaluate(policies, request);
      if (key !== undefined) {
        if (cache!.map.size >= MAX_EVALUATIONS) cache!.map.clear();
        cache!.map.set(key, evaluation);
      }
    }
    return { permission, evaluation, status: statusOf(evaluation.decision, complete) };
  });
}

// Evaluations are kept per list of policy documents. A document is the parse of one version of a file (or
// an offline managed policy): a new version is a new object, so a cached evaluation is never of an older
// text. An edit of a task definition leaves its role's policies as they were (the role file's parse, the
// managed policies), and the permissions it asked for before are not evaluated again. The first document
// holds the map (a WeakMap: it goes with the document); a key names every document by an id given to that
// object, then the request. Bounded: a map that reaches MAX_EVALUATIONS starts again.
const MAX_EVALUATIONS = 2000;
const byFirstDocument = new WeakMap<object, Map<string, Evaluation>>();
const documentIds = new WeakMap<object, number>();
let nextDocumentId = 0;

function evaluationCache(policies: readonly { document: unknown }[]): { map: Map<string, Evaluation>; prefix: string } | undefined {
  const prefix = documentsKey(policies);
  const first = policies[0]?.document as object | undefined;
  if (prefix === undefined || !first) return undefined;
  let map = byFirstDocument.get(first);
  if (!map) byFirstDocument.set(first, (map = new Map()));
  return { map, prefix };
}

/** The policy documents by the ids given to those objects, in order; undefined when one is not an object. */
function documentsKey(policies: readonly { document: unknown }[]): string | undefined {
  const ids: number[] = [];
  for (const { document } of policies) {
    if (typeof document !== 'object' || document === null) return undefined;
    let id = documentIds.get(document);
    if (id === undefined) documentIds.set(document, (id = nextDocumentId++));
    ids.push(id);
  }
  return ids.join(',');
}

/** The request as text: the action and each alternative resource, a part the file does not tell as 0. */
function requestKey(request: Request): string {
  return JSON.stringify([
    request.action,
    request.resources.map((r) => r.map((part) => (typeof part === 'string' ? part : part === HOLE ? 0 : 1))),
  ]);
}

function checkExecutionRole(subject: Subject, workspace: WorkspaceView | undefined, uri: string | undefined): RoleCheck {
  const task = taskOf(subject);
  const requirements = cachedRequirements(subject);
  const roleArn = task ? referencedRole(task.executionRoleArn) : undefined;
  const role = roleArn && requirements.length ? resolveRole(roleArn.name, workspace, uri) : undefined;
  return { roleArn, requirements, role, results: role ? cachedResults(role, requirements) : [] };
}

// The results for one list of requirements (the same object for the same content: cachedRequirements) and
// one role, named by its policy documents (each the parse of one version of a file, or an offline managed
// policy) and whether they are all there: an edit of the task definition that leaves both as they were
// finds the results of the last version. A new version of a policy file is a new document, so a new key.
const resultsByRequirements = new WeakMap<Requirement[], { key: string; results: RequirementResult[] }>();

function cachedResults(role: ResolvedRole, requirements: Requirement[]): RequirementResult[] {
  const documents = documentsKey(role.policies);
  if (documents === undefined) return checkAgainst(role, requirements);
  const key = `${role.complete}|${documents}`;
  const hit = resultsByRequirements.get(requirements);
  if (hit?.key === key) return hit.results;
  const results = checkAgainst(role, requirements);
  resultsByRequirements.set(requirements, { key, results });
  return results;
}

/** The policy behind a statement match (matches carry the index into role.policies as their id). */
export function policyOfMatch(role: ResolvedRole, policyId: string) {
  return role.policies[Number(policyId)];
}

// Several rules and hovers look at the same task definition in one pass: resolve and evaluate once per
// (task definition value, workspace version, uri).
const checks = new PerAnalysisCache<RoleCheck>();

export function cachedCheck(subject: Subject, workspace: WorkspaceView | undefined, uri: string | undefined): RoleCheck {
  return checks.get(subject.value, workspace, uri, () => sharedCheck(subject, workspace, uri));
}

// What a task definition needs of its execution role depends on a few fields only (requirements.ts reads
// the role ARNs and each container's name, image, logs, secrets, credentials and environment files): an
// edit anywhere else (an environment value, cpu, a port) finds the requirements of the last version. Keyed
// by those fields' content, so a change to any of them computes them again; bounded.
const MAX_REQUIREMENTS = 64;
const requirementsByContent = new Map<string, Requirement[]>();

function requirementInputs(subject: Subject): string {
  const task = taskOf(subject) ?? {};
  const containers = containersOf(subject).map(({ path, value: c }) => [
    path,
    c.name,
    c.image,
    c.logConfiguration,
    c.secrets,
    c.repositoryCredentials,
    c.environmentFiles,
  ]);
  return JSON.stringify([subject.kind, task.executionRoleArn, task.taskRoleArn, containers]);
}

function cachedRequirements(subject: Subject): Requirement[] {
  const key = requirementInputs(subject);
  let requirements = requirementsByContent.get(key);
  if (requirements) {
    // Most recently used last.
    requirementsByContent.delete(key);
  } else {
    requirements = requirementsOf(subject);
    if (requirementsByContent.size >= MAX_REQUIREMENTS) requirementsByContent.delete(requirementsByContent.keys().next().value!);
  }
  requirementsByContent.set(key, requirements);
  return requirements;
}

// The variants of a template's task definition mostly differ in what the execution role does not care about
// (cpu, memory, an environment value): within one view of the workspace (one analysis), variants whose
// role references and containers' image, logs, secrets, credentials and environment files are the same
// share one check.
const byContent = new WeakMap<WorkspaceView, Map<string, RoleCheck>>();

function sharedCheck(subject: Subject, workspace: WorkspaceView | undefined, uri: string | undefined): RoleCheck {
  if (!subject.variant || !workspace) return checkExecutionRole(subject, workspace, uri);
  const key = JSON.stringify([uri, JSON.stringify(subject.path), requirementInputs(subject)]);
  let checks = byContent.get(workspace);
  if (!checks) byContent.set(workspace, (checks = new Map()));
  let check = checks.get(key);
  if (!check) checks.set(key, (check = checkExecutionRole(subject, workspace, uri)));
  return check;
}
