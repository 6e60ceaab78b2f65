// Rules over IAM policies, trust policies and roles.
import type { Rule } from '../../rule';

export const iamRules: Rule[] = [];
