// The action entries of a policy (Action and NotAction of every statement), split into service and name,
// and the "did you mean" fixes that replace one of them. Shared by iam-invalid-service and iam-invalid-action.
import { type JsonPath, isPlaceholder } from '../json';
import { set } from '../model';
import type { Fix } from '../rule';
import { statementsOf } from './policy';

export interface ActionEntry {
  /** The text as written. */
  value: string;
  /** Relative to the policy. */
  path: JsonPath;
  service: string;
  name: string;
  negated: boolean;
}

/** Entries written service:name (exactly one colon, both parts present); "*", placeholders and malformed
 * entries are left to iam-policy-structure. */
export function actionEntries(policy: unknown): ActionEntry[] {
  const entries: ActionEntry[] = [];
  for (const statement of statementsOf(policy)) {
    for (const item of statement.action?.items ?? []) {
      if (isPlaceholder(item.value)) continue;
      const parts = item.value.split(':');
      if (parts.length !== 2 || parts[0] === '' || parts[1] === '') continue;
      entries.push({ value: item.value, path: item.path, service: parts[0], name: parts[1], negated: statement.action!.negated });
    }
  }
  return entries;
}

/** What a "did you mean" finding carries: the full replacement texts, best first. */
export interface ReplacementData {
  replacements: string[];
}

export function replacementFixes(path: JsonPath, data: ReplacementData | undefined): Fix[] {
  const replacements = data?.replacements ?? [];
  return replacements.map((replacement, i) => ({
    title: `Change to "${replacement}"`,
    isPreferred: i === 0,
    edits: [set(path, replacement)],
  }));
}
