// Text helpers every source may use.
import type { TextChange } from './source';

/** One change that turns `before` into `after`, covering only the part that differs. */
export function replacementEdit(before: string, after: string): TextChange {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, newText: after.slice(start, endAfter) };
}

/**
 * Documents nested deeper than this are not analysed: real task definitions, policies and templates stay
 * under 20 levels. Every source keeps its model within it (sources/source.ts), so that every walk over a
 * model or a syntax tree (the parser's, the rules', the schema validator's) may recurse without exhausting
 * the stack.
 */
export const MAX_NESTING_DEPTH = 128;

/**
 * The offset of the first bracket (`[` or `{`) that opens a level deeper than `max`, or -1. One pass
 * without recursion; double-quoted strings and comments (`//`, `/* *\/`) are skipped. The last answer is
 * kept: a document version is asked twice (service/models.ts before parsing it, then its source's parser).
 */
export function tooDeepAt(text: string, max = MAX_NESTING_DEPTH): number {
  if (last && last.text === text && last.max === max) return last.at;
  const at = firstTooDeep(text, max);
  last = { text, max, at };
  return at;
}

let last: { text: string; max: number; at: number } | undefined;

function firstTooDeep(text: string, max: number): number {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    // Whitespace first: most of a formatted document outside its strings.
    if (c <= 0x20) continue;
    switch (c) {
      case 0x22 /* " */:
        i = stringEnd(text, i);
        break;
      case 0x2f /* / */: {
        const next = text.charCodeAt(i + 1);
        if (next === 0x2f) {
          const end = text.indexOf('\n', i);
          i = end < 0 ? length : end;
        } else if (next === 0x2a /* * */) {
          const end = text.indexOf('*/', i + 2);
          i = end < 0 ? length : end + 1;
        }
        break;
      }
      case 0x5b /* [ */:
      case 0x7b /* { */:
        if (++depth > max) return i;
        break;
      case 0x5d /* ] */:
      case 0x7d /* } */:
        if (depth > 0) depth--;
        break;
    }
  }
  return -1;
}

/** The offset of the quote that closes the string opened at `open` (one not escaped by a backslash), or the text's length. */
function stringEnd(text: string, open: number): number {
  for (let from = open + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (quote - backslashes - 1 > open && text.charCodeAt(quote - backslashes - 1) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/**
 * An object without a prototype, for model values (sources/source.ts): a key such as `__proto__` is data.
 * Made as `{}` whose prototype is then taken away, not with `Object.create(null)`: V8 makes the latter a
 * dictionary, about four times the memory of an object with a shape (measured on Node 20: 481 against 133
 * bytes for a container's 8 keys, 193 against 68 for an environment entry's 2) and slower to fill. With the
 * bench's 200 open documents, whose models are much of the server's heap, that was about 5 MiB of live heap.
 */
export function ownObject<T = unknown>(): Record<string, T> {
  const object = {};
  Object.setPrototypeOf(object, null);
  return object as Record<string, T>;
}

/** JSON.parse with every object of the result made without a prototype (JSON.parse keeps `__proto__` an own key). */
export function parseOwnJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.assign(ownObject(), value) : value,
  );
}
