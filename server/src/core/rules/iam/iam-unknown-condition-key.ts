// A condition key that no request carries makes its condition false (or true, for negated operators and
// IfExists), silently. IAM accepts any key, so this is a warning: a key misspelt, a key of another service
// than the statement's actions, or a global key that does not exist. The IAM data lags behind AWS at times,
// so keys of providers (OIDC claims) and of unknown prefixes are judged leniently.
import { POLICY_SUBJECTS } from '../../model';
import { conditionEntries } from '../../iam/conditions';
import { judgeConditionKey, keyAppliesTo } from '../../iam/condition-keys';
import { statementActions } from '../../iam/grants';
import { statementsOf } from '../../iam/policy';
import { suggestions } from '../../iam/suggest';
import { hasTemplatePlaceholder } from '../../iam/variables';
import { rename } from '../../model';
import type { Rule } from '../../rule';

interface Data {
  replacements: string[];
}

export const iamUnknownConditionKey: Rule<Data> = {
  meta: {
    id: 'iam-unknown-condition-key',
    title: "Condition keys must exist and apply to the statement's actions",
    defaultSeverity: 'warning',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      const entries = conditionEntries(statement);
      if (entries.length === 0) continue;
      const actions = statementActions(statement);
      for (const entry of entries) {
        const name = entry.key;
        if (name.includes('${') || hasTemplatePlaceholder(name)) continue;
        const verdict = judgeConditionKey(name);
        const at = { path: entry.keyPath, target: 'key' as const };
        const near = (candidates: string[]) => suggestions(name, candidates, { max: 2, limit: 3 }).map((s) => s.name);
        const effect = 'no request carries it, so the condition never matches (or always does, with a negated operator or IfExists)';
        switch (verdict.kind) {
          case 'malformed':
            report({
              ...at,
              message: `${JSON.stringify(name)} is not a condition key: keys are written prefix:name, such as "aws:SourceAccount" or "s3:prefix".`,
            });
            break;
          case 'unknown-global': {
            const replacements = near(verdict.candidates);
            report({
              ...at,
              message: `${JSON.stringify(name)} is not a global condition key; ${effect}.${didYouMean(replacements)}`,
              data: { replacements },
            });
            break;
          }
          case 'unknown-service-key': {
            const replacements = near(verdict.candidates);
            report({
              ...at,
              message: `${JSON.stringify(name)} is not a condition key of ${verdict.service}; ${effect}.${didYouMean(replacements)}`,
              data: { replacements },
            });
            break;
          }
          case 'unknown-prefix':
            report({
              ...at,
              message: `${JSON.stringify(verdict.prefix)} is neither "aws" nor a service prefix, so ${JSON.stringify(name)} is not a condition key fargate-lint knows.`,
            });
            break;
          case 'known':
            if (!keyAppliesTo(name, verdict.key, actions)) {
              const services = [...actions.services].sort().join(', ');
              report({
                ...at,
                message: `${JSON.stringify(name)} does not apply to the actions of this statement (${services}); requests for them do not carry it, so the condition never matches (or always does, with a negated operator or IfExists).`,
              });
            }
            break;
          case 'provider':
            break;
        }
      }
    }
  },
  fix({ path, data }) {
    const replacements = data?.replacements ?? [];
    return replacements.map((replacement, i) => ({
      title: `Change to ${JSON.stringify(replacement)}`,
      isPreferred: i === 0,
      edits: [rename(path, replacement)],
    }));
  },
};

function didYouMean(replacements: string[]): string {
  return replacements.length ? ` Did you mean ${JSON.stringify(replacements[0])}?` : '';
}
