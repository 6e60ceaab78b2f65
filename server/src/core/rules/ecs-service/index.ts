// Rules over ECS services and CodeDeploy AppSpecs, most of them against the task definition they run
// (core/ecs-service/link.ts): what create-service rejects and what fails a deployment.
import type { AnyRule } from '../../rule';
import { serviceConnectPortName } from './service-connect-port-name';
import { serviceDeploymentConfiguration } from './service-deployment-configuration';
import { serviceExecuteCommand } from './service-execute-command';
import { serviceHealthCheckGrace } from './service-health-check-grace';
import { serviceLaunchType } from './service-launch-type';
import { serviceLoadBalancerContainer } from './service-load-balancer-container';
import { serviceNetworkConfiguration } from './service-network-configuration';
import { servicePlatformVersion } from './service-platform-version';

export const serviceRules: AnyRule[] = [
  serviceLoadBalancerContainer,
  serviceNetworkConfiguration,
  servicePlatformVersion,
  serviceLaunchType,
  serviceHealthCheckGrace,
  serviceDeploymentConfiguration,
  serviceConnectPortName,
  serviceExecuteCommand,
];
