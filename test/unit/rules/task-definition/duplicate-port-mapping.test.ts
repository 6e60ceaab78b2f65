import { duplicatePortMapping } from '../../../../server/src/core/rules/task-definition/duplicate-port-mapping';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, ec2Task, fargateTask } from '../../../helpers/taskdefs';

const ports = (...mappings: Record<string, unknown>[]) => ({ portMappings: mappings });

ruleTester(duplicatePortMapping, {
  valid: [
    {
      name: 'awsvpc: different ports',
      json: fargateTask([container('a', ports({ containerPort: 80 })), container('b', ports({ containerPort: 8080 }))]),
    },
    {
      name: 'awsvpc: same port, tcp and udp',
      json: fargateTask([container('dns', ports({ containerPort: 53, protocol: 'tcp' }, { containerPort: 53, protocol: 'udp' }))]),
    },
    {
      name: 'awsvpc: hostPort equal to containerPort, protocol tcp (ECS defaults)',
      json: fargateTask([container('a', ports({ containerPort: 80, hostPort: 80, protocol: 'tcp' }))]),
    },
    {
      name: 'bridge: same container port in two containers with dynamic host ports',
      json: ec2Task([container('a', ports({ containerPort: 80 })), container('b', ports({ containerPort: 80, hostPort: 0 }))]),
    },
    {
      name: 'bridge: different fixed host ports',
      json: ec2Task([
        container('a', ports({ containerPort: 80, hostPort: 8080 })),
        container('b', ports({ containerPort: 80, hostPort: 8081 })),
      ]),
    },
    {
      name: 'none mode',
      json: ec2Task([container('a', ports({ containerPort: 80 })), container('b', ports({ containerPort: 80 }))], { networkMode: 'none' }),
    },
    {
      name: 'container-definitions array: same container port, no fixed host port',
      json: [container('a', ports({ containerPort: 80 })), container('b', ports({ containerPort: 80 }))],
    },
    {
      name: 'ports as strings are left to the schema',
      json: fargateTask([container('a', ports({ containerPort: '80' })), container('b', ports({ containerPort: '80' }))]),
    },
  ],
  invalid: [
    {
      name: 'awsvpc: two containers on port 80',
      json: fargateTask([
        container('web', ports({ containerPort: 80 })),
        container('proxy', ports({ containerPort: 80, protocol: 'tcp' })),
      ]),
      findings: [
        {
          path: ['containerDefinitions', 1, 'portMappings', 0, 'containerPort'],
          message: 'TCP port 80 is already mapped by container "web": in awsvpc mode',
        },
      ],
    },
    {
      name: 'host mode: same udp port',
      json: ec2Task(
        [container('a', ports({ containerPort: 514, protocol: 'udp' })), container('b', ports({ containerPort: 514, protocol: 'UDP' }))],
        { networkMode: 'host' },
      ),
      findings: [{ path: ['containerDefinitions', 1, 'portMappings', 0, 'containerPort'], message: 'UDP port 514' }],
    },
    {
      name: 'awsvpc: the same port twice in one container',
      json: fargateTask([container('a', ports({ containerPort: 80 }, { containerPort: 80, hostPort: 80 }))]),
      findings: [{ path: ['containerDefinitions', 0, 'portMappings', 1, 'hostPort'], message: 'earlier in this container' }],
    },
    {
      name: 'bridge: one fixed host port for two containers',
      json: ec2Task([
        container('a', ports({ containerPort: 80, hostPort: 8080 })),
        container('b', ports({ containerPort: 3000, hostPort: 8080 })),
      ]),
      findings: [{ path: ['containerDefinitions', 1, 'portMappings', 0, 'hostPort'], message: 'a fixed host port can be bound once' }],
    },
  ],
});
