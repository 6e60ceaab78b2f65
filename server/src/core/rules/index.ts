// Every rule, in one registry: explicit imports keep the bundle complete and the order stable.
import type { AnyRule } from '../rule';
import { documentRules } from './document';
import { executionRoleRules } from './execution-role';
import { iamRules } from './iam';
import { serviceRules } from './ecs-service';
import { taskDefinitionRules } from './task-definition';

export const allRules: readonly AnyRule[] = [...taskDefinitionRules, ...iamRules, ...executionRoleRules, ...serviceRules, ...documentRules];
