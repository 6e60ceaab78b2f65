// A role that trusts an OIDC provider is assumable by every identity that provider issues tokens for. For
// GitHub Actions (token.actions.githubusercontent.com) that is every workflow of every repository on
// GitHub, unless a condition on the token's `sub` claim names your repository (and branch or environment).
// For other OIDC providers, some condition on the provider's claims is needed for the same reason.
import { conditionEntries } from '../../iam/conditions';
import { scalarText } from '../../json';
import { statementsOf } from '../../iam/policy';
import { oidcProviderHost, principalValues } from '../../iam/principals';
import type { Rule } from '../../rule';

const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export const iamOidcTrustCondition: Rule = {
  meta: {
    id: 'iam-oidc-trust-condition',
    title: 'A role trusting an OIDC provider (GitHub Actions) must restrict who may assume it with a condition on sub',
    defaultSeverity: 'warning',
    appliesTo: ['trust-policy'],
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      if (statement.effect !== 'Allow') continue;
      const entries = conditionEntries(statement);
      for (const principal of principalValues(statement)) {
        if (principal.type !== 'Federated') continue;
        const written = oidcProviderHost(principal.value);
        if (!written) continue;
        const host = written.toLowerCase();
        const claims = entries.filter((e) => e.key.toLowerCase().startsWith(`${host}:`));
        if (host === GITHUB_OIDC_HOST || host.startsWith(`${GITHUB_OIDC_HOST}/`)) {
          const sub = claims.filter((e) => e.key.toLowerCase() === `${host}:sub`);
          if (sub.length === 0) {
            report({
              path: principal.path,
              message: `Any GitHub Actions workflow, in any repository, can assume this role: add a condition on ${written}:sub, e.g. "StringEquals": {"${written}:sub": "repo:OWNER/REPO:ref:refs/heads/main"}.`,
            });
            continue;
          }
          for (const entry of sub) {
            for (const { value, path } of entry.values) {
              const text = scalarText(value);
              if (text === undefined || !/[*?]/.test(text)) continue;
              report({
                path,
                message: `${JSON.stringify(text)} uses a wildcard in the sub claim, so more workflows than you may intend can assume this role (${text.startsWith('repo:') ? 'any branch, pull request or environment it matches' : 'possibly other repositories'}). Name the repository and branch or environment exactly where you can.`,
              });
            }
          }
        } else if (claims.length === 0) {
          report({
            path: principal.path,
            message: `Every identity of the OIDC provider ${written} can assume this role: add a condition on its claims (keys starting with "${written}:", such as ${written}:sub or ${written}:aud).`,
          });
        }
      }
    }
  },
};
