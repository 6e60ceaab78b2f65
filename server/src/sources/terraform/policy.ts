// IAM policy documents in Terraform: a `policy` / `assume_role_policy` written as jsonencode({...}), a heredoc,
// file(), templatefile(), a local or a variable's default, or data.aws_iam_policy_document.X.json. The data
// source's statement {} blocks are read as an IAM policy with ranges on the HCL (sid, effect, actions,
// not_actions, resources, not_resources, principals, not_principals, condition), and its
// source_policy_documents / override_policy_documents merged the way the provider documents it
// (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/iam_policy_document):
// the source documents' statements first, then this document's statements, replacing a source statement
// with the same non-empty sid, then each override document's statements, replacing a statement with the
// same non-empty sid or added at the end.
import { hasUnknown } from '../../core/unknown';
import { type Evaluator, type Scope, type Val, isObjectValue } from './evaluate';
import type { Block, Body, Expr } from './hcl/syntax';
import { attribute, blocksOf } from './hcl/syntax';
import type { Located } from './module';
import { type HclKey, type KeyMap, PlaceNode, blockNode, keyedAttribute, placed, rekeyed } from './places';
import { embeddedContainers } from './task-definition';
import { ownObject, parseOwnJson } from '../text';

export interface PolicyVal extends Val {
  /** The local, variable or data source the policy is defined by: the same definition, the same policy subject. */
  definition?: string;
}

const DEFAULT_VERSION = '2012-10-17';

const keyMap = (entries: [string, HclKey][]): KeyMap => ({ toHcl: new Map(entries) });

export const STATEMENT_KEYS = keyMap([
  ['Sid', { name: 'sid', as: 'attribute' }],
  ['Effect', { name: 'effect', as: 'attribute' }],
  ['Action', { name: 'actions', as: 'attribute' }],
  ['NotAction', { name: 'not_actions', as: 'attribute' }],
  ['Resource', { name: 'resources', as: 'attribute' }],
  ['NotResource', { name: 'not_resources', as: 'attribute' }],
]);

const DOCUMENT_KEYS = keyMap([
  ['Version', { name: 'version', as: 'attribute' }],
  ['Id', { name: 'policy_id', as: 'attribute' }],
  ['Statement', { name: 'statement', as: 'blocks', keys: STATEMENT_KEYS }],
]);

export class PolicyReader {
  private readonly documents = new Map<string, PolicyVal | 'pending'>();

  constructor(private readonly evaluator: Evaluator) {}

  /** The policy an attribute's expression gives. */
  read(expr: Expr, scope: Scope): PolicyVal {
    const evaluator = this.evaluator;
    const definition = evaluator.definitionOf(expr, scope);
    const e = definition.expr;
    const at = definition.scope;
    if (e.kind === 'call' && e.name === 'jsonencode' && e.args.length === 1)
      return { ...evaluator.eval(e.args[0], at), definition: definition.name };
    const document = this.documentReference(e);
    if (document) return this.document(document, expr, scope);
    const embedded = embeddedContainers(e, at, evaluator);
    if (embedded) return { ...embedded, definition: definition.name };
    const val = evaluator.eval(expr, scope);
    if (typeof val.value === 'string' && !val.value.includes('\uE000')) {
      try {
        const parsed = parseOwnJson(val.value);
        if (isObjectValue(parsed)) return { value: parsed, node: val.node };
      } catch {
        // not JSON
      }
    }
    return val;
  }

  /** `data.aws_iam_policy_document.X.json` (or `.minified_json`): X's address. */
  private documentReference(e: Expr): string | undefined {
    if (e.kind !== 'traversal' || e.root !== 'data') return undefined;
    const names = e.steps.map((s) => (s.kind === 'attr' ? s.name : undefined)).filter((s) => s !== undefined);
    if (names[0] !== 'aws_iam_policy_document' || !names[1] || (names[2] !== 'json' && names[2] !== 'minified_json')) return undefined;
    return `data.aws_iam_policy_document.${names[1]}`;
  }

  /** A data "aws_iam_policy_document" block, read once. */
  document(address: string, used?: Expr, scope?: Scope): PolicyVal {
    const cached = this.documents.get(address);
    if (cached && cached !== 'pending') return cached;
    const found = this.evaluator.module.blocks.get(address);
    if (!found || cached === 'pending') {
      return used && scope
        ? { ...this.evaluator.unknown(used, scope), definition: address }
        : { value: this.evaluator.unknowns.marker(address) };
    }
    this.documents.set(address, 'pending');
    const val = { ...this.readDocument(found), definition: address };
    this.documents.set(address, val);
    return val;
  }

