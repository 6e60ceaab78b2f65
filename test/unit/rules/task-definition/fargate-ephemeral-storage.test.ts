import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fargateEphemeralStorage } from '../../../../server/src/core/rules/task-definition/fargate-ephemeral-storage';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const task = (ephemeralStorage?: unknown) => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx' }],
  ...(ephemeralStorage === undefined ? {} : { ephemeralStorage }),
});
const SIZE = ['ephemeralStorage', 'sizeInGiB'];

ruleTester(fargateEphemeralStorage, {
  valid: [
    { name: '21, the smallest', json: task({ sizeInGiB: 21 }) },
    { name: '200, the largest', json: task({ sizeInGiB: 200 }) },
    { name: 'left out (20 GiB default)', json: task() },
    { name: 'null', json: task(null) },
    { name: "wrong type is the schema's business", json: task({ sizeInGiB: '30' }) },
  ],
  invalid: [
    {
      name: '20, the default: removing the field is preferred',
      json: task({ sizeInGiB: 20 }),
      findings: [
        {
          path: SIZE,
          message: 'must be between 21 and 200, not 20',
          fixes: [
            { title: 'Remove ephemeralStorage (the task gets the default 20 GiB)', output: task(), safe: true },
            'Set sizeInGiB to 21',
          ],
        },
      ],
    },
    {
      name: '201',
      json: task({ sizeInGiB: 201 }),
      findings: [{ path: SIZE, message: 'at most 200 GiB', fix: { title: 'Set sizeInGiB to 200', output: task({ sizeInGiB: 200 }) } }],
    },
    {
      name: '10',
      json: task({ sizeInGiB: 10 }),
      findings: [
        {
          path: SIZE,
          fixes: [
            { title: 'Set sizeInGiB to 21', output: task({ sizeInGiB: 21 }) },
            'Remove ephemeralStorage (the task gets the default 20 GiB)',
          ],
        },
      ],
    },
    {
      name: 'an EC2 task that sets it is held to the same range',
      json: { ...task({ sizeInGiB: 500 }), requiresCompatibilities: ['EC2'] },
      findings: [{ path: SIZE, fixes: ['Set sizeInGiB to 200'] }],
    },
  ],
});

test('fargate-ephemeral-storage: only "20 means the default" is a safe fix', () => {
  const safe = (size: number) => {
    const { findings, fixesOf } = findingsOf(fargateEphemeralStorage, task({ sizeInGiB: size }));
    return fixesOf(findings[0]).map((f) => [f.title, !!f.safe, !!f.isPreferred]);
  };
  assert.deepEqual(safe(20), [
    ['Remove ephemeralStorage (the task gets the default 20 GiB)', true, true],
    ['Set sizeInGiB to 21', false, false],
  ]);
  assert.deepEqual(safe(5), [
    ['Set sizeInGiB to 21', false, true],
    ['Remove ephemeralStorage (the task gets the default 20 GiB)', false, false],
  ]);
});
