import { fargateWindowsPlatform } from '../../../../server/src/core/rules/task-definition/fargate-windows-platform';
import { ruleTester } from '../../../helpers/ruleTester';

const task = (runtimePlatform: unknown, requiresCompatibilities = ['FARGATE']) => ({
  family: 'iis',
  requiresCompatibilities,
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
  runtimePlatform,
  containerDefinitions: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis' }],
});
const OS = ['runtimePlatform', 'operatingSystemFamily'];
const ARCH = ['runtimePlatform', 'cpuArchitecture'];

ruleTester(fargateWindowsPlatform, {
  valid: [
    ...['WINDOWS_SERVER_2019_FULL', 'WINDOWS_SERVER_2019_CORE', 'WINDOWS_SERVER_2022_FULL', 'WINDOWS_SERVER_2022_CORE'].map((os) => ({
      name: os,
      json: task({ operatingSystemFamily: os, cpuArchitecture: 'X86_64' }),
    })),
    { name: 'Linux on ARM64', json: task({ operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' }) },
    { name: 'no runtimePlatform', json: task(undefined) },
    { name: 'Windows 2016 on EC2', json: task({ operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL' }, ['EC2']) },
    { name: "an unknown value is the schema's business", json: task({ operatingSystemFamily: 'WINDOWS_SERVER_2030' }) },
  ],
  invalid: [
    {
      name: 'Windows Server 2016',
      json: task({ operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL' }),
      findings: [
        {
          path: OS,
          message: 'not WINDOWS_SERVER_2016_FULL',
          fix: {
            title: 'Set operatingSystemFamily to "WINDOWS_SERVER_2019_FULL"',
            output: task({ operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' }),
          },
        },
      ],
    },
    {
      name: 'Windows Server 2004 Core',
      json: task({ operatingSystemFamily: 'WINDOWS_SERVER_2004_CORE' }),
      findings: [{ path: OS, fixes: ['Set operatingSystemFamily to "WINDOWS_SERVER_2022_CORE"'] }],
    },
    {
      name: 'Windows Server 20H2 Core',
      json: task({ operatingSystemFamily: 'WINDOWS_SERVER_20H2_CORE' }),
      findings: [{ path: OS, fixes: ['Set operatingSystemFamily to "WINDOWS_SERVER_2022_CORE"'] }],
    },
    {
      name: 'Windows Server 2025 is not documented for Fargate: a warning',
      json: task({ operatingSystemFamily: 'WINDOWS_SERVER_2025_CORE' }),
      findings: [
        {
          path: OS,
          severity: 'warning',
          message: 'not documented for Fargate',
          fix: {
            title: 'Set operatingSystemFamily to "WINDOWS_SERVER_2022_CORE"',
            output: task({ operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }),
          },
        },
      ],
    },
    {
      name: 'Windows on ARM64',
      json: task({ operatingSystemFamily: 'WINDOWS_SERVER_2022_FULL', cpuArchitecture: 'ARM64' }),
      findings: [
        {
          path: ARCH,
          message: 'X86_64 only',
          fix: {
            title: 'Set cpuArchitecture to "X86_64"',
            output: task({ operatingSystemFamily: 'WINDOWS_SERVER_2022_FULL', cpuArchitecture: 'X86_64' }),
          },
        },
      ],
    },
  ],
});
