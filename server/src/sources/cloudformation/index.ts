// The CloudFormation source: YAML and JSON templates (SAM and CDK output included), and YAML AppSpecs. A document
// is a template when it has AWSTemplateFormatVersion, or Resources whose entries have an AWS:: Type. Its model
// holds the task definitions (in ECS API names), the services (in CreateService names), the roles and the IAM
// policies of the template (read.ts); model paths address `Resources.<LogicalId>.Properties...`, and a Loc tree
// per subject maps them back to the text, through intrinsics (a value from Fn::If lands on its branch, one from
// a parameter on the Ref). A YAML document whose Resources is a list of ECS resources is a CodeDeploy AppSpec
// (appspec.ts), read with the same tree, locations and editor. JSON documents that are not templates go to the
// JSON source (which reads JSON AppSpecs); other YAML is not analysed.
import type { Cursor, DuplicateKey, JsonPath, Model, ModelEdit, Subject, Target } from '../../core/model';
import { UNKNOWN_MODEL } from '../../core/model';
import { uriToFileName } from '../../core/workspace';
import { jsonSource } from '../json';
import type { RenderedDocument, Source, SourceDocument, SourceInput, SourceLocation, SyntaxProblem, TextChange } from '../source';
import { replacementEdit } from '../text';
import { type Shape, SERVICE, shapeAt, TASK_DEFINITION, templateKey } from './ecs';
import { renderEdit, renderStandalone } from './edit';
import type { Loc } from './evaluate';
import { contains, follow, hitAt, locs, rootFor } from './locate';
import { mightBeAppSpec, readAppSpec } from './appspec';
import { type Located, type ReadModel, readModel } from './read';
import { type MapNode, type ScalarNode, type SyntaxNode, type SyntaxTree, parseJsonTemplate, parseYaml } from './syntax';
import { type Resource, isGoTemplate, mightBeTemplate, readTemplate } from './template';
import { removeEntry, scalarText, yamlStyleOf, type YamlStyle } from './yaml-edit';
import { type YamlParts, parseYamlByParts } from './yaml-parts';

const TEMPLATE_FILE = /\.(ya?ml|template)$/i;
const JSON_FILE = /\.json$/i;
const YAML_LANGUAGES = new Set(['yaml', 'cloudformation', 'cloudformation-yaml']);
const JSON_LANGUAGES = new Set(['json', 'jsonc', 'cloudformation-json']);

