import { fargateWindowsUnsupported } from '../../../../server/src/core/rules/task-definition/fargate-windows-unsupported';
import { ruleTester } from '../../../helpers/ruleTester';

const windows = { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', cpuArchitecture: 'X86_64' };
const task = (container: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  family: 'iis',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
  runtimePlatform: windows,
  containerDefinitions: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis', ...container }],
  ...extra,
});
const at = (...path: (string | number)[]) => ['containerDefinitions', 0, ...path];

ruleTester(fargateWindowsUnsupported, {
  valid: [
    { name: 'a plain Windows task', json: task() },
    {
      name: 'the defaults of real files',
      json: task({ user: null, readonlyRootFilesystem: false, ulimits: [], linuxParameters: null, systemControls: [] }, { volumes: [] }),
    },
    { name: 'awslogs', json: task({ logConfiguration: { logDriver: 'awslogs', options: {} } }) },
    {
      name: 'Linux tasks may use all of it',
      json: task(
        { user: '1000', readonlyRootFilesystem: true, ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 2 }] },
        { runtimePlatform: { operatingSystemFamily: 'LINUX' } },
      ),
    },
    { name: 'Windows on EC2 is not ours', json: task({ user: 'ContainerAdministrator' }, { requiresCompatibilities: ['EC2'] }) },
    { name: 'pidMode host is reported by fargate-unsupported-parameter, not here', json: task({}, { pidMode: 'host' }) },
  ],
  invalid: [
    {
      name: 'user',
      json: task({ user: 'ContainerUser' }),
      findings: [
        {
          path: at('user'),
          message: 'Windows containers on Fargate do not support user (container "iis")',
          fix: { title: 'Remove "user"', output: task() },
          target: 'key',
        },
      ],
    },
    {
      name: 'readonlyRootFilesystem true',
      json: task({ readonlyRootFilesystem: true }),
      findings: [{ path: at('readonlyRootFilesystem'), target: 'key', fixes: ['Remove "readonlyRootFilesystem"'] }],
    },
    {
      name: 'linuxParameters',
      json: task({ linuxParameters: { initProcessEnabled: true } }),
      findings: [{ path: at('linuxParameters'), fix: { title: 'Remove "linuxParameters"', output: task() }, target: 'key' }],
    },
    {
      name: 'ulimits',
      json: task({ ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }] }),
      findings: [{ path: at('ulimits'), target: 'key', fixes: ['Remove "ulimits"'] }],
    },
    {
      name: 'systemControls',
      json: task({ systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }] }),
      findings: [{ path: at('systemControls'), target: 'key', fixes: ['Remove "systemControls"'] }],
    },
    {
      name: 'FireLens: the configuration and the awsfirelens driver (which has no fix: removing the driver alone would break the file)',
      json: task({
        firelensConfiguration: { type: 'fluentbit' },
        logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } },
      }),
      findings: [
        {
          path: at('firelensConfiguration'),
          message: 'FireLens',
          fix: {
            title: 'Remove "firelensConfiguration"',
            output: task({ logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } } }),
          },
          target: 'key',
        },
        { path: at('logConfiguration', 'logDriver'), message: 'awsfirelens log driver' },
      ],
    },
    { name: 'pidMode task', json: task({}, { pidMode: 'task' }), findings: [{ path: ['pidMode'], fixes: ['Remove "pidMode"'] }] },
    {
      name: 'EFS volume',
      json: task(
        {},
        {
          volumes: [
            { name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } },
            { name: 'scratch', host: {} },
          ],
        },
      ),
      findings: [
        {
          path: ['volumes', 0, 'efsVolumeConfiguration'],
          message: '(volume "data")',
          fix: {
            title: 'Remove "efsVolumeConfiguration"',
            output: task({}, { volumes: [{ name: 'data' }, { name: 'scratch', host: {} }] }),
          },
          target: 'key',
        },
      ],
    },
  ],
});
