// The task role (for the application) and the execution role (for ECS itself) should be separate roles.
import type { Rule } from '../../rule';
import { isTemplated } from '../../taskdef/containers';
import { taskOf } from '../../taskdef/model';
import { type RoleReference, parseRoleReference, referencedRole } from '../../taskdef/roles';
import { hasUnknown, isUnknown } from '../../unknown';

export const sameTaskAndExecutionRole: Rule = {
  meta: {
    id: 'same-task-and-execution-role',
    title: 'The task role and the execution role should be different roles',
    defaultSeverity: 'warning',
    appliesTo: ['task-definition'],
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task || typeof task.taskRoleArn !== 'string' || typeof task.executionRoleArn !== 'string') return;
    let a: RoleReference | undefined;
    if (hasUnknown(task.taskRoleArn)) {
      // The same unknown stands for the same expression (both fields name aws_iam_role.app.arn): the same role.
      // A value that is wholly unknown (a variable, a parameter) says nothing of what it names.
      if (task.taskRoleArn !== task.executionRoleArn || isUnknown(task.taskRoleArn)) return;
      a = referencedRole(task.taskRoleArn);
      if (!a) return;
    } else {
      if (isTemplated(task.taskRoleArn) || isTemplated(task.executionRoleArn)) return;
      const taskRole = parseRoleReference(task.taskRoleArn);
      const executionRole = parseRoleReference(task.executionRoleArn);
      a = taskRole.role;
      const b = executionRole.role;
      if (!a || !b || taskRole.reason || executionRole.reason) return;
      // A bare name lives in the task definition's account, so it matches an ARN of any account here.
      const sameAccount = a.account === undefined || b.account === undefined || a.account === b.account;
      if (a.name !== b.name || !sameAccount) return;
    }
    report({
      path: ['taskRoleArn'],
      message: `The task role and the execution role are the same role ("${a.name}"). The execution role lets ECS pull images, write logs and read every secret of the task; the task role is what your application code gets. With one role, the application can read all the secrets and pull images too: give each duty its own role.`,
      related: [{ path: [...subject.path, 'executionRoleArn'], message: 'the execution role' }],
    });
  },
};
