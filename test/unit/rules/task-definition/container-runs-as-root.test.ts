import { containerRunsAsRoot } from '../../../../server/src/core/rules/task-definition/container-runs-as-root';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

ruleTester(containerRunsAsRoot, {
  valid: [
    { name: 'numeric user', json: fargateTask([container('app', { user: '1000:1000' })]) },
    { name: 'named user', json: fargateTask([container('app', { user: 'nginx' })]) },
    { name: 'explicit root is a decision', json: fargateTask([container('app', { user: '0' })]) },
    {
      name: 'Windows task',
      json: fargateTask([container('app')], { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' } }),
    },
  ],
  invalid: [
    {
      name: 'user missing',
      json: fargateTask([container('app')]),
      findings: [{ path: ['containerDefinitions', 0, 'name'], severity: 'hint', message: 'Container "app" sets no "user"' }],
    },
    {
      name: 'user null or empty',
      json: fargateTask([container('a', { user: null }), container('b', { user: '' })]),
      findings: [{ path: ['containerDefinitions', 0, 'name'] }, { path: ['containerDefinitions', 1, 'name'] }],
    },
  ],
});
