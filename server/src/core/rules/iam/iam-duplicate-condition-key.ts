// Condition key names are case-insensitive, so `aws:SourceAccount` and `aws:sourceaccount` in one operator
// block are the same key twice. Read on the syntax tree: the parsed value would keep both (they differ as
// JSON keys), but which one IAM uses is not defined.
import { nodeAt } from '../../json';
import { statementsOf } from '../../iam/policy';
import type { Rule } from '../../rule';

export const iamDuplicateConditionKey: Rule = {
  meta: {
    id: 'iam-duplicate-condition-key',
    title: 'A condition block must not name the same key twice in different letter case',
    defaultSeverity: 'error',
    appliesTo: ['identity-policy', 'trust-policy', 'resource-policy'],
  },
  check({ subject, document, report }) {
    for (const statement of statementsOf(subject.value)) {
      const condition = nodeAt(document.root, [...subject.path, ...statement.path, 'Condition']);
      if (condition?.type !== 'object') continue;
      for (const operatorProperty of condition.children ?? []) {
        const [operatorKey, block] = operatorProperty.children ?? [];
        if (!operatorKey || block?.type !== 'object') continue;
        const operator = String(operatorKey.value);
        const firstSpelling = new Map<string, string>();
        for (const property of block.children ?? []) {
          const key = String(property.children?.[0]?.value);
          const lower = key.toLowerCase();
          const first = firstSpelling.get(lower);
          if (first === undefined) firstSpelling.set(lower, key);
          else if (first !== key) {
            report({
              path: [...statement.path, 'Condition', operator, key],
              target: 'key',
              message: `${JSON.stringify(key)} is the same condition key as ${JSON.stringify(first)} (key names ignore case); keep one and merge their values.`,
            });
          }
        }
      }
    }
  },
};
