// Where the cursor is in a policy, for the IAM hovers and completions: at policy level (Version, Id, the
// Statement list, where a new statement goes) or inside a statement, and which statement that is.
import { POLICY_SUBJECTS } from '../model';
import type { JsonPath } from '../json';
import type { PositionContext } from '../position';
import { type Statement, statementsOf } from './policy';

export interface PolicyPlace {
  level: 'policy' | 'statement';
  /** Relative to the policy (level policy) or to the statement. */
  rest: JsonPath;
  /** Level statement: the statement's path in the policy, `['Statement', i]` (or `['Statement']` when it is one object). */
  statementPath?: JsonPath;
}

export function policyPlace(context: PositionContext): PolicyPlace | undefined {
  if (!POLICY_SUBJECTS.includes(context.subject.kind)) return undefined;
  const rel = context.relativePath;
  if (rel[0] !== 'Statement' || rel.length === 1) return { level: 'policy', rest: rel };
  if (typeof rel[1] === 'number') {
    // ['Statement', i] is a place in the array (where a new statement goes), not inside a statement.
    return rel.length === 2 ? { level: 'policy', rest: rel } : { level: 'statement', rest: rel.slice(2), statementPath: rel.slice(0, 2) };
  }
  return { level: 'statement', rest: rel.slice(1), statementPath: ['Statement'] };
}

/** Inside a statement: the statement read by statementsOf (undefined when it is not an object) and the path in it. */
export function statementPlace(context: PositionContext): { statement?: Statement; rest: JsonPath } | undefined {
  const place = policyPlace(context);
  if (place?.level !== 'statement' || !place.statementPath) return undefined;
  const path = place.statementPath;
  const statement = statementsOf(context.subject.value).find((s) => s.path.length === path.length && s.path.every((p, i) => p === path[i]));
  return { statement, rest: place.rest };
}
