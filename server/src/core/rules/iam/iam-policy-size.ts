// IAM limits the size of policies, counted in characters without whitespace: 6,144 for a managed policy,
// 10,240 for all inline policies of a role together (2,048 for a user, 5,120 for a group), and 2,048 for a
// role trust policy by default (a quota that can be raised to 4,096). Over the first three IAM rejects the
// policy (LimitExceeded); over the trust policy quota it does too unless the quota was raised, so that one
// is a warning. AWS managed policies are exempt: they are not subject to the customer-managed limit.
// Source: IAM User Guide, "IAM and AWS STS quotas" (reference_iam-quotas), character limits.
import { SyntaxKind, createScanner } from 'jsonc-parser';
import { type JsonDocument, type JsonPath, isObject, nodeAt, valueAt } from '../../json';
import type { Rule, RuleContext } from '../../rule';

export const MANAGED_POLICY_LIMIT = 6144;
export const TRUST_POLICY_LIMIT = 2048;
export const TRUST_POLICY_MAX_QUOTA = 4096;
export const INLINE_LIMITS: Record<string, { entity: string; limit: number }> = {
  Policies: { entity: 'role', limit: 10240 },
  RolePolicyList: { entity: 'role', limit: 10240 },
  UserPolicyList: { entity: 'user', limit: 2048 },
  GroupPolicyList: { entity: 'group', limit: 5120 },
};

export const iamPolicySize: Rule = {
  meta: {
    id: 'iam-policy-size',
    title: 'Policies must fit IAM size limits (6,144 characters managed, 10,240 for a role\'s inline policies, 2,048 trust)',
    defaultSeverity: 'error',
    appliesTo: ['identity-policy', 'trust-policy', 'role'],
  },
  check(context) {
    const { subject, document, report } = context;
    if (subject.kind === 'trust-policy') {
      const size = sizeAt(document, subject.path);
      if (size > TRUST_POLICY_LIMIT) {
        report({
          path: [],
          target: 'key',
          severity: 'warning',
          message: `This trust policy has ${fmt(size)} characters without whitespace, over the default quota of ${fmt(TRUST_POLICY_LIMIT)}. IAM rejects it unless the account's "Role trust policy length" quota was raised (to at most ${fmt(TRUST_POLICY_MAX_QUOTA)}).`,
        });
      }
      return;
    }
    if (subject.kind === 'role') {
      const listKey = roleInlineKey(subject.value);
      if (listKey) checkInline(context, subject.path, listKey, [listKey]);
      return;
    }
    const place = placeOf(subject.path);
    // Role inline policies are summed by the role subject; a user's or group's, once, from its first one.
    if (place.kind === 'role-inline') return;
    if (place.kind === 'entity-inline') {
      if (place.index === 0) checkInline(context, place.entityPath, place.listKey, []);
      return;
    }
    if (place.kind === 'managed-version' && isAwsManaged(document.value, place.policyPath)) return;
    const size = sizeAt(document, subject.path);
    if (size > MANAGED_POLICY_LIMIT) {
      report({
        path: [],
        target: 'key',
        message: `This policy has ${fmt(size)} characters without whitespace; a managed policy may have at most ${fmt(MANAGED_POLICY_LIMIT)} (IAM answers LimitExceeded). Split it into several policies, or merge statements and use wildcards where they are safe.`,
      });
    }
  },
};

function roleInlineKey(role: unknown): string | undefined {
  return isObject(role) ? ['Policies', 'RolePolicyList'].find((k) => Array.isArray(role[k])) : undefined;
}

type Place =
  | { kind: 'role-inline' }
  | { kind: 'entity-inline'; listKey: string; entityPath: JsonPath; index: number }
  | { kind: 'managed-version'; policyPath: JsonPath }
  | { kind: 'standalone' };

/** Where an identity-policy subject sits: an inline policy of a role, user or group, a managed policy version of account details, or on its own. */
function placeOf(path: JsonPath): Place {
  const n = path.length;
  const [listKey, index, last] = [path[n - 3], path[n - 2], path[n - 1]];
  if (last === 'PolicyDocument' && typeof listKey === 'string' && Object.hasOwn(INLINE_LIMITS, listKey) && typeof index === 'number') {
    return INLINE_LIMITS[listKey].entity === 'role' ? { kind: 'role-inline' } : { kind: 'entity-inline', listKey, entityPath: path.slice(0, n - 3), index };
  }
  if (last === 'Document' && listKey === 'PolicyVersionList') return { kind: 'managed-version', policyPath: path.slice(0, n - 3) };
  return { kind: 'standalone' };
}

function isAwsManaged(root: unknown, policyPath: JsonPath): boolean {
  const arn = valueAt(root, [...policyPath, 'Arn']);
  return typeof arn === 'string' && /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

function checkInline({ document, report }: RuleContext, entityPath: JsonPath, listKey: string, reportPath: JsonPath): void {
  const list = valueAt(document.value, [...entityPath, listKey]);
  if (!Array.isArray(list)) return;
  let total = 0;
  list.forEach((entry, i) => {
    if (isObject(entry) && entry.PolicyDocument !== undefined) total += sizeAt(document, [...entityPath, listKey, i, 'PolicyDocument']);
  });
  const { entity, limit } = INLINE_LIMITS[listKey];
  if (total <= limit) return;
  report({
    path: reportPath,
    target: 'key',
    message: `The inline policies of this ${entity} have ${fmt(total)} characters without whitespace together; IAM allows ${fmt(limit)} for all inline policies of a ${entity}. Move some permissions into managed policies (up to ${fmt(MANAGED_POLICY_LIMIT)} characters each).`,
  });
}

/** Characters of the JSON at `path` as written, without whitespace (inside strings too) and comments. */
export function sizeAt(document: JsonDocument, path: JsonPath): number {
  const node = nodeAt(document.root, path);
  if (!node) return 0;
  const scanner = createScanner(document.text.slice(node.offset, node.offset + node.length), false);
  let size = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia || kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) continue;
    const start = node.offset + scanner.getTokenOffset();
    for (let i = start; i < start + scanner.getTokenLength(); i++) if (!/\s/.test(document.text[i])) size++;
  }
  return size;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
