// ForAllValues and ForAnyValue compare sets: they are for multi-valued keys (aws:TagKeys,
// aws:PrincipalOrgPaths, ...). ForAllValues is also true when the request has no value for the key at all,
// so with a single-valued key in an Allow statement it allows requests that lack the key: Access Analyzer
// calls that overly permissive. A multi-valued key without a qualifier, and Null with one, get information-level
// notes (AWS managed policies use StringEquals on the multi-valued events:detail-type).
import { POLICY_SUBJECTS } from '../../model';
import { policyConditionEntries } from '../../iam/conditions';
import { baseType, judgeConditionKey } from '../../iam/condition-keys';
import { moveConditionKey } from '../../iam/condition-edits';
import type { Rule } from '../../rule';

interface Data {
  operator: string;
  key: string;
  replacement: string;
}

export const iamConditionSetQualifier: Rule<Data> = {
  meta: {
    id: 'iam-condition-set-qualifier',
    title: 'ForAllValues/ForAnyValue go with multi-valued condition keys (ForAllValues on a single-valued key is overly permissive)',
    defaultSeverity: 'warning',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const entry of policyConditionEntries(subject.value)) {
      const operator = entry.operator;
      if (!operator) continue;
      const withoutQualifier = entry.operatorText.slice(entry.operatorText.indexOf(':') + 1);
      if (operator.family === 'Null') {
        if (operator.qualifier) {
          report({
            path: entry.operatorPath,
            target: 'key',
            severity: 'information',
            message: `Null tests whether a key is present; with ${operator.qualifier}: it is always ${operator.qualifier === 'ForAllValues' ? 'true' : 'false'}. Use "Null" alone.`,
            data: { operator: entry.operatorText, key: entry.key, replacement: 'Null' },
          });
        }
        continue;
      }
      const verdict = judgeConditionKey(entry.key);
      if (verdict.kind !== 'known' || !verdict.key.type) continue;
      const { multiValued } = baseType(verdict.key.type);
      if (operator.qualifier === 'ForAllValues' && !multiValued && entry.statement.effect === 'Allow') {
        report({
          path: entry.operatorPath,
          target: 'key',
          message: `${entry.key} holds a single value, and ForAllValues is true when the request has no value for it at all, so this Allow also applies to requests without ${entry.key}. Use ${JSON.stringify(withoutQualifier)} without the qualifier.`,
          data: { operator: entry.operatorText, key: entry.key, replacement: withoutQualifier },
        });
      } else if (!operator.qualifier && multiValued) {
        report({
          path: entry.keyPath,
          target: 'key',
          severity: 'information',
          message: `${entry.key} can hold several values (${verdict.key.type}); say how they are compared with ForAnyValue: (at least one matches) or ForAllValues: (every one matches).`,
        });
      }
    }
  },
  fix({ subject, path, data }) {
    if (!data) return [];
    if (!data) return [];
    const { operator, key, replacement } = data;
    // The finding sits on the operator; the fix moves the one key it is about.
    const edits = moveConditionKey(subject, path.slice(0, -1), operator, key, replacement);
    return edits ? [{ title: `Change the operator to ${JSON.stringify(replacement)} for ${key}`, isPreferred: true, edits }] : [];
  },
};
