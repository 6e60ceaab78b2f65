// Model edits -> one text change of a template. The path is followed through the Loc tree of the subject
// (model names: `memory`, `containerDefinitions`) to where the value is written (template names: `Memory`,
// `ContainerDefinitions`), through the branch of an Fn::If that the subject's variant takes. A value the
// template computes (a Ref, Fn::Sub, Fn::FindInMap, ...) is not edited in place: that fix is not offered.
// Values are written in template terms: names mapped back, and unknown parts written as the intrinsic that
// gives them (`!Ref DbSecret`, `!Sub arn:${AWS::Partition}:...`), in short tags when the file uses them.
// YAML is edited by yaml-edit.ts; JSON templates by the JSON source's editor, on the path as written.
import { Scalar } from 'yaml';
import type { JsonPath, ModelEdit } from '../../core/model';
import { hasUnknown, splitUnknown } from '../../core/unknown';
import { renderEdits as renderJsonEdits } from '../json/edit';
import type { RenderedDocument, TextChange } from '../source';
import { type Shape, childShape, resourceShape, shapeAt, templateKey, toTemplate } from './ecs';
import type { Loc } from './evaluate';
import { follow, nodePath, rootFor } from './locate';
import type { Located, ReadModel } from './read';
import type { MapNode, SyntaxNode, SyntaxTree } from './syntax';
import {
  type YamlStyle,
  appendItem,
  documentText,
  fillEmpty,
  insertEntry,
  removeEntry,
  removeItem,
  renameKey,
  replaceValue,
  yamlStyleOf,
} from './yaml-edit';

export interface EditContext {
  text: string;
  tree: SyntaxTree;
  read: ReadModel;
  style?: YamlStyle;
  resourceType(logicalId: string): string | undefined;
}

/** Where an edit lands: the written node it changes, its container, and how to write values there. */
interface Target {
  /** Locations from the root of the subject to the deepest written value on the path. */
  chain: Loc[];
  /** Segments of the path below the deepest written value (missing in the text). */
  rest: JsonPath;
  /** The shape of the value at the deepest written location. */
  shape: Shape;
}

export function renderEdit(context: EditContext, edit: ModelEdit, own: Located | undefined): TextChange | undefined {
  if (edit.op === 'text') return { offset: edit.offset, length: edit.length, newText: edit.newText };
  if (edit.op === 'create') return undefined;
  const target = targetOf(context, edit.path, own);
  if (!target) return undefined;
  // A value computed by an intrinsic cannot be edited where it is written; its entry can still be removed or renamed.
  const leafOnly = edit.op === 'remove' || edit.op === 'rename' || (edit.op === 'set' && edit.value === undefined);
  const written = leafOnly && target.rest.length === 0 ? target.chain.slice(0, -1) : target.chain;
  if (written.some((loc) => loc.derived)) return undefined;
  return context.tree.format === 'json' ? jsonEdit(context, edit, target) : yamlEdit(context, edit, target);
}

function targetOf(context: EditContext, path: JsonPath, own: Located | undefined): Target | undefined {
  const rooted = rootFor(path, context.read.located, context.read.properties, own);
  if (!rooted) return undefined;
  const relative = path.slice(rooted.base.length);
  const { chain, rest } = follow(rooted.loc, relative);
  const [, logicalId] = path;
  const base = typeof logicalId === 'string' ? resourceShape(context.resourceType(logicalId)) : undefined;
  const resourceRelative = path.slice(3, path.length - rest.length);
  const shape: Shape = base ? shapeAt(base, resourceRelative) : { kind: 'free' };
  return { chain, rest, shape };
}

/**
 * A model value (a policy document: IAM names, no template mapping) as a new document in the template's
 * syntax: YAML in the file's style, or JSON; its unknown parts as the intrinsics that give them.
 */
export function renderStandalone(context: EditContext, value: unknown): RenderedDocument {
  const written = symbolic(context, value);
  if (context.tree.format === 'json') return { content: `${JSON.stringify(written, null, 2)}\n`, language: 'json' };
  return { content: documentText(written, context.style ?? yamlStyleOf('')), language: 'yaml' };
}

/** The value written in template terms at a place of shape `shape`, its unknown parts as intrinsics. */
function templateValue(context: EditContext, value: unknown, shape: Shape): unknown {
  return symbolic(context, toTemplate(value, shape));
}

