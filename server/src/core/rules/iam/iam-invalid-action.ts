// An action name the service does not have (or a wildcard that matches none of its actions): IAM accepts
// the policy, but the entry grants (or denies) nothing. The closest action names are offered.
import { POLICY_SUBJECTS } from '../../model';
import { type ReplacementData, actionEntries, replacementFixes } from '../../iam/actions';
import { actionsOf, matchingActions, serviceExists, serviceKeys, serviceName } from '../../iam/data';
import { suggestions } from '../../iam/suggest';
import { hasWildcard, wildcardMatch } from '../../iam/wildcard';
import type { Rule } from '../../rule';

export const iamInvalidAction: Rule<ReplacementData> = {
  meta: {
    id: 'iam-invalid-action',
    title: 'An action must exist in its service (a wildcard must match at least one action)',
    defaultSeverity: 'warning',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const { service, name, value, path } of actionEntries(subject.value)) {
      if (name === '*' || /^\*+$/.test(name)) continue;
      if (hasWildcard(service)) {
        // Unknown service patterns are iam-invalid-service's; here only a name that matches in none of them.
        const some = service.replace(/\*/g, '') !== '' && serviceKeys().some((s) => wildcardMatch(service, s, { ignoreCase: true }));
        if (some && matchingActions(value).length === 0) {
          report({
            path,
            message: `${JSON.stringify(value)} matches no action of the services "${service}" stands for, so this entry has no effect.`,
          });
        }
        continue;
      }
      if (!serviceExists(service)) continue;
      const label = serviceName(service) ?? service;
      if (hasWildcard(name)) {
        if (matchingActions(value).length === 0) {
          report({ path, message: `${JSON.stringify(value)} matches no action of ${label} ("${service}"), so this entry has no effect.` });
        }
        continue;
      }
      const actions = actionsOf(service);
      if (!actions || actions.has(name.toLowerCase())) continue;
      const names = [...actions.values()].map((a) => a.name);
      // Typos first; failing those, an action whose name starts the written one (sqs:SendMessageBatch is
      // authorised by sqs:SendMessage).
      let candidates = suggestions(name, names, { max: 2, limit: 5 });
      if (!candidates.length) {
        const lower = name.toLowerCase();
        candidates = names
          .filter((n) => n.length >= 4 && lower.startsWith(n.toLowerCase()))
          .sort((a, b) => b.length - a.length)
          .slice(0, 3)
          .map((n) => ({ name: n, distance: name.length - n.length }));
      }
      const hint = candidates.length ? ` Did you mean "${candidates[0].name}"?` : '';
      report({
        path,
        message: `${label} has no action "${name}" (checked against the Service Authorization Reference), so ${JSON.stringify(value)} matches nothing: IAM accepts the policy, but this entry has no effect.${hint}`,
        data: candidates.length ? { replacements: candidates.map((c) => `${service}:${c.name}`) } : undefined,
      });
    }
  },
  fix({ path, data }) {
    return replacementFixes(path, data);
  },
};
