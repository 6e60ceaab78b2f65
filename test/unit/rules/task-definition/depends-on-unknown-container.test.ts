import { dependsOnUnknownContainer } from '../../../../server/src/core/rules/task-definition/depends-on-unknown-container';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const dependsOn = (containerName: unknown, condition = 'START') => ({ dependsOn: [{ containerName, condition }] });

ruleTester(dependsOnUnknownContainer, {
  valid: [
    { name: 'names another container', json: fargateTask([container('app', dependsOn('db')), container('db')]) },
    { name: 'dependsOn null', json: fargateTask([container('app', { dependsOn: null })]) },
    { name: 'dependsOn empty', json: fargateTask([container('app', { dependsOn: [] })]) },
    { name: 'placeholder name', json: fargateTask([container('app', dependsOn('${sidecar}'))]) },
    { name: 'containerName of the wrong type is left to the schema', json: fargateTask([container('app', dependsOn(3))]) },
  ],
  invalid: [
    {
      name: 'unknown container',
      json: fargateTask([container('app', dependsOn('database')), container('db')]),
      findings: [
        {
          path: ['containerDefinitions', 0, 'dependsOn', 0, 'containerName'],
          message: 'No container is named "database"; the containers are "app", "db"',
        },
      ],
    },
    {
      name: 'case matters',
      json: fargateTask([container('app', dependsOn('DB')), container('db')]),
      findings: [{ path: ['containerDefinitions', 0, 'dependsOn', 0, 'containerName'] }],
    },
    {
      name: 'container-definitions array',
      json: [container('app', dependsOn('x'))],
      findings: [{ path: [0, 'dependsOn', 0, 'containerName'] }],
    },
  ],
});
