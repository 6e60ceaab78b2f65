// Task role and execution role references: a role ARN (arn:PARTITION:iam::ACCOUNT:role/PATH/NAME) or a
// bare role name, which ECS completes with the task definition's account. Pure: no I/O.
import { ARN_PATTERNS } from './limits';
import { parseArn } from './secrets';

export interface RoleReference {
  name: string;
  account?: string;
  partition?: string;
  path?: string;
}

export type RoleParse = { ok: true; role: RoleReference } | { ok: false; reason: string };

export function parseRoleReference(text: string): RoleParse {
  if (!text.startsWith('arn:')) {
    return ARN_PATTERNS.roleName.test(text)
      ? { ok: true, role: { name: text } }
      : {
          ok: false,
          reason: 'it is neither an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME) nor a role name (up to 64 letters, digits and +=,.@_-)',
        };
  }
  const arn = parseArn(text);
  if (!arn) return { ok: false, reason: 'it does not have the six ARN fields (arn:partition:iam::account:role/name)' };
  if (arn.service !== 'iam') {
    const hint = arn.service === 'sts' ? ' (an assumed-role session ARN from sts is not the role itself)' : '';
    return { ok: false, reason: `it is an ARN of the "${arn.service}" service, not an IAM role${hint}` };
  }
  if (!ARN_PATTERNS.partition.test(arn.partition)) return { ok: false, reason: `"${arn.partition}" is not an AWS partition` };
  if (arn.region !== '')
    return {
      ok: false,
      reason: `IAM ARNs have no Region, but this one names "${arn.region}" (write arn:${arn.partition}:iam::ACCOUNT:role/NAME)`,
    };
  if (!ARN_PATTERNS.account.test(arn.account)) return { ok: false, reason: `"${arn.account}" is not a 12-digit account ID` };
  if (!arn.resource.startsWith('role/')) {
    const kind = arn.resource.split(/[/:]/)[0];
    return { ok: false, reason: `it names an IAM ${kind || 'resource'}, not a role (the resource must start with "role/")` };
  }
  const segments = arn.resource.slice('role/'.length).split('/');
  const name = segments[segments.length - 1];
  if (!ARN_PATTERNS.roleName.test(name)) {
    return { ok: false, reason: `"${name}" is not a role name (up to 64 letters, digits and +=,.@_-)` };
  }
  const path = segments.length > 1 ? `/${segments.slice(0, -1).join('/')}/` : '/';
  return { ok: true, role: { name, account: arn.account, partition: arn.partition, path } };
}