function isJsonText(input: SourceInput, fileName: string): boolean {
  if (input.languageId && JSON_LANGUAGES.has(input.languageId)) return true;
  if (input.languageId && YAML_LANGUAGES.has(input.languageId)) return false;
  return JSON_FILE.test(fileName) || /^\s*[{[]/.test(input.text);
}

/** A JSON document that names the template markers at its top level (a cheap look; parse decides). */
function looksLikeJsonTemplate(text: string): boolean {
  // Each pattern only where its fixed text is (most JSON files hold none of them, and a substring search is quicker).
  const version = text.includes('"AWSTemplateFormatVersion"') && /"AWSTemplateFormatVersion"\s*:/.test(text);
  return (
    version ||
    (text.includes('"Resources"') && text.includes('"AWS::') && /"Resources"\s*:\s*\{/.test(text) && /"Type"\s*:\s*"AWS::/.test(text))
  );
}

export const cloudFormationSource: Source = {
  id: 'cloudformation',
  accepts(input, fileName) {
    if (input.languageId && YAML_LANGUAGES.has(input.languageId)) return true;
    if (input.languageId === 'cloudformation-json') return true;
    if (TEMPLATE_FILE.test(fileName) && !(input.languageId && JSON_LANGUAGES.has(input.languageId))) return true;
    // JSON task definitions and policies stay with the JSON source; a JSON template is ours.
    return looksLikeJsonTemplate(input.text);
  },
  parse(input) {
    const fileName = uriToFileName(input.uri);
    const json = isJsonText(input, fileName);
    const candidate = mightBeTemplate(input.text) || (!json && mightBeAppSpec(input.text));
    if (!candidate || (!json && isGoTemplate(input.text))) {
      return json ? jsonSource.parse(input) : new CloudFormationDocument(input.uri, input.text, undefined);
    }
    const tree = json ? parseJsonTemplate(input.text) : readYaml(input.uri, input.text);
    const template = readTemplate(tree);
    if (template)
      return new CloudFormationDocument(input.uri, input.text, { tree, read: readModel(template), resources: template.resources });
    if (json) return jsonSource.parse(input);
    // Not a template: a YAML AppSpec (Resources as a list), or YAML that is none of ours.
    const appSpec = readAppSpec(tree);
    return new CloudFormationDocument(input.uri, input.text, appSpec && { tree, read: appSpec, resources: new Map() });
  },
  readsFileName: (fileName) => TEMPLATE_FILE.test(fileName) || JSON_FILE.test(fileName),
};

/** The YAML parts (yaml-parts.ts) of the last version of the few documents read last, by URI. */
const recentParts = new Map<string, YamlParts>();
const RECENT_DOCUMENTS = 4;

/** A YAML document's tree, reading again only the parts its last version did not have. */
function readYaml(uri: string, text: string): SyntaxTree {
  const byParts = parseYamlByParts(text, recentParts.get(uri));
  if (!byParts) return parseYaml(text);
  recentParts.delete(uri);
  recentParts.set(uri, byParts.parts);
  if (recentParts.size > RECENT_DOCUMENTS) recentParts.delete(recentParts.keys().next().value as string);
  return byParts.tree;
}

interface Parsed {
  tree: SyntaxTree;
  read: ReadModel;
  /** A template's resources by logical id (none for an AppSpec). */
  resources: ReadonlyMap<string, Resource>;
}

class CloudFormationDocument implements SourceDocument {
  readonly source = 'cloudformation' as const;
  readonly fileName: string;
  readonly model: Model;
  readonly syntaxProblems: readonly SyntaxProblem[];
  private readonly read?: ReadModel;
  private readonly bySubject = new Map<Subject, Located>();
  private readonly style?: YamlStyle;

  constructor(
    readonly uri: string,
    readonly text: string,
    private readonly parsed: Parsed | undefined,
  ) {
    this.fileName = uriToFileName(uri);
    if (!parsed) {
      this.model = UNKNOWN_MODEL;
      this.syntaxProblems = [];
      return;
    }
    this.read = parsed.read;
    for (const located of this.read.located) this.bySubject.set(located.subject, located);
    if (parsed.tree.format === 'yaml') this.style = yamlStyleOf(text);
    this.syntaxProblems = parsed.tree.problems;
    this.model = { ...this.read.model, duplicateKeys: this.duplicateKeys() };
  }

  /** The syntax format, for the service ("json" templates render completions as JSON). */
  get format(): 'yaml' | 'json' | undefined {
    return this.parsed?.tree.format;
  }

  describeUnknown(id: string): string | undefined {
    return this.read?.markers.describe(id);
  }

  renderDocument(value: unknown): RenderedDocument | undefined {
    return this.parsed && this.read ? renderStandalone(this.editContext(), value) : undefined;
  }

  // --- locate ---------------------------------------------------------------------------------------

  locate(path: JsonPath, target: Target, subject?: Subject): SourceLocation | undefined {
    if (!this.read || !this.parsed) return undefined;
    const rooted = rootFor(path, this.read.located, this.read.properties, subject && this.bySubject.get(subject));
    if (!rooted) return this.locateInSyntax(path, target);
    const { chain, rest } = follow(rooted.loc, path.slice(rooted.base.length));
    const loc = chain[chain.length - 1];
    if (rest.length === 0) return spanOf(loc, target);
    // A missing child: its nearest written ancestor, by its key when it has one.
    return loc.key ? span(loc.key) : span(loc.node);
  }

  /** Paths outside any subject (the template's own keys): followed through the syntax tree as written. */
  private locateInSyntax(path: JsonPath, target: Target): SourceLocation {
    let node = this.parsed?.tree.root;
    let key: ScalarNode | undefined;
    for (let i = 0; i < path.length && node; i++) {
      const segment = path[i];
      let next: SyntaxNode | undefined;
      let nextKey: ScalarNode | undefined;
      if (node.kind === 'map' && typeof segment === 'string') {
        const entry = [...node.entries].reverse().find((e) => e.key === segment);
        next = entry?.value;
        nextKey = entry?.keyNode;
      } else if (node.kind === 'seq' && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (!next) return key ? span(key) : span(node);
      node = next;
      key = nextKey;
    }
    if (!node) return { offset: 0, length: 0 };
    if (target === 'key' && key) return span(key);
    if (target === 'property' && key) return { offset: key.start, length: node.end - key.start };
    return span(node);
  }

  // --- cursor ---------------------------------------------------------------------------------------

  cursor(offset: number): Cursor | undefined {
    if (!this.read) return undefined;
    // The deepest place under the cursor, in the innermost subject holding it, and among variants the one
    // whose branch is under the cursor.
    let best: { located: Located; hit: NonNullable<ReturnType<typeof hitAt>> } | undefined;
    for (const located of this.read.located) {
      const hit = hitAt(located.loc, located.subject.path, offset);
      if (!hit) continue;
      if (!best || hit.path.length > best.hit.path.length) {
        best = { located, hit };
        continue;
      }
      if (hit.path.length < best.hit.path.length) continue;
      const inner = located.subject.path.length > best.located.subject.path.length;
      const sameSubject = located.subject.path.length === best.located.subject.path.length;
      const onBranch = sameSubject && contains(hit.loc.node, offset) && !contains(best.hit.loc.node, offset);
      if (inner || onBranch) best = { located, hit };
    }
    const onScalar =
      best &&
      !best.hit.onKey &&
      best.hit.loc.node.kind !== 'map' &&
      best.hit.loc.node.kind !== 'seq' &&
      contains(best.hit.loc.node, offset);
    const typing = !onScalar && !best?.hit.onKey ? this.newKeyAt(offset) : undefined;
    if (typing) return this.keyCursor(typing.located, typing.path, typing.word);
    if (!best) return undefined;
    const { located, hit } = best;
    const subject = located.subject;
    const path = hit.path;
    // Inside a JSON object (or a YAML flow map) but on no entry: where a new key goes.
    if (!hit.onKey && hit.loc.node.kind === 'map' && (hit.loc.node.flow || this.format === 'json')) return this.keyCursor(located, path);
    const cursor: Cursor = { subject, path, relativePath: path.slice(subject.path.length), onKey: hit.onKey };
    let node: SyntaxNode | undefined = hit.loc.node;
    if (hit.onKey && hit.loc.key) {
      cursor.key = { name: String(path[path.length - 1] ?? ''), hasValue: hit.loc.key !== hit.loc.node };
      node = hit.loc.key;
    } else {
      const value = valueAtPath(subject.value, cursor.relativePath);
      if (value !== undefined) cursor.value = value;
    }
    const scalar = node?.kind === 'scalar' ? node : node?.kind === 'tag' && node.value.kind === 'scalar' ? node : undefined;
    if (scalar && contains(scalar, offset)) {
      cursor.replace = { offset: scalar.start, length: this.firstLineEnd(scalar) - scalar.start };
      if (scalar.kind === 'scalar' && typeof scalar.value === 'string') {
        const open = scalar.style === 'single' || scalar.style === 'double' || scalar.style === 'json' ? 1 : 0;
        cursor.prefix = this.text.slice(scalar.start + open, Math.max(scalar.start + open, Math.min(offset, scalar.end - open)));
      }
    }
    if (this.format === 'json') cursor.propertyFollows = /^\s*"/.test(this.text.slice(offset, offset + 200));
    return cursor;
  }

  /** A cursor where a new key of the map at `path` goes, replacing the word typed so far. */
  private keyCursor(located: Located, mapPath: JsonPath, word?: ScalarNode): Cursor {
    const subject = located.subject;
    const path = [...mapPath, ''];
    const cursor: Cursor = { subject, path, relativePath: path.slice(subject.path.length), onKey: true };
    if (word) {
      cursor.replace = { offset: word.start, length: word.end - word.start };
      cursor.prefix = String(word.value);
    }
    if (this.format === 'json') cursor.propertyFollows = /^\s*"/.test(this.text.slice(word?.end ?? 0, (word?.end ?? 0) + 200));
    return cursor;
  }

  /**
   * In block YAML, a line that holds only indentation and the word being typed is where a new key goes: in
   * the map above it whose keys are at that column.
   */
  private newKeyAt(offset: number): { located: Located; path: JsonPath; word?: ScalarNode } | undefined {
    if (this.format !== 'yaml' || !this.read) return undefined;
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = this.text.indexOf('\n', offset);
    const line = this.text.slice(lineStart, lineEnd < 0 ? this.text.length : lineEnd).replace(/\r$/, '');
    const typed = /^( *)((?:[^\s:#'"]|:(?=\S))*)\s*$/.exec(line);
    if (!typed || offset < lineStart + typed[1].length) return undefined;
    const column = typed[1].length;
    let found: { located: Located; path: JsonPath; start: number } | undefined;
    for (const located of this.read.located) {
      for (const { path, loc } of locs(located.loc, located.subject.path)) {
        const map = loc.node;
        if (map.kind !== 'map' || map.flow || map.entries.length === 0 || map.start >= lineStart || loc.derived) continue;
        const keyStart = map.entries[0].keyNode.start;
        if (keyStart - (this.text.lastIndexOf('\n', keyStart - 1) + 1) !== column) continue;
        // No line between the map and here is indented less than its keys.
        const between = this.text.slice(map.start, lineStart).split('\n').slice(1);
        if (!between.every((l) => l.trim() === '' || l.trim().startsWith('#') || l.length - l.trimStart().length >= column)) continue;
        if (
          !found ||
          map.start > found.start ||
          (map.start === found.start && located.subject.path.length > found.located.subject.path.length)
        ) {
          found = { located, path, start: map.start };
        }
      }
    }
    if (!found) return undefined;
    const start = lineStart + column;
    const word: ScalarNode | undefined = typed[2]
      ? { kind: 'scalar', start, end: start + typed[2].length, value: typed[2], style: 'plain' }
      : undefined;
    return { located: found.located, path: found.path, word };
  }

  /** The scalar written at `offset` (a completion replaces it, in its own style). */
  private scalarStartingAt(offset: number): ScalarNode | undefined {
    const pending: (SyntaxNode | undefined)[] = [this.parsed?.tree.root];
    while (pending.length) {
      const node = pending.pop();
      if (!node || offset < node.start || offset > node.end) continue;
      if (node.kind === 'scalar') return node.start === offset ? node : undefined;
      if (node.kind === 'tag') pending.push(node.value);
      else if (node.kind === 'map') for (const entry of node.entries) pending.push(entry.keyNode, entry.value);
      else if (node.kind === 'seq') pending.push(...node.items);
    }
    return undefined;
  }

  private firstLineEnd(node: { start: number; end: number }): number {
    const newline = this.text.indexOf('\n', node.start);
    return newline >= 0 && newline < node.end ? newline : node.end;
  }

  // --- edit -------------------------------------------------------------------------------------------

  edit(edits: readonly ModelEdit[], subject?: Subject): TextChange[] | undefined {
    if (!this.parsed || !this.read) return undefined;
    let current: CloudFormationDocument = this;
    let choices = subject?.variant?.choices;
    for (const edit of edits) {
      if (edit.op === 'create' || (edit.file !== undefined && edit.file !== this.uri)) return undefined;
      const own = subject ? current.sameSubject(subject, choices) : undefined;
      const change = renderEdit(current.editContext(), edit, own);
      if (!change) return undefined;
      const text = current.text.slice(0, change.offset) + change.newText + current.text.slice(change.offset + change.length);
      const next = cloudFormationSource.parse({ uri: this.uri, text });
      if (!(next instanceof CloudFormationDocument)) return undefined;
      current = next;
      choices = subject?.variant?.choices;
    }
    return current.text === this.text ? [] : [replacementEdit(this.text, current.text)];
  }

  /** This document's subject at the same path with the same choices (another parse of the same template). */
  private sameSubject(subject: Subject, choices: Readonly<Record<string, string>> | undefined): Located | undefined {
    const same = (s: Subject) =>
      s.kind === subject.kind &&
      JSON.stringify(s.path) === JSON.stringify(subject.path) &&
      (!choices || Object.entries(choices).every(([k, v]) => s.variant?.choices[k] === v));
    return this.read?.located.find((l) => same(l.subject));
  }

  private editContext() {
    return {
      text: this.text,
      tree: this.parsed!.tree,
      read: this.read!,
      style: this.style,
      resourceType: (id: string) => this.parsed!.resources.get(id)?.type,
    };
  }

  // --- render -----------------------------------------------------------------------------------------

  render(value: unknown, cursor: Cursor): string | undefined {
    const json = this.format === 'json';
    const subjectShape = shapeOfSubject(cursor.subject);
    const shapeBase = subjectShape ? shapeAt(subjectShape, cursor.relativePath.slice(0, -1)) : undefined;
    if (cursor.onKey) {
      // A property entry: `{ key: value }`.
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      const [entry] = Object.entries(value);
      if (!entry) return undefined;
      const key = shapeBase ? templateKey(shapeBase, entry[0]) : entry[0];
      if (cursor.key?.hasValue) return json ? JSON.stringify(key) : scalarText(key, this.style!, undefined, true);
      if (json) return `${JSON.stringify(key)}: ${JSON.stringify(entry[1])}${cursor.propertyFollows ? ',' : ''}`;
      const rendered = entry[1] === '' ? '' : ` ${scalarText(entry[1], this.style!)}`;
      return `${scalarText(key, this.style!, undefined, true)}:${rendered}`;
    }
    if (json) return JSON.stringify(value);
    if (typeof value === 'object' && value !== null) return undefined;
    const node = cursor.replace && this.scalarStartingAt(cursor.replace.offset);
    // `Memory: 512` takes `1024` as it is: CloudFormation hands ECS a string either way.
    if (
      node?.kind === 'scalar' &&
      node.style === 'plain' &&
      typeof node.value === 'number' &&
      typeof value === 'string' &&
      /^\d+$/.test(value)
    ) {
      return value;
    }
    const keep = node?.kind === 'scalar' && (node.style === 'single' || node.style === 'double') ? node.style : undefined;
    return scalarText(value, this.style!, keep);
  }

  // --- duplicate keys ---------------------------------------------------------------------------------

  private duplicateKeys(): DuplicateKey[] {
    const tree = this.parsed!.tree;
    if (tree.duplicates.length === 0) return [];
    // Model paths of the written maps inside subjects.
    const pathOfMap = new Map<SyntaxNode, JsonPath>();
    for (const located of this.read!.located) {
      for (const { path, loc } of locs(located.loc, located.subject.path))
        if (!loc.derived && !pathOfMap.has(loc.node)) pathOfMap.set(loc.node, path);
    }
    const found: DuplicateKey[] = [];
    for (const duplicate of tree.duplicates) {
      const mapPath = pathOfMap.get(duplicate.map);
      if (!mapPath) continue;
      const located = this.read!.located.find((l) => JSON.stringify(mapPath).startsWith(JSON.stringify(l.subject.path).slice(0, -1)));
      const key = modelKey(located?.subject, mapPath, duplicate.kept.key);
      const removal = this.removeEarlier(duplicate.map, duplicate.earlier);
      found.push({
        path: [...mapPath, key],
        key: duplicate.kept.key,
        earlierLine: lineOf(this.text, duplicate.earlier.keyNode.start),
        removeEarlier: removal && { op: 'text', ...removal },
      });
    }
    return found;
  }

  private removeEarlier(map: MapNode, entry: MapNode['entries'][number]): TextChange | undefined {
    if (this.format === 'yaml') return removeEntry(this.text, map, entry);
    const index = map.entries.indexOf(entry);
    const end = (e: MapNode['entries'][number]) => (e.value ?? e.keyNode).end;
    if (index > 0) return { offset: end(map.entries[index - 1]), length: end(entry) - end(map.entries[index - 1]), newText: '' };
    const next = map.entries[index + 1];
    return next ? { offset: entry.keyNode.start, length: next.keyNode.start - entry.keyNode.start, newText: '' } : undefined;
  }
}

/** The model key of a template key written in the map at `mapPath` (task definitions rename keys). */
function modelKey(subject: Subject | undefined, mapPath: JsonPath, key: string): string {
  const subjectShape = subject && shapeOfSubject(subject);
  if (!subject || !subjectShape) return key;
  const shape = shapeAt(subjectShape, mapPath.slice(subject.path.length));
  if (shape.kind !== 'object') return key;
  // templateKey maps API -> template; find the API key whose template name is `key`.
  for (const apiKey of Object.keys(valueAtPath(subject.value, mapPath.slice(subject.path.length)) ?? {})) {
    if (templateKey(shape, apiKey) === key) return apiKey;
  }
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** The shape of a subject whose names the model maps (a template's task definitions and services). */
function shapeOfSubject(subject: Subject): Shape | undefined {
  if (subject.kind === 'task-definition') return TASK_DEFINITION;
  if (subject.kind === 'service') return SERVICE;
  return undefined;
}

function valueAtPath(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function span(node: { start: number; end: number }): SourceLocation {
  return { offset: node.start, length: node.end - node.start };
}

function trimmedSpan(node: SyntaxNode, text?: string): SourceLocation {
  void text;
  return span(node);
}

function spanOf(loc: Loc, target: Target): SourceLocation {
  if (target === 'key' && loc.key) return span(loc.key);
  if (target === 'property' && loc.key) return { offset: loc.key.start, length: Math.max(loc.node.end, loc.key.end) - loc.key.start };
  return trimmedSpan(loc.node);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