function symbolic(context: EditContext, value: unknown): unknown {
  if (typeof value === 'string') return hasUnknown(value) ? intrinsicFor(context, value) : value;
  if (Array.isArray(value)) return value.map((v) => symbolic(context, v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, symbolic(context, v)]));
  }
  return value;
}

const SHORT_TAG = /(^|[\s[,{:-])!(Ref|Sub|GetAtt|If|Join|Select|Split|FindInMap|ImportValue|Base64)\b/;

/** A string with unknown markers as the intrinsic that computes it; markers nothing can write become `*`. */
function intrinsicFor(context: EditContext, value: string): unknown {
  const markers = context.read.markers;
  const short = context.tree.format === 'yaml' && SHORT_TAG.test(context.text);
  const tagged = (tag: string, text: string) => Object.assign(new Scalar(text), { tag });
  const expression = markers.expressionOf(value);
  if (expression?.fn === 'Ref') return short ? tagged('!Ref', expression.name) : { Ref: expression.name };
  if (expression?.fn === 'GetAtt') {
    return short
      ? tagged('!GetAtt', `${expression.name}.${expression.attribute}`)
      : { 'Fn::GetAtt': [expression.name, expression.attribute] };
  }
  let template = '';
  let substituted = false;
  for (const part of splitUnknown(value)) {
    if (typeof part === 'string') {
      template += part.replace(/\$\{/g, '${!');
      continue;
    }
    const variable = markers.subVariable(part.unknown);
    if (variable) {
      template += `\${${variable}}`;
      substituted = true;
    } else {
      template += '*';
    }
  }
  if (!substituted) return template;
  return short ? tagged('!Sub', template) : { 'Fn::Sub': template };
}

// --- JSON templates: the JSON editor, on the path as written ----------------------------------------------

function jsonEdit(context: EditContext, edit: Exclude<ModelEdit, { op: 'text' | 'create' }>, target: Target): TextChange | undefined {
  const root = context.tree.root;
  const deepest = target.chain[target.chain.length - 1];
  const at = root && nodePath(root, deepest.node);
  if (!at) return undefined;
  const shapes = shapesBelow(target.shape, target.rest);
  const missing = target.rest.map((segment, i) => (typeof segment === 'string' ? templateKey(shapes[i], segment) : segment));
  const written = [...at, ...missing];
  const shape = shapes[shapes.length - 1];
  let edit2: ModelEdit;
  switch (edit.op) {
    case 'set':
      edit2 = { op: 'set', path: written, value: templateValue(context, edit.value, shape) };
      break;
    case 'append':
      edit2 = { op: 'append', path: written, value: templateValue(context, edit.value, childShape(shape, 0)) };
      break;
    case 'insert':
      if (target.rest.length) return undefined;
      edit2 = {
        op: 'insert',
        path: written,
        key: templateKey(shape, edit.key),
        value: templateValue(context, edit.value, childShape(shape, edit.key)),
        index: edit.index,
      };
      break;
    case 'remove':
      if (target.rest.length) return { offset: 0, length: 0, newText: '' };
      edit2 = { op: 'remove', path: written };
      break;
    case 'rename': {
      if (target.rest.length) return undefined;
      const parentShape = shapeAbove(context, edit.path);
      edit2 = { op: 'rename', path: written, key: templateKey(parentShape, edit.key) };
      break;
    }
  }
  const changes = renderJsonEdits(context.text, [edit2]);
  if (!changes) return undefined;
  return changes[0] ?? { offset: 0, length: 0, newText: '' };
}

/** The shapes of the path below a location: `shapes[i]` is the shape after segment i-1 (shapes[0] = `shape`). */
function shapesBelow(shape: Shape, rest: JsonPath): Shape[] {
  const shapes = [shape];
  for (const segment of rest) shapes.push(childShape(shapes[shapes.length - 1], segment));
  return shapes;
}

function shapeAbove(context: EditContext, path: JsonPath): Shape {
  const [, logicalId] = path;
  const base = typeof logicalId === 'string' ? resourceShape(context.resourceType(logicalId)) : undefined;
  return base ? shapeAt(base, path.slice(3, -1)) : { kind: 'free' };
}

// --- YAML ------------------------------------------------------------------------------------------------

function yamlEdit(context: EditContext, edit: Exclude<ModelEdit, { op: 'text' | 'create' }>, target: Target): TextChange | undefined {
  const style = context.style!;
  const { chain, rest } = target;
  const deepest = chain[chain.length - 1];
  const parent = chain.length > 1 ? chain[chain.length - 2] : undefined;
  const shapes = shapesBelow(target.shape, rest);
  switch (edit.op) {
    case 'set': {
      if (edit.value === undefined) return rest.length ? { offset: 0, length: 0, newText: '' } : remove(context, deepest, parent);
      if (rest.length === 0) {
        const value = templateValue(context, edit.value, target.shape);
        if (deepest.key && deepest.node === deepest.key) return fillEmpty(context.text, deepest.key, value, style);
        return replaceValue(context.text, deepest.node, value, style, { flow: containerIsFlow(parent, deepest), keyNode: deepest.key });
      }
      return addMissing(context, deepest, rest, shapes, edit.value);
    }
    case 'insert': {
      if (rest.length || deepest.node.kind !== 'map') return undefined;
      const key = templateKey(target.shape, edit.key);
      const value = templateValue(context, edit.value, childShape(target.shape, edit.key));
      return insertEntry(context.text, deepest.node, key, value, Math.min(edit.index, deepest.node.entries.length), style);
    }
    case 'append': {
      if (rest.length) return addMissing(context, deepest, rest, shapes, [edit.value]);
      const value = templateValue(context, edit.value, childShape(target.shape, 0));
      if (deepest.node.kind === 'seq') return appendItem(context.text, deepest.node, value, style);
      if (deepest.key && deepest.node === deepest.key) return fillEmpty(context.text, deepest.key, [value], style);
      return undefined;
    }
    case 'remove':
      // Nothing to remove where nothing is written.
      return rest.length ? { offset: 0, length: 0, newText: '' } : remove(context, deepest, parent);
    case 'rename': {
      if (rest.length || !deepest.key) return undefined;
      return renameKey(deepest.key, templateKey(shapeAbove(context, edit.path), edit.key), style);
    }
  }
}

function containerIsFlow(parent: Loc | undefined, child: Loc): boolean {
  const node = parent?.node;
  if (node?.kind === 'map' || node?.kind === 'seq') return node.flow && child.span.start > node.start;
  return false;
}

/** A value at a path below the deepest written map: the first missing key with the rest nested in it. */
function addMissing(context: EditContext, deepest: Loc, rest: JsonPath, shapes: Shape[], value: unknown): TextChange | undefined {
  const [first, ...below] = rest;
  if (below.some((s) => typeof s !== 'string')) return undefined;
  const leafShape = shapes[shapes.length - 1];
  let nested: unknown = templateValue(context, value, leafShape);
  for (let i = below.length - 1; i >= 0; i--) nested = { [templateKey(shapes[i + 1], String(below[i]))]: nested };
  const node = deepest.node;
  if (node.kind === 'map' && typeof first === 'string') {
    const key = templateKey(shapes[0], first);
    if (node.entries.length === 0) return node.flow ? insertEntry(context.text, node, key, nested, 0, context.style!) : undefined;
    return insertEntry(context.text, node, key, nested, node.entries.length, context.style!);
  }
  if (node.kind === 'seq' && typeof first === 'number' && (first === -1 || first >= node.items.length))
    return appendItem(context.text, node, nested, context.style!);
  if (deepest.key && deepest.node === deepest.key && typeof first === 'string') {
    return fillEmpty(context.text, deepest.key, { [templateKey(shapes[0], first)]: nested }, context.style!);
  }
  return undefined;
}

function remove(context: EditContext, loc: Loc, parent: Loc | undefined): TextChange | undefined {
  const container = parent?.node;
  if (container?.kind === 'map' && loc.key) {
    const entry = (container as MapNode).entries.find((e) => e.keyNode === loc.key);
    return entry ? removeEntry(context.text, container, entry) : undefined;
  }
  if (container?.kind === 'seq') {
    const index = container.items.findIndex((item: SyntaxNode | undefined) => item === loc.span);
    return index >= 0 ? removeItem(context.text, container, index) : undefined;
  }
  return undefined;
}
