// resource "aws_ecs_task_definition" -> a task definition with ECS API field names (the mapping is data:
// facts/aws-ecs-task-definition.json), and its container_definitions in every form the issue lists:
// jsonencode([...]) checked in place, file() / templatefile() / template_file checked in that file, a heredoc
// with JSON, a local or a variable's default. Anything else leaves the containers unknown.
import { readEmbeddedJson } from './embedded';
import { type Evaluator, type Scope, type Val, isObjectValue } from './evaluate';
import type { Block, Body, Expr } from './hcl/syntax';
import { type BlockMapping, TASK_DEFINITION_MAPPING } from './mapping';
import { type HclKey, type KeyMap, PlaceNode, blockNode, keyedAttribute, placed } from './places';
import { ownObject, parseOwnJson } from '../text';

const TASK_DEFINITION = TASK_DEFINITION_MAPPING;

const keyMaps = new WeakMap<BlockMapping, KeyMap>();

/** Model key -> HCL name of a mapped block, for edits that add a key. */
function keyMapOf(block: BlockMapping = TASK_DEFINITION): KeyMap {
  let keys = keyMaps.get(block);
  if (keys) return keys;
  const toHcl = new Map<string, HclKey>();
  for (const [name, key] of Object.entries(block.attributes)) if (!key.includes('.')) toHcl.set(key, { name, as: 'attribute' });
  for (const [name, sub] of Object.entries(block.blocks ?? {})) {
    if (sub.key) toHcl.set(sub.key, { name, as: sub.list ? 'blocks' : 'block', keys: keyMapOf(sub) });
  }
  keys = { toHcl };
  keyMaps.set(block, keys);
  return keys;
}

/** The task definition of a resource block, with a place for every value. */
export function readTaskDefinition(block: Block, scope: Scope, evaluator: Evaluator): Val {
  return readBody(block.body, block, TASK_DEFINITION, scope, evaluator);
}

/** A resource block read by its mapping (aws_ecs_service), with a place for every value. */
export function readMapped(block: Block, map: BlockMapping, scope: Scope, evaluator: Evaluator): Val {
  return readBody(block.body, block, map, scope, evaluator);
}

/** The mapping table's own entry for a name the module wrote (never an inherited one: `constructor`, `toString`). */
function own<T>(table: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}

function readBody(body: Body, block: Block, map: BlockMapping, scope: Scope, evaluator: Evaluator): Val & { node: PlaceNode } {
  const uri = scope.file.uri;
  const value: Record<string, unknown> = ownObject();
  const node = blockNode(uri, block, keyMapOf(map));
  for (const attr of body.attributes) {
    const key = own(map.attributes, attr.name);
    if (key === undefined) continue;
    let val = key === 'containerDefinitions' ? readContainers(attr.expr, scope, evaluator) : evaluator.eval(attr.expr, scope);
    // null leaves an argument unset.
    if (val.value === null) continue;
    if (map.nameValueLists?.includes(attr.name)) val = nameValueList(val);
    const type = own(map.types, attr.name);
    if (type && typeof val.value === 'string') val = { value: converted(val.value, type), node: val.node };
    const values = own(map.values, attr.name);
    if (values && (typeof val.value === 'boolean' || typeof val.value === 'string') && Object.hasOwn(values, String(val.value))) {
      val = { value: values[String(val.value)], node: val.node };
    }
    setKey(value, node, key, val.value, keyedAttribute(val.node, uri, attr));
  }
  for (const child of body.blocks) {
    const dynamic = child.type === 'dynamic';
    const type = dynamic ? child.labels[0]?.value : child.type;
    const sub = type ? own(map.blocks, type) : undefined;
    if (!sub?.key) continue;
    let val: Val & { node: PlaceNode };
    if (dynamic) {
      const text = scope.file.text.slice(
        child.range.start,
        child.typeRange.end + (child.labels[0] ? child.labels[0].range.end - child.typeRange.end : 0),
      );
      val = {
        value: evaluator.unknowns.marker(text, `the blocks of dynamic "${type}"`, null),
        node: placed(
          uri,
          child.range,
          { kind: 'computed', expr: { kind: 'invalid', range: child.range } },
          { block: child, key: child.typeRange, property: child.range },
        ),
      };
    } else {
      val = readBody(child.body, child, sub, scope, evaluator);
    }
    if (sub.list) {
      let list = value[sub.key];
      if (!Array.isArray(list)) {
        list = [];
        value[sub.key] = list;
        node.set(sub.key, placed(uri, child.range, { kind: 'blocks', body, type: type!, keys: keyMapOf(sub) }));
      }
      const items = list as unknown[];
      node.child(sub.key)!.set(items.length, val.node);
      items.push(val.value);
    } else {
      setBlockKey(value, node, sub.key, val, child);
    }
  }
  return { value, node };
}

/**
 * A single block's value at `key` (maybe dotted: network_configuration is networkConfiguration.awsvpcConfiguration).
 * A key already set by an argument (deployment_maximum_percent sets deploymentConfiguration.maximumPercent) is
 * merged with the block's keys; a second block of the same type is ignored, as before. The objects the dotted key
 * passes through are placed at the block, so a finding on them lands on it and removing them removes it.
 */
