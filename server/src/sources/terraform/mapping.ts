// The aws_ecs_task_definition <-> ECS task definition mapping (facts/aws-ecs-task-definition.json) and the
// aws_ecs_service <-> CreateService one (facts/aws-ecs-service.json), with their sources, typed: for the .tf
// source and the plan source alike.
import facts from './facts/aws-ecs-task-definition.json';
import serviceFacts from './facts/aws-ecs-service.json';

/** A block of the resource (or the resource itself): its arguments and nested blocks, by HCL name. */
export interface BlockMapping {
  /** The ECS field the block is (absent for the resource itself). */
  key?: string;
  /** A list of blocks (volume {}), not one object. */
  list?: boolean;
  /** HCL argument -> ECS field (dotted for a nested field: host_path -> host.sourcePath). */
  attributes: Record<string, string>;
  blocks?: Record<string, BlockMapping>;
  /** Maps that ECS takes as lists of {name, value}. */
  nameValueLists?: string[];
  /** Arguments whose values ECS writes otherwise: HCL value (as text) -> ECS value (assign_public_ip true -> ENABLED). */
  values?: Record<string, Record<string, string>>;
  /** Arguments the provider types as number or bool: a string there is converted, as Terraform does. */
  types?: Record<string, 'number' | 'bool'>;
}

export const TASK_DEFINITION_MAPPING = facts.taskDefinition as BlockMapping;
export const SERVICE_MAPPING = serviceFacts.service as BlockMapping;
