// IAM limits the size of policies, counted in characters without whitespace: 6,144 for a customer managed
// policy, 10,240 for all inline policies of a role together (a user's take 2,048, a group's 5,120), and 2,048
// for a role trust policy by default (a quota that can be raised to 4,096). AWS managed policies are bound by
// none of these (40 of them are over 10,240).
//
// So the verdict depends on what the document must be (sizeVerdict below):
// - it must be a customer managed policy (the AWS::IAM::ManagedPolicy shape, a customer managed policy in
//   get-account-authorization-details output): an error over 6,144;
// - it must be inline (a named inline policy, the inline policies of a role): an error over 10,240, which
//   no inline policy can exceed;
// - a bare policy file may be any of them, an AWS managed policy included: a warning naming the quotas it
//   is over, never an error;
// - a trust policy: a warning over 2,048 (the quota can be raised).
// Other IAM output (get-policy-version, get-role, the roles of authorization details) came out of IAM, which
// accepted it, and may be AWS managed: not measured.
// The size is measured on the model value, as the JSON IAM receives (whatever syntax the policy was written
// in), without whitespace.
// Source: IAM User Guide, "IAM and AWS STS quotas" (reference_iam-quotas), character limits.
import { type JsonPath, isObject, valueAt } from '../../json';
import { formatCount } from '../../messages';
import type { Rule, Severity } from '../../rule';

/** @internal Exported for tests. */
export const MANAGED_POLICY_LIMIT = 6144;
/** @internal Exported for tests. */
export const ROLE_INLINE_LIMIT = 10240;
/** @internal Exported for tests. */
export const TRUST_POLICY_LIMIT = 2048;
const TRUST_POLICY_MAX_QUOTA = 4096;
const USER_INLINE_LIMIT = 2048;
const GROUP_INLINE_LIMIT = 5120;

/** Top-level keys of IAM's own output (get-policy-version, get-role, get-account-authorization-details). */
const IAM_OUTPUT = new Set(['PolicyVersion', 'Role', 'RoleDetailList', 'UserDetailList', 'GroupDetailList']);

/** What a measured document must be, which decides the quotas that can apply to it. */
type SizeContext = 'customer-managed' | 'inline' | 'role-inline-total' | 'trust' | 'any-policy';

const fmt = formatCount;

/** The finding for a document of `size` characters in `context`, or undefined when it fits. */
function sizeVerdict(context: SizeContext, size: number): { severity: Severity; message: string } | undefined {
  switch (context) {
    case 'customer-managed':
      if (size <= MANAGED_POLICY_LIMIT) return undefined;
      return {
        severity: 'error',
        message: `This managed policy has ${fmt(size)} characters without whitespace; a customer managed policy may have at most ${fmt(MANAGED_POLICY_LIMIT)} (IAM answers LimitExceeded). Split it into several policies, or merge statements and use wildcards where they are safe.`,
      };
    case 'inline':
      if (size <= ROLE_INLINE_LIMIT) return undefined;
      return {
        severity: 'error',
        message: `This inline policy has ${fmt(size)} characters without whitespace; even a role, which allows the most, takes at most ${fmt(ROLE_INLINE_LIMIT)} for all its inline policies together. Split it into managed policies (up to ${fmt(MANAGED_POLICY_LIMIT)} characters each).`,
      };
    case 'role-inline-total':
      if (size <= ROLE_INLINE_LIMIT) return undefined;
      return {
        severity: 'error',
        message: `The inline policies of this role have ${fmt(size)} characters without whitespace together; IAM allows ${fmt(ROLE_INLINE_LIMIT)} for all inline policies of a role. Move some permissions into managed policies (up to ${fmt(MANAGED_POLICY_LIMIT)} characters each).`,
      };
    case 'trust':
      if (size <= TRUST_POLICY_LIMIT) return undefined;
      return {
        severity: 'warning',
        message: `This trust policy has ${fmt(size)} characters without whitespace, over the default quota of ${fmt(TRUST_POLICY_LIMIT)}. IAM rejects it unless the account's "Role trust policy length" quota was raised (to at most ${fmt(TRUST_POLICY_MAX_QUOTA)}).`,
      };
    case 'any-policy':
      if (size <= MANAGED_POLICY_LIMIT) return undefined;
      return {
        severity: 'warning',
        message:
          size <= ROLE_INLINE_LIMIT
            ? `This policy has ${fmt(size)} characters without whitespace: over the ${fmt(MANAGED_POLICY_LIMIT)} of a customer managed policy (and the ${fmt(USER_INLINE_LIMIT)} and ${fmt(GROUP_INLINE_LIMIT)} of a user's and a group's inline policies). It fits only as an inline policy of a role (${fmt(ROLE_INLINE_LIMIT)} for all of them together), or as an AWS managed policy.`
            : `This policy has ${fmt(size)} characters without whitespace: over every quota of a policy you create (${fmt(MANAGED_POLICY_LIMIT)} for a customer managed policy, ${fmt(ROLE_INLINE_LIMIT)} for a role's inline policies together). Only an AWS managed policy can be this large; split it to use it yourself.`,
      };
  }
}

export const iamPolicySize: Rule = {
  meta: {
    id: 'iam-policy-size',
    title: "Policies must fit IAM's size limits (6,144 characters managed, 10,240 for a role's inline policies, 2,048 trust)",
    defaultSeverity: 'error',
    appliesTo: ['identity-policy', 'trust-policy', 'role'],
  },
  check({ subject, model, report }) {
    const path = subject.path;
    if (subject.kind === 'role') {
      if (fromIam(path)) return;
      const list = isObject(subject.value) ? subject.value.Policies : undefined;
      if (!Array.isArray(list)) return;
      let total = 0;
      list.forEach((entry) => {
        if (isObject(entry) && entry.PolicyDocument !== undefined) total += policySize(entry.PolicyDocument);
      });
      const verdict = sizeVerdict('role-inline-total', total);
      if (verdict) report({ path: ['Policies'], target: 'key', ...verdict });
      return;
    }
    const context = contextOf(subject.kind, path, model.value);
    const verdict = context && sizeVerdict(context, policySize(subject.value));
    if (verdict) report({ path: [], target: 'key', ...verdict });
  },
};

/** What a policy subject must be, from where it sits in the model; undefined for what is not measured. */
function contextOf(kind: string, path: JsonPath, root: unknown): SizeContext | undefined {
  // A customer managed policy in get-account-authorization-details output (AWS managed ones are exempt).
  if (path[0] === 'Policies' && path[2] === 'PolicyVersionList') {
    const arn = valueAt(root, [path[0], path[1], 'Arn']);
    return typeof arn === 'string' && !arn.includes(':iam::aws:policy/') ? 'customer-managed' : undefined;
  }
  if (fromIam(path)) return undefined;
  if (kind === 'trust-policy') return 'trust';
  if (path.length === 0) return 'any-policy';
  if (path.length === 1 && path[0] === 'PolicyDocument') {
    // {PolicyName, PolicyDocument}: a named inline policy; without PolicyName, AWS::IAM::ManagedPolicy properties.
    return typeof valueAt(root, ['PolicyName']) === 'string' ? 'inline' : 'customer-managed';
  }
  return undefined;
}

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
