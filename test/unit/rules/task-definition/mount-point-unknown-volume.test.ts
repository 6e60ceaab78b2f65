import { mountPointUnknownVolume } from '../../../../server/src/core/rules/task-definition/mount-point-unknown-volume';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const mount = (sourceVolume: unknown) => ({ mountPoints: [{ sourceVolume, containerPath: '/data' }] });

ruleTester(mountPointUnknownVolume, {
  valid: [
    { name: 'declared volume', json: fargateTask([container('app', mount('data'))], { volumes: [{ name: 'data' }] }) },
    { name: 'mountPoints and volumes empty (ECS defaults)', json: fargateTask([container('app', { mountPoints: [] })], { volumes: [] }) },
    { name: 'placeholder', json: fargateTask([container('app', mount('{{volume}}'))]) },
    { name: 'container-definitions array: volumes are declared elsewhere', json: [container('app', mount('data'))] },
  ],
  invalid: [
    {
      name: 'unknown volume',
      json: fargateTask([container('app', mount('cache'))], { volumes: [{ name: 'data' }, { name: 'logs' }] }),
      findings: [
        { path: ['containerDefinitions', 0, 'mountPoints', 0, 'sourceVolume'], message: 'the task\'s volumes are "data", "logs"' },
      ],
    },
    {
      name: 'no volumes at all',
      json: fargateTask([container('app', mount('data'))]),
      findings: [{ path: ['containerDefinitions', 0, 'mountPoints', 0, 'sourceVolume'], message: 'declares no volumes' }],
    },
    {
      name: 'volumes null',
      json: fargateTask([container('app', mount('data'))], { volumes: null }),
      findings: [{ path: ['containerDefinitions', 0, 'mountPoints', 0, 'sourceVolume'] }],
    },
  ],
});
