import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registeredSize, taskDefinitionSize } from '../../../../server/src/core/rules/task-definition/task-definition-size';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

/** A task definition whose minified JSON is exactly `bytes` long, padded with an environment value. */
function taskOfSize(bytes: number, extra: Record<string, unknown> = {}) {
  const make = (padding: string) => fargateTask([container('app', { environment: [{ name: 'PAD', value: padding }] })], extra);
  const base = registeredSize(make(''));
  const json = make('x'.repeat(bytes - base));
  assert.equal(registeredSize(json), bytes);
  return json;
}

ruleTester(taskDefinitionSize, {
  valid: [
    { name: 'small', json: fargateTask() },
    { name: 'exactly 65536 bytes (boundary)', json: taskOfSize(65536) },
    { name: 'describe-only fields are not counted', json: taskOfSize(65536, { revision: 1, status: 'ACTIVE' }) },
  ],
  invalid: [
    {
      name: '65537 bytes (boundary)',
      json: taskOfSize(65537),
      findings: [
        {
          path: ['containerDefinitions'],
          message: 'This task definition is 65537 bytes (64.0 KiB) as minified JSON; ECS accepts at most 65536 bytes (64 KiB)',
          target: 'key',
        },
      ],
    },
    {
      name: '100000 bytes',
      json: taskOfSize(100000),
      findings: [{ path: ['containerDefinitions'], message: '100000 bytes (97.7 KiB)', target: 'key' }],
    },
  ],
});

test('registeredSize counts UTF-8 bytes of the minified JSON, not characters or the file text', () => {
  assert.equal(registeredSize({ a: 'é' }), JSON.stringify({ a: 'é' }).length + 1);
  assert.equal(registeredSize({ family: 'x', revision: 3 }), JSON.stringify({ family: 'x' }).length);
});
