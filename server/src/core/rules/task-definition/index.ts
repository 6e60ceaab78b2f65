// Rules over task definitions and container definitions, in the order their findings are listed.
import type { Rule } from '../../rule';
import { describeOnlyField } from './describe-only-field';
import { fargateCpuMemory } from './fargate-cpu-memory';
import { fargateNetworkMode } from './fargate-network-mode';

export const taskDefinitionRules: Rule[] = [fargateCpuMemory, fargateNetworkMode, describeOnlyField];
