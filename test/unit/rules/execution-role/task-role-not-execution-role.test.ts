import { taskRoleNotExecutionRole } from '../../../../server/src/core/rules/execution-role/task-role-not-execution-role';
import { ruleTester } from '../../../helpers/ruleTester';
import { ACCOUNT, MANAGED, config, policy, task } from './fixtures';

const withTaskRole = (options: Parameters<typeof task>[0] = {}) =>
  task({ ...options, extra: { taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/appRole` } });
const logsOnly = policy({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' });
const both = (execPolicies: string[]) => ({
  'fargate-lint.json': { roles: { execRole: { policies: execPolicies }, appRole: { managedPolicyArns: [MANAGED] } } },
  'iam/exec.json': logsOnly,
});

ruleTester(taskRoleNotExecutionRole, {
  valid: [
    {
      name: 'the execution role has the permissions too',
      json: withTaskRole(),
      files: {
        ...both([]),
        'fargate-lint.json': { roles: { execRole: { managedPolicyArns: [MANAGED] }, appRole: { managedPolicyArns: [MANAGED] } } },
      },
    },
    {
      name: 'the task role grants nothing of the kind',
      json: withTaskRole(),
      files: {
        'fargate-lint.json': { roles: { execRole: { policies: ['iam/exec.json'] }, appRole: { policies: [] } } },
        'iam/exec.json': logsOnly,
      },
    },
    {
      name: 'the execution role is not in the workspace: nothing is known to lack',
      json: withTaskRole(),
      files: { 'fargate-lint.json': { roles: { appRole: { managedPolicyArns: [MANAGED] } } } },
    },
    {
      name: 'both fields name the same role',
      json: task({ extra: { taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/execRole` } }),
      files: { 'fargate-lint.json': config(['iam/exec.json']), 'iam/exec.json': logsOnly },
    },
    { name: 'no task role', json: task(), files: both(['iam/exec.json']) },
  ],
  invalid: [
    {
      name: 'ECR pull permissions on the task role, lacking on the execution role',
      json: withTaskRole(),
      files: both(['iam/exec.json']),
      findings: [
        {
          path: ['taskRoleArn'],
          severity: 'information',
          message:
            'Task role appRole allows ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage, but execution role execRole lacks them.',
        },
      ],
    },
    {
      name: 'no execution role at all',
      json: task({ role: null, extra: { taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/appRole` } }),
      files: both([]),
      findings: [{ path: ['taskRoleArn'], message: 'but this task definition has no execution role' }],
    },
  ],
});
