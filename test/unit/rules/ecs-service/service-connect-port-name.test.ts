import { serviceConnectPortName } from '../../../../server/src/core/rules/ecs-service/service-connect-port-name';
import { unknownMarker } from '../../../../server/src/core/unknown';
import { container } from '../../../helpers/taskdefs';
import { ruleTester } from '../../../helpers/ruleTester';
import { beside, service, webTask } from './fixtures';

const connect = (portName: unknown, enabled = true) =>
  service({ serviceConnectConfiguration: { enabled, namespace: 'internal', services: [{ portName, clientAliases: [{ port: 80 }] }] } });
const unnamed = webTask({}, [container('web', { portMappings: [{ containerPort: 80 }] })]);

ruleTester(serviceConnectPortName, {
  valid: [
    { name: 'the name of a port mapping', json: connect('http'), ...beside() },
    {
      name: 'a client-only service (no services)',
      json: service({ serviceConnectConfiguration: { enabled: true, namespace: 'internal' } }),
      ...beside(),
    },
    { name: 'Service Connect turned off', json: connect('nope', false), ...beside() },
    { name: 'the task definition is not in the workspace', json: connect('nope'), fileName: 'service.json' },
    {
      name: 'an unknown port name in the task definition',
      json: connect('api'),
      ...beside(webTask({}, [container('web', { portMappings: [{ containerPort: 80, name: unknownMarker('Ref Name') }] })])),
    },
  ],
  invalid: [
    {
      name: 'a name the task definition does not have',
      json: connect('web-http'),
      ...beside(),
      findings: [
        {
          path: ['serviceConnectConfiguration', 'services', 0, 'portName'],
          message:
            'Service Connect port "web-http" is not a port mapping name of task definition web (task-definition.json): its names are http.',
          fix: { title: 'Use port name http', output: connect('http') },
        },
      ],
    },
    {
      name: 'no port mapping has a name: the fix names the only one in the task definition',
      json: connect('web'),
      ...beside(unnamed),
      findings: [
        {
          path: ['serviceConnectConfiguration', 'services', 0, 'portName'],
          message: 'names none of its port mappings',
          fix: {
            title: 'Name port 80 of container web "web" (task-definition.json)',
            output: connect('web'),
            files: { 'task-definition.json': webTask({}, [container('web', { portMappings: [{ containerPort: 80, name: 'web' }] })]) },
          },
        },
      ],
    },
  ],
});