function setBlockKey(value: Record<string, unknown>, node: PlaceNode, key: string, val: Val & { node: PlaceNode }, block: Block): void {
  const segments = key.split('.');
  let target = value;
  let targetNode = node;
  const blockPlace = val.node.place;
  for (const segment of segments.slice(0, -1)) {
    if (!isObjectValue(target[segment])) target[segment] = ownObject();
    target = target[segment] as Record<string, unknown>;
    let next = targetNode.child(segment);
    if (!next) targetNode.set(segment, (next = new PlaceNode()));
    if (!next.place && blockPlace)
      next.place = { ...blockPlace, syntax: { kind: 'computed', expr: { kind: 'invalid', range: block.range } } };
    targetNode = next;
  }
  const last = segments[segments.length - 1];
  const existing = target[last];
  if (existing === undefined) {
    target[last] = val.value;
    targetNode.set(last, val.node);
    return;
  }
  const existingNode = targetNode.child(last);
  // Arguments (deployment_maximum_percent) or another block (deployment_circuit_breaker) set keys of this object
  // and no block stands for it yet: this block's keys join them, and it becomes the object's place.
  const provisional = !existingNode?.place || existingNode.place.syntax.kind === 'computed';
  if (isObjectValue(existing) && isObjectValue(val.value) && existingNode && provisional) {
    for (const [k, v] of Object.entries(existing)) if (!(k in val.value)) val.value[k] = v;
    for (const [k, child] of existingNode.children) if (!val.node.child(k)) val.node.set(k, child);
    target[last] = val.value;
    targetNode.set(last, val.node);
  }
}

/** `key` (maybe dotted: host.sourcePath) set in the value and the place tree. */
function setKey(value: Record<string, unknown>, node: PlaceNode, key: string, item: unknown, itemNode: PlaceNode | undefined): void {
  const segments = key.split('.');
  let target = value;
  let targetNode = node;
  for (const segment of segments.slice(0, -1)) {
    if (!isObjectValue(target[segment])) target[segment] = ownObject();
    target = target[segment] as Record<string, unknown>;
    let next = targetNode.child(segment);
    if (!next) targetNode.set(segment, (next = new PlaceNode()));
    targetNode = next;
  }
  const last = segments[segments.length - 1];
  target[last] = item;
  targetNode.set(last, itemNode);
}

/** A string where the provider's schema has a number or a bool: Terraform converts it ("false" -> false, "80" -> 80). */
function converted(text: string, type: 'number' | 'bool'): unknown {
  if (type === 'bool') return text === 'true' ? true : text === 'false' ? false : text;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** A Terraform map that ECS takes as a list of {name, value} (proxy_configuration.properties). */
function nameValueList(val: Val): Val {
  if (!isObjectValue(val.value)) return val;
  const node = new PlaceNode(val.node?.place);
  const value = Object.entries(val.value).map(([name, item], i) => {
    const entry = new PlaceNode(val.node?.child(name)?.place);
    entry.set('value', val.node?.child(name));
    node.set(i, entry);
    return { name, value: item };
  });
  return { value, node };
}

/** The containers of `container_definitions`, read from wherever the expression takes them. */
function readContainers(expr: Expr, scope: Scope, evaluator: Evaluator): Val {
  const definition = evaluator.definitionOf(expr, scope);
  const e = definition.expr;
  const at = definition.scope;
  if (e.kind === 'call' && e.name === 'jsonencode' && e.args.length === 1) return evaluator.eval(e.args[0], at);
  const embedded = embeddedContainers(e, at, evaluator);
  if (embedded) return embedded;
  const val = evaluator.eval(expr, scope);
  if (typeof val.value === 'string' && !val.value.includes('\uE000')) {
    try {
      return { value: parseOwnJson(val.value), node: val.node };
    } catch {
      // not JSON: ECS would refuse it, and the rules see a string
    }
  }
  return val;
}

/** JSON containers in a heredoc, a file, a template or a template_file data source. */
export function embeddedContainers(e: Expr, at: Scope, evaluator: Evaluator): Val | undefined {
  if (e.kind === 'heredoc') {
    return readEmbeddedJson({ uri: at.file.uri, text: at.file.text, range: e.body, parts: e.parts, scope: at }, evaluator);
  }
  if (e.kind === 'string' && /^\s*[[{]/.test(e.value) && !at.file.text.slice(e.content.start, e.content.end).includes('\\')) {
    return readEmbeddedJson({ uri: at.file.uri, text: at.file.text, range: e.content, parts: [] }, evaluator);
  }
  if (e.kind === 'call' && e.name === 'file' && e.args[0]) {
    const file = evaluator.fileAt(e.args[0], at);
    return file && readEmbeddedJson({ uri: file.uri, text: file.text, range: { start: 0, end: file.text.length }, parts: [] }, evaluator);
  }
  if (e.kind === 'call' && e.name === 'templatefile' && e.args[0]) {
    const template = evaluator.templateAt(e.args[0], at);
    if (!template) return undefined;
    const vars = e.args[1] ? evaluator.templateVars(e.args[1], at) : new Map<string, Val>();
    const { file, parts } = template;
    return readEmbeddedJson(
      { uri: file.uri, text: file.text, range: { start: 0, end: file.text.length }, parts, scope: { file, vars } },
      evaluator,
    );
  }
  if (e.kind === 'traversal' && e.root === 'data' && e.steps.length >= 3) {
    const [type, name, attr] = e.steps.map((s) => (s.kind === 'attr' ? s.name : ''));
    const found = type === 'template_file' && attr === 'rendered' ? evaluator.module.blocks.get(`data.template_file.${name}`) : undefined;
    const source = found && evaluator.templateFileSource(found);
    if (!found || !source) return undefined;
    const varsAttr = found.item.body.attributes.find((a) => a.name === 'vars');
    const vars = varsAttr ? evaluator.templateVars(varsAttr.expr, { file: found.file }) : new Map<string, Val>();
    const range = source.parts.length
      ? { start: source.parts[0].range.start, end: source.parts[source.parts.length - 1].range.end }
      : { start: 0, end: 0 };
    return readEmbeddedJson(
      { uri: source.file.uri, text: source.file.text, range, parts: source.parts, scope: { file: source.file, vars } },
      evaluator,
    );
  }
  return undefined;
}
