import { containerTimeoutRange } from '../../../../server/src/core/rules/task-definition/container-timeout-range';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, ec2Task, fargateTask } from '../../../helpers/taskdefs';

const timeouts = (extra: Record<string, unknown>) => fargateTask([container('app', extra)]);

ruleTester(containerTimeoutRange, {
  valid: [
    { name: 'lower bound 2', json: timeouts({ startTimeout: 2, stopTimeout: 2 }) },
    { name: 'upper bound 120', json: timeouts({ startTimeout: 120, stopTimeout: 120 }) },
    { name: 'not set', json: fargateTask() },
    { name: 'null', json: timeouts({ startTimeout: null, stopTimeout: null }) },
    { name: 'EC2 has no such limit', json: ec2Task([container('app', { memory: 256, startTimeout: 600, stopTimeout: 300 })]) },
  ],
  invalid: [
    {
      name: 'startTimeout 1 (below)',
      json: timeouts({ startTimeout: 1 }),
      findings: [
        {
          path: ['containerDefinitions', 0, 'startTimeout'],
          message: 'startTimeout (how long dependents wait for this container) is 1 seconds; on Fargate it must be 2 to 120 seconds',
        },
      ],
    },
    {
      name: 'startTimeout 121 (above)',
      json: timeouts({ startTimeout: 121 }),
      findings: [{ path: ['containerDefinitions', 0, 'startTimeout'] }],
    },
    {
      name: 'stopTimeout 1 (below)',
      json: timeouts({ stopTimeout: 1 }),
      findings: [{ path: ['containerDefinitions', 0, 'stopTimeout'], message: '(default 30)' }],
    },
    {
      name: 'stopTimeout 121 (above)',
      json: timeouts({ stopTimeout: 121 }),
      findings: [{ path: ['containerDefinitions', 0, 'stopTimeout'] }],
    },
    {
      name: 'FARGATE with EC2',
      json: fargateTask([container('app', { startTimeout: 600 })], { requiresCompatibilities: ['EC2', 'FARGATE'] }),
      findings: [{ path: ['containerDefinitions', 0, 'startTimeout'] }],
    },
  ],
});
