// Task role and execution role references: a role ARN (arn:PARTITION:iam::ACCOUNT:role/PATH/NAME) or a
// bare role name, which ECS completes with the task definition's account. One parser for every reader:
// role-arn-format wants to know whether AWS accepts the text, the execution-role checks which role it
// names. Pure: no I/O.
import { parseArn } from '../arn';
import { isPlaceholder } from '../json';
import { hasUnknown, isUnknown, replaceUnknown } from '../unknown';
import { ARN_PATTERNS } from './limits';

export interface RoleReference {
  /** The role name: the bare name, or the last segment of the ARN's role path. */
  name: string;
  /** Set when written as an ARN; a bare name lives in the task definition's account. */
  account?: string;
  partition?: string;
  /** The role's path (`/` when the ARN has none); undefined for a bare name. */
  path?: string;
}

/**
 * `role`: the role the text names, whenever it can be read (an IAM ARN of a `role/` resource with a name,
 * or a bare name of role-name characters), even if AWS would refuse how it is written.
 * `reason`: why AWS would refuse it, a sentence fragment for a message; absent when the reference is valid.
 */
export type RoleParse = { role: RoleReference; reason?: string } | { role?: undefined; reason: string };

const ROLE_NAME_CHARACTERS = /^[\w+=,.@-]+$/;
const NAME_RULE = 'up to 64 letters, digits and +=,.@_-';

export function parseRoleReference(text: string): RoleParse {
  if (!text.startsWith('arn:')) {
    const role = ROLE_NAME_CHARACTERS.test(text) ? { name: text } : undefined;
    if (ARN_PATTERNS.roleName.test(text)) return { role: { name: text } };
    const reason = `it is neither an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME) nor a role name (${NAME_RULE})`;
    return role ? { role, reason } : { reason };
  }
  const arn = parseArn(text);
  if (!arn) return { reason: 'it does not have the six ARN fields (arn:partition:iam::account:role/name)' };
  if (arn.service !== 'iam') {
    const hint = arn.service === 'sts' ? ' (an assumed-role session ARN from sts is not the role itself)' : '';
    return { reason: `it is an ARN of the "${arn.service}" service, not an IAM role${hint}` };
  }
  let role: RoleReference | undefined;
  if (arn.resource.startsWith('role/')) {
    const segments = arn.resource.slice('role/'.length).split('/');
    const name = segments[segments.length - 1];
    const path = segments.length > 1 ? `/${segments.slice(0, -1).join('/')}/` : '/';
    if (name) role = { name, account: arn.account, partition: arn.partition, path };
  }
  const reason = roleArnProblem(arn.partition, arn.region, arn.account, arn.resource);
  if (role) return reason ? { role, reason } : { role };
  return { reason: reason ?? 'it names no role' };
}

function roleArnProblem(partition: string, region: string, account: string, resource: string): string | undefined {
  if (!ARN_PATTERNS.partition.test(partition)) return `"${partition}" is not an AWS partition`;
  if (region !== '') return `IAM ARNs have no Region, but this one names "${region}" (write arn:${partition}:iam::ACCOUNT:role/NAME)`;
  if (!ARN_PATTERNS.account.test(account)) return `"${account}" is not a 12-digit account ID`;
  if (!resource.startsWith('role/')) {
    const kind = resource.split(/[/:]/)[0];
    return `it names an IAM ${kind || 'resource'}, not a role (the resource must start with "role/")`;
  }
  const segments = resource.split('/');
  const name = segments[segments.length - 1];
  if (!ARN_PATTERNS.roleName.test(name)) return `"${name}" is not a role name (${NAME_RULE})`;
  return undefined;
}

/**
 * The role a task definition field names, for finding the role: undefined when the field is absent, empty,
 * not a string or a template placeholder, or when the text names no role. A role named in a way AWS would
 * refuse (role-arn-format reports that) is still returned. A value with unknown markers (a template's
 * `!Ref Role`, `!GetAtt Role.Arn`) names the role symbolically: its name holds the markers, and it matches
 * only a role the same document names the same way.
 */
export function referencedRole(value: unknown): RoleReference | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (hasUnknown(value)) return isPlaceholder(replaceUnknown(value, () => 'x')) ? undefined : symbolicRole(value);
  if (isPlaceholder(value)) return undefined;
  return parseRoleReference(value).role;
}

/** A role named by a value with unknown parts: the whole value is a name, or an IAM role ARN ends with it. */
function symbolicRole(value: string): RoleReference | undefined {
  if (isUnknown(value) || !/[:/]/.test(value)) return { name: value };
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('role/')) return undefined;
  const segments = arn.resource.slice('role/'.length).split('/');
  const name = segments[segments.length - 1];
  if (!name) return undefined;
  const path = segments.length > 1 ? `/${segments.slice(0, -1).join('/')}/` : '/';
  return { name, account: arn.account, partition: arn.partition, path };
}
