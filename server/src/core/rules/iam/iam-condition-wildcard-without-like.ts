// `*` and `?` are wildcards only for the Like operators (and the Arn ones). Under StringEquals they are
// literal characters, so "arn:aws:s3:::bucket/*" only matches a key that really ends in a star.
import { POLICY_SUBJECTS } from '../../model';
import { policyConditionEntries } from '../../iam/conditions';
import { scalarText } from '../../json';
import { hasWildcard } from '../../iam/wildcard';
import { conditionKeyAt, moveConditionKey } from '../../iam/condition-edits';
import type { Rule } from '../../rule';

interface Data {
  operator: string;
  key: string;
  likeOperator?: string;
}

export const iamConditionWildcardWithoutLike: Rule<Data> = {
  meta: {
    id: 'iam-condition-wildcard-without-like',
    title: 'A wildcard in a condition value only works with a Like operator',
    defaultSeverity: 'warning',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const entry of policyConditionEntries(subject.value)) {
      const operator = entry.operator;
      if (!operator || operator.family !== 'String' || operator.wildcards) continue;
      const likeOperator = likeFormOf(entry.operatorText);
      for (const { value, path } of entry.values) {
        const text = scalarText(value);
        if (text === undefined || !hasWildcard(withoutEscapes(text))) continue;
        report({
          path,
          message: `${JSON.stringify(text)} holds * or ?, which ${JSON.stringify(entry.operatorText)} compares as literal characters.${likeOperator ? ` If you meant a wildcard, use ${JSON.stringify(likeOperator)}.` : ''}`,
          data: { operator: entry.operatorText, key: entry.key, likeOperator },
        });
      }
    }
  },
  fix({ subject, path, data }) {
    if (!data) return [];
    const { operator, key, likeOperator } = data;
    const conditionPath = likeOperator ? conditionKeyAt(path, operator, key) : undefined;
    const edits = conditionPath && moveConditionKey(subject, conditionPath, operator, key, likeOperator!);
    return edits
      ? [{ title: `Change ${JSON.stringify(operator)} to ${JSON.stringify(likeOperator)} for ${key}`, isPreferred: true, edits }]
      : [];
  },
};

/** `${*}` and `${?}` stand for a literal star and question mark. */
function withoutEscapes(text: string): string {
  return text.split('${*}').join('').split('${?}').join('');
}

/** StringEquals → StringLike, StringNotEquals → StringNotLike, keeping the qualifier and IfExists. */
function likeFormOf(operatorText: string): string | undefined {
  if (operatorText.includes('IgnoreCase')) return undefined;
  if (operatorText.includes('StringNotEquals')) return operatorText.replace('StringNotEquals', 'StringNotLike');
  if (operatorText.includes('StringEquals')) return operatorText.replace('StringEquals', 'StringLike');
  return undefined;
}
