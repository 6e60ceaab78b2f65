// A service principal acts for every AWS customer. Without aws:SourceAccount or aws:SourceArn, a policy that
// lets a service in also lets that service act for someone else's resources against yours (the "confused
// deputy"). In resource policies Access Analyzer reports this as a security warning. In role trust policies
// it is a recommendation: not every service sends these keys when it assumes a role (a condition it never
// satisfies would lock the service out), so fargate-lint notes it at information level and names the keys
// that ECS documents for task roles.
import { conditionEntries } from '../../iam/conditions';
import { statementsOf } from '../../iam/policy';
import { principalValues } from '../../iam/principals';
import { ECS_TASKS_PRINCIPAL, basePrincipal } from '../../iam/service-principals';
import type { Rule } from '../../rule';

const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

export const iamServicePrincipalWithoutSource: Rule = {
  meta: {
    id: 'iam-service-principal-without-source',
    title: 'A service principal should be limited with aws:SourceAccount or aws:SourceArn',
    defaultSeverity: 'warning',
    appliesTo: ['trust-policy', 'resource-policy'],
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      if (statement.effect !== 'Allow') continue;
      const limited = conditionEntries(statement).some((e) => SOURCE_KEYS.includes(e.key.toLowerCase()));
      if (limited) continue;
      for (const principal of principalValues(statement)) {
        if (principal.type !== 'Service' || principal.value.includes('*')) continue;
        const service = principal.value;
        if (subject.kind === 'resource-policy') {
          report({
            path: principal.path,
            message: `${service} is allowed without aws:SourceAccount or aws:SourceArn, so it may act here on behalf of any AWS account. Add a condition with your account ID or the ARN of the resource that uses it.`,
          });
        } else if (basePrincipal(service) === ECS_TASKS_PRINCIPAL) {
          report({
            path: principal.path,
            severity: 'information',
            message:
              'ECS documents a condition for task roles: "ArnLike": {"aws:SourceArn": "arn:aws:ecs:REGION:ACCOUNT:*"} and "StringEquals": {"aws:SourceAccount": "ACCOUNT"}, so only tasks of your account can assume this role.',
          });
        } else {
          report({
            path: principal.path,
            severity: 'information',
            message: `Consider limiting ${service} with aws:SourceAccount or aws:SourceArn (if that service sets them when it assumes a role; check its documentation before adding them).`,
          });
        }
      }
    }
  },
};
