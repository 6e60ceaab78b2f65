import { fargateLogDriver } from '../../../../server/src/core/rules/task-definition/fargate-log-driver';
import { ruleTester } from '../../../helpers/ruleTester';

const log = (logDriver: unknown, options?: Record<string, string>) => ({ logDriver, ...(options ? { options } : {}) });
const task = (logConfiguration: unknown, extra: Record<string, unknown> = {}, image = 'nginx') => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image, logConfiguration }],
  ...extra,
});
const awslogs = (region: string) =>
  log('awslogs', { 'awslogs-group': '/ecs/web', 'awslogs-region': region, 'awslogs-stream-prefix': 'ecs' });

ruleTester(fargateLogDriver, {
  valid: [
    { name: 'awslogs', json: task(awslogs('eu-west-1')) },
    { name: 'splunk', json: task(log('splunk', { 'splunk-url': 'https://s:8088' })) },
    { name: 'awsfirelens', json: task(log('awsfirelens', { Name: 'cloudwatch_logs' })) },
    { name: 'no logConfiguration', json: task(undefined) },
    { name: 'logConfiguration null', json: task(null) },
    { name: 'placeholder driver', json: task(log('${LOG_DRIVER}')) },
    { name: 'json-file on EC2', json: task(log('json-file'), { requiresCompatibilities: ['EC2'] }) },
    {
      name: 'syslog without requiresCompatibilities',
      json: { family: 'x', containerDefinitions: [{ name: 'a', image: 'b', logConfiguration: log('syslog') }] },
    },
  ],
  invalid: [
    {
      name: 'json-file on Fargate, fixed by switching to awslogs with the Region of the ECR image',
      json: task(log('json-file', { 'max-size': '10m' }), {}, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          message: 'Fargate supports only the awslogs, splunk and awsfirelens log drivers, not "json-file" (container "app")',
          fix: {
            title: 'Send the logs to CloudWatch Logs instead (awslogs, group "/ecs/web", Region eu-west-1)',
            output: task(awslogs('eu-west-1'), {}, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'),
          },
        },
      ],
    },
    {
      name: 'a driver outside the API list (cfn-lint E3048 case), with a placeholder Region when the file names none',
      json: task(log('sumologic', { 'sumo-url': 'aurl' })),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          message: '"sumologic"',
          fix: {
            title: 'Send the logs to CloudWatch Logs instead (awslogs, group "/ecs/web", Region us-east-1 (placeholder: check it))',
            output: task(awslogs('us-east-1')),
          },
        },
      ],
    },
    {
      name: 'FARGATE with EC2 too',
      json: task(log('gelf'), { requiresCompatibilities: ['EC2', 'FARGATE'] }),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          fixes: ['Send the logs to CloudWatch Logs instead (awslogs, group "/ecs/web", Region us-east-1 (placeholder: check it))'],
        },
      ],
    },
    {
      name: 'fluentd',
      json: task(log('fluentd')),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          fixes: ['Send the logs to CloudWatch Logs instead (awslogs, group "/ecs/web", Region us-east-1 (placeholder: check it))'],
        },
      ],
    },
  ],
});
