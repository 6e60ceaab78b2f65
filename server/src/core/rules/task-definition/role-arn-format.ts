// taskRoleArn and executionRoleArn name IAM roles: a role ARN, or a role name in the same account.
import { parseArn } from '../../arn';
import type { Rule } from '../../rule';
import { isPlaceholderField, isTemplated } from '../../taskdef/containers';
import { taskOf } from '../../taskdef/model';
import { parseRoleReference } from '../../taskdef/roles';

const ROLE_FIELDS = ['taskRoleArn', 'executionRoleArn'] as const;

export const roleArnFormat: Rule = {
  meta: {
    id: 'role-arn-format',
    title: 'taskRoleArn and executionRoleArn must be an IAM role ARN or a role name',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task) return;
    for (const field of ROLE_FIELDS) {
      const value = task[field];
      if (typeof value !== 'string' || value === '' || isTemplated(value)) continue;
      const account = parseArn(value)?.account;
      if (account !== undefined && account !== '' && isPlaceholderField(account)) continue;
      const parsed = parseRoleReference(value);
      if (!parsed.reason) continue;
      const role =
        field === 'taskRoleArn'
          ? 'task role (used by your containers)'
          : 'task execution role (used by ECS to pull images, write logs and read secrets)';
      report({ path: [field], message: `${field} ${JSON.stringify(value)} does not name the ${role}: ${parsed.reason}.` });
    }
  },
};
