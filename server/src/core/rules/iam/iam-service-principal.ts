// Service principals are fixed names such as ecs-tasks.amazonaws.com. A misspelt one is accepted by IAM
// in some cases and never matches, so the service cannot assume the role ("ECS was unable to assume the
// role"). A name close to a known principal is reported with the likely one; unknown names far from all
// known ones are left alone, since new services and service-linked principals appear all the time.
//
// ecs.amazonaws.com is a real principal (the ECS service itself), but task roles and task execution roles
// must trust ecs-tasks.amazonaws.com. When the role looks like a task role (its name, file name or policies
// say so, or a task definition in the workspace uses it) that is a warning; otherwise an information-level
// note, since other roles legitimately trust ECS.
import { type JsonPath, isObject, valueAt } from '../../json';
import { dependentsOf } from '../../execution-role/assist';
import { basename, basenameOf } from '../../uris';
import { statementsOf } from '../../iam/policy';
import { principalValues } from '../../iam/principals';
import {
  ECS_SERVICE_PRINCIPAL,
  ECS_TASKS_PRINCIPAL,
  isKnownServicePrincipal,
  isServicePrincipalFormat,
  likelyServicePrincipal,
} from '../../iam/service-principals';
import { hasWildcard } from '../../iam/wildcard';
import { hasTemplatePlaceholder } from '../../iam/variables';
import { type ReplacementData, replacementFixes } from '../../iam/actions';
import type { Rule, RuleContext } from '../../rule';

export const iamServicePrincipal: Rule<ReplacementData> = {
  meta: {
    id: 'iam-service-principal',
    title: 'Service principals must be spelt as AWS names them (ecs-tasks.amazonaws.com for ECS tasks)',
    defaultSeverity: 'warning',
    appliesTo: ['trust-policy', 'resource-policy'],
    fixable: true,
  },
  check(context) {
    const { subject, report } = context;
    for (const statement of statementsOf(subject.value)) {
      for (const principal of principalValues(statement)) {
        if (principal.type !== 'Service') continue;
        const value = principal.value;
        if (hasTemplatePlaceholder(value) || value.includes('${') || hasWildcard(value)) continue;
        if (value.toLowerCase() === ECS_SERVICE_PRINCIPAL) {
          if (subject.kind === 'trust-policy') reportEcsService(context, principal.path);
          continue;
        }
        if (isServicePrincipalFormat(value) && isKnownServicePrincipal(value)) continue;
        const likely = likelyServicePrincipal(value);
        if (likely) {
          report({
            path: principal.path,
            message: `${JSON.stringify(value)} is not a service principal fargate-lint knows; did you mean ${JSON.stringify(likely)}? A misspelt principal never matches, so the service cannot assume the role.`,
            data: { replacements: [likely] },
          });
        } else if (!isServicePrincipalFormat(value)) {
          report({
            path: principal.path,
            message: `${JSON.stringify(value)} is not shaped like a service principal (lower-case name.amazonaws.com, such as ${JSON.stringify(ECS_TASKS_PRINCIPAL)}).`,
          });
        }
      }
    }
  },
  fix({ path, data }) {
    return replacementFixes(path, data);
  },
};

function reportEcsService(
  { subject, model, document: { fileName, uri, workspace }, report }: RuleContext<ReplacementData>,
  path: JsonPath,
): void {
  const dependent = uri ? dependentsOf(uri, workspace)[0] : undefined;
  const evidence = dependent
    ? `task definition ${dependent.family ?? basenameOf(dependent.uri)} uses role ${dependent.role} as its ${dependent.as}`
    : taskRoleEvidence(model.value, subject.path, fileName);
  const data: ReplacementData = { replacements: [ECS_TASKS_PRINCIPAL] };
  if (evidence) {
    report({
      path,
      data,
      message: `This looks like a task role or task execution role (${evidence}), but it trusts ecs.amazonaws.com, the ECS service itself. Tasks assume their roles as ecs-tasks.amazonaws.com; with this principal the task cannot start or gets no credentials.`,
    });
  } else {
    report({
      path,
      severity: 'information',
      data,
      message:
        'ecs.amazonaws.com is the ECS service itself (its service-linked role, the legacy load-balancer role). If tasks use this role (task role or task execution role), the principal must be ecs-tasks.amazonaws.com.',
    });
  }
}

const TASK_WORDS = /task|execution/i;

/** Why the role holding this trust policy looks like one ECS tasks use, or undefined. */
function taskRoleEvidence(root: unknown, trustPath: JsonPath, fileName: string | undefined): string | undefined {
  if (trustPath[trustPath.length - 1] === 'AssumeRolePolicyDocument') {
    const role = valueAt(root, trustPath.slice(0, -1));
    if (isObject(role)) {
      if (typeof role.RoleName === 'string' && TASK_WORDS.test(role.RoleName)) return `role name ${role.RoleName}`;
      const managed = JSON.stringify(role.ManagedPolicyArns ?? role.AttachedManagedPolicies ?? '');
      if (managed.includes('AmazonECSTaskExecutionRolePolicy')) return 'it has AmazonECSTaskExecutionRolePolicy attached';
    }
  }
  const base = fileName && basename(fileName);
  if (base && TASK_WORDS.test(base)) return `file name ${base}`;
  return undefined;
}