  private readDocument(found: Located<Block>): Val & { node: PlaceNode } {
    const { file, item: block } = found;
    const scope: Scope = { file };
    const uri = file.uri;
    const body = block.body;
    const node = blockNode(uri, block, DOCUMENT_KEYS);
    const value: Record<string, unknown> = ownObject();
    const version = attribute(body, 'version');
    if (version) {
      const val = this.evaluator.eval(version.expr, scope);
      value.Version = val.value;
      node.set('Version', keyedAttribute(val.node, uri, version));
    } else {
      value.Version = DEFAULT_VERSION;
      node.set('Version', placed(uri, block.typeRange, { kind: 'implied' }));
    }
    const id = attribute(body, 'policy_id');
    if (id) {
      const val = this.evaluator.eval(id.expr, scope);
      value.Id = val.value;
      node.set('Id', keyedAttribute(val.node, uri, id));
    }
    const statements: { value: unknown; node?: PlaceNode }[] = [];
    const merge = (statement: { value: unknown; node?: PlaceNode }, replace: boolean) => {
      const sid = isObjectValue(statement.value) ? statement.value.Sid : undefined;
      const same =
        replace && typeof sid === 'string' && sid !== '' ? statements.findIndex((s) => isObjectValue(s.value) && s.value.Sid === sid) : -1;
      if (same >= 0) statements[same] = statement;
      else statements.push(statement);
    };
    const fromDocuments = (name: string, legacy: string) => {
      const list = attribute(body, name);
      const items: { value: unknown; node?: PlaceNode }[] = [];
      const add = (expr: Expr) => {
        const policy = this.read(expr, scope);
        const inner = isObjectValue(policy.value) ? policy.value.Statement : policy.value;
        const list = Array.isArray(inner) ? inner : inner === undefined ? [] : [inner];
        const listNode = policy.node?.child('Statement');
        list.forEach((s, i) => items.push({ value: s, node: Array.isArray(inner) ? listNode?.child(i) : listNode }));
      };
      const legacyAttr = attribute(body, legacy);
      if (legacyAttr) add(legacyAttr.expr);
      if (list) {
        const e = this.evaluator.definitionOf(list.expr, scope);
        if (e.expr.kind === 'tuple') e.expr.items.forEach((item) => add(item));
        else items.push({ value: this.evaluator.eval(list.expr, scope).value });
      }
      return items;
    };
    for (const s of fromDocuments('source_policy_documents', 'source_json')) statements.push(s);
    for (const child of body.blocks) {
      if (child.type === 'statement') merge(this.statement(child, scope), true);
      else if (child.type === 'dynamic' && child.labels[0]?.value === 'statement') {
        statements.push({
          value: this.evaluator.unknowns.marker(
            `${address(block)} dynamic "statement"`,
            'the statements of a dynamic "statement" block',
            null,
          ),
        });
      }
    }
    for (const s of fromDocuments('override_policy_documents', 'override_json')) merge(s, true);
    value.Statement = statements.map((s) => s.value);
    const list = placed(uri, block.range, { kind: 'blocks', body, type: 'statement', keys: STATEMENT_KEYS });
    statements.forEach((s, i) => list.set(i, s.node));
    node.set('Statement', list);
    return { value, node };
  }

  private statement(block: Block, scope: Scope): { value: Record<string, unknown>; node: PlaceNode } {
    const uri = scope.file.uri;
    const body = block.body;
    const node = blockNode(uri, block, STATEMENT_KEYS);
    const value: Record<string, unknown> = ownObject();
    const set = (key: string, name: string) => {
      const attr = attribute(body, name);
      if (!attr) return;
      const val = single(this.evaluator.eval(attr.expr, scope));
      if (val.value === null) return;
      value[key] = val.value;
      node.set(key, keyedAttribute(val.node, uri, attr));
    };
    set('Sid', 'sid');
    set('Effect', 'effect');
    if (!('Effect' in value)) {
      value.Effect = 'Allow';
      node.set('Effect', placed(uri, block.typeRange, { kind: 'implied' }));
    }
    set('Action', 'actions');
    set('NotAction', 'not_actions');
    set('Resource', 'resources');
    set('NotResource', 'not_resources');
    this.principals(body, 'principals', 'Principal', value, node, scope);
    this.principals(body, 'not_principals', 'NotPrincipal', value, node, scope);
    this.conditions(body, value, node, scope);
    return { value: policyVariables(value) as Record<string, unknown>, node };
  }

