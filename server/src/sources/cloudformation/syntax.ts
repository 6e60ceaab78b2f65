// The syntax of a template, the same for YAML and JSON: maps, sequences, scalars, YAML aliases, and YAML
// short-form tags (`!Ref X`) as a node of their own around the value they tag. Every node knows where it
// is written (offsets into the text). The reader (template.ts) and the editors only ever see this tree.
// YAML is read with the `yaml` package (ISC: ranges on every node, tolerant while typing, keeps tags), as
// CloudFormation reads it: YAML 1.2's core schema plus YAML 1.1's yes/no/on/off booleans; JSON with
// jsonc-parser, as the JSON source reads it.
import { scalarText, valueText } from '../../core/json';
import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { type Document, type Node as YamlNode, type ScalarTag, type Tags, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { SyntaxProblem } from '../source';

interface Base {
  /** Where the node is written, its tag included. */
  start: number;
  end: number;
}

export interface MapEntry {
  key: string;
  keyNode: ScalarNode;
  /** Absent for `Key:` with nothing after it. */
  value: SyntaxNode | undefined;
}

export interface MapNode extends Base {
  kind: 'map';
  entries: MapEntry[];
  flow: boolean;
}

export interface SeqNode extends Base {
  kind: 'seq';
  /** An empty item (`- ` alone) is undefined. */
  items: (SyntaxNode | undefined)[];
  flow: boolean;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'json';

export interface ScalarNode extends Base {
  kind: 'scalar';
  value: string | number | boolean | null;
  style: ScalarStyle;
  /** A plain YAML scalar that YAML 1.1, which CloudFormation reads, would read as another value (0755, 1:20). */
  ambiguous?: boolean;
}

/** A YAML alias (`*name`): CloudFormation does not accept them, so its value is unknown here. */
interface AliasNode extends Base {
  kind: 'alias';
  name: string;
}

/** A YAML local tag around a value: `!Ref X`, `!GetAtt [A, B]`. The range starts at the tag. */
interface TagNode extends Base {
  kind: 'tag';
  /** As written: `!Ref`, `!Sub`. */
  tag: string;
  value: SyntaxNode;
}

export type SyntaxNode = MapNode | SeqNode | ScalarNode | AliasNode | TagNode;

export interface DuplicateEntry {
  /** The map the key was written twice in. */
  map: MapNode;
  /** The earlier entry (removed by the fix) and the kept one. */
  earlier: MapEntry;
  kept: MapEntry;
}

export interface SyntaxTree {
  format: 'yaml' | 'json';
  text: string;
  root: SyntaxNode | undefined;
  problems: SyntaxProblem[];
  duplicates: DuplicateEntry[];
  /** JSON only: jsonc-parser's tree, for the JSON editor. */
  json?: JsonNode;
}

// --- YAML ---------------------------------------------------------------------------------------------

/** YAML 1.1's boolean words, which CloudFormation still reads as booleans (unquoted `Essential: no` is false). */
const YAML11_BOOLEANS: ScalarTag = {
  identify: (value) => typeof value === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/,
  resolve: (source) => source.toLowerCase() === 'yes' || source.toLowerCase() === 'on',
};

/**
 * CloudFormation's short forms, as tags the parser knows on scalars, lists and maps: they keep their tag and
 * their plain value, without the warning (an Error object each) the parser gives an unknown tag. A tag not
 * listed here (a function to come) still reads the same way, with that warning.
 */
const SHORT_FORMS: Tags = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Base64',
  'GetAZs',
  'Cidr',
  'Equals',
  'And',
  'Or',
  'Not',
  'Transform',
  'Length',
  'ToJsonString',
].flatMap((name) => [
  { tag: `!${name}`, resolve: (source: string) => source },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: unknown) => seq },
  { tag: `!${name}`, collection: 'map' as const, resolve: (map: unknown) => map },
]);

/** Plain scalars YAML 1.1 reads as octal or base-60 numbers, where YAML 1.2 (the `yaml` default) does not. */
const YAML11_NUMBERS = /^[-+]?(?:0[0-7]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;

const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, customTags: [YAML11_BOOLEANS, ...SHORT_FORMS] };

