import { sameTaskAndExecutionRole } from '../../../../server/src/core/rules/task-definition/same-task-and-execution-role';
import { unknownMarker } from '../../../../server/src/core/unknown';
import { ruleTester } from '../../../helpers/ruleTester';
import { fargateTask } from '../../../helpers/taskdefs';

const roles = (taskRoleArn: unknown, executionRoleArn: unknown) => fargateTask(undefined, { taskRoleArn, executionRoleArn });
const A = 'arn:aws:iam::123456789012:role/';
const P = unknownMarker('partition');
const C = unknownMarker('account');

ruleTester(sameTaskAndExecutionRole, {
  valid: [
    { name: 'different roles', json: roles(`${A}app`, `${A}ecsTaskExecutionRole`) },
    { name: 'only an execution role', json: fargateTask(undefined, { executionRoleArn: `${A}exec` }) },
    { name: 'same name in different accounts', json: roles(`${A}shared`, 'arn:aws:iam::210987654321:role/shared') },
    { name: 'placeholders', json: roles('{{role}}', '{{role}}') },
    { name: 'empty strings', json: roles('', '') },
    // Two unknowns may be any roles; only the same expression is the same role.
    {
      name: 'different unknown roles',
      json: roles(
        `arn:${P}:iam::${C}:role/${unknownMarker('aws_iam_role.app')}`,
        `arn:${P}:iam::${C}:role/${unknownMarker('aws_iam_role.exec')}`,
      ),
    },
    { name: 'wholly unknown roles, even the same', json: roles(unknownMarker('var.role'), unknownMarker('var.role')) },
  ],
  invalid: [
    {
      name: 'same ARN',
      json: roles(`${A}ecsTaskExecutionRole`, `${A}ecsTaskExecutionRole`),
      findings: [{ path: ['taskRoleArn'], severity: 'warning', message: 'are the same role ("ecsTaskExecutionRole")' }],
    },
    { name: 'ARN and bare name of the same role', json: roles('ecsTaskRole', `${A}ecsTaskRole`), findings: [{ path: ['taskRoleArn'] }] },
    { name: 'same role with and without a path', json: roles(`${A}team/app`, `${A}team/app`), findings: [{ path: ['taskRoleArn'] }] },
    {
      name: "the same unknown role (a template's or module's reference to one role in both fields)",
      json: roles(
        `arn:${P}:iam::${C}:role/${unknownMarker('aws_iam_role.app')}`,
        `arn:${P}:iam::${C}:role/${unknownMarker('aws_iam_role.app')}`,
      ),
      findings: [{ path: ['taskRoleArn'], severity: 'warning' }],
    },
  ],
});
