import { serviceLaunchType } from '../../../../server/src/core/rules/ecs-service/service-launch-type';
import { ruleTester } from '../../../helpers/ruleTester';
import { appspec, beside, besideAppSpec, service, webTask } from './fixtures';

const strategy = (...items: Record<string, unknown>[]) => ({ capacityProviderStrategy: items });
const windows = webTask({
  cpu: '1024',
  memory: '2048',
  runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', cpuArchitecture: 'X86_64' },
});
const { launchType: _, ...noLaunchType } = service();

ruleTester(serviceLaunchType, {
  valid: [
    { name: 'a launch type', json: service(), ...beside() },
    {
      name: 'a strategy without launch type',
      json: {
        ...noLaunchType,
        ...strategy({ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 }),
      },
      ...beside(),
    },
    {
      name: 'ecspresso: "launchType": "" beside a strategy, empty placement lists',
      json: {
        ...service({ launchType: '', placementConstraints: [], placementStrategy: [] }),
        ...strategy({ capacityProvider: 'FARGATE', base: 1, weight: 1 }),
      },
      ...beside(),
    },
    {
      name: 'EC2 with placement rules',
      json: service({ launchType: 'EC2', placementStrategy: [{ type: 'spread', field: 'instanceId' }] }),
      ...beside(),
    },
    { name: 'one provider with weight 0', json: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', weight: 0 }) }, ...beside() },
    {
      name: 'Windows tasks on FARGATE',
      json: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', weight: 1 }) },
      ...beside(windows),
    },
    {
      name: 'Auto Scaling group providers',
      json: { ...noLaunchType, ...strategy({ capacityProvider: 'asg-a', weight: 1 }, { capacityProvider: 'asg-b', weight: 1 }) },
      ...beside(),
    },
    { name: 'MANAGED_INSTANCES', json: service({ launchType: 'MANAGED_INSTANCES' }), ...beside() },
    {
      name: 'an AppSpec strategy',
      json: appspec({
        CapacityProviderStrategy: [
          { Base: 1, CapacityProvider: 'FARGATE_SPOT', Weight: 2 },
          { Base: 0, CapacityProvider: 'FARGATE', Weight: 1 },
        ],
      }),
      ...besideAppSpec(),
    },
  ],
  invalid: [
    {
      name: 'a launch type and a strategy',
      json: { ...service(), ...strategy({ capacityProvider: 'FARGATE_SPOT', weight: 1 }) },
      ...beside(),
      findings: [
        {
          path: ['launchType'],
          message: 'Service web has both a launchType and a capacityProviderStrategy',
          fixes: [
            {
              title: 'Remove launchType (keep the capacity provider strategy)',
              output: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE_SPOT', weight: 1 }) },
            },
            { title: 'Remove capacityProviderStrategy (keep the launch type)', output: service() },
          ],
        },
      ],
    },
    {
      name: 'a launch type in lower case',
      json: service({ launchType: 'fargate' }),
      ...beside(),
      findings: [{ path: ['launchType'], fix: { title: 'Set launchType to "FARGATE"', output: service() } }],
    },
    {
      name: 'placement rules on Fargate',
      json: service({ placementConstraints: [{ type: 'distinctInstance' }], placementStrategy: [{ type: 'binpack', field: 'memory' }] }),
      ...beside(),
      findings: [
        {
          path: ['placementConstraints'],
          target: 'key',
          message: 'placementConstraints ("not supported with FARGATE launch type")',
          fix: { title: 'Remove placementConstraints', output: service({ placementStrategy: [{ type: 'binpack', field: 'memory' }] }) },
        },
        { path: ['placementStrategy'], target: 'key', message: 'placementStrategy', fixes: ['Remove placementStrategy'] },
      ],
    },
    {
      name: 'DAEMON on Fargate',
      json: service({ schedulingStrategy: 'DAEMON' }),
      ...beside(),
      findings: [{ path: ['schedulingStrategy'], message: 'REPLICA', fixes: ['Set schedulingStrategy to "REPLICA"'] }],
    },
    {
      name: 'Windows tasks on FARGATE_SPOT',
      json: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE_SPOT', weight: 1 }) },
      ...beside(windows),
      findings: [
        {
          path: ['capacityProviderStrategy', 0, 'capacityProvider'],
          message: 'runs Windows containers, and Fargate Spot does not run Windows tasks',
          fix: {
            title: 'Use FARGATE instead of FARGATE_SPOT',
            output: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', weight: 1 }) },
          },
        },
      ],
    },
    {
      name: 'Windows tasks with FARGATE and FARGATE_SPOT',
      json: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }) },
      ...beside(windows),
      findings: [
        {
          path: ['capacityProviderStrategy', 1, 'capacityProvider'],
          fix: {
            title: 'Remove the FARGATE_SPOT provider',
            output: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', weight: 1 }) },
          },
        },
      ],
    },
    {
      name: 'two bases',
      json: {
        ...noLaunchType,
        ...strategy({ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 2, weight: 1 }),
      },
      ...beside(),
      findings: [
        {
          path: ['capacityProviderStrategy', 1, 'base'],
          message: 'Only one capacity provider of a strategy may have a base; FARGATE and FARGATE_SPOT both have one.',
        },
      ],
    },
    {
      name: 'every weight 0',
      json: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', base: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 0 }) },
      ...beside(),
      findings: [{ path: ['capacityProviderStrategy'], target: 'key', message: 'has weight 0' }],
    },
    {
      name: 'a weight above 1000',
      json: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', weight: 1001 }) },
      ...beside(),
      findings: [{ path: ['capacityProviderStrategy', 0, 'weight'], message: 'between 0 and 1000, not 1001' }],
    },
    {
      name: 'Fargate and Auto Scaling group providers mixed',
      json: { ...noLaunchType, ...strategy({ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'my-asg', weight: 1 }) },
      ...beside(),
      findings: [{ path: ['capacityProviderStrategy'], target: 'key', message: 'not both: FARGATE, my-asg' }],
    },
    {
      name: 'an AppSpec with FARGATE_SPOT for Windows tasks',
      json: appspec({ CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] }),
      ...besideAppSpec(windows),
      findings: [
        {
          path: ['Resources', 0, 'TargetService', 'Properties', 'CapacityProviderStrategy', 0, 'CapacityProvider'],
          fixes: ['Use FARGATE instead of FARGATE_SPOT'],
        },
      ],
    },
  ],
});
