// Rules over task definitions and container definitions, in the order their findings are listed.
import type { AnyRule } from '../../rule';
import { awslogsOptions } from './awslogs-options';
import { awsvpcHostPort } from './awsvpc-host-port';
import { describeOnlyField } from './describe-only-field';
import { fargateCpuMemory } from './fargate-cpu-memory';
import { fargateEphemeralStorage } from './fargate-ephemeral-storage';
import { fargateLogDriver } from './fargate-log-driver';
import { fargateNetworkMode } from './fargate-network-mode';
import { fargateRightSize } from './fargate-right-size';
import { fargateTaskSizeRequired } from './fargate-task-size-required';
import { fargateUnsupportedParameter } from './fargate-unsupported-parameter';
import { fargateWindowsPlatform } from './fargate-windows-platform';
import { fargateWindowsUnsupported } from './fargate-windows-unsupported';

import { containerNameFormat } from './container-name-format';
import { containerResourcesExceedTask } from './container-resources-exceed-task';
import { containerRunsAsRoot } from './container-runs-as-root';
import { containerTimeoutRange } from './container-timeout-range';
import { dependsOnCondition } from './depends-on-condition';
import { dependsOnCycle } from './depends-on-cycle';
import { dependsOnUnknownContainer } from './depends-on-unknown-container';
import { duplicateContainerName } from './duplicate-container-name';
import { duplicatePortMapping } from './duplicate-port-mapping';
import { efsTransitEncryption } from './efs-transit-encryption';
import { environmentFiles } from './environment-files';
import { essentialContainer } from './essential-container';
import { familyNameFormat } from './family-name-format';
import { healthCheckCommand } from './health-check-command';
import { healthCheckRange } from './health-check-range';
import { imageReference } from './image-reference';
import { mountPointUnknownVolume } from './mount-point-unknown-volume';
import { readonlyRootFilesystem } from './readonly-root-filesystem';
import { roleArnFormat } from './role-arn-format';
import { sameTaskAndExecutionRole } from './same-task-and-execution-role';
import { secretInEnvironment } from './secret-in-environment';
import { secretValueFrom } from './secret-value-from';
import { taskDefinitionSize } from './task-definition-size';
import { tooManyContainers } from './too-many-containers';
import { volumesFromUnknownContainer } from './volumes-from-unknown-container';

/** Task size, network mode, logging and the parameters Fargate does not take. */
const fargateRules: AnyRule[] = [
  fargateCpuMemory,
  fargateNetworkMode,
  fargateTaskSizeRequired,
  fargateUnsupportedParameter,
  fargateLogDriver,
  awslogsOptions,
  awsvpcHostPort,
  fargateWindowsPlatform,
  fargateWindowsUnsupported,
  fargateEphemeralStorage,
  fargateRightSize,
];

/**
 * Rules for every launch type, and security guidance.
 * @internal Exported for tests.
 */
export const generalTaskDefinitionRules: AnyRule[] = [
  containerResourcesExceedTask,
  essentialContainer,
  containerNameFormat,
  duplicateContainerName,
  familyNameFormat,
  tooManyContainers,
  dependsOnUnknownContainer,
  dependsOnCycle,
  dependsOnCondition,
  volumesFromUnknownContainer,
  mountPointUnknownVolume,
  duplicatePortMapping,
  healthCheckCommand,
  healthCheckRange,
  containerTimeoutRange,
  taskDefinitionSize,
  imageReference,
  secretValueFrom,
  environmentFiles,
  roleArnFormat,
  sameTaskAndExecutionRole,
  secretInEnvironment,
  readonlyRootFilesystem,
  containerRunsAsRoot,
  efsTransitEncryption,
];

export const taskDefinitionRules: AnyRule[] = [...fargateRules, describeOnlyField, ...generalTaskDefinitionRules];
