import { healthCheckCommand } from '../../../../server/src/core/rules/task-definition/health-check-command';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const check = (command: unknown) => fargateTask([container('app', { healthCheck: { command } })]);
const at = ['containerDefinitions', 0, 'healthCheck', 'command', 0];

ruleTester(healthCheckCommand, {
  valid: [
    { name: 'CMD-SHELL', json: check(['CMD-SHELL', 'curl -f http://localhost/ || exit 1']) },
    { name: 'CMD', json: check(['CMD', '/bin/check', '--quick']) },
    { name: 'no health check', json: fargateTask() },
    { name: 'healthCheck null', json: fargateTask([container('app', { healthCheck: null })]) },
    { name: 'command not yet written (CLI skeleton)', json: check(['']) },
    { name: 'empty command is left to the schema', json: check([]) },
    { name: 'placeholder', json: check(['{{healthcheck}}']) },
  ],
  invalid: [
    {
      name: 'no prefix',
      json: check(['curl', '-f', 'http://localhost/']),
      findings: [{ path: at, severity: 'warning', message: 'e.g. ["CMD-SHELL", "curl -f http://localhost/"]' }],
    },
    {
      name: 'prefix glued to the command',
      json: check(['CMD-SHELL curl -f http://localhost/']),
      findings: [{ path: at, message: 'must be exactly "CMD-SHELL", with the command in the next element' }],
    },
    { name: 'lowercase cmd', json: check(['cmd', 'true']), findings: [{ path: at }] },
    { name: 'NONE', json: check(['NONE']), findings: [{ path: at, message: 'remove the healthCheck instead' }] },
  ],
});
