// Moving one condition key from its operator block to another (StringEquals → StringLike, NumericEquals →
// StringEquals, ForAllValues:StringEquals → StringEquals), the edit several quick fixes share.
import { isObject, type JsonPath, valueAt } from '../json';
import { type ModelEdit, type Subject, remove, rename, set } from '../model';

/**
 * Edits that put `key` of the `from` block under the `to` operator. A block holding only that key, with no
 * `to` block yet, is renamed in place; otherwise the key moves into the `to` block (created when missing)
 * and a `from` block left empty is removed. Undefined when the `to` block already has the key.
 */
export function moveConditionKey(
  subject: Subject,
  conditionPath: JsonPath,
  from: string,
  key: string,
  to: string,
): ModelEdit[] | undefined {
  const condition = valueAt(subject.value, conditionPath.slice(subject.path.length));
  const block = isObject(condition) ? condition[from] : undefined;
  if (!isObject(condition) || !isObject(block) || !(key in block)) return undefined;
  const target = condition[to];
  if (target !== undefined && (!isObject(target) || key in target)) return undefined;
  const fromPath = [...conditionPath, from];
  if (Object.keys(block).length === 1 && target === undefined) return [rename(fromPath, to)];
  const edits = [remove([...fromPath, key]), set([...conditionPath, to, key], block[key])];
  if (Object.keys(block).length === 1) edits.push(remove(fromPath));
  return edits;
}

/** For a finding on a condition key (path [..., 'Condition', operator, key] or one of its values), the parts. */
export function conditionKeyAt(path: JsonPath, operator: string, key: string): JsonPath | undefined {
  const at = path.length - (typeof path[path.length - 1] === 'number' ? 3 : 2);
  return at >= 1 && path[at] === operator && path[at + 1] === key ? path.slice(0, at) : undefined;
}
