import { tooManyContainers } from '../../../../server/src/core/rules/task-definition/too-many-containers';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const containers = (n: number) => Array.from({ length: n }, (_, i) => container(`c${i}`));

ruleTester(tooManyContainers, {
  valid: [
    { name: '10 containers (boundary)', json: fargateTask(containers(10)) },
    { name: 'one container', json: fargateTask(containers(1)) },
  ],
  invalid: [
    {
      name: '11 containers (boundary)',
      json: fargateTask(containers(11)),
      findings: [{ path: ['containerDefinitions', 10], message: 'container 11 of 11; a task definition holds at most 10' }],
    },
    {
      name: '12 containers: one finding on the 11th',
      json: fargateTask(containers(12)),
      findings: [{ path: ['containerDefinitions', 10], message: 'of 12' }],
    },
    { name: 'container-definitions array', json: containers(11), findings: [{ path: [10] }] },
  ],
});
