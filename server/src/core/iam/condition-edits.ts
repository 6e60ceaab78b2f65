// Moving one condition key from its operator block to another (StringEquals → StringLike, NumericEquals →
// StringEquals, ForAllValues:StringEquals → StringEquals), the edit several quick fixes share.
import { isObject, type JsonDocument, type JsonPath, valueAt } from '../json';
import { renameKey, sequentialEdits } from '../edits';
import type { FileEdit } from '../rule';

/**
 * Edits that put `key` of the `from` block under the `to` operator. A block holding only that key, with no
 * `to` block yet, is renamed in place; otherwise the key moves into the `to` block (created when missing)
 * and a `from` block left empty is removed. Undefined when the `to` block already has the key.
 */
export function moveConditionKey(
  document: JsonDocument,
  conditionPath: JsonPath,
  from: string,
  key: string,
  to: string,
): FileEdit[] | undefined {
  const condition = valueAt(document.value, conditionPath);
  const block = isObject(condition) ? condition[from] : undefined;
  if (!isObject(condition) || !isObject(block) || !(key in block)) return undefined;
  const target = condition[to];
  if (target !== undefined && (!isObject(target) || key in target)) return undefined;
  const fromPath = [...conditionPath, from];
  if (Object.keys(block).length === 1 && target === undefined) return renameKey(document, fromPath, to);
  const changes: { path: JsonPath; value: unknown }[] = [
    { path: [...fromPath, key], value: undefined },
    { path: [...conditionPath, to, key], value: block[key] },
  ];
  if (Object.keys(block).length === 1) changes.push({ path: fromPath, value: undefined });
  return sequentialEdits(document, changes);
}

/** For a finding on a condition key (path [..., 'Condition', operator, key] or one of its values), the parts. */
export function conditionKeyAt(path: JsonPath, operator: string, key: string): JsonPath | undefined {
  const at = path.length - (typeof path[path.length - 1] === 'number' ? 3 : 2);
  return at >= 1 && path[at] === operator && path[at + 1] === key ? path.slice(0, at) : undefined;
}