/** The whole text with the `yaml` package, as one document (a second one is reported, not read). */
export function parseYaml(text: string): SyntaxTree {
  const problems: SyntaxProblem[] = [];
  const duplicates: DuplicateEntry[] = [];
  let documents: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, YAML_OPTIONS);
    documents = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    problems.push({
      offset: 0,
      length: 0,
      message: `YAML could not be read: ${error instanceof Error ? error.message : String(error as string)}`,
      ruleId: 'yaml-syntax',
    });
    return { format: 'yaml', text, root: undefined, problems, duplicates };
  }
  const nonEmpty = documents.filter((d) => d.contents !== null);
  const document = nonEmpty[0] ?? documents[0];
  for (const error of document?.errors ?? []) {
    const [start, end] = error.pos;
    problems.push({
      offset: start,
      length: Math.max(0, end - start),
      message: `YAML syntax error: ${firstLine(error.message)}`,
      ruleId: 'yaml-syntax',
    });
  }
  if (nonEmpty.length > 1) {
    const [start] = nonEmpty[1].range;
    problems.push({
      offset: start,
      length: 0,
      message: 'This file holds more than one YAML document; CloudFormation reads one template per file, and only the first is checked.',
      ruleId: 'yaml-syntax',
    });
  }
  const context: YamlContext = { text, base: 0, duplicates, anchored: false };
  const root = document?.contents ? fromYaml(document.contents, context, 0) : undefined;
  return { format: 'yaml', text, root, problems, duplicates };
}

/** One top-level entry of a block map, read on its own (yaml-parts.ts): its entry, and where its map's value ends. */
export interface YamlPart {
  entry: MapEntry;
  /** Duplicate keys inside the entry's value. */
  duplicates: DuplicateEntry[];
  /** The end the `yaml` package gives the part's map (its one value's end, comments on it included), untrimmed. */
  valueEnd: number;
}

/**
 * `text`, written at `base` in a document, read as a block map of exactly one entry whose key starts at column
 * `indent` of its first line, with offsets into the document. Undefined when it is anything else, has a syntax
 * error, or uses YAML anchors or aliases (whose meaning reaches across entries): the caller then reads the
 * whole document.
 */
export function parseYamlPart(text: string, base: number, indent: number): YamlPart | undefined {
  let documents: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, YAML_OPTIONS);
    documents = Array.isArray(parsed) ? parsed : [];
  } catch {
    return undefined;
  }
  if (documents.length !== 1) return undefined;
  const [document] = documents;
  const contents = document.contents;
  if (document.errors.length > 0 || !isMap(contents) || contents.flow || contents.items.length !== 1 || !contents.range) return undefined;
  const key = contents.items[0].key as YamlNode | null;
  if (!key || !isScalar(key) || key.range?.[0] !== indent) return undefined;
  const context: YamlContext = { text, base, duplicates: [], anchored: false };
  const map = fromYaml(contents, context, 0);
  if (context.anchored || map?.kind !== 'map' || map.entries.length !== 1) return undefined;
  return { entry: map.entries[0], duplicates: context.duplicates, valueEnd: base + contents.range[1] };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Deeper than this is not a template; the rest is left out rather than risking the stack. */
const MAX_DEPTH = 200;

/** What reading a `yaml` tree needs: its text, where that text starts in the document, and what it found. */
interface YamlContext {
  text: string;
  /** Offsets in the tree are into `text`; nodes get them plus `base`. */
  base: number;
  duplicates: DuplicateEntry[];
  /** An anchor or an alias was seen. */
  anchored: boolean;
}

function fromYaml(node: YamlNode, context: YamlContext, depth: number): SyntaxNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const { text, base, duplicates } = context;
  const [rangeStart, rangeEnd] = node.range ?? [0, 0, 0];
  const start = rangeStart + base;
  // A block collection's range runs on to the next line's indentation: a node ends where its text does.
  let end = rangeEnd + base;
  while (end > start && ' \t\r\n'.includes(text[end - 1 - base])) end--;
  if ((node as { anchor?: string }).anchor) context.anchored = true;
  let converted: SyntaxNode | undefined;
  if (isMap(node)) {
    const map: MapNode = { kind: 'map', start, end, entries: [], flow: !!node.flow };
    const seen = new Map<string, MapEntry>();
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key) || !key.range) continue;
      if (key.anchor) context.anchored = true;
      const keyNode: ScalarNode = {
        kind: 'scalar',
        start: key.range[0] + base,
        end: key.range[1] + base,
        value: key.value === null ? '' : (scalarText(key.value) ?? valueText(key.value)),
        style: styleOf(key.type),
      };
      const value = pair.value ? fromYaml(pair.value as YamlNode, context, depth + 1) : undefined;
      const entry: MapEntry = { key: String(keyNode.value), keyNode, value: isEmptyPlain(value) ? undefined : value };
      const earlier = seen.get(entry.key);
      if (earlier) duplicates.push({ map, earlier, kept: entry });
      seen.set(entry.key, entry);
      map.entries.push(entry);
    }
    converted = map;
  } else if (isSeq(node)) {
    const items = node.items.map((item) => {
      const converted = item ? fromYaml(item as YamlNode, context, depth + 1) : undefined;
      return isEmptyPlain(converted) ? undefined : converted;
    });
    converted = { kind: 'seq', start, end, items, flow: !!node.flow };
  } else if (isScalar(node)) {
    const style = styleOf(node.type);
    let value = node.value;
    if (typeof value === 'bigint') value = Number(value);
    if (value instanceof Date || (typeof value === 'object' && value !== null)) value = String(node.source ?? '');
    const scalar: ScalarNode = { kind: 'scalar', start, end, value: value as ScalarNode['value'], style };
    if (style === 'plain' && typeof node.source === 'string' && YAML11_NUMBERS.test(node.source)) scalar.ambiguous = true;
    // A tagged scalar is the argument of an intrinsic: its text, never a number (`!Ref 123` names "123").
    if (node.tag && isLocalTag(node.tag) && typeof scalar.value !== 'string') scalar.value = scalarText(node.source ?? value) ?? '';
    converted = scalar;
  } else if (isAlias(node)) {
    context.anchored = true;
    converted = { kind: 'alias', start, end, name: node.source };
  }
  if (!converted) return undefined;
  const tag = (node as { tag?: string }).tag;
  if (tag && isLocalTag(tag)) return { kind: 'tag', tag, value: converted, start: tagStart(text, base, start, tag), end };
  return converted;
}

