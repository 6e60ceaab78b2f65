// iam:PassRole lets a principal hand a role to a service (a task role to ECS, a function role to Lambda).
// Granted on every role ("*", or through NotResource), it lets the holder run code with any role of the
// account, including more powerful ones: a classic privilege escalation. The action may be granted by name,
// by a wildcard (`iam:*`, `iam:Pass*`, `*`) or by a NotAction that does not exclude it.
import { type Statement, statementsOf } from '../../iam/policy';
import { grantOf, isStarAction } from '../../iam/grants';
import { wildcardMatch } from '../../iam/wildcard';
import { conditionEntries } from '../../iam/conditions';
import type { Rule } from '../../rule';

const PASS_ROLE = 'iam:passrole';

export const iamPassRoleWildcard: Rule = {
  meta: {
    id: 'iam-pass-role-wildcard',
    title: 'iam:PassRole should name the roles it may pass, not "*" or NotResource',
    defaultSeverity: 'warning',
    appliesTo: ['identity-policy', 'resource-policy'],
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      if (statement.effect !== 'Allow' || !statement.action || !statement.resource) continue;
      const grant = grantOf(statement, PASS_ROLE);
      if (!grant) continue;
      const resource = statement.resource;
      const everyRole = resource.negated ? undefined : resource.items.find((r) => coversEveryRole(r.value));
      if (!resource.negated && !everyRole) continue;
      // "Action": "*" on "Resource": "*" is reported once, by iam-star-action-star-resource.
      if (grant.item && isStarAction(grant.item.value) && everyRole?.value === '*') continue;
      const how = grant.item
        ? grant.item.value.toLowerCase() === PASS_ROLE
          ? 'iam:PassRole'
          : `${JSON.stringify(grant.item.value)}, which includes iam:PassRole,`
        : 'NotAction, which does not exclude iam:PassRole,';
      const where = resource.negated ? 'with NotResource (every role but the ones listed)' : `on ${JSON.stringify(everyRole!.value)}`;
      const restricted = passedToService(statement);
      report({
        path: grant.item?.path ?? grant.path,
        severity: restricted ? 'information' : undefined,
        message: restricted
          ? `This statement grants ${how} ${where}; iam:PassedToService limits which services receive the role, but any role of the account can still be passed. Consider listing the role ARNs.`
          : `This statement grants ${how} ${where}: whoever holds it can give any role to a service and act with that role's permissions. List the role ARNs it may pass, and consider an iam:PassedToService condition.`,
      });
    }
  },
};

/** "*", or an IAM ARN pattern whose role part is a bare wildcard. */
function coversEveryRole(resource: string): boolean {
  if (resource === '*') return true;
  const fields = resource.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return false;
  const [service, rest] = [fields[2], fields.slice(5).join(':')];
  if (!wildcardMatch(service, 'iam')) return false;
  return rest === '*' || rest === 'role/*' || rest === 'role*';
}

function passedToService(statement: Statement): boolean {
  return conditionEntries(statement).some((e) => e.key.toLowerCase() === 'iam:passedtoservice');
}
