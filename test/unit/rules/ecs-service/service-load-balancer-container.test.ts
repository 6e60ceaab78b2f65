import { serviceLoadBalancerContainer } from '../../../../server/src/core/rules/ecs-service/service-load-balancer-container';
import { unknownMarker } from '../../../../server/src/core/unknown';
import { container, fargateTask } from '../../../helpers/taskdefs';
import { ruleTester } from '../../../helpers/ruleTester';
import { appspec, beside, besideAppSpec, service, webTask } from './fixtures';

const lb = (containerName: unknown, containerPort: unknown) => [
  { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef', containerName, containerPort },
];
const PORT = ['loadBalancers', 0, 'containerPort'];
const APPSPEC_LB = ['Resources', 0, 'TargetService', 'Properties', 'LoadBalancerInfo'];
const withPort = (port: number) =>
  webTask({}, [
    container('web', { essential: true, portMappings: [{ containerPort: 80, name: 'http' }, { containerPort: port }] }),
    container('side', { essential: false, portMappings: [{ containerPort: 9102 }] }),
  ]);

ruleTester(serviceLoadBalancerContainer, {
  valid: [
    { name: 'the container and port of the task definition', json: service(), ...beside() },
    { name: 'the second container and its port', json: service({ loadBalancers: lb('side', 9102) }), ...beside() },
    {
      name: 'a port inside a containerPortRange',
      json: service({ loadBalancers: lb('web', 8005) }),
      ...beside(webTask({}, [container('web', { portMappings: [{ containerPortRange: '8000-8010' }] })])),
    },
    {
      name: 'no task definition in the workspace: nothing to compare',
      json: service({ loadBalancers: lb('nope', 1) }),
      fileName: 'service.json',
      files: {},
    },
    {
      name: 'a family that is not in the workspace',
      json: service({ taskDefinition: 'other', loadBalancers: lb('nope', 1) }),
      ...beside(),
    },
    { name: 'a placeholder container name', json: service({ loadBalancers: lb('<CONTAINER>', 1) }), ...beside() },
    {
      name: 'an unknown container list in the task definition',
      json: service({ loadBalancers: lb('nope', 1) }),
      ...beside(fargateTask([container('web'), unknownMarker('Ref Containers') as never])),
    },
    {
      name: 'an unknown port in the task definition',
      json: service({ loadBalancers: lb('web', 8080) }),
      ...beside(webTask({}, [container('web', { portMappings: [{ containerPort: unknownMarker('Ref Port') }] })])),
    },
    {
      name: 'an AppSpec with the matching container, ContainerPort written "80"',
      json: appspec({ LoadBalancerInfo: { ContainerName: 'web', ContainerPort: '80' } }),
      ...besideAppSpec(),
    },
    {
      name: 'an AppSpec named other than TargetService, version 1',
      json: { ...appspec({}, 'myPythonApp'), version: 1 },
      ...besideAppSpec(),
    },
    {
      name: 'an AppSpec with camelCase keys',
      json: {
        version: 0.0,
        Resources: [
          {
            TargetService: {
              Type: 'AWS::ECS::Service',
              Properties: { TaskDefinition: '<TASK_DEFINITION>', LoadBalancerInfo: { containerName: 'web', containerPort: 80 } },
            },
          },
        ],
      },
      ...besideAppSpec(),
    },
  ],
  invalid: [
    {
      name: 'a port the container does not map: use a port of it, or add the port to the task definition',
      json: service({ loadBalancers: lb('web', 8080) }),
      ...beside(),
      findings: [
        {
          path: PORT,
          message: 'Container "web" of task definition web (task-definition.json) has no container port 8080: its ports are 80.',
          fixes: [
            { title: 'Use port 80', output: service() },
            {
              title: 'Add container port 8080 to container web (task-definition.json)',
              output: service({ loadBalancers: lb('web', 8080) }),
              files: { 'task-definition.json': withPort(8080) },
            },
          ],
        },
      ],
    },
    {
      name: 'a container the task definition does not have',
      json: service({ loadBalancers: lb('api', 80) }),
      ...beside(),
      findings: [
        {
          path: ['loadBalancers', 0, 'containerName'],
          message: 'Container "api" is not in task definition web (task-definition.json): its containers are web, side.',
          fixes: [{ title: 'Use container web', output: service({ loadBalancers: lb('web', 80) }) }, 'Use container side'],
        },
      ],
    },
    {
      name: 'a container without port mappings',
      json: service({ loadBalancers: lb('web', 80) }),
      ...beside(webTask({}, [container('web')])),
      findings: [
        {
          path: PORT,
          message: 'maps no port at all',
          fix: {
            title: 'Add container port 80 to container web (task-definition.json)',
            output: service({ loadBalancers: lb('web', 80) }),
            files: { 'task-definition.json': webTask({}, [container('web', { portMappings: [{ containerPort: 80 }] })]) },
          },
        },
      ],
    },
    {
      name: 'describe-services output: each service is checked',
      json: {
        services: [{ ...service({ loadBalancers: lb('web', 81) }), serviceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web' }],
        failures: [],
      },
      ...beside(),
      findings: [
        { path: ['services', 0, ...PORT], fixes: ['Use port 80', 'Add container port 81 to container web (task-definition.json)'] },
      ],
    },
    {
      name: 'linked by ARN, the task definition in another folder',
      json: service({ taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3', loadBalancers: lb('web', 8080) }),
      fileName: 'services/service.json',
      files: { 'taskdefs/web.json': webTask() },
      findings: [
        {
          path: PORT,
          message: 'task definition web (web.json)',
          fixes: ['Use port 80', 'Add container port 8080 to container web (web.json)'],
        },
      ],
    },
    {
      name: 'an AppSpec whose ContainerPort is not in taskdef.json',
      json: appspec({ LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 } }),
      ...besideAppSpec(),
      findings: [
        {
          path: [...APPSPEC_LB, 'ContainerPort'],
          message:
            'has no container port 8080: its ports are 80. The load balancer must use one of them, or the deployment fails when CodeDeploy shifts traffic to it.',
          fixes: [{ title: 'Use port 80', output: appspec() }, 'Add container port 8080 to container web (taskdef.json)'],
        },
      ],
    },
    {
      name: 'an AppSpec port written as a string is fixed as a string',
      json: appspec({ LoadBalancerInfo: { ContainerName: 'web', ContainerPort: '8080' } }),
      ...besideAppSpec(),
      findings: [
        {
          path: [...APPSPEC_LB, 'ContainerPort'],
          fixes: [
            { title: 'Use port 80', output: appspec({ LoadBalancerInfo: { ContainerName: 'web', ContainerPort: '80' } }) },
            'Add container port 8080 to container web (taskdef.json)',
          ],
        },
      ],
    },
    {
      name: 'an AppSpec with a literal family links by family',
      json: appspec({ TaskDefinition: 'web', LoadBalancerInfo: { ContainerName: 'api', ContainerPort: 80 } }),
      fileName: 'deploy/appspec.json',
      files: { 'taskdef.json': webTask() },
      findings: [{ path: [...APPSPEC_LB, 'ContainerName'], fixes: ['Use container web', 'Use container side'] }],
    },
  ],
});
