import { serviceExecuteCommand } from '../../../../server/src/core/rules/ecs-service/service-execute-command';
import { container } from '../../../helpers/taskdefs';
import { ruleTester } from '../../../helpers/ruleTester';
import { policy } from '../execution-role/fixtures';
import { ECS_EXEC_STATEMENT, service, webTask } from './fixtures';

const ROLE = 'arn:aws:iam::123456789012:role/appRole';
const EXEC = ECS_EXEC_STATEMENT;
const init = { linuxParameters: { initProcessEnabled: true } };
const task = (extra: Record<string, unknown> = { taskRoleArn: ROLE }, settings: Record<string, unknown> = init) =>
  webTask(extra, [container('web', { essential: true, portMappings: [{ containerPort: 80 }], ...settings })]);
const on = service({ enableExecuteCommand: true });
const files = (taskPolicy: unknown, taskDefinition = task()) => ({
  'task-definition.json': taskDefinition,
  'fargate-lint.json': { roles: { appRole: { policies: ['iam/app.json'] } } },
  'iam/app.json': taskPolicy,
});

ruleTester(serviceExecuteCommand, {
  valid: [
    { name: 'the task role allows the four actions', json: on, fileName: 'service.json', files: files(policy(EXEC)) },
    {
      name: 'ssmmessages:* on *',
      json: on,
      fileName: 'service.json',
      files: files(policy({ Effect: 'Allow', Action: 'ssmmessages:*', Resource: '*' })),
    },
    { name: 'ECS Exec off', json: service({ enableExecuteCommand: false }), fileName: 'service.json', files: files(policy()) },
    { name: 'the task definition is not in the workspace', json: on, fileName: 'service.json' },
  ],
  invalid: [
    {
      name: 'the task role lacks the actions: the fix adds them to its policy file',
      json: on,
      fileName: 'service.json',
      files: files(policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cfg/*' })),
      findings: [
        {
          path: ['enableExecuteCommand'],
          message:
            'Task role appRole lacks ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel on *, which ECS Exec needs',
          fix: {
            title: 'Add the ECS Exec actions to the policy of task role appRole (app.json)',
            output: on,
            files: {
              'iam/app.json': policy(
                { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cfg/*' },
                { Sid: 'EcsExec', ...EXEC },
              ),
            },
          },
        },
      ],
    },
    {
      name: 'a role file without inline policies: the fix adds one',
      json: on,
      fileName: 'service.json',
      files: {
        'task-definition.json': task(),
        'iam/app-role.json': { RoleName: 'appRole', AssumeRolePolicyDocument: policy(), Policies: [] },
      },
      findings: [
        {
          path: ['enableExecuteCommand'],
          fix: {
            title: 'Add the ECS Exec actions to task role appRole (app-role.json)',
            output: on,
            files: {
              'iam/app-role.json': {
                RoleName: 'appRole',
                AssumeRolePolicyDocument: policy(),
                Policies: [{ PolicyName: 'EcsExec', PolicyDocument: policy({ Sid: 'EcsExec', ...EXEC }) }],
              },
            },
          },
        },
      ],
    },
    {
      name: 'no task role',
      json: on,
      fileName: 'service.json',
      files: { 'task-definition.json': task({}) },
      findings: [
        {
          path: ['enableExecuteCommand'],
          message: 'ECS Exec needs a task role, and task definition web (task-definition.json) has no taskRoleArn',
        },
      ],
    },
    {
      name: 'the task role is not in the workspace: a hint',
      json: on,
      fileName: 'service.json',
      files: { 'task-definition.json': task() },
      findings: [
        {
          path: ['enableExecuteCommand'],
          severity: 'hint',
          message: 'The policies of task role appRole are not in the workspace',
          fixes: ['Create a policy for task role appRole with the ECS Exec actions'],
        },
      ],
    },
    {
      name: 'a read-only root file system',
      json: on,
      fileName: 'service.json',
      files: files(policy(EXEC), task({ taskRoleArn: ROLE }, { ...init, readonlyRootFilesystem: true })),
      findings: [
        {
          path: ['enableExecuteCommand'],
          severity: 'warning',
          message:
            'Container "web" of task definition web (task-definition.json) has a read-only root file system, which ECS Exec does not support',
        },
      ],
    },
    {
      name: 'no init process: a hint, and the fix sets it in the task definition',
      json: on,
      fileName: 'service.json',
      files: files(policy(EXEC), task({ taskRoleArn: ROLE }, {})),
      findings: [
        {
          path: ['enableExecuteCommand'],
          severity: 'hint',
          message: 'set linuxParameters.initProcessEnabled to true in "web"',
          fix: { title: 'Set initProcessEnabled in task-definition.json', output: on, files: { 'task-definition.json': task() } },
        },
      ],
    },
  ],
});
