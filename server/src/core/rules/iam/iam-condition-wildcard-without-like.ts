// `*` and `?` are wildcards only for the Like operators (and the Arn ones). Under StringEquals they are
// literal characters, so "arn:aws:s3:::bucket/*" only matches a key that really ends in a star.
import { isObject, valueAt } from '../../json';
import { conditionEntries, scalarText } from '../../iam/conditions';
import { statementsOf } from '../../iam/policy';
import { hasWildcard } from '../../iam/wildcard';
import { renameKey, sequentialEdits } from '../../edits';
import type { Fix, Rule } from '../../rule';

interface Data {
  operator: string;
  key: string;
  likeOperator?: string;
}

export const iamConditionWildcardWithoutLike: Rule = {
  meta: {
    id: 'iam-condition-wildcard-without-like',
    title: 'A wildcard in a condition value only works with a Like operator',
    defaultSeverity: 'warning',
    appliesTo: ['identity-policy', 'trust-policy', 'resource-policy'],
    fixable: true,
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      for (const entry of conditionEntries(statement)) {
        const operator = entry.operator;
        if (!operator || operator.family !== 'String' || operator.wildcards) continue;
        const likeOperator = likeFormOf(entry.operatorText);
        for (const { value, path } of entry.values) {
          const text = scalarText(value);
          if (text === undefined || !hasWildcard(withoutEscapes(text))) continue;
          report({
            path,
            message: `${JSON.stringify(text)} holds * or ?, which ${JSON.stringify(entry.operatorText)} compares as literal characters.${likeOperator ? ` If you meant a wildcard, use ${JSON.stringify(likeOperator)}.` : ''}`,
            data: { operator: entry.operatorText, key: entry.key, likeOperator } satisfies Data,
          });
        }
      }
    }
  },
  fix({ document, path, data }) {
    const { operator, key, likeOperator } = data as Data;
    if (!likeOperator) return [];
    // path = [...statement, 'Condition', operator, key, (index)]
    const at = path.length - (typeof path[path.length - 1] === 'number' ? 3 : 2);
    if (at < 1 || path[at] !== operator || path[at + 1] !== key) return [];
    const conditionPath = path.slice(0, at);
    const operatorPath = [...conditionPath, operator];
    const condition = valueAt(document.value, conditionPath);
    const block = isObject(condition) ? condition[operator] : undefined;
    if (!isObject(condition) || !isObject(block)) return [];
    const target = condition[likeOperator];
    if (target !== undefined && (!isObject(target) || key in target)) return [];
    const title = `Change ${JSON.stringify(operator)} to ${JSON.stringify(likeOperator)} for ${key}`;
    let edits: Fix['edits'];
    if (Object.keys(block).length === 1 && target === undefined) {
      edits = renameKey(document, operatorPath, likeOperator);
    } else {
      // Move this key into the Like block (created when missing); drop the old block if it is left empty.
      const changes = [
        { path: [...operatorPath, key], value: undefined as unknown },
        { path: [...conditionPath, likeOperator, key], value: block[key] },
      ];
      if (Object.keys(block).length === 1) changes.push({ path: operatorPath, value: undefined });
      edits = sequentialEdits(document, changes);
    }
    return [{ title, isPreferred: true, edits }];
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
