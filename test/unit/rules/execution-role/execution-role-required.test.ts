import { executionRoleRequired } from '../../../../server/src/core/rules/execution-role/execution-role-required';
import { ruleTester } from '../../../helpers/ruleTester';
import { ACCOUNT, task } from './fixtures';

const withoutRole = task({ role: null });

ruleTester(executionRoleRequired, {
  valid: [
    { name: 'an execution role is set', json: task() },
    {
      name: 'a role given by name (accepted by ECS and the GitHub actions)',
      json: task({ extra: { executionRoleArn: 'ecsTaskExecutionRole' } }),
    },
    { name: 'a template placeholder', json: task({ extra: { executionRoleArn: '{{execution_role_arn}}' } }) },
    {
      name: 'nothing needs it: public image, no logs, no secrets',
      json: task({ role: null, image: 'public.ecr.aws/nginx/nginx:1.27', logs: false }),
    },
    { name: 'Docker Hub image without logs', json: task({ role: null, image: 'nginx', logs: false }) },
    { name: 'EC2 task with an ECR image and awslogs: the instance role pulls', json: task({ role: null, fargate: false }) },
    { name: 'an image given as a placeholder', json: task({ role: null, image: '${IMAGE}', logs: false }) },
  ],
  invalid: [
    {
      name: 'Fargate with a private ECR image and awslogs, no role: on the image, account from the image',
      json: withoutRole,
      findings: [
        {
          path: ['containerDefinitions', 0, 'image'],
          message:
            'ECS needs one to pull a private ECR image, send container logs to CloudWatch Logs (awslogs driver); Fargate rejects it at registration',
          fix: {
            title: `Set executionRoleArn to arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
            output: { ...withoutRole, executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole` },
          },
        },
      ],
    },
    {
      name: 'EC2 task with secrets: ECS rejects it too',
      json: task({ role: null, fargate: false, logs: false, image: 'nginx', secrets: [{ name: 'DB', valueFrom: '/app/db' }] }),
      findings: [
        {
          path: ['containerDefinitions', 0, 'secrets', 0, 'valueFrom'],
          message: 'ECS rejects it at registration',
          fixes: ['Set executionRoleArn to arn:aws:iam::ACCOUNT_ID:role/ecsTaskExecutionRole'],
        },
      ],
    },
    {
      name: 'executionRoleArn null: reported on it; the account comes from the task role',
      json: task({ image: 'nginx', extra: { executionRoleArn: null, taskRoleArn: 'arn:aws-cn:iam::210987654321:role/app' } }),
      findings: [
        {
          path: ['executionRoleArn'],
          fix: {
            title: 'Set executionRoleArn to arn:aws-cn:iam::210987654321:role/ecsTaskExecutionRole',
            output: task({
              image: 'nginx',
              extra: {
                executionRoleArn: 'arn:aws-cn:iam::210987654321:role/ecsTaskExecutionRole',
                taskRoleArn: 'arn:aws-cn:iam::210987654321:role/app',
              },
            }),
          },
        },
      ],
    },
    {
      name: 'an empty executionRoleArn; no account anywhere in the file',
      json: task({ image: 'nginx', extra: { executionRoleArn: '' } }),
      findings: [
        {
          path: ['executionRoleArn'],
          fix: {
            title: 'Set executionRoleArn to arn:aws:iam::ACCOUNT_ID:role/ecsTaskExecutionRole',
            output: task({ image: 'nginx', extra: { executionRoleArn: 'arn:aws:iam::ACCOUNT_ID:role/ecsTaskExecutionRole' } }),
          },
        },
      ],
    },
  ],
});
