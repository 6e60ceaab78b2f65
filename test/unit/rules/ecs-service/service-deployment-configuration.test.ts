import { serviceDeploymentConfiguration } from '../../../../server/src/core/rules/ecs-service/service-deployment-configuration';
import { ruleTester } from '../../../helpers/ruleTester';
import { appspec, beside, service, webTask } from './fixtures';

const deployment = (configuration: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  service({ deploymentConfiguration: configuration, ...extra });
const { loadBalancers: _, ...noLb } = service();
const withAppSpec = { fileName: 'service.json', files: { 'task-definition.json': webTask(), 'appspec.json': appspec() } };

ruleTester(serviceDeploymentConfiguration, {
  valid: [
    { name: 'the defaults', json: service(), ...beside() },
    { name: '100 and 200', json: deployment({ minimumHealthyPercent: 100, maximumPercent: 200 }), ...beside() },
    { name: '0 and 100 (replace all at once)', json: deployment({ minimumHealthyPercent: 0, maximumPercent: 100 }), ...beside() },
    { name: '50 and 100 with two tasks', json: deployment({ minimumHealthyPercent: 50, maximumPercent: 100 }), ...beside() },
    { name: 'a complete circuit breaker', json: deployment({ deploymentCircuitBreaker: { enable: true, rollback: true } }), ...beside() },
    {
      name: 'a disabled circuit breaker with CODE_DEPLOY',
      json: deployment({ deploymentCircuitBreaker: { enable: false, rollback: false } }, { deploymentController: { type: 'CODE_DEPLOY' } }),
      ...beside(),
    },
    { name: 'CODE_DEPLOY beside an AppSpec', json: service({ deploymentController: { type: 'CODE_DEPLOY' } }), ...withAppSpec },
    {
      name: 'DAEMON with 100',
      json: deployment({ maximumPercent: 100, minimumHealthyPercent: 0 }, { schedulingStrategy: 'DAEMON', launchType: 'EC2' }),
      ...beside(),
    },
    {
      name: 'min and max 100 under CODE_DEPLOY (not used)',
      json: deployment({ minimumHealthyPercent: 100, maximumPercent: 100 }, { deploymentController: { type: 'CODE_DEPLOY' } }),
      ...beside(),
    },
    {
      name: 'ECS blue/green strategy',
      json: deployment({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5, minimumHealthyPercent: 100, maximumPercent: 100 }),
      ...beside(),
    },
  ],
  invalid: [
    {
      name: 'a rolling deployment that cannot move',
      json: deployment({ minimumHealthyPercent: 100, maximumPercent: 100 }),
      ...beside(),
      findings: [
        {
          path: ['deploymentConfiguration', 'maximumPercent'],
          message:
            'With minimumHealthyPercent 100 and maximumPercent 100, a rolling deployment of 2 tasks may neither stop an old task nor start a new one',
          fix: { title: 'Set maximumPercent to 200', output: deployment({ minimumHealthyPercent: 100, maximumPercent: 200 }) },
        },
      ],
    },
    {
      name: 'one task at 50 and 100',
      json: deployment({ minimumHealthyPercent: 50, maximumPercent: 100 }, { desiredCount: 1 }),
      ...beside(),
      findings: [{ path: ['deploymentConfiguration', 'maximumPercent'], message: 'of 1 task', fixes: ['Set maximumPercent to 200'] }],
    },
    {
      name: 'DAEMON above 100',
      json: deployment({ maximumPercent: 200 }, { schedulingStrategy: 'DAEMON', launchType: 'EC2' }),
      ...beside(),
      findings: [
        {
          path: ['deploymentConfiguration', 'maximumPercent'],
          message: 'A DAEMON service runs one task per instance and takes no maximumPercent above 100',
          fixes: ['Set maximumPercent to 100'],
        },
      ],
    },
    {
      name: 'a circuit breaker without rollback',
      json: deployment({ deploymentCircuitBreaker: { enable: true } }),
      ...beside(),
      findings: [
        {
          path: ['deploymentConfiguration', 'deploymentCircuitBreaker'],
          target: 'key',
          message: 'needs both "enable" and "rollback"; rollback is missing',
        },
      ],
    },
    {
      name: 'a circuit breaker with CODE_DEPLOY',
      json: deployment({ deploymentCircuitBreaker: { enable: true, rollback: true } }, { deploymentController: { type: 'CODE_DEPLOY' } }),
      ...beside(),
      findings: [
        {
          path: ['deploymentConfiguration', 'deploymentCircuitBreaker', 'enable'],
          message: 'works with the rolling update (ECS deployment controller) only',
        },
      ],
    },
    {
      name: 'CODE_DEPLOY without a load balancer',
      json: { ...noLb, deploymentController: { type: 'CODE_DEPLOY' } },
      ...beside(),
      findings: [{ path: ['deploymentController', 'type'], message: 'needs an Application or Network Load Balancer' }],
    },
    {
      name: 'an unknown controller type',
      json: service({ deploymentController: { type: 'code_deploy' } }),
      ...beside(),
      findings: [
        {
          path: ['deploymentController', 'type'],
          fix: { title: 'Set the type to "CODE_DEPLOY"', output: service({ deploymentController: { type: 'CODE_DEPLOY' } }) },
        },
      ],
    },
    {
      name: 'the ECS controller beside a CodeDeploy AppSpec',
      json: service({ deploymentController: { type: 'ECS' } }),
      ...withAppSpec,
      findings: [
        {
          path: ['deploymentController', 'type'],
          severity: 'warning',
          message: 'uses the ECS deployment controller, but appspec.json beside it is a CodeDeploy AppSpec',
          fix: {
            title: 'Set the deployment controller to CODE_DEPLOY',
            output: service({ deploymentController: { type: 'CODE_DEPLOY' } }),
          },
        },
      ],
    },
    {
      name: 'no controller beside a CodeDeploy AppSpec',
      json: service(),
      ...withAppSpec,
      findings: [
        {
          path: ['taskDefinition'],
          severity: 'warning',
          fix: {
            title: 'Set the deployment controller to CODE_DEPLOY',
            output: service({ deploymentController: { type: 'CODE_DEPLOY' } }),
          },
        },
      ],
    },
  ],
});
