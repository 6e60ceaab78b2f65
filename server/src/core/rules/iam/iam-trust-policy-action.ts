// A trust policy only says who may assume the role, so its actions are the STS ones: sts:AssumeRole for AWS
// and service principals, sts:AssumeRoleWithSAML for a SAML provider, sts:AssumeRoleWithWebIdentity for an
// OIDC or web identity provider, plus sts:TagSession, sts:SetSourceIdentity and sts:SetContext.
import { statementsOf } from '../../iam/policy';
import { type FederationKind, federationKind, principalValues } from '../../iam/principals';
import { wildcardMatch } from '../../iam/wildcard';
import { hasTemplatePlaceholder } from '../../iam/variables';
import type { Rule } from '../../rule';

const TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

const ASSUME_FOR: Record<'aws' | FederationKind, string> = {
  aws: 'sts:AssumeRole',
  saml: 'sts:AssumeRoleWithSAML',
  oidc: 'sts:AssumeRoleWithWebIdentity',
  'web-identity': 'sts:AssumeRoleWithWebIdentity',
};

const ROLES_ANYWHERE = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'];

export const iamTrustPolicyAction: Rule = {
  meta: {
    id: 'iam-trust-policy-action',
    title: 'A trust policy allows only STS actions, and the assume action that fits its principal',
    defaultSeverity: 'error',
    appliesTo: ['trust-policy'],
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      const list = statement.action;
      if (!list || list.negated) continue;
      for (const item of list.items) {
        const action = item.value;
        if (hasTemplatePlaceholder(item.value) || TRUST_ACTIONS.some((a) => wildcardMatch(action, a, { ignoreCase: true }))) continue;
        report({
          path: item.path,
          message: `${JSON.stringify(item.value)} has no meaning in a trust policy, which only controls assuming the role (${TRUST_ACTIONS.join(', ')}). Put permissions in the role's permission policies.`,
        });
      }
      if (statement.effect !== 'Allow') continue;
      // Which assume action each principal needs, and whether the statement grants it.
      const kinds = new Map<string, { path: (string | number)[]; value: string }>();
      for (const principal of principalValues(statement)) {
        if (principal.type === 'Federated') {
          const kind = federationKind(principal.value);
          if (kind) kinds.set(ASSUME_FOR[kind], principal);
        } else if (principal.type === 'AWS' || principal.type === 'Service' || principal.type === '*') {
          kinds.set(ASSUME_FOR.aws, principal);
        }
      }
      const granted = (action: string) => list.items.some((item) => wildcardMatch(item.value, action, { ignoreCase: true }));
      const assumeActions = [ASSUME_FOR.aws, ASSUME_FOR.saml, ASSUME_FOR.oidc];
      const grantsAnAssume = assumeActions.some(granted);
      for (const [needed, principal] of kinds) {
        if (granted(needed) || !grantsAnAssume) continue;
        const wrong = list.items.find((item) =>
          assumeActions.some((a) => a !== needed && wildcardMatch(item.value, a, { ignoreCase: true })),
        )!;
        report({
          path: wrong.path,
          message: `The principal ${JSON.stringify(principal.value)} assumes a role with ${needed}, which this statement does not allow; ${JSON.stringify(wrong.value)} does not work with it.`,
        });
      }
      const rolesAnywhere = principalValues(statement).find((p) => p.type === 'Service' && p.value === 'rolesanywhere.amazonaws.com');
      const missing = rolesAnywhere ? ROLES_ANYWHERE.filter((a) => !granted(a)) : [];
      if (rolesAnywhere && missing.length) {
        report({
          path: rolesAnywhere.path,
          message: `IAM Roles Anywhere needs ${ROLES_ANYWHERE.join(', ')} in the trust policy; missing: ${missing.join(', ')}.`,
        });
      }
    }
  },
};
