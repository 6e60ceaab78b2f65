// The Principal element flattened: `"*"`, or a map from principal type (AWS, Service, Federated,
// CanonicalUser) to one value or a list. Each value keeps its JSON path.
import { type JsonPath, isObject } from '../json';
import type { Statement } from './policy';

export const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

export interface PrincipalValue {
  /** The map key (`AWS`, `Service`, ...), or `*` for the bare `"Principal": "*"` form. */
  type: string;
  value: string;
  path: JsonPath;
}

/** The string values of a statement's Principal or NotPrincipal (other shapes are the structure rule's). */
export function principalValues(statement: Statement): PrincipalValue[] {
  const principal = statement.principal;
  if (!principal) return [];
  if (typeof principal.value === 'string') return [{ type: '*', value: principal.value, path: principal.path }];
  if (!isObject(principal.value)) return [];
  const values: PrincipalValue[] = [];
  for (const [type, raw] of Object.entries(principal.value)) {
    const path = [...principal.path, type];
    if (typeof raw === 'string') values.push({ type, value: raw, path });
    else if (Array.isArray(raw)) raw.forEach((v, i) => typeof v === 'string' && values.push({ type, value: v, path: [...path, i] }));
  }
  return values;
}

/** Everyone: `"*"` or `{"AWS": "*"}`. */
export function isEveryone(principal: PrincipalValue): boolean {
  return principal.value === '*' && (principal.type === '*' || principal.type === 'AWS');
}

export type FederationKind = 'saml' | 'oidc' | 'web-identity';

/** Well-known web identity providers that are named directly rather than by an IAM provider ARN. */
const WEB_IDENTITY_PROVIDERS = ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com'];

/** What kind of federation a Federated principal value is, or undefined when it is none we know. */
export function federationKind(value: string): FederationKind | undefined {
  if (/^arn:[^:]*:iam::[^:]*:saml-provider\//.test(value)) return 'saml';
  if (/^arn:[^:]*:iam::[^:]*:oidc-provider\//.test(value)) return 'oidc';
  if (WEB_IDENTITY_PROVIDERS.includes(value)) return 'web-identity';
  return undefined;
}

/** The host (and path) of an OIDC provider ARN: the prefix of its condition keys. */
export function oidcProviderHost(value: string): string | undefined {
  const match = /^arn:[^:]*:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  return match ? match[1] : undefined;
}
