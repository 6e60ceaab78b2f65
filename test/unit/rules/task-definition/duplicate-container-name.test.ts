import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duplicateContainerName } from '../../../../server/src/core/rules/task-definition/duplicate-container-name';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

ruleTester(duplicateContainerName, {
  valid: [
    { name: 'distinct names', json: fargateTask([container('a'), container('b')]) },
    { name: 'names differ in case', json: fargateTask([container('app'), container('App')]) },
    { name: 'two empty names (skeleton) are left alone', json: fargateTask([container(''), container('')]) },
  ],
  invalid: [
    {
      name: 'second container repeats a name',
      json: fargateTask([container('app'), container('app')]),
      findings: [{ path: ['containerDefinitions', 1, 'name'], message: 'Another container is already named "app"' }],
    },
    {
      name: 'three containers with one name: two findings',
      json: fargateTask([container('x'), container('x'), container('x')]),
      findings: [{ path: ['containerDefinitions', 1, 'name'] }, { path: ['containerDefinitions', 2, 'name'] }],
    },
    { name: 'container-definitions array', json: [container('a'), container('a')], findings: [{ path: [1, 'name'] }] },
  ],
});

test('duplicate-container-name points back at the first container, also inside describe output', () => {
  const { findings } = findingsOf(duplicateContainerName, { taskDefinition: fargateTask([container('a'), container('a')]) });
  assert.deepEqual(findings[0].related?.[0].path, ['taskDefinition', 'containerDefinitions', 0, 'name']);
});
