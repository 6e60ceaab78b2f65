import { serviceNetworkConfiguration } from '../../../../server/src/core/rules/ecs-service/service-network-configuration';
import { unknownMarker } from '../../../../server/src/core/unknown';
import { container, ec2Task } from '../../../helpers/taskdefs';
import { ruleTester } from '../../../helpers/ruleTester';
import { appspec, beside, besideAppSpec, service, webTask } from './fixtures';

const subnets = (n: number) => Array.from({ length: n }, (_, i) => `subnet-${String(i).padStart(17, '0')}`);
const groups = (n: number) => Array.from({ length: n }, (_, i) => `sg-${String(i).padStart(17, '0')}`);
const network = (awsvpc: Record<string, unknown>) => ({ networkConfiguration: { awsvpcConfiguration: awsvpc } });
const bridge = ec2Task([container('web', { memory: 256, portMappings: [{ containerPort: 80 }] })], { networkMode: 'bridge' });
const { networkConfiguration: _, ...withoutNetwork } = service();

ruleTester(serviceNetworkConfiguration, {
  valid: [
    { name: 'awsvpc with subnets and security groups', json: service(), ...beside() },
    {
      name: '16 subnets and 5 security groups (the limits)',
      json: service(network({ subnets: subnets(16), securityGroups: groups(5) })),
      ...beside(),
    },
    { name: 'a bridge task definition without network configuration', json: { ...withoutNetwork, launchType: 'EC2' }, ...beside(bridge) },
    {
      name: 'an EC2 service whose task definition is not in the workspace',
      json: { ...withoutNetwork, launchType: 'EC2' },
      fileName: 'service.json',
      files: {},
    },
    {
      name: 'ecspresso: an empty launchType and securityGroups null',
      json: service({
        launchType: '',
        ...network({ subnets: ['{{ must_env `SUBNET` }}'], securityGroups: null, assignPublicIp: 'ENABLED' }),
      }),
      ...beside(),
    },
    { name: 'subnets are an unknown value', json: service(network({ subnets: unknownMarker('Ref Subnets') })), ...beside() },
    { name: 'an unknown network mode', json: withoutNetwork, ...beside(webTask({ networkMode: unknownMarker('Ref Mode') })) },
    { name: 'an AppSpec without NetworkConfiguration (CodeDeploy keeps the service one)', json: appspec(), ...besideAppSpec() },
    {
      name: 'an AppSpec with the whole AwsvpcConfiguration',
      json: appspec({
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: subnets(2), SecurityGroups: groups(1), AssignPublicIp: 'DISABLED' } },
      }),
      ...besideAppSpec(),
    },
  ],
  invalid: [
    {
      name: 'awsvpc without network configuration',
      json: withoutNetwork,
      ...beside(),
      findings: [
        {
          path: ['taskDefinition'],
          message:
            'Task definition web (task-definition.json) uses network mode awsvpc, so service web needs networkConfiguration.awsvpcConfiguration',
        },
      ],
    },
    {
      name: 'a Fargate service whose task definition is not in the workspace still needs it',
      json: withoutNetwork,
      fileName: 'service.json',
      findings: [{ path: ['taskDefinition'], message: 'Fargate tasks use the awsvpc network mode' }],
    },
    {
      name: 'no subnet',
      json: service(network({ subnets: [], securityGroups: groups(1) })),
      ...beside(),
      findings: [{ path: ['networkConfiguration', 'awsvpcConfiguration'], target: 'key', message: 'needs at least one subnet' }],
    },
    {
      name: '17 subnets',
      json: service(network({ subnets: subnets(17) })),
      ...beside(),
      findings: [{ path: ['networkConfiguration', 'awsvpcConfiguration', 'subnets'], message: 'at most 16' }],
    },
    {
      name: '6 security groups',
      json: service(network({ subnets: subnets(1), securityGroups: groups(6) })),
      ...beside(),
      findings: [{ path: ['networkConfiguration', 'awsvpcConfiguration', 'securityGroups'], message: 'at most 5' }],
    },
    {
      name: 'assignPublicIp in lower case',
      json: service(network({ subnets: subnets(1), assignPublicIp: 'enabled' })),
      ...beside(),
      findings: [
        {
          path: ['networkConfiguration', 'awsvpcConfiguration', 'assignPublicIp'],
          message: 'is "ENABLED" or "DISABLED", not "enabled"',
          fix: {
            title: 'Set assignPublicIp to "ENABLED"',
            output: service(network({ subnets: subnets(1), assignPublicIp: 'ENABLED' })),
            safe: true,
          },
        },
      ],
    },
    {
      name: 'a bridge task definition with network configuration',
      json: { ...service(), launchType: 'EC2' },
      ...beside(bridge),
      findings: [
        {
          path: ['networkConfiguration'],
          target: 'key',
          message: 'uses network mode bridge, which takes no network configuration',
          fix: { title: 'Remove networkConfiguration', output: { ...withoutNetwork, launchType: 'EC2' } },
        },
      ],
    },
    {
      name: 'a task definition without networkMode is bridge',
      json: { ...service(), launchType: 'EC2' },
      ...beside(ec2Task([container('web', { memory: 256, portMappings: [{ containerPort: 80 }] })], { networkMode: undefined })),
      findings: [{ path: ['networkConfiguration'], target: 'key', message: 'network mode bridge', fixes: ['Remove networkConfiguration'] }],
    },
    {
      name: 'an AppSpec AwsvpcConfiguration without SecurityGroups and AssignPublicIp',
      json: appspec({ NetworkConfiguration: { AwsvpcConfiguration: { Subnets: subnets(2) } } }),
      ...besideAppSpec(),
      findings: [
        {
          path: ['Resources', 0, 'TargetService', 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration'],
          target: 'key',
          message: 'lacks SecurityGroups and AssignPublicIp',
        },
      ],
    },
  ],
});
