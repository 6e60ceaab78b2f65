// The parsed form of a JSON document that every analysis works on: the plain value for rules to read,
// and the syntax tree to turn a JSON path back into a text span.
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

export type JsonPath = (string | number)[];

/** Which part of a property a finding points at. */
export type Target = 'value' | 'key' | 'property';

export interface Span {
  offset: number;
  length: number;
}

interface SyntaxProblem extends Span {
  message: string;
}

export interface JsonDocument {
  readonly text: string;
  readonly root: Node | undefined;
  /** The value as JSON.parse would give it: for duplicate keys the last one wins. */
  readonly value: unknown;
  readonly syntaxProblems: SyntaxProblem[];
}

/**
 * Documents nested deeper than this are not analysed: real task definitions, policies and templates stay
 * under 20 levels, and below this limit every walk over a document (the parser's, ours, the schema
 * validator's) may recurse without exhausting the stack.
 */
export const MAX_NESTING_DEPTH = 128;

export function parseJson(text: string): JsonDocument {
  const tooDeep = tooDeepAt(text);
  if (tooDeep >= 0) {
    const message = `Nested more than ${MAX_NESTING_DEPTH} levels deep: fargate-lint does not analyse this file`;
    return { text, root: undefined, value: undefined, syntaxProblems: [{ offset: tooDeep, length: 1, message }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    text,
    root,
    value: root ? toValue(root) : undefined,
    syntaxProblems: errors.map((e) => ({ offset: e.offset, length: e.length, message: describeParseError(e) })),
  };
}

function describeParseError(error: ParseError): string {
  const words = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2');
  return `JSON syntax error: ${words.toLowerCase()}`;
}

/**
 * The offset of the first bracket that opens a level deeper than `max`, or -1. One pass without recursion;
 * strings and comments are skipped.
 */
export function tooDeepAt(text: string, max = MAX_NESTING_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/**
 * Like jsonc-parser's getNodeValue, with JSON.parse's last-key-wins semantics. Objects have no prototype,
 * so every key is an own property: `"__proto__"` is a key like any other, and `roles["constructor"]` is
 * undefined unless the file has it.
 */
function toValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) result[String(key.value)] = toValue(value);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

/** The value node at `path`; for a duplicated key the last occurrence, matching `value`. */
export function nodeAt(root: Node | undefined, path: JsonPath): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else if (node.type === 'object') {
      const property = findLastProperty(node, segment);
      node = property?.children?.[1];
    } else {
      return undefined;
    }
  }
  return node;
}

function findLastProperty(object: Node, key: string): Node | undefined {
  const properties = object.children ?? [];
  for (let i = properties.length - 1; i >= 0; i--) {
    if (properties[i].children?.[0]?.value === key) return properties[i];
  }
  return undefined;
}

/**
 * The text span of `path`. A path that does not exist falls back to its nearest existing ancestor,
 * so a finding about a missing key still lands somewhere sensible.
 */
export function locate(document: JsonDocument, path: JsonPath, target: Target = 'value'): Span {
  for (let length = path.length; length >= 0; length--) {
    const node = nodeAt(document.root, path.slice(0, length));
    if (!node) continue;
    const exact = length === path.length;
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    if (exact && property && target !== 'value') {
      const span = target === 'key' ? property.children![0] : property;
      return { offset: span.offset, length: span.length };
    }
    if (!exact && property) {
      // An ancestor stands in for a missing child: its key is the clearest anchor.
      const key = property.children![0];
      return { offset: key.offset, length: key.length };
    }
    return { offset: node.offset, length: node.length };
  }
  return { offset: 0, length: 0 };
}

/** The plain value at `path`, or undefined. */
export function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(current) : !isObject(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * A value as it reads in a message: its JSON text, except for numbers JSON text can hold but JSON readers
 * cannot (`1e400` is read as Infinity, which JSON.stringify would print as null).
 */
export function valueText(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return `${String(value)} (a number too large to represent)`;
  return JSON.stringify(value) ?? String(value as string);
}

/**
 * A string, number or boolean as text (as IAM compares condition values); undefined for anything else, so
 * an object never becomes "[object Object]" in a message.
 */
export function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasKey(value: unknown, key: string): boolean {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key);
}

/** Template placeholders such as `{{region}}`, `${Account}` or `<ES-URL>` stand for values filled in later. */
export function isPlaceholder(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return /\{\{[^}]*\}\}|\$\{[^}]*\}|^<[^<>]+>$|^#\{[^}]*\}$|^__[A-Z0-9_]+__$/.test(value);
}
