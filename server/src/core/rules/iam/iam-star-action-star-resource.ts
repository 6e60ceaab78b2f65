// "Action": "*" on "Resource": "*" with Allow, in an identity policy, is full administrator access: every
// action of every service on everything. Sometimes meant (a break-glass role), rarely for a task or CI role.
// Resource policies are left out: there the same statement with conditions is the usual data-perimeter
// filter (a VPC endpoint policy allowing everything to principals of one organization).
import { statementsOf } from '../../iam/policy';
import type { Rule } from '../../rule';
import { isStarAction } from '../../iam/grants';

export const iamStarActionStarResource: Rule = {
  meta: {
    id: 'iam-star-action-star-resource',
    title: 'Allow with "Action": "*" and "Resource": "*" grants full administrator access',
    defaultSeverity: 'warning',
    appliesTo: ['identity-policy'],
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      if (statement.effect !== 'Allow' || statement.action?.negated || statement.resource?.negated) continue;
      const action = statement.action?.items.find((a) => isStarAction(a.value));
      const resource = statement.resource?.items.find((r) => r.value === '*');
      if (!action || !resource) continue;
      const conditioned = statement.condition && Object.keys(statement.condition).length > 0;
      report({
        path: action.path,
        message: `This statement allows every action on every resource (full administrator access)${conditioned ? ', limited only by its Condition' : ''}. Grant the actions and resources the role needs instead.`,
      });
    }
  },
};
