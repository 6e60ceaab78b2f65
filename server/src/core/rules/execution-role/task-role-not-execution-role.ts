// ECS pulls images and writes logs with the execution role, never with the task role. A task role that
// holds ECR or CloudWatch Logs permissions the execution role lacks is a common mix-up: say so.
import { cachedCheck, checkAgainst } from '../../execution-role/check';
import { resolveRole } from '../../execution-role/resolve-role';
import type { RelatedLocation, Rule } from '../../rule';
import { taskOf } from '../../taskdef/model';
import { referencedRole } from '../../taskdef/roles';

const PULL_FEATURES = new Set(['ecr-image', 'awslogs', 'awslogs-create-group']);

export const taskRoleNotExecutionRole: Rule = {
  meta: {
    id: 'task-role-not-execution-role',
    title: 'ECR and CloudWatch Logs permissions on the task role do not help ECS: they belong on the execution role',
    defaultSeverity: 'information',
    appliesTo: ['task-definition'],
  },
  check({ subject, document: { workspace, uri }, report }) {
    const task = taskOf(subject);
    const taskRole = task && referencedRole(task.taskRoleArn);
    if (!task || !taskRole) return;
    const check = cachedCheck(subject, workspace, uri);
    if (check.roleArn?.name === taskRole.name) return;
    const lacking = check.requirements.filter((r) => {
      if (!PULL_FEATURES.has(r.feature)) return false;
      if (!check.roleArn) return true;
      const result = check.results.find((x) => x.requirement === r);
      return result !== undefined && (result.status === 'missing' || result.status === 'denied');
    });
    if (lacking.length === 0) return;
    const role = resolveRole(taskRole.name, workspace, uri);
    if (!role) return;
    const granted = checkAgainst(role, lacking).filter((r) => r.status === 'granted' || r.status === 'conditional');
    if (granted.length === 0) return;
    const actions = [
      ...new Set(
        granted.flatMap((r) =>
          r.permissions.filter((p) => p.status === 'granted' || p.status === 'conditional').map((p) => p.permission.action),
        ),
      ),
    ];
    const related: RelatedLocation[] = [];
    for (const result of granted) {
      for (const p of result.permissions) {
        for (const match of p.evaluation.matches) {
          const source = role.policies[Number(match.policyId)];
          if (source?.uri && match.effect === 'Allow')
            related.push({
              file: source.uri,
              path: [...source.path, ...match.statement.path],
              message: `task role ${role.name} allows ${p.permission.action} here`,
            });
        }
      }
    }
    const execution = check.roleArn ? `execution role ${check.roleArn.name} lacks them` : 'this task definition has no execution role';
    report({
      path: ['taskRoleArn'],
      message: `Task role ${role.name} allows ${actions.join(', ')}, but ${execution}. ECS pulls images and creates log streams with the execution role (executionRoleArn); the task role only serves the application's own AWS calls. Grant these on the execution role.`,
      related: related.filter(
        (r, i) => related.findIndex((x) => x.file === r.file && JSON.stringify(x.path) === JSON.stringify(r.path)) === i,
      ),
    });
  },
};
