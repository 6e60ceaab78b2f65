import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fargateTaskSizeRequired, smallestSize } from '../../../../server/src/core/rules/task-definition/fargate-task-size-required';
import { ruleTester } from '../../../helpers/ruleTester';

const base = { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc' };
const app = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx', ...extra });
const task = (extra: Record<string, unknown>, containers: unknown[] = [app()]) => ({ ...base, ...extra, containerDefinitions: containers });

ruleTester(fargateTaskSizeRequired, {
  valid: [
    { name: 'cpu and memory set', json: task({ cpu: '256', memory: '512' }) },
    { name: 'unit strings count', json: task({ cpu: '.25 vcpu', memory: '0.5GB' }) },
    { name: 'placeholders count as set', json: task({ cpu: '{{cpu}}', memory: '${MEMORY}' }) },
    { name: 'EC2 may leave them out', json: { ...task({}), requiresCompatibilities: ['EC2'] } },
    { name: 'no requiresCompatibilities', json: { family: 'x', containerDefinitions: [app({ memory: 512 })] } },
    { name: 'container-definitions array', json: [app()] },
  ],
  invalid: [
    {
      name: 'both missing: one finding on the requiresCompatibilities key, smallest size inserted',
      json: task({}),
      findings: [
        {
          path: ['requiresCompatibilities'],
          message: "Fargate requires that 'cpu' and 'memory' be defined at the task level",
          fix: {
            title: 'Add cpu "256" and memory "512" (0.25 vCPU, 0.5 GB: the smallest size that fits the containers)',
            output: task({ cpu: '256', memory: '512' }),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'memory missing (cfn-lint E3048 case): the memory for the given cpu',
      json: task({ cpu: '16384' }),
      findings: [
        {
          path: ['requiresCompatibilities'],
          message: "Fargate requires that 'memory' be defined",
          fix: { title: /^Add memory "32768" \(16 vCPU, 32 GB/, output: task({ cpu: '16384', memory: '32768' }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'cpu missing: the smallest cpu that takes the given memory',
      json: task({ memory: '4096' }),
      findings: [
        {
          path: ['requiresCompatibilities'],
          message: "'cpu' be defined",
          fix: { title: /^Add cpu "512" \(0\.5 vCPU, 4 GB/, output: task({ memory: '4096', cpu: '512' }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'null counts as missing',
      json: task({ cpu: null, memory: '512' }),
      findings: [
        {
          path: ['requiresCompatibilities'],
          message: "'cpu'",
          target: 'key',
          fixes: ['Add cpu "256" (0.25 vCPU, 0.5 GB: the smallest size that fits the containers)'],
        },
      ],
    },
    {
      name: 'an empty string counts as missing',
      json: task({ cpu: '256', memory: '' }),
      findings: [
        {
          path: ['requiresCompatibilities'],
          message: "'memory'",
          target: 'key',
          fixes: ['Add memory "512" (0.25 vCPU, 0.5 GB: the smallest size that fits the containers)'],
        },
      ],
    },
    {
      name: "the inserted size holds the containers' cpu and memory (memoryReservation where memory is absent)",
      json: task({}, [app({ cpu: 512, memory: 1024 }), app({ name: 'side', cpu: 256, memoryReservation: 2048 })]),
      findings: [
        {
          path: ['requiresCompatibilities'],
          fix: {
            title: /^Add cpu "1024" and memory "3072"/,
            output: task({ cpu: '1024', memory: '3072' }, [
              app({ cpu: 512, memory: 1024 }),
              app({ name: 'side', cpu: 256, memoryReservation: 2048 }),
            ]),
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'Windows starts at 1 vCPU / 2 GB',
      json: task({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' } }),
      findings: [
        {
          path: ['requiresCompatibilities'],
          fix: {
            title: 'Add cpu "1024" and memory "2048" (1 vCPU, 2 GB: the smallest Windows size that fits the containers)',
            output: task({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' }, cpu: '1024', memory: '2048' }),
          },
          target: 'key',
        },
      ],
    },
  ],
});

test('fargate-task-size-required: smallestSize at the edges of the table', () => {
  const sized = (containers: unknown[], extra: Record<string, unknown> = {}) =>
    smallestSize({ ...extra, containerDefinitions: containers });
  assert.deepEqual(sized([app({ memory: 2048 })]), { cpu: 256, memory: 2048, fits: true });
  assert.deepEqual(sized([app({ memory: 2049 })]), { cpu: 512, memory: 3072, fits: true });
  assert.deepEqual(sized([app({ cpu: 257 })]), { cpu: 512, memory: 1024, fits: true });
  assert.deepEqual(sized([app({ cpu: 0, memory: 0 })]), { cpu: 256, memory: 512, fits: true });
  assert.deepEqual(sized([app({ memory: 122880 })]), { cpu: 16384, memory: 122880, fits: true });
  // 32 vCPU is not offered everywhere yet: never chosen on the user's behalf.
  assert.deepEqual(sized([app({ memory: 200000 })]), { cpu: 16384, memory: 122880, fits: false });
  assert.deepEqual(sized([app({ memory: 4096 })], { cpu: '1024' }), { cpu: 1024, memory: 4096, fits: true });
  assert.deepEqual(sized([app({ cpu: 2048 })], { memory: '4096' }), { cpu: 2048, memory: 4096, fits: true });
});
