// Rules that check a task definition against its execution role's policies in the workspace.
import type { AnyRule } from '../../rule';
import { executionRoleNotInWorkspace } from './execution-role-not-in-workspace';
import { executionRolePermission } from './execution-role-permission';
import { executionRoleRequired } from './execution-role-required';
import { executionRoleTrust } from './execution-role-trust';
import { projectConfigFile } from './project-config-file';
import { taskRoleNotExecutionRole } from './task-role-not-execution-role';

export const executionRoleRules: AnyRule[] = [
  executionRoleRequired,
  executionRolePermission,
  executionRoleTrust,
  executionRoleNotInWorkspace,
  taskRoleNotExecutionRole,
  projectConfigFile,
];
