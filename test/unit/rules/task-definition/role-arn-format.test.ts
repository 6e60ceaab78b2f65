import { roleArnFormat } from '../../../../server/src/core/rules/task-definition/role-arn-format';
import { ruleTester } from '../../../helpers/ruleTester';
import { fargateTask } from '../../../helpers/taskdefs';

const roles = (extra: Record<string, unknown>) => fargateTask(undefined, extra);

ruleTester(roleArnFormat, {
  valid: [
    {
      name: 'role ARNs',
      json: roles({
        taskRoleArn: 'arn:aws:iam::123456789012:role/app',
        executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      }),
    },
    {
      name: 'role ARN with a path',
      json: roles({ executionRoleArn: 'arn:aws:iam::123456789012:role/service-role/GokabotTaskExecutionRole' }),
    },
    {
      name: 'bare role names (ECS fills in the account)',
      json: roles({ taskRoleArn: 'app-task', executionRoleArn: 'ecsTaskExecutionRole' }),
    },
    {
      name: 'China and GovCloud partitions',
      json: roles({ taskRoleArn: 'arn:aws-cn:iam::123456789012:role/a', executionRoleArn: 'arn:aws-us-gov:iam::123456789012:role/b' }),
    },
    { name: '64-character role name (boundary)', json: roles({ taskRoleArn: 'r'.repeat(64) }) },
    { name: 'empty and null', json: roles({ taskRoleArn: '', executionRoleArn: null }) },
    { name: 'placeholders', json: roles({ taskRoleArn: '{{task-role-arn}}', executionRoleArn: 'arn:aws:iam::$AWS_ACCOUNT_ID:role/x' }) },
    {
      name: 'placeholder accounts',
      json: roles({ taskRoleArn: 'arn:aws:iam::XXXXXXXXXXXX:role/a', executionRoleArn: 'arn:aws:iam::ACCOUNT_ID:role/b' }),
    },
    {
      name: 'obfuscated account of repeated digits',
      json: roles({ executionRoleArn: 'arn:aws:iam::11111111111:role/ecsTaskExecutionRole' }),
    },
  ],
  invalid: [
    {
      name: '65-character role name (boundary)',
      json: roles({ taskRoleArn: 'r'.repeat(65) }),
      findings: [{ path: ['taskRoleArn'], message: 'neither an IAM role ARN' }],
    },
    {
      name: 'instance profile',
      json: roles({ executionRoleArn: 'arn:aws:iam::123456789012:instance-profile/ecs' }),
      findings: [{ path: ['executionRoleArn'], message: 'names an IAM instance-profile, not a role' }],
    },
    {
      name: 'policy ARN',
      json: roles({ executionRoleArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }),
      findings: [{ path: ['executionRoleArn'], message: '12-digit account' }],
    },
    {
      name: 'assumed-role session',
      json: roles({ taskRoleArn: 'arn:aws:sts::123456789012:assumed-role/app/session' }),
      findings: [{ path: ['taskRoleArn'], message: 'assumed-role session ARN' }],
    },
    {
      name: 'Region in an IAM ARN',
      json: roles({ taskRoleArn: 'arn:aws:iam:us-east-1:123456789012:role/app' }),
      findings: [{ path: ['taskRoleArn'], message: 'IAM ARNs have no Region' }],
    },
    {
      name: 'a 13-digit account',
      json: roles({ taskRoleArn: 'arn:aws:iam::1234567890123:role/app' }),
      findings: [{ path: ['taskRoleArn'] }],
    },
    {
      name: 'role without a name',
      json: roles({ executionRoleArn: 'arn:aws:iam::123456789012:role/' }),
      findings: [{ path: ['executionRoleArn'], message: 'is not a role name' }],
    },
  ],
});
