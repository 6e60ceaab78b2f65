// Condition keys as a statement sees them: whether a key exists, its type, and whether it can apply to the
// statement's actions. Built on the IAM data (data.ts), tolerant where the data is incomplete: keys of
// federation providers (OIDC hosts) are defined by the provider, not by AWS, and are accepted as written.
import {
  actionConditionKeys,
  actionsOf,
  conditionKeys,
  findConditionKey,
  globalConditionKeys,
  serviceExists,
  type IamConditionKey,
} from './data';
import type { StatementActions } from './grants';
import { wildcardMatch } from './wildcard';

export type KeyVerdict =
  | { kind: 'known'; key: IamConditionKey }
  | { kind: 'provider' }
  | { kind: 'malformed' }
  | { kind: 'unknown-global'; candidates: string[] }
  | { kind: 'unknown-service-key'; service: string; candidates: string[] }
  | { kind: 'unknown-prefix'; prefix: string };

/** What a condition key written in a policy is, with plain candidate names for a misspelling. */
export function judgeConditionKey(name: string): KeyVerdict {
  const colon = name.indexOf(':');
  if (colon <= 0 || colon === name.length - 1) return { kind: 'malformed' };
  const found = findConditionKey(name);
  if (found) return { kind: 'known', key: found };
  const prefix = name.slice(0, colon).toLowerCase();
  if (prefix === 'aws') return { kind: 'unknown-global', candidates: plainKeys(globalConditionKeys()) };
  if (serviceExists(prefix))
    return { kind: 'unknown-service-key', service: prefix, candidates: plainKeys([...(conditionKeys(prefix)?.values() ?? [])]) };
  // An OIDC provider host (token.actions.githubusercontent.com, oidc.eks.<region>.amazonaws.com/id/...) names its own claims.
  if (prefix.includes('.') || prefix.includes('/')) return { kind: 'provider' };
  return { kind: 'unknown-prefix', prefix };
}

function plainKeys(keys: readonly IamConditionKey[]): string[] {
  return keys.map((k) => k.key).filter((k) => !k.includes('${') && !k.endsWith('/tag-key'));
}

/** A key written in a policy fits a documented key or key template (`aws:ResourceTag/${TagKey}`, `.../tag-key`). */
function keyFitsTemplate(name: string, template: string): boolean {
  if (template.toLowerCase() === name.toLowerCase()) return true;
  const pattern = template.replace(/\$\{[^}]*\}/g, '?*').replace(/\/tag-key$/i, '/?*');
  return pattern !== template && wildcardMatch(pattern, name, { ignoreCase: true });
}

/**
 * Whether a known, non-global key can apply to one of the statement's actions: it is among the keys an
 * action or its resource types list, or (more tolerant) it belongs to one of the statement's services.
 */
export function keyAppliesTo(name: string, key: IamConditionKey, statement: StatementActions): boolean {
  if (key.global || statement.open) return true;
  const prefix = name.slice(0, name.indexOf(':')).toLowerCase();
  // Keys of federation providers (saml:, accounts.google.com:) belong to STS through iam-data's own table.
  if (statement.services.has(prefix) || !serviceExists(prefix)) return true;
  if (sessionKeys(prefix).has(key.key.toLowerCase())) return true;
  return statement.actions.some((a) => actionConditionKeys(a.service, a.name).some((template) => keyFitsTemplate(name, template)));
}

const sessionKeyCache = new Map<string, Set<string>>();

/**
 * Keys a service documents but attaches to none of its actions or resource types: keys it puts on the
 * credentials it hands out (glue:RoleAssumedBy, lambda:SourceFunctionArn, ec2:SourceInstanceARN), which
 * then come with requests to any service.
 */
function sessionKeys(service: string): Set<string> {
  let keys = sessionKeyCache.get(service);
  if (!keys) {
    const used = new Set<string>();
    for (const a of actionsOf(service)?.values() ?? []) for (const k of actionConditionKeys(service, a.name)) used.add(k.toLowerCase());
    keys = new Set([...(conditionKeys(service)?.keys() ?? [])].filter((k) => !used.has(k)));
    sessionKeyCache.set(service, keys);
  }
  return keys;
}

/** `ArrayOfString` → `String`; multi-valued keys take the set qualifiers. */
export function baseType(type: string): { base: string; multiValued: boolean } {
  return type.startsWith('ArrayOf') ? { base: type.slice('ArrayOf'.length), multiValued: true } : { base: type, multiValued: false };
}
