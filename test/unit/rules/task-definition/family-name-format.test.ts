import { familyNameFormat } from '../../../../server/src/core/rules/task-definition/family-name-format';
import { ruleTester } from '../../../helpers/ruleTester';
import { fargateTask } from '../../../helpers/taskdefs';

ruleTester(familyNameFormat, {
  valid: [
    { name: 'letters, digits, _ and -', json: fargateTask(undefined, { family: 'web-API_2' }) },
    { name: '255 characters (boundary)', json: fargateTask(undefined, { family: 'f'.repeat(255) }) },
    { name: 'one character (boundary)', json: fargateTask(undefined, { family: 'f' }) },
    { name: 'empty family is a field still to fill in', json: fargateTask(undefined, { family: '' }) },
    { name: 'placeholder', json: fargateTask(undefined, { family: '${family}' }) },
    { name: 'container-definitions array has no family', json: [{ name: 'a', image: 'nginx' }] },
  ],
  invalid: [
    {
      name: '256 characters (boundary)',
      json: fargateTask(undefined, { family: 'f'.repeat(256) }),
      findings: [{ path: ['family'], message: 'is 256 characters long' }],
    },
    {
      name: 'dots',
      json: fargateTask(undefined, { family: 'web.prod' }),
      findings: [{ path: ['family'], message: 'The family "web.prod" contains "."' }],
    },
    {
      name: 'describe output',
      json: { taskDefinition: fargateTask(undefined, { family: 'a b' }) },
      findings: [{ path: ['taskDefinition', 'family'] }],
    },
  ],
});
