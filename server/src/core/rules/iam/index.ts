// Rules over IAM policies, trust policies and roles, in the order their findings are listed.
import type { AnyRule } from '../../rule';
import { iamAllowNotPrincipal } from './iam-allow-not-principal';
import { iamArnResourceMismatch } from './iam-arn-resource-mismatch';
import { iamConditionSetQualifier } from './iam-condition-set-qualifier';
import { iamConditionTypeMismatch } from './iam-condition-type-mismatch';
import { iamConditionValue } from './iam-condition-value';
import { iamConditionWildcardWithoutLike } from './iam-condition-wildcard-without-like';
import { iamInvalidAction } from './iam-invalid-action';
import { iamInvalidArn } from './iam-invalid-arn';
import { iamInvalidConditionOperator } from './iam-invalid-condition-operator';
import { iamInvalidService } from './iam-invalid-service';
import { iamOidcTrustCondition } from './iam-oidc-trust-condition';
import { iamPassRoleWildcard } from './iam-pass-role-wildcard';
import { iamPolicySize } from './iam-policy-size';
import { iamPolicyStructure } from './iam-policy-structure';
import { iamPolicyVariable } from './iam-policy-variable';
import { iamServicePrincipal } from './iam-service-principal';
import { iamServicePrincipalWithoutSource } from './iam-service-principal-without-source';
import { iamStarActionStarResource } from './iam-star-action-star-resource';
import { iamTrustPolicyAction } from './iam-trust-policy-action';
import { iamTrustPrincipal } from './iam-trust-principal';
import { iamUnknownConditionKey } from './iam-unknown-condition-key';

export const iamRules: AnyRule[] = [
  // the policy grammar, services and actions
  iamPolicyStructure,
  iamInvalidService,
  iamInvalidAction,
  // conditions
  iamInvalidConditionOperator,
  iamUnknownConditionKey,
  iamConditionTypeMismatch,
  iamConditionSetQualifier,
  iamConditionValue,
  iamConditionWildcardWithoutLike,
  // resource ARNs and policy variables
  iamInvalidArn,
  iamArnResourceMismatch,
  iamPolicyVariable,
  // security
  iamPassRoleWildcard,
  iamStarActionStarResource,
  iamAllowNotPrincipal,
  iamServicePrincipalWithoutSource,
  iamOidcTrustCondition,
  // size
  iamPolicySize,
  // trust policies
  iamTrustPrincipal,
  iamServicePrincipal,
  iamTrustPolicyAction,
];
