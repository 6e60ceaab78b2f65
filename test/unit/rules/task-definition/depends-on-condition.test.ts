import { dependsOnCondition } from '../../../../server/src/core/rules/task-definition/depends-on-condition';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const on = (containerName: string, condition: string) => ({ dependsOn: [{ containerName, condition }] });
const healthCheck = { healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] } };

ruleTester(dependsOnCondition, {
  valid: [
    {
      name: 'HEALTHY on a container with a health check',
      json: fargateTask([container('app', on('envoy', 'HEALTHY')), container('envoy', healthCheck)]),
    },
    {
      name: 'SUCCESS on a non-essential container',
      json: fargateTask([container('app', on('init', 'SUCCESS')), container('init', { essential: false })]),
    },
    {
      name: 'COMPLETE on a non-essential container',
      json: fargateTask([container('app', on('init', 'COMPLETE')), container('init', { essential: false })]),
    },
    { name: 'START on anything', json: fargateTask([container('app', on('db', 'START')), container('db')]) },
    { name: 'unknown target (another rule)', json: fargateTask([container('app', on('nope', 'HEALTHY'))]) },
  ],
  invalid: [
    {
      name: 'HEALTHY without a health check',
      json: fargateTask([container('app', on('db', 'HEALTHY')), container('db')]),
      findings: [{ path: ['containerDefinitions', 0, 'dependsOn', 0, 'condition'], message: '"db" has no healthCheck' }],
    },
    {
      name: 'HEALTHY with a null health check',
      json: fargateTask([container('app', on('db', 'HEALTHY')), container('db', { healthCheck: null })]),
      findings: [{ path: ['containerDefinitions', 0, 'dependsOn', 0, 'condition'] }],
    },
    {
      name: 'SUCCESS on an essential container (default)',
      json: fargateTask([container('app', on('migrate', 'SUCCESS')), container('migrate')]),
      findings: [
        { path: ['containerDefinitions', 0, 'dependsOn', 0, 'condition'], message: 'ECS does not allow SUCCESS on an essential container' },
      ],
    },
    {
      name: 'COMPLETE on an explicitly essential container',
      json: fargateTask([container('app', on('migrate', 'COMPLETE')), container('migrate', { essential: true })]),
      findings: [{ path: ['containerDefinitions', 0, 'dependsOn', 0, 'condition'], message: 'COMPLETE' }],
    },
  ],
});
