// The tables of parameters Fargate rejects (facts/fargate-unsupported.json), and finding them in a task
// definition. Shared by fargate-unsupported-parameter (every Fargate task) and fargate-windows-unsupported.
import table from '../facts/fargate-unsupported.json';
import { type JsonPath, isObject, isPlaceholder, valueAt } from '../json';
import type { Subject } from '../model';
import { containersOf, taskOf } from './model';

export type ParameterList = 'fargate' | 'windows';

export interface ParameterEntry {
  id: string;
  scope: 'task' | 'container' | 'volume';
  /** Inside the scope's object. */
  path: string[];
  when: 'used' | 'equals' | 'items-not-in' | 'items-match';
  values?: string[];
  match?: { key: string; values: string[] };
  /** The Fargate rule, in our words. */
  rule: string;
  why: string;
  /** A value that may replace the offending one, offered as a second fix. */
  replaceWith?: string;
  /** Sibling paths (inside the scope) removed together with the offending value. */
  alsoRemove?: string[][];
  /** "none": no quick fix (removing alone would leave the file broken). */
  fix?: 'none';
  /** Fix all may remove it when the task targets nothing but Fargate. */
  safe: boolean;
}

const LISTS: Record<ParameterList, ParameterEntry[]> = {
  fargate: table.fargate as ParameterEntry[],
  windows: table.windows as ParameterEntry[],
};

/** @internal Exported for tests. */
export function parameterEntries(list: ParameterList): readonly ParameterEntry[] {
  return LISTS[list];
}

export function parameterEntry(list: ParameterList, id: string): ParameterEntry | undefined {
  return LISTS[list].find((e) => e.id === id);
}

/**
 * Whether a parameter is in use. null, false, "", [] and {} are how real files (console exports,
 * describe output) say "not set"; a template placeholder is not ours to judge, nor is a list of them (a
 * Terraform dynamic block may make no item at all).
 */
function isUsed(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0 && !value.every(isPlaceholder);
  if (isObject(value)) return Object.keys(value).length > 0;
  return !isPlaceholder(value);
}

/** requiresCompatibilities is exactly ["FARGATE"]: nothing in the file takes effect anywhere else. */
export function targetsOnlyFargate(task: Record<string, unknown> | undefined): boolean {
  const list = task?.requiresCompatibilities;
  return Array.isArray(list) && list.length > 0 && list.every((c) => typeof c === 'string' && c.toUpperCase() === 'FARGATE');
}

export interface ParameterHit {
  entry: ParameterEntry;
  /** Relative to the subject: the offending value (or array item). */
  path: JsonPath;
  value: unknown;
  /** Where the value sits, for messages: container "app", volume "data"; empty for the task itself. */
  where: string;
  /** Relative to the subject: what the quick fix removes. */
  removePaths: JsonPath[];
}

interface Scope {
  base: JsonPath;
  value: Record<string, unknown>;
  where: string;
}

function scopesOf(subject: Subject, scope: ParameterEntry['scope']): Scope[] {
  const task = taskOf(subject);
  if (scope === 'task') return task ? [{ base: [], value: task, where: '' }] : [];
  if (scope === 'container') {
    return containersOf(subject).map((c, i) => ({ base: c.path, value: c.value, where: `container "${c.name ?? `#${i + 1}`}"` }));
  }
  const volumes = task?.volumes;
  if (!Array.isArray(volumes)) return [];
  const scopes: Scope[] = [];
  volumes.forEach((volume, index) => {
    if (isObject(volume))
      scopes.push({
        base: ['volumes', index],
        value: volume,
        where: `volume "${typeof volume.name === 'string' ? volume.name : `#${index + 1}`}"`,
      });
  });
  return scopes;
}

const sameText = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** Every place in the subject where an entry of the list applies. */
export function findParameters(subject: Subject, list: ParameterList): ParameterHit[] {
  const hits: ParameterHit[] = [];
  // The scopes of each kind once (the table has a dozen container entries); paths are made for hits only.
  const scopes = new Map<ParameterEntry['scope'], Scope[]>();
  for (const entry of LISTS[list]) {
    let inScope = scopes.get(entry.scope);
    if (!inScope) scopes.set(entry.scope, (inScope = scopesOf(subject, entry.scope)));
    for (const scope of inScope) {
      const value = valueAt(scope.value, entry.path);
      switch (entry.when) {
        case 'used':
          if (isUsed(value)) hits.push(hitAt(entry, scope, undefined, value));
          break;
        case 'equals':
          if ((entry.values ?? []).some((v) => sameText(value, v))) hits.push(hitAt(entry, scope, undefined, value));
          break;
        case 'items-not-in':
          if (Array.isArray(value)) {
            value.forEach((item, i) => {
              if (typeof item === 'string' && !isPlaceholder(item) && !(entry.values ?? []).includes(item.toUpperCase()))
                hits.push(hitAt(entry, scope, i, item));
            });
          }
          break;
        case 'items-match':
          if (Array.isArray(value) && entry.match) {
            const { key, values } = entry.match;
            value.forEach((item, i) => {
              if (isObject(item) && values.some((v) => sameText(item[key], v))) hits.push(hitAt(entry, scope, i, item));
            });
          }
          break;
      }
    }
  }
  return hits;
}

/** A hit of `entry` in `scope`: its value, or the item at `index` of it. */
function hitAt(entry: ParameterEntry, scope: Scope, index: number | undefined, value: unknown): ParameterHit {
  const path: JsonPath = index === undefined ? [...scope.base, ...entry.path] : [...scope.base, ...entry.path, index];
  const extra = (entry.alsoRemove ?? []).filter((p) => valueAt(scope.value, p) !== undefined).map((p) => [...scope.base, ...p]);
  return { entry, path, value, where: scope.where, removePaths: [path, ...extra] };
}

/** The message of a hit: the Fargate rule, where, and why. */
export function parameterMessage(hit: ParameterHit): string {
  const item = typeof hit.value === 'string' && hit.entry.when === 'items-not-in' ? `"${hit.value}"` : '';
  const where = [item, hit.where].filter(Boolean).join(' in ');
  return `${hit.entry.rule}${where ? ` (${where})` : ''}: ${hit.entry.why}.`;
}
