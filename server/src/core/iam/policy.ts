// A normalised view of a policy's statements: single values become lists, and every element keeps the
// JSON path it came from, so checks and the evaluator can report exactly where something is.
import { type JsonPath, childPath, hasKey, isObject } from '../json';

export interface Element {
  value: string;
  path: JsonPath;
}

interface ElementList {
  /** `NotAction` / `NotResource` / `NotPrincipal` rather than the positive form. */
  negated: boolean;
  key: string;
  path: JsonPath;
  items: Element[];
}

export interface Statement {
  index: number;
  /** Relative to the policy. */
  path: JsonPath;
  value: Record<string, unknown>;
  sid?: string;
  effect?: string;
  action?: ElementList;
  resource?: ElementList;
  principal?: { negated: boolean; path: JsonPath; value: unknown };
  condition?: Record<string, unknown>;
}

// Model values are never changed once a source built them, so a policy's statements are read once per
// document value (the evaluator asks for them on every permission it checks).
const cache = new WeakMap<object, readonly Statement[]>();

export function statementsOf(policy: unknown): readonly Statement[] {
  if (!isObject(policy)) return [];
  let statements = cache.get(policy);
  if (!statements) {
    statements = readStatements(policy);
    cache.set(policy, statements);
  }
  return statements;
}

function readStatements(policy: Record<string, unknown>): Statement[] {
  const raw = policy.Statement;
  const list = Array.isArray(raw)
    ? raw.map((s, i) => ({ s, path: ['Statement', i] as JsonPath }))
    : [{ s: raw, path: ['Statement'] as JsonPath }];
  const statements: Statement[] = [];
  list.forEach(({ s, path }, index) => {
    if (!isObject(s)) return;
    statements.push({
      index,
      path,
      value: s,
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: typeof s.Effect === 'string' ? s.Effect : undefined,
      action: elementList(s, path, 'Action'),
      resource: elementList(s, path, 'Resource'),
      principal: hasKey(s, 'Principal')
        ? { negated: false, path: childPath(path, 'Principal'), value: s.Principal }
        : hasKey(s, 'NotPrincipal')
          ? { negated: true, path: childPath(path, 'NotPrincipal'), value: s.NotPrincipal }
          : undefined,
      condition: isObject(s.Condition) ? s.Condition : undefined,
    });
  });
  return statements;
}

function elementList(statement: Record<string, unknown>, path: JsonPath, key: 'Action' | 'Resource'): ElementList | undefined {
  const negatedKey = `Not${key}`;
  const chosen = hasKey(statement, key) ? key : hasKey(statement, negatedKey) ? negatedKey : undefined;
  if (!chosen) return undefined;
  const raw = statement[chosen];
  const base = childPath(path, chosen);
  const items: Element[] = [];
  if (typeof raw === 'string') items.push({ value: raw, path: base });
  else if (Array.isArray(raw)) raw.forEach((v, i) => typeof v === 'string' && items.push({ value: v, path: childPath(base, i) }));
  return { negated: chosen !== key, key: chosen, path: base, items };
}
