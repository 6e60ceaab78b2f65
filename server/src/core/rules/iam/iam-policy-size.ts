// IAM limits the size of policies, counted in characters without whitespace: 6,144 for a managed policy,
// 10,240 for all inline policies of a role together, and 2,048 for a role trust policy by default (a quota
// that can be raised to 4,096). Over the first two IAM rejects the policy (LimitExceeded); over the trust
// quota it does too unless the account's quota was raised, so that one is a warning.
//
// Only documents on their way into IAM are measured: a policy file, an inline policy with its name
// (get-role-policy output or AWS::IAM::Policy properties), a role with its inline policies (the
// AWS::IAM::Role shape). Output of get-policy-version, get-role and get-account-authorization-details came
// out of IAM, which accepted it; and AWS managed policies, which such output may hold, are exempt from the
// limit anyway.
// The size is measured on the model value, as the JSON IAM receives (whatever syntax the policy was written
// in), without whitespace.
// Source: IAM User Guide, "IAM and AWS STS quotas" (reference_iam-quotas), character limits.
import { type JsonPath, isObject } from '../../json';
import type { Rule } from '../../rule';

/** @internal Exported for tests. */
export const MANAGED_POLICY_LIMIT = 6144;
/** @internal Exported for tests. */
export const ROLE_INLINE_LIMIT = 10240;
/** @internal Exported for tests. */
export const TRUST_POLICY_LIMIT = 2048;
const TRUST_POLICY_MAX_QUOTA = 4096;

/** Top-level keys of IAM's own output (get-policy-version, get-role, get-account-authorization-details). */
const IAM_OUTPUT = new Set(['PolicyVersion', 'Role', 'RoleDetailList', 'UserDetailList', 'GroupDetailList']);

export const iamPolicySize: Rule = {
  meta: {
    id: 'iam-policy-size',
    title: "Policies must fit IAM's size limits (6,144 characters managed, 10,240 for a role's inline policies, 2,048 trust)",
    defaultSeverity: 'error',
    appliesTo: ['identity-policy', 'trust-policy', 'role'],
  },
  check({ subject, report }) {
    const path = subject.path;
    if (fromIam(path)) return;
    const fmt = (n: number) => n.toLocaleString('en-US');
    if (subject.kind === 'trust-policy') {
      const size = policySize(subject.value);
      if (size <= TRUST_POLICY_LIMIT) return;
      report({
        path: [],
        target: 'key',
        severity: 'warning',
        message: `This trust policy has ${fmt(size)} characters without whitespace, over the default quota of ${fmt(TRUST_POLICY_LIMIT)}. IAM rejects it unless the account's "Role trust policy length" quota was raised (to at most ${fmt(TRUST_POLICY_MAX_QUOTA)}).`,
      });
    } else if (subject.kind === 'role') {
      const list = isObject(subject.value) ? subject.value.Policies : undefined;
      if (!Array.isArray(list)) return;
      let total = 0;
      list.forEach((entry) => {
        if (isObject(entry) && entry.PolicyDocument !== undefined) total += policySize(entry.PolicyDocument);
      });
      if (total <= ROLE_INLINE_LIMIT) return;
      report({
        path: ['Policies'],
        target: 'key',
        message: `The inline policies of this role have ${fmt(total)} characters without whitespace together; IAM allows ${fmt(ROLE_INLINE_LIMIT)} for all inline policies of a role. Move some permissions into managed policies (up to ${fmt(MANAGED_POLICY_LIMIT)} characters each).`,
      });
    } else if (path.length === 0 || (path.length === 1 && path[0] === 'PolicyDocument')) {
      // A policy file is measured as a managed policy; a named inline policy against the role total it
      // cannot exceed on its own (users and groups allow less: 2,048 and 5,120).
      const inline = path.length === 1;
      const limit = inline ? ROLE_INLINE_LIMIT : MANAGED_POLICY_LIMIT;
      const size = policySize(subject.value);
      if (size <= limit) return;
      report({
        path: [],
        target: 'key',
        message: inline
          ? `This inline policy has ${fmt(size)} characters without whitespace; even a role, which allows the most, takes at most ${fmt(limit)} for all its inline policies together. Split it into managed policies (up to ${fmt(MANAGED_POLICY_LIMIT)} characters each).`
          : `This policy has ${fmt(size)} characters without whitespace; a managed policy may have at most ${fmt(limit)} (IAM answers LimitExceeded). Split it into several policies, or merge statements and use wildcards where they are safe.`,
      });
    }
  },
};

function fromIam(path: JsonPath): boolean {
  const first = path[0];
  return (typeof first === 'string' && IAM_OUTPUT.has(first)) || (first === 'Policies' && path[2] === 'PolicyVersionList');
}

/**
 * Characters of a policy as JSON without whitespace (inside strings too, as IAM counts). A policy written as
 * a JSON string (IAM's encoded form) is measured as that string's content.
 * @internal Exported for tests.
 */
export function policySize(value: unknown): number {
  const json = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  let size = 0;
  for (let i = 0; i < json.length; i++) if (!/\s/.test(json[i])) size++;
  return size;
}
