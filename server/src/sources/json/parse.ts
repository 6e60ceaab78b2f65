// JSON text -> the plain value the model holds, the syntax tree that maps model paths back to text, the
// syntax problems, and the keys written twice (which the plain value cannot show: the last one wins).
// The tree is vscode-json-languageservice's (its nodes have the shape of jsonc-parser's): the same parse
// serves the schema's validation, hover and completion, so a version is parsed once. A text with syntax
// errors is parsed again by jsonc-parser, whose recovery and error codes the rest of the source relies on.
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ErrorCode, type JSONDocument, type LanguageService, getLanguageService } from 'vscode-json-languageservice';
import type { DuplicateKey, JsonPath, Span, Target } from '../../core/model';
import type { SyntaxProblem } from '../source';
import { MAX_NESTING_DEPTH, ownObject, tooDeepAt } from '../text';
import { removeNode } from './edit';

export interface ParsedJson {
  readonly text: string;
  readonly root: Node | undefined;
  /** The value as JSON.parse would give it: for duplicate keys the last one wins. */
  readonly value: unknown;
  readonly syntaxProblems: SyntaxProblem[];
  readonly duplicateKeys: DuplicateKey[];
  /** vscode-json-languageservice's document, whose tree `root` is (absent when the text has syntax errors). */
  readonly schemaDocument?: JSONDocument;
}

let parser: LanguageService | undefined;

/** What jsonc-parser, allowing comments and trailing commas, does not count as errors. */
const NOT_ERRORS: readonly number[] = [ErrorCode.TrailingComma, ErrorCode.DuplicateKey];

export function parseJson(text: string, uri = 'untitled:document', languageId = 'json'): ParsedJson {
  // jsonc-parser, toValue and the walks over the model recurse per level: deeper documents are not parsed.
  const tooDeep = tooDeepAt(text);
  if (tooDeep >= 0) {
    const message = `Nested more than ${MAX_NESTING_DEPTH} levels deep: fargate-lint does not analyse this file`;
    return {
      text,
      root: undefined,
      value: undefined,
      syntaxProblems: [{ offset: tooDeep, length: 1, message, ruleId: 'json-syntax' }],
      duplicateKeys: [],
    };
  }
  parser ??= getLanguageService({});
  const schemaDocument = parser.parseJSONDocument(TextDocument.create(uri, languageId, 0, text));
  // Not in the package's declared types: its parser's problems (a document without them is treated as broken).
  const { syntaxErrors } = schemaDocument as { syntaxErrors?: { code?: unknown }[] };
  if (Array.isArray(syntaxErrors) && syntaxErrors.every((e) => NOT_ERRORS.includes(e.code as number))) {
    const root = schemaDocument.root as Node | undefined;
    // The parser reports keys written twice, except "//" (a comment convention): the walk is needed only then.
    const twice = syntaxErrors.some((e) => e.code === ErrorCode.DuplicateKey) || text.includes('"//"');
    return {
      text,
      root,
      value: root ? toValue(root) : undefined,
      syntaxProblems: [],
      duplicateKeys: root && twice ? duplicateKeys(root, text) : [],
      schemaDocument,
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    text,
    root,
    value: root ? toValue(root) : undefined,
    syntaxProblems: errors.map((e) => ({ offset: e.offset, length: e.length, message: describeParseError(e), ruleId: 'json-syntax' })),
    duplicateKeys: root ? duplicateKeys(root, text) : [],
  };
}

function describeParseError(error: ParseError): string {
  const words = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2');
  return `JSON syntax error: ${words.toLowerCase()}`;
}

/**
 * Like jsonc-parser's getNodeValue, with JSON.parse's last-key-wins semantics. Objects have no prototype,
 * so every key is an own property: `"__proto__"` is a key like any other, and `roles["constructor"]` is
 * undefined unless the file has it.
 */
function toValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result = ownObject();
      for (const property of node.children ?? []) {
        // vscode-json-languageservice's property nodes hold their parts as fields (their `children` is a new
        // array on each read); jsonc-parser's as children.
        const { keyNode, valueNode } = property as { keyNode?: Node; valueNode?: Node };
        const key = keyNode ?? property.children?.[0];
        const value = keyNode ? valueNode : property.children?.[1];
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
export function locate(root: Node | undefined, path: JsonPath, target: Target = 'value'): Span {
  for (let length = path.length; length >= 0; length--) {
    const node = nodeAt(root, path.slice(0, length));
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

/**
 * Keys written twice in one object, everywhere in the document. The later occurrence is the one the value
 * keeps (and the one a path reaches), so it carries the path; the earlier one can be removed by text. Only
 * what the value holds is searched further: the last occurrence of each key.
 */
function duplicateKeys(root: Node, text: string): DuplicateKey[] {
  const found: { duplicate: DuplicateKey; offset: number }[] = [];
  const pending: { node: Node; path: JsonPath }[] = [{ node: root, path: [] }];
  while (pending.length) {
    const { node, path } = pending.pop()!;
    if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => pending.push({ node: child, path: [...path, i] }));
      continue;
    }
    if (node.type !== 'object') continue;
    const last = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0]?.value;
      if (typeof key !== 'string') continue;
      const earlier = last.get(key);
      last.set(key, property);
      if (!earlier) continue;
      const [removal] = removeNode(earlier);
      const removeEarlier = removal && { op: 'text' as const, ...removal };
      found.push({
        duplicate: { path: [...path, key], key, earlierLine: lineOf(text, earlier.offset), removeEarlier },
        offset: property.offset,
      });
    }
    for (const [key, property] of last) {
      const child = property.children?.[1];
      if (child) pending.push({ node: child, path: [...path, key] });
    }
  }
  // In document order, as the findings are listed.
  return found.sort((a, b) => a.offset - b.offset).map((f) => f.duplicate);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
