import { dependsOnCycle } from '../../../../server/src/core/rules/task-definition/depends-on-cycle';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const on = (...names: string[]) => ({ dependsOn: names.map((containerName) => ({ containerName, condition: 'START' })) });

ruleTester(dependsOnCycle, {
  valid: [
    { name: 'a chain', json: fargateTask([container('a', on('b')), container('b', on('c')), container('c')]) },
    {
      name: 'a diamond',
      json: fargateTask([container('a', on('b', 'c')), container('b', on('d')), container('c', on('d')), container('d')]),
    },
    { name: 'unknown target (another rule)', json: fargateTask([container('a', on('zzz'))]) },
  ],
  invalid: [
    {
      name: 'self dependency',
      json: fargateTask([container('a', on('a'))]),
      findings: [{ path: ['containerDefinitions', 0, 'dependsOn', 0, 'containerName'], message: 'Container "a" depends on itself' }],
    },
    {
      name: 'two containers waiting for each other',
      json: fargateTask([container('a', on('b')), container('b', on('a'))]),
      findings: [
        { path: ['containerDefinitions', 0, 'dependsOn', 0, 'containerName'], message: '"a" → "b" → "a"' },
        { path: ['containerDefinitions', 1, 'dependsOn', 0, 'containerName'], message: '"b" → "a" → "b"' },
      ],
    },
    {
      name: 'a three-container cycle next to a container outside it',
      json: fargateTask([container('a', on('b')), container('b', on('c')), container('c', on('a')), container('d', on('a'))]),
      findings: [
        { path: ['containerDefinitions', 0, 'dependsOn', 0, 'containerName'], message: '"a" → "b" → "c" → "a"' },
        { path: ['containerDefinitions', 1, 'dependsOn', 0, 'containerName'] },
        { path: ['containerDefinitions', 2, 'dependsOn', 0, 'containerName'] },
      ],
    },
  ],
});
