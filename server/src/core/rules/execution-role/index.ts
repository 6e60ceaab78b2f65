// Rules that check a task definition against its execution role's policies in the workspace.
import type { Rule } from '../../rule';

export const executionRoleRules: Rule[] = [];
