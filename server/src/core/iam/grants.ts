// What a statement grants, in the coarse terms security checks need: whether it covers a given action
// (by name, by wildcard or through a NotAction that leaves it out), and whether a resource means "all".
import { type Element, type Statement } from './policy';
import { wildcardMatch } from './wildcard';

export function isStarAction(action: string): boolean {
  return action === '*' || action === '*:*';
}

/**
 * The Action element that grants `action` (lower case, `service:name`), or the NotAction list when that
 * list does not exclude it; undefined when the statement does not grant it.
 */
export function grantOf(statement: Statement, action: string): { item?: Element; path: (string | number)[] } | undefined {
  const list = statement.action;
  if (!list) return undefined;
  const matches = (item: Element) => wildcardMatch(item.value.toLowerCase(), action);
  if (list.negated) return list.items.some(matches) ? undefined : { path: list.path };
  const item = list.items.find(matches);
  return item ? { item, path: item.path } : undefined;
}
