import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { essentialContainer } from '../../../../server/src/core/rules/task-definition/essential-container';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';
import { SHARED, skipWithoutShared } from '../../../helpers/shared.mjs';

ruleTester(essentialContainer, {
  valid: [
    { name: 'essential omitted (defaults to true)', json: fargateTask() },
    {
      name: 'one essential true, one false',
      json: fargateTask([container('a', { essential: true }), container('b', { essential: false })]),
    },
    { name: 'one false, one omitted', json: fargateTask([container('a', { essential: false }), container('b')]) },
    { name: 'essential null means the default', json: fargateTask([container('a', { essential: null })]) },
    { name: 'containerDefinitions not an array is left to the schema', json: { family: 'x', containerDefinitions: {} } },
  ],
  invalid: [
    {
      name: 'single container essential false',
      json: fargateTask([container('app', { essential: false })]),
      findings: [
        {
          path: ['containerDefinitions'],
          message: 'at least one essential container',
          fix: { title: 'Make "app" essential', output: fargateTask([container('app', { essential: true })]) },
          target: 'key',
        },
      ],
    },
    {
      name: 'all containers essential false: the fix makes the first one essential',
      json: fargateTask([container('a', { essential: false }), container('b', { essential: false })]),
      findings: [
        {
          path: ['containerDefinitions'],
          fix: {
            title: 'Make "a" essential',
            output: fargateTask([container('a', { essential: true }), container('b', { essential: false })]),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'string "False" as CloudFormation writes it',
      json: fargateTask([container('a', { essential: 'False' })]),
      findings: [{ path: ['containerDefinitions'], target: 'key', fixes: ['Make "a" essential'] }],
    },
    { name: 'empty containerDefinitions', json: fargateTask([]), findings: [{ path: ['containerDefinitions'], message: 'no containers' }] },
    {
      name: 'container-definitions array',
      json: [container('a', { essential: false })],
      findings: [{ path: [0, 'essential'], fix: { title: 'Make "a" essential', output: [container('a', { essential: true })] } }],
    },
  ],
});

test(
  'essential-container agrees with every cfn-lint E3042 peer case',
  { skip: skipWithoutShared('peer-tests', 'cfn-lint-ecs-cases.json') },
  () => {
    const cases = JSON.parse(readFileSync(join(SHARED, 'peer-tests', 'cfn-lint-ecs-cases.json'), 'utf8')) as {
      cfnRule: string;
      expectError: boolean;
      taskDefinition: unknown;
      source: string;
    }[];
    const e3042 = cases.filter((c) => c.cfnRule === 'E3042');
    assert.equal(e3042.length, 8);
    for (const c of e3042) {
      const { findings } = findingsOf(essentialContainer, c.taskDefinition);
      assert.equal(
        findings.some((f) => f.severity === 'error'),
        c.expectError,
        c.source,
      );
    }
  },
);
