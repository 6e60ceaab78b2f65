// Where each model value of a Terraform module is written: a tree that mirrors the model value (object keys,
// array indexes), each node saying in which file and at which text it is written, and as what syntax (an HCL
// expression, a block, a block body standing for an object, a node of JSON text inside a heredoc or a file).
// locate(), cursor() and edit() read it. A value reached through a reference (local.x, a variable's default,
// a policy document) shares the node of its definition, so a finding lands where the value is written.
import type { Node as JsonNode } from 'jsonc-parser';
import type { JsonPath } from '../../core/model';
import type { Attribute, Block, Body, Expr, Range } from './hcl/syntax';

/** How a value is written, for edits. */
export type Syntax =
  /** An HCL expression: a literal can be replaced, a tuple or object edited in place. */
  | { kind: 'expr'; expr: Expr }
  /** The value of a block attribute whose model key differs (`network_mode` for networkMode): its body. */
  | { kind: 'body'; body: Body; block?: Block; keys: KeyMap }
  /** An array written as repeated blocks (`statement {}`, `volume {}`), in `body`. */
  | { kind: 'blocks'; body: Body; type: string; keys?: KeyMap }
  /** A value computed by an expression (a reference, a function call): not editable in place. */
  | { kind: 'computed'; expr: Expr }
  /** A value inside JSON text (a heredoc, a file read with file() or templatefile()). */
  | { kind: 'json'; node: JsonNode; embedded: EmbeddedJson }
  /** A value the syntax implies (aws_iam_policy_document's Version and Effect): not written. */
  | { kind: 'implied' };

/** Model key <-> HCL name, for the attributes and nested blocks of a block standing for an object. */
export interface KeyMap {
  /** Model key -> how it is written. */
  toHcl: ReadonlyMap<string, HclKey>;
}

export interface HclKey {
  name: string;
  /** Written as blocks (`runtime_platform {}`), a list of blocks, or an attribute. */
  as: 'attribute' | 'block' | 'blocks';
  /** The key map of the block, for nested keys. */
  keys?: KeyMap;
}

/** JSON text embedded in HCL or read from a file: the text as parsed (interpolations masked), and where it sits. */
export interface EmbeddedJson {
  uri: string;
  /** The masked text handed to the JSON parser; offsets in it are `base` less than in the file. */
  text: string;
  base: number;
  /** The interpolations (`${...}`), in the file's offsets: text an edit must not touch. */
  holes: Range[];
}

export interface Place {
  uri: string;
  /** The value as written. */
  value: Range;
  /** The key (attribute name, object key, JSON property name), when the value has one. */
  key?: Range;
  /** The whole `key = value` (or the block). */
  property?: Range;
  /** A key written as a value (a condition's `test`, a principal's `type`): renaming the key rewrites it. */
  keyExpr?: Expr;
  syntax: Syntax;
  /** The attribute this value is the whole expression of (task-level `memory = 4096`), for removing it. */
  attribute?: Attribute;
  /** The block this value is (a `volume {}`), for removing it. */
  block?: Block;
}

export class PlaceNode {
  readonly children = new Map<string | number, PlaceNode>();

  constructor(public place?: Place) {}

  child(segment: string | number): PlaceNode | undefined {
    return this.children.get(segment);
  }

  set(segment: string | number, node: PlaceNode | undefined): void {
    if (node) this.children.set(segment, node);
  }
}

/** The node at `path`, and the nodes on the way (`trail[i]` is the node of `path.slice(0, i)`). */
export function nodeAt(root: PlaceNode, path: JsonPath): { node?: PlaceNode; trail: PlaceNode[] } {
  const trail: PlaceNode[] = [root];
  let node: PlaceNode | undefined = root;
  for (const segment of path) {
    node = node.child(segment);
    if (!node) return { trail };
    trail.push(node);
  }
  return { node, trail };
}

/** A node with a place for one written range (a leaf, or the container of children added later). */
export function placed(uri: string, value: Range, syntax: Syntax, extra: Partial<Place> = {}): PlaceNode {
  return new PlaceNode({ uri, value, syntax, ...extra });
}

/**
 * The same place under a key (an object entry, an attribute): the key and the whole entry added. Only a value
 * written inside `within` (the entry) gets them, and such a node was made for this entry alone, so it is
 * changed in place; one reached through a reference keeps its own place.
 */
export function rekeyed(
  node: PlaceNode | undefined,
  uri: string,
  key: Range,
  property: Range,
  within: Range = property,
): PlaceNode | undefined {
  const place = node?.place;
  if (!node || !place || place.uri !== uri || place.value.start < within.start || place.value.end > within.end) return node;
  place.key = key;
  place.property = property;
  return node;
}

/** The node of a block that stands for an object: its key is its labels (a resource's address) or its type. */
export function blockNode(uri: string, block: Block, keys: KeyMap): PlaceNode {
  const labels = block.labels;
  const key = labels.length ? { start: labels[0].range.start, end: labels[labels.length - 1].range.end } : block.typeRange;
  return placed(uri, block.range, { kind: 'body', body: block.body, block, keys }, { block, key, property: block.range });
}

/** An attribute's value node with the attribute's name as its key (a copy, when the value is written there). */
export function keyedAttribute(
  node: PlaceNode | undefined,
  uri: string,
  attr: Attribute,
  key: Range = attr.nameRange,
  property: Range = attr.range,
): PlaceNode | undefined {
  const keyed = rekeyed(node, uri, key, property, attr.range);
  if (keyed?.place && keyed.place.key === key && key === attr.nameRange) keyed.place.attribute = attr;
  return keyed;
}
