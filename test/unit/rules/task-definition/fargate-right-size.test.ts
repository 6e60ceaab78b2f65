import { fargateRightSize } from '../../../../server/src/core/rules/task-definition/fargate-right-size';
import { ruleTester } from '../../../helpers/ruleTester';
import { type Json, container, fargateTask } from '../../../helpers/taskdefs';

// us-east-1 Linux/X86_64: 0.04048 per vCPU-hour, 0.004445 per GB-hour, 730 hours a month.
// 0.25 vCPU / 0.5 GB = 9.01, 0.25 / 2 GB = 13.88, 0.5 / 2 GB = 21.26, 1 / 2 GB = 36.04, 2 / 8 GB = 85.06 USD per month.
const sized = (cpu: unknown, memory: unknown, containers: Json[], extra: Json = {}) => fargateTask(containers, { cpu, memory, ...extra });
const app = (extra: Json) => container('app', extra);
const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } };

ruleTester(fargateRightSize, {
  valid: [
    { name: 'a container that sets no cpu: its need is unknown', json: sized('1024', '2048', [app({ memory: 512 })]) },
    { name: 'a container that sets no memory', json: sized('1024', '2048', [app({ cpu: 256 })]) },
    {
      name: 'one of two containers sets no size',
      json: sized('1024', '2048', [app({ cpu: 256, memory: 512 }), container('sidecar', { essential: false })]),
    },
    { name: 'cpu 0 is no reservation (describe output writes it)', json: sized('1024', '2048', [app({ cpu: 0, memory: 512 })]) },
    { name: 'the containers need the whole task', json: sized('1024', '2048', [app({ cpu: 1024, memory: 2048 })]) },
    { name: '1 vCPU of containers needs the 1 vCPU size', json: sized('1024', '2048', [app({ cpu: 600, memory: 512 })]) },
    { name: 'the containers need more than the task (another rule)', json: sized('256', '512', [app({ cpu: 512, memory: 1024 })]) },
    { name: 'the smallest size already', json: sized('256', '512', [app({ cpu: 128, memory: 256 })]) },
    { name: 'not a Fargate size (fargate-cpu-memory)', json: sized('256', '4096', [app({ cpu: 128, memory: 256 })]) },
    { name: 'an EC2 task definition', json: sized('1024', '2048', [app({ cpu: 256, memory: 512 })], { requiresCompatibilities: ['EC2'] }) },
    { name: 'a placeholder task size', json: sized('{{cpu}}', '2048', [app({ cpu: 256, memory: 512 })]) },
    { name: 'a placeholder container size', json: sized('1024', '2048', [app({ cpu: '{{cpu}}', memory: 512 })]) },
    { name: 'a container-definitions array has no task size', json: [{ name: 'a', image: 'nginx', cpu: 256, memory: 512 }] },
  ],
  invalid: [
    {
      name: 'one small container in a 1 vCPU / 2 GB task',
      json: sized('1024', '2048', [app({ cpu: 256, memory: 512 })]),
      findings: [
        {
          path: ['cpu'],
          message:
            "The containers reserve 256 CPU units and 512 MiB in all: they fit in 0.25 vCPU / 0.5 GB, smaller than this task's 1 vCPU / 2 GB, 27.03 USD per month less (us-east-1, on-demand).",
          fix: {
            title: 'Set cpu to 256 and memory to 512, the smallest size that fits the containers (≈ $9.01/month)',
            output: sized('256', '512', [app({ cpu: 256, memory: 512 })]),
            safe: false,
          },
        },
      ],
    },
    {
      name: 'the sum over containers, with the larger of memory and memoryReservation each',
      json: sized('2048', '8192', [
        app({ cpu: 256, memory: 1024, memoryReservation: 256 }),
        container('worker', { cpu: 256, memoryReservation: 512 }),
      ]),
      findings: [
        {
          path: ['cpu'],
          message: 'reserve 512 CPU units and 1536 MiB in all: they fit in 0.5 vCPU / 2 GB',
          fix: {
            title: /^Set cpu to 512 and memory to 2048, .* \(≈ \$21\.26\/month\)$/,
            output: sized('512', '2048', [
              app({ cpu: 256, memory: 1024, memoryReservation: 256 }),
              container('worker', { cpu: 256, memoryReservation: 512 }),
            ]),
          },
        },
      ],
    },
    {
      name: 'only the memory is too large: reported on memory',
      json: sized('256', '2048', [app({ cpu: 256, memory: 512 })]),
      findings: [
        {
          path: ['memory'],
          message: '4.87 USD per month less',
          fixes: ['Set cpu to 256 and memory to 512, the smallest size that fits the containers (≈ $9.01/month)'],
        },
      ],
    },
    {
      name: 'the Region the task names',
      json: sized('1024', '2048', [
        app({ cpu: 256, memory: 512, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'sa-east-1' } } }),
      ]),
      // sa-east-1: 1 × 0.0696 + 2 × 0.0076 = 61.90, 0.25 × 0.0696 + 0.5 × 0.0076 = 15.48 USD per month.
      findings: [
        {
          path: ['cpu'],
          message: '46.42 USD per month less (sa-east-1, on-demand)',
          fixes: ['Set cpu to 256 and memory to 512, the smallest size that fits the containers (≈ $15.48/month)'],
        },
      ],
    },
    {
      name: 'numbers stay numbers (CloudFormation style)',
      json: sized(1024, 2048, [app({ cpu: 256, memory: 512 })]),
      findings: [
        { path: ['cpu'], fix: { title: /^Set cpu to 256 and memory to 512/, output: sized(256, 512, [app({ cpu: 256, memory: 512 })]) } },
      ],
    },
    {
      name: 'Windows sizes start at 1 vCPU',
      json: sized('4096', '8192', [app({ cpu: 1024, memory: 2048 })], windows),
      findings: [
        {
          path: ['cpu'],
          message: 'they fit in 1 vCPU / 2 GB',
          fixes: ['Set cpu to 1024 and memory to 2048, the smallest size that fits the containers (≈ $115.03/month)'],
        },
      ],
    },
    {
      name: 'no price in the message when costs are off',
      json: sized('1024', '2048', [app({ cpu: 256, memory: 512 })]),
      cost: { enabled: false },
      findings: [
        {
          path: ['cpu'],
          message: "smaller than this task's 1 vCPU / 2 GB. The task size",
          fix: {
            title: 'Set cpu to 256 and memory to 512, the smallest size that fits the containers',
            output: sized('256', '512', [app({ cpu: 256, memory: 512 })]),
          },
        },
      ],
    },
    {
      name: 'describe-task-definition output',
      json: { taskDefinition: sized('1024', '2048', [app({ cpu: 256, memory: 512 })]) },
      findings: [
        {
          path: ['taskDefinition', 'cpu'],
          fixes: ['Set cpu to 256 and memory to 512, the smallest size that fits the containers (≈ $9.01/month)'],
        },
      ],
    },
  ],
});
