// What a statement grants, in the coarse terms security checks need: whether it covers a given action
// (by name, by wildcard or through a NotAction that leaves it out), and whether a resource means "all".
import { type IamAction, matchingActions, splitAction } from './data';
import type { Element, Statement } from './policy';
import { hasWildcard, wildcardMatch } from './wildcard';

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
  const matches = (item: Element) => wildcardMatch(item.value, action, { ignoreCase: true });
  if (list.negated) return list.items.some(matches) ? undefined : { path: list.path };
  const item = list.items.find(matches);
  return item ? { item, path: item.path } : undefined;
}

export interface StatementActions {
  /** The known actions the Action element names (wildcards expanded); unknown entries are left out. */
  actions: IamAction[];
  /** The statement may grant actions beyond `actions`: NotAction, "*", or a service wildcard such as "*:Get*". */
  open: boolean;
  /** Lower-case service prefixes of the Action entries, known or not. */
  services: Set<string>;
}

/** What the Action element of a statement grants, as far as the IAM data can tell. */
export function statementActions(statement: Statement): StatementActions {
  const list = statement.action;
  const result: StatementActions = { actions: [], open: !list || list.negated, services: new Set() };
  if (!list || list.negated) return result;
  for (const item of list.items) {
    const parts = splitAction(item.value);
    if (!parts || isStarAction(item.value) || hasWildcard(parts.service)) {
      result.open = true;
      continue;
    }
    result.services.add(parts.service.toLowerCase());
    result.actions.push(...matchingActions(item.value));
  }
  return result;
}
