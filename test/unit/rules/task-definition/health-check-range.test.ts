import { healthCheckRange } from '../../../../server/src/core/rules/task-definition/health-check-range';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const check = (timing: Record<string, unknown>) =>
  fargateTask([container('app', { healthCheck: { command: ['CMD', 'true'], ...timing } })]);
const at = (field: string) => ['containerDefinitions', 0, 'healthCheck', field];

ruleTester(healthCheckRange, {
  valid: [
    { name: 'defaults (nothing set)', json: check({}) },
    { name: 'lower bounds', json: check({ interval: 5, timeout: 2, retries: 1, startPeriod: 0 }) },
    { name: 'upper bounds', json: check({ interval: 300, timeout: 60, retries: 10, startPeriod: 300 }) },
    { name: 'startPeriod null', json: check({ startPeriod: null }) },
    {
      name: 'CLI skeleton: zeros with an unwritten command',
      json: fargateTask([container('app', { healthCheck: { command: [''], interval: 0, timeout: 0, retries: 0 } })]),
    },
  ],
  invalid: [
    {
      name: 'interval 4 (below)',
      json: check({ interval: 4 }),
      findings: [{ path: at('interval'), message: 'healthCheck.interval is 4 seconds; ECS accepts 5 to 300 seconds (default 30 seconds)' }],
    },
    { name: 'interval 301 (above)', json: check({ interval: 301 }), findings: [{ path: at('interval') }] },
    { name: 'timeout 1 (below)', json: check({ timeout: 1 }), findings: [{ path: at('timeout'), message: '2 to 60 seconds' }] },
    { name: 'timeout 61 (above)', json: check({ timeout: 61 }), findings: [{ path: at('timeout') }] },
    {
      name: 'retries 0 (below)',
      json: check({ retries: 0 }),
      findings: [{ path: at('retries'), message: 'healthCheck.retries is 0; ECS accepts 1 to 10 (default 3)' }],
    },
    { name: 'retries 11 (above)', json: check({ retries: 11 }), findings: [{ path: at('retries') }] },
    {
      name: 'startPeriod -1 (below)',
      json: check({ startPeriod: -1 }),
      findings: [{ path: at('startPeriod'), message: '0 to 300 seconds.' }],
    },
    { name: 'startPeriod 301 (above)', json: check({ startPeriod: 301 }), findings: [{ path: at('startPeriod') }] },
    {
      name: 'several at once',
      json: check({ interval: 1, timeout: 120, retries: 3, startPeriod: 600 }),
      findings: [{ path: at('interval') }, { path: at('timeout') }, { path: at('startPeriod') }],
    },
  ],
});
