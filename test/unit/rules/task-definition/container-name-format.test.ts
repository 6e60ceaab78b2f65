import { containerNameFormat } from '../../../../server/src/core/rules/task-definition/container-name-format';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

ruleTester(containerNameFormat, {
  valid: [
    { name: 'letters, digits, _ and -', json: fargateTask([container('My_app-2')]) },
    { name: 'one character (boundary)', json: fargateTask([container('a')]) },
    { name: '255 characters (boundary)', json: fargateTask([container('n'.repeat(255))]) },
    { name: 'empty name is a field still to fill in', json: fargateTask([container('')]) },
    { name: 'placeholder', json: fargateTask([container('{{name}}')]) },
    { name: 'missing name is left to the schema', json: fargateTask([{ image: 'nginx' }]) },
  ],
  invalid: [
    {
      name: '256 characters (boundary)',
      json: fargateTask([container('n'.repeat(256))]),
      findings: [{ path: ['containerDefinitions', 0, 'name'], message: 'is 256 characters long (at most 255)' }],
    },
    {
      name: 'a dot',
      json: fargateTask([container('web.app')]),
      findings: [{ path: ['containerDefinitions', 0, 'name'], message: 'contains "."' }],
    },
    {
      name: 'spaces and a slash',
      json: fargateTask([container('ok'), container('my app/1')]),
      findings: [{ path: ['containerDefinitions', 1, 'name'], message: 'contains " ", "/"' }],
    },
    { name: 'container-definitions array', json: [container('a:b')], findings: [{ path: [0, 'name'], message: '":"' }] },
  ],
});
