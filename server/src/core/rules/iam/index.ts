// Rules over IAM policies, trust policies and roles.
import type { Rule } from '../../rule';
import { iamInvalidAction } from './iam-invalid-action';
import { iamInvalidService } from './iam-invalid-service';
import { iamPolicyStructure } from './iam-policy-structure';

// --- conditions, ARNs, variables, security, size and trust checks (iam-checks) ---
import { iamAllowNotPrincipal } from './iam-allow-not-principal';
import { iamArnResourceMismatch } from './iam-arn-resource-mismatch';
import { iamConditionSetQualifier } from './iam-condition-set-qualifier';
import { iamConditionTypeMismatch } from './iam-condition-type-mismatch';
import { iamConditionValue } from './iam-condition-value';
import { iamConditionWildcardWithoutLike } from './iam-condition-wildcard-without-like';
import { iamInvalidArn } from './iam-invalid-arn';
import { iamInvalidConditionOperator } from './iam-invalid-condition-operator';
import { iamOidcTrustCondition } from './iam-oidc-trust-condition';
import { iamPassRoleWildcard } from './iam-pass-role-wildcard';
import { iamPolicySize } from './iam-policy-size';
import { iamPolicyVariable } from './iam-policy-variable';
import { iamServicePrincipal } from './iam-service-principal';
import { iamServicePrincipalWithoutSource } from './iam-service-principal-without-source';
import { iamStarActionStarResource } from './iam-star-action-star-resource';
import { iamTrustPolicyAction } from './iam-trust-policy-action';
import { iamTrustPrincipal } from './iam-trust-principal';
import { iamUnknownConditionKey } from './iam-unknown-condition-key';

const iamCheckRules: Rule[] = [
  iamInvalidConditionOperator,
  iamUnknownConditionKey,
  iamConditionTypeMismatch,
  iamConditionSetQualifier,
  iamConditionValue,
  iamConditionWildcardWithoutLike,
  iamInvalidArn,
  iamArnResourceMismatch,
  iamPolicyVariable,
  iamPassRoleWildcard,
  iamStarActionStarResource,
  iamAllowNotPrincipal,
  iamServicePrincipalWithoutSource,
  iamOidcTrustCondition,
  iamPolicySize,
  iamTrustPrincipal,
  iamServicePrincipal,
  iamTrustPolicyAction,
];
// --- end iam-checks ---

export const iamRules: Rule[] = [iamPolicyStructure, iamInvalidService, iamInvalidAction, ...iamCheckRules];
