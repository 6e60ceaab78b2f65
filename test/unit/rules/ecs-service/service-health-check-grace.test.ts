import { serviceHealthCheckGrace } from '../../../../server/src/core/rules/ecs-service/service-health-check-grace';
import { unknownMarker } from '../../../../server/src/core/unknown';
import { container, fargateTask } from '../../../helpers/taskdefs';
import { ruleTester } from '../../../helpers/ruleTester';
import { beside, service, webTask } from './fixtures';

const { loadBalancers: _, ...noLb } = service();
const checked = webTask({}, [container('web', { healthCheck: { command: ['CMD-SHELL', 'true'] } })]);

ruleTester(serviceHealthCheckGrace, {
  valid: [
    { name: 'with a load balancer', json: service({ healthCheckGracePeriodSeconds: 60 }), ...beside() },
    { name: 'with a container health check', json: { ...noLb, healthCheckGracePeriodSeconds: 60 }, ...beside(checked) },
    {
      name: 'with VPC Lattice',
      json: {
        ...noLb,
        healthCheckGracePeriodSeconds: 60,
        vpcLatticeConfigurations: [{ roleArn: 'arn:aws:iam::123456789012:role/l', targetGroupArn: 'arn:x', portName: 'http' }],
      },
      ...beside(),
    },
    { name: 'ecspresso writes 0', json: { ...noLb, healthCheckGracePeriodSeconds: 0 }, ...beside() },
    { name: 'the task definition is not in the workspace', json: { ...noLb, healthCheckGracePeriodSeconds: 60 }, fileName: 'service.json' },
    {
      name: 'unknown containers',
      json: { ...noLb, healthCheckGracePeriodSeconds: 60 },
      ...beside(fargateTask([unknownMarker('Ref C') as never])),
    },
  ],
  invalid: [
    {
      name: 'nothing to apply it to',
      json: { ...noLb, healthCheckGracePeriodSeconds: 60 },
      ...beside(),
      findings: [
        {
          path: ['healthCheckGracePeriodSeconds'],
          message:
            'Service web has no load balancer, no VPC Lattice target and no container health check in task definition web (task-definition.json), so its 60-second health check grace period has nothing to apply to.',
          fix: { title: 'Remove healthCheckGracePeriodSeconds', output: noLb },
        },
      ],
    },
    {
      name: 'negative',
      json: service({ healthCheckGracePeriodSeconds: -1 }),
      ...beside(),
      findings: [{ path: ['healthCheckGracePeriodSeconds'], severity: 'error', message: 'between 0 and 2,147,483,647 seconds, not -1' }],
    },
  ],
});
