// Reading model values: plain JSON-like trees (objects, arrays, scalars) whatever syntax they came from.
import { hasUnknown } from './unknown';

export type { JsonPath, Target } from './model';
import type { JsonPath } from './model';

/** The plain value at `path`, or undefined. */
export function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(current) : !isObject(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasKey(value: unknown, key: string): boolean {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key);
}

/**
 * Values filled in later: template placeholders such as `{{region}}`, `${Account}` or `<ES-URL>`, and any
 * string holding an unknown marker (a value the source could not resolve, core/unknown.ts).
 */
export function isPlaceholder(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return hasUnknown(value) || /\{\{[^}]*\}\}|\$\{[^}]*\}|^<[^<>]+>$|^#\{[^}]*\}$|^__[A-Z0-9_]+__$/.test(value);
}
