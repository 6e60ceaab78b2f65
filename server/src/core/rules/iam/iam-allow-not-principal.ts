// "Effect": "Allow" with NotPrincipal allows everyone except the principals listed, including anonymous
// callers and every other AWS account. Almost always Principal was meant. (In a role trust policy
// NotPrincipal is not accepted at all; iam-trust-principal reports that.)
import { statementsOf } from '../../iam/policy';
import type { Rule } from '../../rule';

export const iamAllowNotPrincipal: Rule = {
  meta: {
    id: 'iam-allow-not-principal',
    title: 'Allow with NotPrincipal grants access to everyone except the listed principals',
    defaultSeverity: 'warning',
    appliesTo: ['resource-policy'],
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      if (statement.effect !== 'Allow' || !statement.principal?.negated) continue;
      report({
        path: statement.principal.path,
        target: 'key',
        message:
          'Allow with NotPrincipal grants access to every principal not listed, anonymous ones and other accounts included. Use Principal to name who is allowed, or NotPrincipal only with Deny.',
      });
    }
  },
};
