// Each feature of a task definition that the ECS agent performs with the execution role (pull from ECR,
// awslogs, secrets, registry credentials, environment files) must be allowed by the role's policies, as
// found in the workspace. Missing permissions let the task register and then fail to start.
import { type PermissionResult, type RequirementResult, type Status, cachedCheck, policyOfMatch } from '../../execution-role/check';
import { type Grant, addStatementsEdits, grantsOf, policyDocumentFor } from '../../execution-role/fixes';
import { describePermissions } from '../../execution-role/requirements';
import type { PolicySource, ResolvedRole } from '../../execution-role/resolve-role';
import { basenameOf as fileName } from '../../uris';
import { appliesTo, resourceMatches } from '../../iam/evaluate';
import { wildcardMatch } from '../../iam/wildcard';
import { statementsOf } from '../../iam/policy';
import { type JsonPath, valueAt } from '../../json';
import { append, inFile, set } from '../../model';
import type { Fix, RelatedLocation, Rule, Severity } from '../../rule';

const SEVERITY: Partial<Record<Status, Severity>> = {
  denied: 'error',
  missing: 'error',
  'denied-conditionally': 'warning',
  conditional: 'information',
};

interface Location {
  uri: string;
  path: JsonPath;
}

interface NearMiss extends Location {
  kind: 'ssm-singular' | 'secret-suffix';
  /** The value now at `path`, and what the fix writes there. */
  value: string;
  replacement: string;
}

const NEAR_MISS_TEXT: Record<NearMiss['kind'], { hint: string; title: (m: NearMiss) => string }> = {
  'ssm-singular': {
    hint: 'its policy allows ssm:GetParameter, but ECS calls ssm:GetParameters',
    title: () => 'Replace ssm:GetParameter by ssm:GetParameters (what ECS calls)',
  },
  'secret-suffix': {
    hint: "its policy names the secret without the 6-character suffix of the secret's ARN, which IAM compares in full (write NAME-??????)",
    title: (m) => `Match the secret's random suffix: ${m.replacement}`,
  },
};

interface PermissionData {
  role: string;
  status: Status;
  /** What a new statement must allow (missing permissions only). */
  grants: Grant[];
  /** Where to add it: a policy the user owns, or the inline policies of a role (`roleFile.path`: where they go). */
  policy?: Location;
  roleFile?: Location;
  /** Almost right: `ssm:GetParameter` where ECS calls `ssm:GetParameters`, a secret ARN without its suffix. */
  nearMisses: NearMiss[];
}

export const executionRolePermission: Rule<PermissionData> = {
  meta: {
    id: 'execution-role-permission',
    title: "The execution role's policies must allow what the task definition needs (ECR pull, logs, secrets, environment files)",
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, document: { workspace, uri }, report }) {
    const check = cachedCheck(subject, workspace, uri);
    const role = check.role;
    if (!role) return;
    for (const result of check.results) {
      const severity = SEVERITY[result.status];
      if (!severity) continue;
      const problems = result.permissions.filter(
        (p) => p.status === result.status || (result.status === 'denied' && p.status === 'missing'),
      );
      const nearMisses = result.status === 'missing' ? findNearMisses(role, problems) : [];
      report({
        path: result.requirement.path,
        target: result.requirement.target,
        severity,
        message: messageFor(role, result, problems, nearMisses),
        related: relatedFor(role, result.status, problems),
        data: dataFor(role, result, problems, nearMisses),
      });
    }
  },
  fix({ data: d, document: { workspace } }) {
    if (!d || !workspace) return [];
    const fixes: Fix[] = [];
    for (const miss of d.nearMisses) {
      const file = workspace.file(miss.uri);
      if (!file || valueAt(file.model.value, miss.path) !== miss.value) continue;
      fixes.push({
        title: NEAR_MISS_TEXT[miss.kind].title(miss),
        isPreferred: fixes.length === 0,
        edits: inFile(miss.uri, [set(miss.path, miss.replacement)]),
      });
    }
    if (d.grants.length) {
      const actions = [...new Set(d.grants.flatMap((g) => g.actions))].join(', ');
      const policyFile = d.policy && workspace.file(d.policy.uri);
      const roleFile = d.roleFile && workspace.file(d.roleFile.uri);
      if (d.policy && policyFile) {
        const edits = addStatementsEdits(policyFile, d.policy.path, d.grants);
        if (edits.length)
          fixes.push({
            title: `Add ${actions} to the policy of role ${d.role} (${fileName(d.policy.uri)})`,
            isPreferred: fixes.length === 0,
            edits,
          });
      } else if (d.roleFile && roleFile) {
        const entry = { PolicyName: 'ExecutionRolePermissions', PolicyDocument: policyDocumentFor(d.grants) };
        const policies = valueAt(roleFile.model.value, d.roleFile.path);
        const edits = inFile(d.roleFile.uri, [Array.isArray(policies) ? append(d.roleFile.path, entry) : set(d.roleFile.path, [entry])]);
        fixes.push({ title: `Add ${actions} to role ${d.role} (${fileName(d.roleFile.uri)})`, isPreferred: fixes.length === 0, edits });
      }
    }
    return fixes;
  },
};

