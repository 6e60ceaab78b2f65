import { volumesFromUnknownContainer } from '../../../../server/src/core/rules/task-definition/volumes-from-unknown-container';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const from = (sourceContainer: unknown) => ({ volumesFrom: [{ sourceContainer, readOnly: true }] });

ruleTester(volumesFromUnknownContainer, {
  valid: [
    { name: 'another container', json: fargateTask([container('app', from('data')), container('data')]) },
    { name: 'volumesFrom empty (ECS default)', json: fargateTask([container('app', { volumesFrom: [] })]) },
    { name: 'empty source (skeleton)', json: fargateTask([container('app', from(''))]) },
  ],
  invalid: [
    {
      name: 'unknown container',
      json: fargateTask([container('app', from('dta')), container('data')]),
      findings: [
        {
          path: ['containerDefinitions', 0, 'volumesFrom', 0, 'sourceContainer'],
          message: 'No container is named "dta"; the other containers are "data"',
        },
      ],
    },
    {
      name: 'itself',
      json: fargateTask([container('app', from('app'))]),
      findings: [{ path: ['containerDefinitions', 0, 'volumesFrom', 0, 'sourceContainer'], message: 'cannot mount volumes from itself' }],
    },
  ],
});
