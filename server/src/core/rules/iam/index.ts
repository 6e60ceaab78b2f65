// Rules over IAM policies, trust policies and roles.
import type { Rule } from '../../rule';
import { iamInvalidAction } from './iam-invalid-action';
import { iamInvalidService } from './iam-invalid-service';
import { iamPolicyStructure } from './iam-policy-structure';

export const iamRules: Rule[] = [iamPolicyStructure, iamInvalidService, iamInvalidAction];
