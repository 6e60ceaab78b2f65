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

export function parseJson(text: string): JsonDocument {
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

/** Like jsonc-parser's getNodeValue, with JSON.parse's last-key-wins semantics. */
function toValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
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
