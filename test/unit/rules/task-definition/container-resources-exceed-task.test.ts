import { containerResourcesExceedTask } from '../../../../server/src/core/rules/task-definition/container-resources-exceed-task';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, ec2Task, fargateTask } from '../../../helpers/taskdefs';

const task1024 = (containers: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  fargateTask(containers, { cpu: '1024', memory: '2048', ...extra });

ruleTester(containerResourcesExceedTask, {
  valid: [
    { name: 'no container sizes', json: fargateTask() },
    { name: 'cpu sum equal to the task cpu (boundary)', json: task1024([container('a', { cpu: 512 }), container('b', { cpu: 512 })]) },
    {
      name: 'memory sum equal to the task memory (boundary)',
      json: task1024([container('a', { memory: 1024 }), container('b', { memory: 1024 })]),
    },
    { name: 'cpu 0 is the ECS default', json: task1024([container('a', { cpu: 0 }), container('b', { cpu: 1024 })]) },
    {
      name: 'memoryReservation counted instead of a larger memory',
      json: task1024([container('a', { memory: 2048, memoryReservation: 1024 }), container('b', { memoryReservation: 1024 })]),
    },
    { name: 'memoryReservation equal to memory', json: task1024([container('a', { memory: 1024, memoryReservation: 1024 })]) },
    {
      name: 'task size in vCPU and GB strings',
      json: fargateTask([container('a', { cpu: 1024, memory: 2048 })], { cpu: '1 vCPU', memory: '2 GB' }),
    },
    {
      name: 'EC2 without task size: sums are not checked',
      json: ec2Task([container('a', { cpu: 4096, memory: 8192 }), container('b', { cpu: 4096, memory: 8192 })]),
    },
    { name: 'null fields', json: task1024([container('a', { cpu: null, memory: null, memoryReservation: null })]) },
    { name: 'placeholder task size', json: task1024([container('a', { cpu: 4096 })], { cpu: '{{cpu}}', memory: '${memory}' }) },
    {
      name: 'container values of the wrong type are left to the schema',
      json: task1024([container('a', { cpu: '4096', memory: '9999' })]),
    },
  ],
  invalid: [
    {
      name: 'cpu sum one unit over the task cpu (boundary)',
      json: task1024([container('a', { cpu: 512 }), container('b', { cpu: 513 })]),
      findings: [{ path: ['cpu'], message: "reserve 1025 CPU units (a 512 + b 513), more than the task's cpu of 1024" }],
    },
    {
      name: 'memory sum one MiB over the task memory (boundary)',
      json: task1024([container('a', { memory: 1024 }), container('b', { memoryReservation: 1025 })]),
      findings: [{ path: ['memory'], message: 'reserve 2049 MiB (a 1024 + b 1025' }],
    },
    {
      name: 'a container memory above the task memory',
      json: task1024([container('worker', { memory: 4096, memoryReservation: 512 })]),
      findings: [
        {
          path: ['containerDefinitions', 0, 'memory'],
          message: 'Container "worker" has memory 4096 MiB, more than the task\'s memory of 2048 MiB',
        },
      ],
    },
    {
      name: 'memoryReservation one above memory (boundary)',
      json: ec2Task([container('app', { memory: 256, memoryReservation: 257 })]),
      findings: [
        {
          path: ['containerDefinitions', 0, 'memoryReservation'],
          message: 'reserves 257 MiB (memoryReservation), more than its hard limit of 256 MiB',
        },
      ],
    },
    {
      name: 'cpu in vCPU form is parsed',
      json: fargateTask([container('a', { cpu: 300 })], { cpu: '.25 vcpu', memory: '0.5GB' }),
      findings: [{ path: ['cpu'], message: "more than the task's cpu of 256" }],
    },
    {
      name: 'several problems in one task, each at its place',
      json: task1024([container('a', { cpu: 2048, memory: 3000 }), container('b', { memory: 100, memoryReservation: 200 })]),
      findings: [
        { path: ['containerDefinitions', 0, 'memory'] },
        { path: ['containerDefinitions', 1, 'memoryReservation'] },
        { path: ['cpu'] },
        { path: ['memory'], message: '3200 MiB' },
      ],
    },
    {
      name: 'describe output: paths under taskDefinition',
      json: { taskDefinition: task1024([container('a', { cpu: 2000 })], { cpu: '1024' }) },
      findings: [{ path: ['taskDefinition', 'cpu'] }],
    },
    {
      name: 'container-definitions array: only the soft/hard limit check',
      json: [container('a', { memory: 128, memoryReservation: 256 })],
      findings: [{ path: [0, 'memoryReservation'] }],
    },
  ],
});
