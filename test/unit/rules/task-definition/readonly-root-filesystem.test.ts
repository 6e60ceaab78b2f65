import { readonlyRootFilesystem } from '../../../../server/src/core/rules/task-definition/readonly-root-filesystem';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

ruleTester(readonlyRootFilesystem, {
  valid: [
    { name: 'true', json: fargateTask([container('app', { readonlyRootFilesystem: true })]) },
    { name: 'explicit false is a decision', json: fargateTask([container('app', { readonlyRootFilesystem: false })]) },
    {
      name: 'Windows task (not supported there)',
      json: fargateTask([container('app')], { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }),
    },
    {
      name: 'Windows image on EC2',
      json: { family: 'w', containerDefinitions: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis', memory: 512 }] },
    },
  ],
  invalid: [
    {
      name: 'missing',
      json: fargateTask([container('app')]),
      findings: [
        {
          path: ['containerDefinitions', 0, 'name'],
          severity: 'hint',
          message: 'Container "app" can write to its root file system',
        },
      ],
    },
    {
      name: 'null',
      json: fargateTask([container('a', { readonlyRootFilesystem: null }), container('b', { readonlyRootFilesystem: true })]),
      findings: [{ path: ['containerDefinitions', 0, 'name'] }],
    },
    {
      name: 'a service beside it turns on ECS Exec: the hint says to keep the root writable',
      json: fargateTask([container('app')]),
      files: { 'service.json': { serviceName: 'web', taskDefinition: 'web', enableExecuteCommand: true } },
      findings: [
        {
          path: ['containerDefinitions', 0, 'name'],
          severity: 'hint',
          message:
            'Container "app" keeps a writable root file system, which ECS Exec needs: service web (service.json) turns on execute command, and its SSM agent writes into the root file system.',
        },
      ],
    },
    {
      name: 'a service beside it without ECS Exec: the usual hint',
      json: fargateTask([container('app')]),
      files: { 'service.json': { serviceName: 'web', taskDefinition: 'web', enableExecuteCommand: false } },
      findings: [{ path: ['containerDefinitions', 0, 'name'], message: 'set "readonlyRootFilesystem": true' }],
    },
    {
      name: 'container without a name: on the image',
      json: [{ image: 'nginx' }],
      findings: [{ path: [0, 'image'], message: 'This container' }],
    },
  ],
});