  /** principals { type, identifiers } blocks -> {TYPE: [identifiers...]}; type "*" -> "*". */
  private principals(body: Body, type: string, key: string, value: Record<string, unknown>, node: PlaceNode, scope: Scope): void {
    const uri = scope.file.uri;
    const blocks = blocksOf(body, type);
    if (dynamicOf(body, type)) {
      value[key] = this.evaluator.unknowns.marker(`dynamic "${type}"`, `the principals of a dynamic "${type}" block`, null);
      return;
    }
    if (blocks.length === 0) return;
    // The identifiers of each type, from every block that names it; one identifier is written as a string.
    const byType = new Map<string, { items: { value: unknown; node?: PlaceNode }[]; type: Expr; block: Block; identifiers: Expr }>();
    for (const block of blocks) {
      const typeAttr = attribute(block.body, 'type');
      const identifiers = attribute(block.body, 'identifiers');
      if (!typeAttr || !identifiers) continue;
      const t = this.evaluator.eval(typeAttr.expr, scope).value;
      const ids = this.evaluator.eval(identifiers.expr, scope);
      // A type that is not known makes the whole principal unknown (it names the principal's kind).
      if (typeof t !== 'string' || hasUnknown(t)) {
        value[key] = this.evaluator.unknowns.marker(this.evaluator.textOf(typeAttr.expr, scope.file));
        return;
      }
      if (t === '*') {
        value[key] = '*';
        node.set(key, keyedAttribute(ids.node, uri, identifiers, block.typeRange, block.range));
        return;
      }
      let entry = byType.get(t);
      if (!entry) byType.set(t, (entry = { items: [], type: typeAttr.expr, block, identifiers: identifiers.expr }));
      if (Array.isArray(ids.value)) ids.value.forEach((id, i) => entry.items.push({ value: id, node: ids.node?.child(i) }));
      else entry.items.push({ value: ids.value, node: ids.node });
    }
    if (byType.size === 0) return;
    const principal: Record<string, unknown> = ownObject();
    const principalNode = groupNode(uri, blocks[0]);
    for (const [t, entry] of byType) {
      const keyed = { key: entry.type.range, keyExpr: entry.type, property: entry.block.range };
      if (entry.items.length === 1) {
        principal[t] = entry.items[0].value;
        const item = entry.items[0].node?.place;
        principalNode.set(t, item ? new PlaceNode({ ...item, ...keyed }) : undefined);
        continue;
      }
      principal[t] = entry.items.map((i) => i.value);
      const list = placed(uri, entry.identifiers.range, { kind: 'expr', expr: entry.identifiers }, keyed);
      entry.items.forEach((item, i) => list.set(i, item.node));
      principalNode.set(t, list);
    }
    value[key] = principal;
    node.set(key, principalNode);
  }

  /** condition { test, variable, values } blocks -> {test: {variable: values}}. */
  private conditions(body: Body, value: Record<string, unknown>, node: PlaceNode, scope: Scope): void {
    const uri = scope.file.uri;
    if (dynamicOf(body, 'condition')) {
      value.Condition = this.evaluator.unknowns.marker('dynamic "condition"', 'the conditions of a dynamic "condition" block', null);
      return;
    }
    const blocks = blocksOf(body, 'condition');
    if (blocks.length === 0) return;
    const condition: Record<string, Record<string, unknown>> = ownObject();
    const conditionNode = groupNode(uri, blocks[0]);
    for (const block of blocks) {
      const test = attribute(block.body, 'test');
      const variable = attribute(block.body, 'variable');
      const values = attribute(block.body, 'values');
      if (!test || !variable || !values) continue;
      const t = this.evaluator.eval(test.expr, scope).value;
      const v = this.evaluator.eval(variable.expr, scope).value;
      if (typeof t !== 'string' || typeof v !== 'string' || hasUnknown(t) || hasUnknown(v)) {
        value.Condition = this.evaluator.unknowns.marker(
          this.evaluator.textOf(block, scope.file),
          'a condition whose operator or key is not known',
          null,
        );
        return;
      }
      const vals = single(this.evaluator.eval(values.expr, scope));
      condition[t] ??= ownObject();
      condition[t][v] = vals.value;
      let operatorNode = conditionNode.child(t);
      if (!operatorNode)
        conditionNode.set(
          t,
          (operatorNode = placed(
            uri,
            block.range,
            { kind: 'computed', expr: { kind: 'invalid', range: block.range } },
            { key: test.expr.range, keyExpr: test.expr, property: block.range },
          )),
        );
      const valuesNode = rekeyed(vals.node, uri, variable.expr.range, block.range);
      if (valuesNode?.place?.key === variable.expr.range) valuesNode.place.keyExpr = variable.expr;
      operatorNode.set(v, valuesNode);
    }
    if (Object.keys(condition).length === 0) return;
    value.Condition = condition;
    node.set('Condition', conditionNode);
  }
}

/**
 * `&{aws:username}` is how an aws_iam_policy_document writes the policy variable `${aws:username}` (HCL would
 * read `${...}` as its own interpolation); the provider turns it into `${...}`.
 */
function policyVariables(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('&{') ? value.replace(/&\{/g, '${') : value;
  if (Array.isArray(value)) return value.map(policyVariables);
  if (isObjectValue(value))
    return Object.assign(
      ownObject(),
      Object.fromEntries(Object.entries(value).map(([k, v]) => [policyVariables(k) as string, policyVariables(v)])),
    );
  return value;
}

/** A list of one value is written as that value, as the provider writes the policy's JSON ("Action": "s3:GetObject"). */
function single(val: Val): Val {
  if (!Array.isArray(val.value) || val.value.length !== 1) return val;
  return { value: val.value[0], node: val.node?.child(0) };
}

/** The node of a value merged from several blocks (principals, conditions): placed on the first of them. */
function groupNode(uri: string, first: Block): PlaceNode {
  return placed(uri, first.range, { kind: 'computed', expr: { kind: 'invalid', range: first.range } }, { key: first.typeRange });
}

function dynamicOf(body: Body, type: string): Block | undefined {
  return body.blocks.find((b) => b.type === 'dynamic' && b.labels[0]?.value === type);
}

function address(block: Block): string {
  return [block.type, ...block.labels.map((l) => l.value)].join('.');
}
