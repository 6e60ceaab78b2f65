// Rules over task definitions and container definitions, in the order their findings are listed.
import type { Rule } from '../../rule';
import { awslogsOptions } from './awslogs-options';
import { awsvpcHostPort } from './awsvpc-host-port';
import { describeOnlyField } from './describe-only-field';
import { fargateCpuMemory } from './fargate-cpu-memory';
import { fargateEphemeralStorage } from './fargate-ephemeral-storage';
import { fargateLogDriver } from './fargate-log-driver';
import { fargateNetworkMode } from './fargate-network-mode';
import { fargateTaskSizeRequired } from './fargate-task-size-required';
import { fargateUnsupportedParameter } from './fargate-unsupported-parameter';
import { fargateWindowsPlatform } from './fargate-windows-platform';
import { fargateWindowsUnsupported } from './fargate-windows-unsupported';

export const taskDefinitionRules: Rule[] = [
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
  describeOnlyField,
];