function messageFor(role: ResolvedRole, result: RequirementResult, problems: PermissionResult[], nearMisses: NearMiss[]): string {
  const needed = `(needed to ${result.requirement.reason})`;
  const what = describePermissions(problems.map((p) => p.permission));
  switch (result.status) {
    case 'denied': {
      const deny = firstMatch(role, problems, 'Deny', false);
      return `execution role ${role.name} is denied ${what}${deny ? ` by ${statementName(deny)}` : ''} ${needed}`;
    }
    case 'missing': {
      const none = role.policies.length === 0 ? '; it has no permission policies' : '';
      const hint = [...new Set(nearMisses.map((m) => `; ${NEAR_MISS_TEXT[m.kind].hint}`))].join('');
      return `execution role ${role.name} lacks ${what} ${needed}${none}${hint}`;
    }
    case 'denied-conditionally': {
      const deny = firstMatch(role, problems, 'Deny', true);
      return `execution role ${role.name} may be denied ${what}: ${deny ? statementName(deny) : 'a Deny statement'} applies under its conditions ${needed}`;
    }
    default: {
      const allow = firstMatch(role, problems, 'Allow', true);
      return `execution role ${role.name} is allowed ${what} only under the conditions of ${allow ? statementName(allow) : 'its Allow statement'}; check that they hold when ECS starts the task ${needed}`;
    }
  }
}

interface MatchRef {
  source: PolicySource;
  statementPath: JsonPath;
  sid?: string;
}

function firstMatch(
  role: ResolvedRole,
  problems: PermissionResult[],
  effect: 'Allow' | 'Deny',
  conditional: boolean,
): MatchRef | undefined {
  for (const problem of problems) {
    const match = problem.evaluation.matches.find((m) => m.effect === effect && m.conditional === conditional);
    if (match) return { source: policyOfMatch(role, match.policyId), statementPath: match.statement.path, sid: match.statement.sid };
  }
  return undefined;
}

function statementName(ref: MatchRef): string {
  return `${ref.sid ? `statement ${ref.sid}` : 'a statement'} of ${ref.source.label}`;
}

function relatedFor(role: ResolvedRole, status: Status, problems: PermissionResult[]): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const problem of problems) {
    for (const match of problem.evaluation.matches) {
      const source = policyOfMatch(role, match.policyId);
      if (!source.uri || (status === 'denied' && match.effect !== 'Deny')) continue;
      const path = [...source.path, ...match.statement.path];
      if (related.some((r) => r.file === source.uri && JSON.stringify(r.path) === JSON.stringify(path))) continue;
      const word =
        match.effect === 'Deny' ? (match.conditional ? 'conditional Deny' : 'Deny') : match.conditional ? 'conditional Allow' : 'Allow';
      related.push({ file: source.uri, path, message: `${word} of ${problem.permission.action}` });
    }
  }
  for (const source of role.policies) {
    if (
      !source.uri ||
      related.some((r) => r.file === source.uri && JSON.stringify(r.path.slice(0, source.path.length)) === JSON.stringify(source.path))
    )
      continue;
    related.push({ file: source.uri, path: source.path, message: `policy of role ${role.name} that was checked: ${source.label}` });
  }
  return related;
}

function dataFor(role: ResolvedRole, result: RequirementResult, problems: PermissionResult[], nearMisses: NearMiss[]): PermissionData {
  const missing = result.status === 'missing' ? problems.filter((p) => p.status === 'missing') : [];
  const policy =
    role.policies.find((p) => p.editable && p.uri && p.origin === 'project-config') ?? role.policies.find((p) => p.editable && p.uri);
  const roleFile = role.descriptions.find((d) => d.inlinePoliciesPath);
  return {
    role: role.name,
    status: result.status,
    grants: grantsOf(
      result.requirement.feature,
      missing.map((p) => p.permission),
    ),
    policy: policy?.uri ? { uri: policy.uri, path: policy.path } : undefined,
    roleFile: roleFile?.inlinePoliciesPath ? { uri: roleFile.uri, path: roleFile.inlinePoliciesPath } : undefined,
    nearMisses,
  };
}

/**
 * Statements that would grant the permission with one small change: `ssm:GetParameter` made plural, or a
 * secret ARN given the `-??????` that stands for its random suffix.
 */
function findNearMisses(role: ResolvedRole, problems: PermissionResult[]): NearMiss[] {
  const found: NearMiss[] = [];
  const add = (miss: NearMiss) => {
    if (!found.some((f) => f.uri === miss.uri && JSON.stringify(f.path) === JSON.stringify(miss.path))) found.push(miss);
  };
  for (const problem of problems) {
    const { action, resources } = problem.permission;
    for (const source of role.policies) {
      if (!source.uri || !source.editable) continue;
      for (const statement of statementsOf(source.document)) {
        if (statement.effect !== 'Allow' || !statement.action || statement.action.negated) continue;
        if (action === 'ssm:GetParameters') {
          const singular = statement.action.items.find((item) => item.value.toLowerCase() === 'ssm:getparameter');
          if (singular && resources.some((r) => appliesTo(statement, 'ssm:GetParameter', r, 'possibly'))) {
            add({
              kind: 'ssm-singular',
              uri: source.uri,
              path: [...source.path, ...singular.path],
              value: singular.value,
              replacement: 'ssm:GetParameters',
            });
          }
        }
        if (action === 'secretsmanager:GetSecretValue' && statement.resource && !statement.resource.negated) {
          if (!statement.action.items.some((item) => wildcardMatch(item.value, action, { ignoreCase: true }))) continue;
          for (const item of statement.resource.items) {
            if (!item.value.includes(':secret:') || /[-*?]$/.test(item.value)) continue;
            const replacement = `${item.value}-??????`;
            if (resources.some((r) => resourceMatches(replacement, r, 'possibly'))) {
              add({ kind: 'secret-suffix', uri: source.uri, path: [...source.path, ...item.path], value: item.value, replacement });
            }
          }
        }
      }
    }
  }
  return found;
}
