import { fargateCpuMemory } from '../../../../server/src/core/rules/task-definition/fargate-cpu-memory';
import { ruleTester } from '../../../helpers/ruleTester';

const task = (cpu: unknown, memory: unknown, extra: Record<string, unknown> = {}) => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu,
  memory,
  containerDefinitions: [{ name: 'app', image: 'nginx' }],
  ...extra,
});
const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } };

ruleTester(fargateCpuMemory, {
  valid: [
    { name: 'smallest size', json: task('256', '512') },
    { name: 'largest memory of .25 vCPU', json: task('256', '2048') },
    { name: 'vCPU and GB strings', json: task('.25 vcpu', '0.5GB') },
    { name: 'spaces and case in unit strings', json: task('16     vCpU', '120 GB') },
    { name: '1 vCPU with 8 GB (upper bound)', json: task('1 vCPU', '8192') },
    { name: '4 vCPU with 30 GB (upper bound)', json: task('4096', '30720') },
    { name: '8 vCPU in 4 GB steps', json: task('8192', '20480') },
    { name: '16 vCPU in 8 GB steps', json: task('16384', '40960') },
    { name: 'CloudFormation-style numbers', json: task(512, 1024) },
    { name: 'EC2-only task definition is not Fargate', json: task('128', '100', { requiresCompatibilities: ['EC2'] }) },
    { name: 'no requiresCompatibilities', json: task('128', '100', { requiresCompatibilities: undefined }) },
    { name: 'missing memory is another rule', json: task('256', undefined) },
    { name: 'template placeholders', json: task('{{cpu}}', '{{memory}}') },
    { name: 'Windows with 2 vCPU', json: task('2048', '4096', windows) },
    { name: 'container-definitions array', json: [{ name: 'a', image: 'nginx', cpu: 3, memory: 7 }] },
  ],
  invalid: [
    {
      name: 'memory too large for .25 vCPU: the nearest memory, or the smallest cpu that allows the memory',
      json: task('256', '4096'),
      findings: [
        {
          path: ['memory'],
          message: 'For cpu 256 memory must be one of 512, 1024, 2048. Memory 4096 needs cpu 512, 1024, 2048.',
          fixes: [
            { title: 'Set memory to 2048 (2 GB), the nearest size for cpu 256 (≈ $13.88/month)', output: task('256', '2048') },
            { title: 'Set cpu to 512 (0.5 vCPU), the smallest that allows memory 4096 (≈ $27.75/month)', output: task('512', '4096') },
          ],
        },
      ],
    },
    {
      name: 'cheapest first: the smaller cpu before the larger memory',
      json: task('4096', '4096'),
      findings: [
        {
          path: ['memory'],
          fixes: [
            'Set cpu to 512 (0.5 vCPU), the smallest that allows memory 4096 (≈ $27.75/month)',
            'Set memory to 8192 (8 GB), the nearest size for cpu 4096 (≈ $144.16/month)',
          ],
        },
      ],
    },
    {
      name: 'prices in the Region the task names (awslogs-region)',
      json: task('256', '4096', {
        containerDefinitions: [
          { name: 'app', image: 'nginx', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'sa-east-1' } } },
        ],
      }),
      findings: [
        {
          path: ['memory'],
          fixes: [
            'Set memory to 2048 (2 GB), the nearest size for cpu 256 (≈ $23.80/month)',
            'Set cpu to 512 (0.5 vCPU), the smallest that allows memory 4096 (≈ $47.60/month)',
          ],
        },
      ],
    },
    {
      name: 'no prices in the titles when costs are off',
      json: task('256', '4096'),
      cost: { enabled: false },
      findings: [
        {
          path: ['memory'],
          fixes: [
            'Set memory to 2048 (2 GB), the nearest size for cpu 256',
            'Set cpu to 512 (0.5 vCPU), the smallest that allows memory 4096',
          ],
        },
      ],
    },
    {
      name: 'FARGATE together with EC2',
      json: task('1024', '1024', { requiresCompatibilities: ['EC2', 'FARGATE'] }),
      findings: [
        {
          path: ['memory'],
          fixes: [
            'Set cpu to 256 (0.25 vCPU), the smallest that allows memory 1024 (≈ $10.63/month)',
            'Set memory to 2048 (2 GB), the nearest size for cpu 1024 (≈ $36.04/month)',
          ],
        },
      ],
    },
    {
      name: '8 vCPU outside its 4 GB steps',
      json: task('8192', '17408'),
      findings: [
        {
          path: ['memory'],
          message: 'Memory 17408 needs cpu 4096.',
          fixes: [
            'Set cpu to 4096 (4 vCPU), the smallest that allows memory 17408 (≈ $173.36/month)',
            'Set memory to 16384 (16 GB), the nearest size for cpu 8192 (≈ $288.32/month)',
          ],
        },
      ],
    },
    {
      name: '16 vCPU above 120 GB',
      json: task('16384', '123904'),
      findings: [
        {
          path: ['memory'],
          message: 'No Fargate size has memory 123904.',
          fixes: ['Set memory to 122880 (120 GB), the nearest size for cpu 16384 (≈ $862.19/month)'],
        },
      ],
    },
    {
      name: '16 vCPU with 1 GB',
      json: task('16384', '1 GB'),
      findings: [
        {
          path: ['memory'],
          fixes: [
            'Set cpu to 256 (0.25 vCPU), the smallest that allows memory 1024 (≈ $10.63/month)',
            'Set memory to 32768 (32 GB), the nearest size for cpu 16384 (≈ $576.64/month)',
          ],
        },
      ],
    },
    {
      name: '4 vCPU below 8 GB',
      json: task('4096', '512'),
      findings: [
        {
          path: ['memory'],
          fixes: [
            'Set cpu to 256 (0.25 vCPU), the smallest that allows memory 512 (≈ $9.01/month)',
            'Set memory to 8192 (8 GB), the nearest size for cpu 4096 (≈ $144.16/month)',
          ],
        },
      ],
    },
    {
      name: 'cpu that is no Fargate size',
      json: task('128', '512'),
      findings: [
        {
          path: ['cpu'],
          message: 'Fargate task cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384, 32768',
          fix: { title: 'Set cpu to 256 (0.25 vCPU), the smallest that allows memory 512 (≈ $9.01/month)', output: task('256', '512') },
        },
      ],
    },
    {
      name: 'unreadable cpu text',
      json: task('one vcpu', '512'),
      findings: [
        {
          path: ['cpu'],
          message: 'is not a CPU value',
          fixes: ['Set cpu to 256 (0.25 vCPU), the smallest that allows memory 512 (≈ $9.01/month)'],
        },
      ],
    },
    { name: 'unreadable memory text', json: task('256', '512 MB'), findings: [{ path: ['memory'], message: 'is not a memory value' }] },
    {
      name: 'Windows needs at least 1 vCPU',
      json: task('512', '1024', windows),
      findings: [
        {
          path: ['cpu'],
          message: 'Windows containers on Fargate need at least 1 vCPU',
          fix: { title: 'Set cpu to 1024 and memory to 2048 (1 vCPU, 2 GB) (≈ $115.03/month)', output: task('1024', '2048', windows) },
        },
      ],
    },
    {
      name: 'Windows has no 8 vCPU size',
      json: task('8192', '16384', windows),
      findings: [{ path: ['cpu'], fixes: ['Set cpu to 2048 (2 vCPU), the smallest that allows memory 16384 (≈ $318.10/month)'] }],
    },
    {
      name: '32 vCPU is valid with a note',
      json: task('32768', '61440'),
      findings: [{ path: ['cpu'], severity: 'information', message: 'check that your Region offers it' }],
    },
    {
      name: '32 vCPU takes only three memory values',
      json: task('32 vCPU', '64 GB'),
      findings: [
        {
          path: ['memory'],
          message: '61440, 122880, 249856',
          fixes: [
            'Set cpu to 16384 (16 vCPU), the smallest that allows memory 65536 (≈ $680.48/month)',
            'Set memory to 61440 (60 GB), the nearest size for cpu 32768 (≈ $1140.30/month)',
          ],
        },
      ],
    },
    {
      name: 'describe-task-definition output is checked inside the wrapper',
      json: { taskDefinition: task('256', '3072') },
      findings: [
        {
          path: ['taskDefinition', 'memory'],
          fixes: [
            { title: /^Set memory to 2048/, output: { taskDefinition: task('256', '2048') } },
            'Set cpu to 512 (0.5 vCPU), the smallest that allows memory 3072 (≈ $24.51/month)',
          ],
        },
      ],
    },
    {
      name: 'numbers stay numbers in the fix',
      json: task(256, 4096),
      findings: [
        {
          path: ['memory'],
          fixes: [
            { title: /^Set memory to 2048/, output: task(256, 2048) },
            'Set cpu to 512 (0.5 vCPU), the smallest that allows memory 4096 (≈ $27.75/month)',
          ],
        },
      ],
    },
  ],
});