/** `Key:` with nothing after it reads as an empty plain scalar; it is no value. */
function isEmptyPlain(node: SyntaxNode | undefined): boolean {
  return node?.kind === 'scalar' && node.style === 'plain' && node.value === null && node.end === node.start;
}

/** A CloudFormation short form (`!Ref`, `!Sub`, ... any `!Name`), not a YAML standard tag (`!!str`). */
function isLocalTag(tag: string): boolean {
  return tag.startsWith('!') && !tag.startsWith('!!') && tag.length > 1;
}

/** Where the tag of a value starting at `start` is written: before it, across spaces and line breaks. */
function tagStart(text: string, base: number, start: number, tag: string): number {
  let i = start - base;
  while (i > 0 && ' \t\r\n'.includes(text[i - 1])) i--;
  return text.slice(i - tag.length, i) === tag ? i - tag.length + base : start;
}

function styleOf(type: string | undefined): ScalarStyle {
  switch (type) {
    case 'QUOTE_SINGLE':
      return 'single';
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return 'block';
    default:
      return 'plain';
  }
}

// --- JSON ---------------------------------------------------------------------------------------------

export function parseJsonTemplate(text: string): SyntaxTree {
  const errors: ParseError[] = [];
  const json = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems = errors.map((e) => ({
    offset: e.offset,
    length: e.length,
    message: `JSON syntax error: ${printParseErrorCode(e.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()}`,
    ruleId: 'json-syntax',
  }));
  const duplicates: DuplicateEntry[] = [];
  const root = json ? fromJson(json, duplicates, 0) : undefined;
  return { format: 'json', text, root, problems, duplicates, json };
}

function fromJson(node: JsonNode, duplicates: DuplicateEntry[], depth: number): SyntaxNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const map: MapNode = { kind: 'map', start, end, entries: [], flow: true };
      const seen = new Map<string, MapEntry>();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key) continue;
        const keyNode: ScalarNode = {
          kind: 'scalar',
          start: key.offset,
          end: key.offset + key.length,
          value: String(key.value),
          style: 'json',
        };
        const entry: MapEntry = { key: String(key.value), keyNode, value: value ? fromJson(value, duplicates, depth + 1) : undefined };
        const earlier = seen.get(entry.key);
        if (earlier) duplicates.push({ map, earlier, kept: entry });
        seen.set(entry.key, entry);
        map.entries.push(entry);
      }
      return map;
    }
    case 'array':
      return { kind: 'seq', start, end, items: (node.children ?? []).map((c) => fromJson(c, duplicates, depth + 1)), flow: true };
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'scalar', start, end, value: node.value ?? null, style: 'json' };
    default:
      return undefined;
  }
}

// --- Reading the tree ---------------------------------------------------------------------------------

/** The entry of `key` in a map (the last one, as CloudFormation keeps it). */
export function entryOf(node: SyntaxNode | undefined, key: string): MapEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i];
  return undefined;
}

export function valueOf(node: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  return entryOf(node, key)?.value;
}

/** The entries of a map, last occurrence of each key only, in document order of those. */
export function lastEntries(node: MapNode): MapEntry[] {
  const last = new Map<string, MapEntry>();
  for (const entry of node.entries) last.set(entry.key, entry);
  return node.entries.filter((e) => last.get(e.key) === e);
}

/** The literal text of a scalar (not a tagged one), or undefined. */
export function literalString(node: SyntaxNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}
