import { servicePlatformVersion } from '../../../../server/src/core/rules/ecs-service/service-platform-version';
import { container } from '../../../helpers/taskdefs';
import { ruleTester } from '../../../helpers/ruleTester';
import { appspec, beside, besideAppSpec, service, webTask } from './fixtures';

const efs = webTask({ volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-0123456789abcdef0' } }] });
const windows = webTask({
  cpu: '1024',
  memory: '2048',
  runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' },
});
const secrets = webTask({}, [
  container('web', { secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db' }] }),
]);

ruleTester(servicePlatformVersion, {
  valid: [
    { name: 'LATEST', json: service({ platformVersion: 'LATEST' }), ...beside(efs) },
    { name: 'no platformVersion', json: service(), ...beside(efs) },
    { name: '1.4.0 with EFS volumes', json: service({ platformVersion: '1.4.0' }), ...beside(efs) },
    { name: '1.3.0 with secrets (1.3.0 has them)', json: service({ platformVersion: '1.3.0' }), ...beside(secrets) },
    { name: '1.3.0 with nothing newer', json: service({ platformVersion: '1.3.0' }), ...beside() },
    { name: 'Windows 1.0.0', json: service({ platformVersion: '1.0.0' }), ...beside(windows) },
    {
      name: 'an EC2 service (no platform version applies)',
      json: service({ launchType: 'EC2', platformVersion: '1.3.0' }),
      ...beside(efs),
    },
    { name: 'a template placeholder', json: service({ platformVersion: '{{ must_env `PV` }}' }), ...beside(efs) },
    { name: 'ecspresso: an empty platformVersion', json: service({ platformVersion: '' }), ...beside(efs) },
    { name: '1.3.0 with the task definition not in the workspace', json: service({ platformVersion: '1.3.0' }), fileName: 'service.json' },
  ],
  invalid: [
    {
      name: '1.3.0 with EFS volumes',
      json: service({ platformVersion: '1.3.0' }),
      ...beside(efs),
      findings: [
        {
          path: ['platformVersion'],
          message:
            'Platform version 1.3.0 is too old for service web: EFS volumes (efsVolumeConfiguration) (in the task definition) needs 1.4.0.',
          fixes: [
            { title: 'Set platformVersion to LATEST', output: service({ platformVersion: 'LATEST' }) },
            'Set platformVersion to 1.4.0',
          ],
        },
      ],
    },
    {
      name: '1.3.0 with 8 vCPU, ephemeral storage and ECS Exec',
      json: service({ platformVersion: '1.3.0', enableExecuteCommand: true }),
      ...beside(webTask({ cpu: '8192', memory: '16384', ephemeralStorage: { sizeInGiB: 50 } })),
      findings: [
        {
          path: ['platformVersion'],
          message:
            '8 or 16 vCPU (cpu 8192 or more) (in the task definition) needs 1.4.0; ephemeralStorage (in the task definition) needs 1.4.0; ECS Exec (enableExecuteCommand) (in the service) needs 1.4.0',
          fixes: ['Set platformVersion to LATEST', 'Set platformVersion to 1.4.0'],
        },
      ],
    },
    {
      name: 'a version that does not exist',
      json: service({ platformVersion: '1.5.0' }),
      ...beside(),
      findings: [
        {
          path: ['platformVersion'],
          message: 'There is no Fargate platform version "1.5.0": Linux tasks run on 1.4.0, 1.3.0, Windows tasks on 1.0.0, or LATEST.',
          fix: { title: 'Set platformVersion to LATEST', output: service({ platformVersion: 'LATEST' }) },
        },
      ],
    },
    {
      name: 'a retired version, even without the task definition',
      json: service({ platformVersion: '1.2.0' }),
      fileName: 'service.json',
      findings: [{ path: ['platformVersion'], message: 'was retired on 2020-12-14', fixes: ['Set platformVersion to LATEST'] }],
    },
    {
      name: 'a Linux version for Windows tasks',
      json: service({ platformVersion: '1.4.0' }),
      ...beside(windows),
      findings: [
        {
          path: ['platformVersion'],
          message: 'runs Windows containers, and 1.4.0 is not a Windows platform version (1.0.0 or LATEST)',
          fixes: ['Set platformVersion to LATEST'],
        },
      ],
    },
    {
      name: 'an AppSpec PlatformVersion',
      json: appspec({ PlatformVersion: '1.3.0' }),
      ...besideAppSpec(efs),
      findings: [
        {
          path: ['Resources', 0, 'TargetService', 'Properties', 'PlatformVersion'],
          message: 'too old for this AppSpec',
          fixes: ['Set platformVersion to LATEST', 'Set platformVersion to 1.4.0'],
        },
      ],
    },
  ],
});
