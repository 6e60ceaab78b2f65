import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { registeredSize, taskDefinitionSize } from '../../../../server/src/core/rules/task-definition/task-definition-size';
import { isObject } from '../../../../server/src/core/json';
import { DESCRIBE_ONLY_FIELDS } from '../../../../server/src/core/rules/task-definition/describe-only-field';
import { ruleTester } from '../../../helpers/ruleTester';
import { SHARED, skipWithoutShared } from '../../../helpers/shared.mjs';
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

/** The definition: UTF-8 bytes of JSON.stringify of the task without describe-only fields. */
function stringifiedSize(task: Record<string, unknown>): number {
  const kept = Object.fromEntries(Object.entries(task).filter(([key]) => !(DESCRIBE_ONLY_FIELDS as readonly string[]).includes(key)));
  return new TextEncoder().encode(JSON.stringify(kept)).length;
}

test('registeredSize is the size of JSON.stringify, counted without writing it', () => {
  const values: Record<string, unknown>[] = [
    {},
    { family: '' },
    { family: 'a"b\\c', cpu: '256' },
    { 'ke"y': 1, 'k\\': [1, 2] },
    { control: '\b\f\n\r\t\u0000\u001f\u007f', other: 'x\u0001y' },
    { text: 'é ü 中文 € \u0800 \uffff', emoji: '🙂 𝄞' },
    { lone: '\ud800', low: 'a\udc00b', reversed: '\udc00\ud800', pair: '\ud83d\ude42' },
    { numbers: [0, -0, 1.5, -2, 1e21, 1e-7, 123456789012345680000, Number.MAX_VALUE, NaN, Infinity, -Infinity] },
    { booleans: [true, false, null], empty: [], nested: [[], {}, [[{}]]] },
    { holes: [undefined, () => 1, Symbol('s')], skipped: undefined, fn: () => 1, kept: 'k' },
    { first: undefined, second: 2 },
    { only: undefined },
    {
      containerDefinitions: [{ name: 'app', environment: [{ name: 'A', value: 'x'.repeat(1000) }], command: ['sh', '-c', 'echo "hi"\n'] }],
    },
    { date: { toJSON: () => 'when' }, deep: { a: { b: { c: { d: ['é'] } } } } },
    { revision: 3, status: 'ACTIVE', family: 'x' },
  ];
  for (const task of values) assert.equal(registeredSize(task), stringifiedSize(task), JSON.stringify(task));
});

test(
  'registeredSize of every task definition in the shared corpus is the size of JSON.stringify',
  { skip: skipWithoutShared('corpus', 'taskdefs') },
  () => {
    const folder = join(SHARED, 'corpus', 'taskdefs');
    let compared = 0;
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.json'))) {
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(join(folder, name), 'utf8'));
      } catch {
        continue;
      }
      const task = isObject(value) && isObject(value.taskDefinition) ? value.taskDefinition : value;
      if (!isObject(task)) continue;
      assert.equal(registeredSize(task), stringifiedSize(task), name);
      compared++;
    }
    assert.ok(compared > 50, `${compared} task definitions compared`);
  },
);
