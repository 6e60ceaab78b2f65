// An action whose service prefix no AWS service has: IAM accepts the policy, but the entry grants (or
// denies) nothing. Usually a typo, so the closest prefixes are offered.
import { POLICY_SUBJECTS } from '../../model';
import { type ReplacementData, actionEntries, replacementFixes } from '../../iam/actions';
import { action, matchingActions, retiredServiceName, serviceExists, serviceKeys } from '../../iam/data';
import { suggestions } from '../../iam/suggest';
import { hasWildcard, wildcardMatch } from '../../iam/wildcard';
import type { Rule } from '../../rule';

export const iamInvalidService: Rule<ReplacementData> = {
  meta: {
    id: 'iam-invalid-service',
    title: 'The service prefix of an action must be an AWS service',
    defaultSeverity: 'warning',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const entry of actionEntries(subject.value)) {
      const { service, name, value, path } = entry;
      if (hasWildcard(service)) {
        if (service.replace(/\*/g, '') === '') continue;
        if (!serviceKeys().some((s) => wildcardMatch(service, s, { ignoreCase: true }))) {
          report({
            path,
            message: `The service pattern "${service}" in ${JSON.stringify(value)} matches no AWS service, so this entry matches no action.`,
          });
        }
        continue;
      }
      if (serviceExists(service)) continue;
      const retiredName = retiredServiceName(service);
      if (retiredName) {
        report({
          path,
          message: `"${service}" (${retiredName}) is a retired service prefix that is no longer in the Service Authorization Reference; ${JSON.stringify(value)} grants nothing today.`,
        });
        continue;
      }
      // Closest prefixes first; among equally close ones, those that have this action.
      const hasAction = (candidate: string) =>
        hasWildcard(name) ? matchingActions(`${candidate}:${name}`).length > 0 : action(candidate, name) !== undefined;
      const candidates = suggestions(service, serviceKeys(), { max: 2, limit: 8 })
        .map((s) => ({ ...s, fits: hasAction(s.name) }))
        .sort((a, b) => a.distance - b.distance || Number(b.fits) - Number(a.fits))
        .slice(0, 5);
      const hint = candidates.length ? ` Did you mean "${candidates[0].name}"?` : '';
      report({
        path,
        message: `"${service}" is not the prefix of any AWS service, so ${JSON.stringify(value)} matches no action: IAM accepts the policy, but this entry has no effect.${hint}`,
        data: candidates.length ? { replacements: candidates.map((c) => `${c.name}:${name}`) } : undefined,
      });
    }
  },
  fix({ path, data }) {
    return replacementFixes(path, data);
  },
};
