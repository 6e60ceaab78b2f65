// Known service principals (facts/service-principals.json) and the lookups the trust checks, hover and
// completion share.
import facts from '../facts/service-principals.json';
import { editDistance } from './suggest';

const known = facts.principals as Record<string, string>;
const documented = facts.documented as Record<string, { about: string; source: string }>;

const SERVICE_PRINCIPAL_SUFFIX = '.amazonaws.com';

/** The principal in its base form: lower case, without the China suffix or a Region part (logs.us-east-1.amazonaws.com). */
export function basePrincipal(value: string): string {
  let name = value.toLowerCase();
  if (name.endsWith('.amazonaws.com.cn')) name = name.slice(0, -'.cn'.length);
  const regional = /^(.+)\.[a-z]{2}(-[a-z]+)+-\d{1,2}\.amazonaws\.com$/.exec(name);
  return regional ? `${regional[1]}${SERVICE_PRINCIPAL_SUFFIX}` : name;
}

export function isKnownServicePrincipal(value: string): boolean {
  return Object.hasOwn(known, basePrincipal(value));
}

export function isServicePrincipalFormat(value: string): boolean {
  return /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(value);
}

/** The one known principal a misspelt name is closest to, when it is close enough to be a typo. */
export function likelyServicePrincipal(value: string): string | undefined {
  const name = basePrincipal(value);
  // The part before the domain: "ecs-tasks" in ecs-tasks.amazonaws.com, and in a mistyped ecs-tasks.amazon.com.
  const domain = name.indexOf('.amazon');
  const stem = domain > 0 ? name.slice(0, domain) : name;
  if (!name.includes('.') && Object.hasOwn(known, `${name}${SERVICE_PRINCIPAL_SUFFIX}`)) return `${name}${SERVICE_PRINCIPAL_SUFFIX}`;
  const limit = stem.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of Object.keys(known)) {
    const candidateStem = candidate.slice(0, -SERVICE_PRINCIPAL_SUFFIX.length);
    const distance = editDistance(stem, candidateStem, limit);
    if (distance < bestDistance) [best, bestDistance, tie] = [candidate, distance, false];
    else if (distance === bestDistance) tie = true;
  }
  return best && !tie ? best : undefined;
}

export function servicePrincipals(): string[] {
  return Object.keys(known);
}

export function documentedPrincipal(value: string): { about: string; source: string } | undefined {
  const name = basePrincipal(value);
  return Object.hasOwn(documented, name) ? documented[name] : undefined;
}

export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';
export const ECS_SERVICE_PRINCIPAL = 'ecs.amazonaws.com';
