// The execution role's trust policy must let the ECS tasks service assume it; otherwise every task fails
// to start with "ECS was unable to assume the role ... that was provided for this task".
import { resolveRole } from '../../execution-role/resolve-role';
import { basenameOf } from '../../uris';
import { type Evaluation, evaluateTrust, hasUnknownStatements } from '../../iam/evaluate';
import { statementsOf } from '../../iam/policy';
import { type JsonPath, isObject, valueAt } from '../../json';
import { append, inFile, set } from '../../model';
import type { Fix, Rule } from '../../rule';
import { taskOf } from '../../taskdef/model';
import { referencedRole } from '../../taskdef/roles';

const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';

/** Principals written where ecs-tasks.amazonaws.com was meant. */
const LOOKALIKES = new Set(['ecs.amazonaws.com', 'ecs-task.amazonaws.com', 'ecs-tasks.amazonaws.com.cn', 'ec2.amazonaws.com', 'ecs-tasks']);

interface TrustData {
  role: string;
  uri: string;
  /** The trust policy inside that file. */
  path: JsonPath;
  /** A Service principal that looks like a typo of ecs-tasks.amazonaws.com. */
  lookalike?: { path: JsonPath; value: string };
}

export const executionRoleTrust: Rule<TrustData> = {
  meta: {
    id: 'execution-role-trust',
    title: 'The execution role must trust ecs-tasks.amazonaws.com to assume it',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, document: { workspace, uri }, report }) {
    const task = taskOf(subject);
    const roleArn = task && referencedRole(task.executionRoleArn);
    if (!roleArn) return;
    const role = resolveRole(roleArn.name, workspace, uri);
    const trust = role?.trust;
    if (!role || !trust?.uri || hasUnknownStatements(trust.document)) return;
    const evaluation = trustEvaluation(trust.document);
    if (evaluation.decision !== 'denied' && evaluation.decision !== 'implicitly-denied') return;
    const denied = evaluation.decision === 'denied';
    const lookalike = denied ? undefined : findLookalike(trust.document);
    const why = denied
      ? 'a Deny statement blocks sts:AssumeRole for it'
      : lookalike
        ? `it trusts ${lookalike.value} instead`
        : 'no statement allows it sts:AssumeRole';
    report({
      path: ['executionRoleArn'],
      message: `The trust policy of execution role ${role.name} (${basenameOf(trust.uri)}) does not let ${ECS_TASKS_PRINCIPAL} assume the role: ${why}. Tasks then fail to start with "ECS was unable to assume the role".`,
      related: [{ file: trust.uri, path: trust.path, message: `trust policy of role ${role.name}` }],
      data: denied
        ? undefined
        : {
            role: role.name,
            uri: trust.uri,
            path: trust.path,
            lookalike: lookalike && { path: [...trust.path, ...lookalike.path], value: lookalike.value },
          },
    });
  },
  fix({ data: d, document: { workspace } }) {
    const file = d && workspace?.file(d.uri);
    if (!d || !file) return [];
    const fixes: Fix[] = [];
    if (d.lookalike && valueAt(file.model.value, d.lookalike.path) === d.lookalike.value) {
      fixes.push({
        title: `Replace ${d.lookalike.value} by ${ECS_TASKS_PRINCIPAL} in ${basenameOf(d.uri)}`,
        isPreferred: true,
        edits: inFile(d.uri, [set(d.lookalike.path, ECS_TASKS_PRINCIPAL)]),
      });
    }
    const policy = valueAt(file.model.value, d.path);
    if (isObject(policy)) {
      const statement = {
        Sid: 'AllowEcsTasksToAssumeRole',
        Effect: 'Allow',
        Principal: { Service: ECS_TASKS_PRINCIPAL },
        Action: 'sts:AssumeRole',
      };
      const current = policy.Statement;
      const edit = Array.isArray(current)
        ? append([...d.path, 'Statement'], statement)
        : set([...d.path, 'Statement'], current === undefined ? [statement] : [current, statement]);
      const edits = inFile(d.uri, [edit]);
      fixes.push({
        title: `Add a statement to ${basenameOf(d.uri)} that lets ${ECS_TASKS_PRINCIPAL} assume the role`,
        isPreferred: fixes.length === 0,
        edits,
      });
    }
    return fixes;
  },
};

// A trust policy is the parse of one version of its file (the same object until the file changes): each
// edit of the task definition finds its evaluation.
const evaluations = new WeakMap<object, Evaluation>();

function trustEvaluation(policy: unknown): Evaluation {
  if (typeof policy !== 'object' || policy === null) return evaluateTrust(policy, ECS_TASKS_PRINCIPAL);
  let evaluation = evaluations.get(policy);
  if (!evaluation) evaluations.set(policy, (evaluation = evaluateTrust(policy, ECS_TASKS_PRINCIPAL)));
  return evaluation;
}

/** The path (within the policy) of a Service principal that was probably meant to be ecs-tasks.amazonaws.com. */
function findLookalike(policy: unknown): { path: JsonPath; value: string } | undefined {
  for (const statement of statementsOf(policy)) {
    if (statement.effect !== 'Allow' || !statement.principal || statement.principal.negated) continue;
    const principal = statement.principal.value;
    if (!isObject(principal)) continue;
    const service = principal.Service;
    const base = [...statement.principal.path, 'Service'];
    if (typeof service === 'string' && LOOKALIKES.has(service.toLowerCase())) return { path: base, value: service };
    if (Array.isArray(service) && !service.some((s) => typeof s === 'string' && s.toLowerCase() === ECS_TASKS_PRINCIPAL)) {
      const i = service.findIndex(
        (s) => typeof s === 'string' && (s.toLowerCase() === 'ecs.amazonaws.com' || s.toLowerCase() === 'ecs-task.amazonaws.com'),
      );
      if (i >= 0) return { path: [...base, i], value: service[i] as string };
    }
  }
  return undefined;
}
