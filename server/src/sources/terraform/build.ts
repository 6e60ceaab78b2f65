// One module's model: every task definition, policy and role of its .tf files, addressed by Terraform
// address (`["aws_ecs_task_definition.app", "memory"]`), the same in each document of the module, with the
// place tree that says where each value is written. Roles carry the union of what attaches to them inside
// the module (assume_role_policy, inline_policy {}, aws_iam_role_policy, aws_iam_policy attached by
// aws_iam_role_policy_attachment / aws_iam_policy_attachment / managed_policy_arns /
// aws_iam_role_policy_attachments_exclusive); a role's name is a marker for its address, so
// `execution_role_arn = aws_iam_role.exec.arn` finds it inside the module and nowhere else.
import type { JsonPath, PolicyRef, RoleInfo, Subject, SubjectKind } from '../../core/model';
import { canonicalUri } from '../../core/uris';
import { policyKindOf } from '../json/classify';
import type { SourceFiles } from '../source';
import { Evaluator, type Scope, type Val, isObjectValue } from './evaluate';
import type { Block, Expr, TraversalExpr } from './hcl/syntax';
import { attribute, blocksOf } from './hcl/syntax';
import { type TerraformModule, resourcesOf } from './module';
import { type KeyMap, PlaceNode, blockNode, keyedAttribute } from './places';
import { PolicyReader, type PolicyVal } from './policy';
import { SERVICE_MAPPING } from './mapping';
import { readMapped, readTaskDefinition } from './task-definition';
import { Unknowns } from './unknowns';
import { roleMarker } from './evaluate';
import { ownObject } from '../text';

interface ModuleSubject {
  subject: Subject;
  /** The documents holding a place of the subject (canonical URIs). */
  uris: Set<string>;
}

export interface ModuleAnalysis {
  module: TerraformModule;
  value: Record<string, unknown>;
  places: PlaceNode;
  subjects: ModuleSubject[];
  unknowns: Unknowns;
  /** Files read or looked for with file() and templatefile() (as written in the module). */
  reads: string[];
}

/** Where the policies of each kind of resource go. */
const POLICY_ATTRIBUTES: Record<string, { attribute: string; kind: SubjectKind }> = {
  aws_iam_policy: { attribute: 'policy', kind: 'identity-policy' },
  aws_iam_role_policy: { attribute: 'policy', kind: 'identity-policy' },
  aws_iam_user_policy: { attribute: 'policy', kind: 'identity-policy' },
  aws_iam_group_policy: { attribute: 'policy', kind: 'identity-policy' },
  aws_s3_bucket_policy: { attribute: 'policy', kind: 'resource-policy' },
  aws_ecr_repository_policy: { attribute: 'policy', kind: 'resource-policy' },
  aws_secretsmanager_secret_policy: { attribute: 'policy', kind: 'resource-policy' },
  aws_sqs_queue_policy: { attribute: 'policy', kind: 'resource-policy' },
  aws_sns_topic_policy: { attribute: 'policy', kind: 'resource-policy' },
  aws_kms_key: { attribute: 'policy', kind: 'resource-policy' },
};

const ROLE_KEYS: KeyMap = { toHcl: new Map([['name', { name: 'name', as: 'attribute' }]]) };

interface PolicyEntry {
  subject: Subject;
}

class Builder {
  readonly value: Record<string, unknown> = ownObject();
  readonly places = new PlaceNode();
  readonly unknowns = new Unknowns();
  readonly evaluator: Evaluator;
  private readonly policies: PolicyReader;
  private readonly subjects: Subject[] = [];
  private readonly policyEntries = new Map<string, PolicyEntry>();
  /** Some policy is attached to a role the module cannot tell (`role = var.x`). */
  private unknownAttachments = false;
  /** The policy subject used at each path (`["aws_iam_role_policy.logs","policy"]`). */
  private readonly usages = new Map<string, Subject>();

  constructor(
    readonly module: TerraformModule,
    files: SourceFiles | undefined,
  ) {
    this.evaluator = new Evaluator(module, files, this.unknowns);
    this.policies = new PolicyReader(this.evaluator);
  }

  build(): ModuleAnalysis {
    for (const { address, file, block } of resourcesOf(this.module, 'aws_ecs_task_definition')) {
      const val = readTaskDefinition(block, { file }, this.evaluator);
      this.put([address], val);
      this.subjects.push({ kind: 'task-definition', path: [address], value: val.value, resource: address });
    }
    for (const { address, file, block } of resourcesOf(this.module, 'aws_ecs_service')) {
      const val = readMapped(block, SERVICE_MAPPING, { file }, this.evaluator);
      this.put([address], val);
      const subject: Subject = { kind: 'service', path: [address], value: val.value, resource: address };
      const name = isObjectValue(val.value) ? val.value.serviceName : undefined;
      if (typeof name === 'string' && !name.includes('\uE000')) subject.name = name;
      const taskDefinition = this.taskDefinitionResource(attribute(block.body, 'task_definition')?.expr, { file });
      if (taskDefinition) subject.taskDefinitionResource = taskDefinition;
      this.subjects.push(subject);
    }
    // The policies first: a role's managed_policy_arns may name an aws_iam_policy of the module.
    for (const [type, { attribute: name, kind }] of Object.entries(POLICY_ATTRIBUTES)) {
      for (const { address, file, block } of resourcesOf(this.module, type)) {
        const attr = attribute(block.body, name);
        if (attr) this.policy([address, name], this.policies.read(attr.expr, { file }), kind, address);
      }
    }
    const roles = this.roles();
    this.attachments(roles);
    // Policy documents no resource of the module uses (a module output, a module input): by their statements.
    for (const { address } of resourcesOf(this.module, 'aws_iam_policy_document', 'data')) {
      if (!this.policyEntries.has(address)) this.policy([address], this.policies.document(address), undefined, address);
    }
    for (const role of roles.values()) this.subjects.push(role.subject);
    const subjects = this.subjects.map((subject) => ({ subject, uris: urisOf(this.places, subject.path) }));
    return {
      module: this.module,
      value: this.value,
      places: this.places,
      subjects,
      unknowns: this.unknowns,
      reads: [...this.evaluator.reads],
    };
  }

  /**
   * The aws_ecs_task_definition of the module a service's task_definition names: `aws_ecs_task_definition.X.arn`
   * (or .family, .arn_without_revision, .id, `X[0].arn`), or a template made of such references only
   * (`"${aws_ecs_task_definition.X.family}:${aws_ecs_task_definition.X.revision}"`), through locals. Anything else
   * (a variable, a conditional, a module output) names none, and the link is left to the value.
   */
  private taskDefinitionResource(expr: Expr | undefined, scope: Scope): string | undefined {
    if (!expr) return undefined;
    const { expr: e } = this.evaluator.definitionOf(expr, scope);
    const addressOf = (x: Expr | undefined): string | undefined => {
      if (x?.kind === 'parens') return addressOf(x.expr);
      if (x?.kind !== 'traversal' || x.root !== 'aws_ecs_task_definition' || x.steps[0]?.kind !== 'attr') return undefined;
      const attr = x.steps.slice(1).find((step) => step.kind === 'attr');
      if (!attr || attr.kind !== 'attr' || !TASK_DEFINITION_ATTRIBUTES.has(attr.name)) return undefined;
      const address = `aws_ecs_task_definition.${x.steps[0].name}`;
      return this.module.blocks.has(address) ? address : undefined;
    };
    if (e.kind === 'template') {
      const addresses = new Set<string | undefined>();
      for (const part of e.parts) if (part.kind === 'interpolation') addresses.add(addressOf(part.expr));
      const [only] = addresses;
      return addresses.size === 1 ? only : undefined;
    }
    return addressOf(e);
  }

  /** A value and its places at a model path. */
  private put(path: JsonPath, val: Val): void {
    let target: Record<string | number, unknown> = this.value;
    let node = this.places;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        target[segment] = val.value;
        node.set(segment, val.node);
        return;
      }
      if (typeof target[segment] !== 'object' || target[segment] === null)
        target[segment] = typeof path[i + 1] === 'number' ? [] : ownObject();
      target = target[segment] as Record<string | number, unknown>;
      let next = node.child(segment);
      if (!next) node.set(segment, (next = new PlaceNode()));
      node = next;
    });
  }

  /**
   * The policy subject of a policy used at `path`: one per definition (a data source, a local, a variable),
   * at the definition's path, or at `path` for a policy written there. Its kind comes from its first use.
   */
  private policy(path: JsonPath, val: PolicyVal, kind: SubjectKind | undefined, resource: string): { path: JsonPath; value: unknown } {
    const key = val.definition ?? JSON.stringify(path);
    const existing = this.policyEntries.get(key);
    // The model holds a policy once, at its definition's path: where it is used only points there (usages).
    if (existing) {
      this.usages.set(JSON.stringify(path), existing.subject);
      return existing.subject;
    }
    const subjectPath = val.definition ? [val.definition] : path;
    this.put(subjectPath, val);
    const value = val.value;
    const subjectKind = kind ?? (isObjectValue(value) ? policyKindOf(value) : 'identity-policy');
    const subject: Subject = { kind: subjectKind, path: subjectPath, value, resource: val.definition ?? resource };
    this.policyEntries.set(key, { subject });
    this.usages.set(JSON.stringify(path), subject);
    // A policy the source could not read at all (a module output, a variable) is no subject of the rules.
    if (isObjectValue(value)) this.subjects.push(subject);
    return subject;
  }

  // --- roles ------------------------------------------------------------------------------------------

  private roles(): Map<string, RoleBuild> {
    const roles = new Map<string, RoleBuild>();
    for (const { address, file, block } of resourcesOf(this.module, 'aws_iam_role')) {
      const scope: Scope = { file };
      const value: Record<string, unknown> = ownObject();
      this.put([address], { value, node: blockNode(file.uri, block, ROLE_KEYS) });
      const nameAttr = attribute(block.body, 'name');
      if (nameAttr) {
        const val = this.evaluator.eval(nameAttr.expr, scope);
        this.put([address, 'name'], { value: val.value, node: keyedAttribute(val.node, file.uri, nameAttr) });
      }
      const info: RoleInfo = { name: roleMarker(this.unknowns, address), policies: [], managedPolicyArns: [], complete: true };
      const name = value.name;
      if (typeof name === 'string' && !name.includes('\uE000')) this.unknowns.describeAs(info.name, `${address} (role ${name})`);
      const trustAttr = attribute(block.body, 'assume_role_policy');
      if (trustAttr) {
        const trust = this.policy([address, 'assume_role_policy'], this.policies.read(trustAttr.expr, scope), 'trust-policy', address);
        info.trust = policyRef(trust, 'trust policy', this.places, file.uri);
      }
      blocksOf(block.body, 'inline_policy').forEach((inline, i) => {
        const policyAttr = attribute(inline.body, 'policy');
        if (!policyAttr) return;
        const inlineName = attribute(inline.body, 'name');
        const label = inlineName ? this.evaluator.eval(inlineName.expr, scope).value : undefined;
        const policy = this.policy(
          [address, 'inline_policy', i, 'policy'],
          this.policies.read(policyAttr.expr, scope),
          'identity-policy',
          address,
        );
        info.policies.push(policyRef(policy, `inline policy ${typeof label === 'string' ? label : `#${i}`}`, this.places, file.uri));
      });
      if (blocksOf(block.body, 'dynamic').some((d) => d.labels[0]?.value === 'inline_policy')) {
        info.managedPolicyArns.push(
          this.unknowns.marker(`${address} dynamic "inline_policy"`, 'the policies of a dynamic "inline_policy" block', null),
        );
      }
      const managed = attribute(block.body, 'managed_policy_arns');
      if (managed) this.attachArns(info, managed.expr, scope);
      roles.set(address, {
        address,
        block,
        subject: { kind: 'role', path: [address], value, name: address, resource: address, role: info },
        info,
        exclusive: false,
      });
    }
    // A role the module hands out (an output, a module argument) may get more policies elsewhere.
    const exported = new Set<string>();
    for (const { item } of [...this.module.outputs, ...this.module.moduleCalls]) {
      for (const reference of traversalsIn(item)) {
        if (reference.root === 'aws_iam_role' && reference.steps[0]?.kind === 'attr')
          exported.add(`aws_iam_role.${reference.steps[0].name}`);
      }
    }
    for (const role of roles.values()) role.info.complete = !exported.has(role.address);
    return roles;
  }

  private attachments(roles: Map<string, RoleBuild>): void {
    const policyLabel = (address: string) => `policy ${address}`;
    for (const { address, file, block } of resourcesOf(this.module, 'aws_iam_role_policy')) {
      const role = this.roleOf(attribute(block.body, 'role')?.expr, { file }, roles);
      const subject = this.usages.get(JSON.stringify([address, 'policy']));
      if (role && subject) role.info.policies.push(policyRef(subject, policyLabel(address), this.places, file.uri));
    }
    const attach = (roleExprs: Expr[], arn: Expr | undefined, scope: Scope) => {
      if (!arn) return;
      for (const roleExpr of roleExprs) {
        const role = this.roleOf(roleExpr, scope, roles);
        if (role) this.attachArns(role.info, arn, scope, true);
      }
    };
    for (const { file, block } of resourcesOf(this.module, 'aws_iam_role_policy_attachment')) {
      const role = attribute(block.body, 'role');
      attach(role ? [role.expr] : [], attribute(block.body, 'policy_arn')?.expr, { file });
    }
    for (const { file, block } of resourcesOf(this.module, 'aws_iam_policy_attachment')) {
      const list = attribute(block.body, 'roles');
      const items = list ? this.evaluator.definitionOf(list.expr, { file }).expr : undefined;
      attach(items?.kind === 'tuple' ? items.items : [], attribute(block.body, 'policy_arn')?.expr, { file });
    }
    for (const { file, block } of resourcesOf(this.module, 'aws_iam_role_policy_attachments_exclusive')) {
      const role = this.roleOf(attribute(block.body, 'role_name')?.expr, { file }, roles);
      const arns = attribute(block.body, 'policy_arns');
      if (!role) continue;
      role.exclusive = true;
      if (arns) this.attachArns(role.info, arns.expr, { file });
    }
    for (const { file, block } of resourcesOf(this.module, 'aws_iam_role_policies_exclusive')) {
      const role = this.roleOf(attribute(block.body, 'role_name')?.expr, { file }, roles);
      if (role) role.exclusive = true;
    }
    for (const role of roles.values()) {
      if (this.unknownAttachments) role.info.complete = false;
      if (role.exclusive) role.info.complete = true;
    }
  }

  /** The role of the module an expression names: `aws_iam_role.X.name` (or .id, .arn), or X's literal name. */
  private roleOf(expr: Expr | undefined, scope: Scope, roles: Map<string, RoleBuild>): RoleBuild | undefined {
    if (!expr) return undefined;
    const { expr: e } = this.evaluator.definitionOf(expr, scope);
    if (e.kind === 'traversal' && e.root === 'aws_iam_role' && e.steps[0]?.kind === 'attr')
      return roles.get(`aws_iam_role.${e.steps[0].name}`);
    const value = this.evaluator.eval(e, scope).value;
    if (typeof value !== 'string' || value.includes('\uE000')) {
      // A policy attached to a role the module cannot tell may be attached to any of its roles.
      this.unknownAttachments = true;
      return undefined;
    }
    for (const role of roles.values())
      if (role.subject.value && (role.subject.value as Record<string, unknown>).name === value) return role;
    return undefined;
  }

  /** Policy ARNs attached to a role: a policy of the module by its document, any other ARN by its text. */
  private attachArns(info: RoleInfo, expr: Expr, scope: Scope, single = false): void {
    const { expr: e, scope: at } = this.evaluator.definitionOf(expr, scope);
    const items = !single && e.kind === 'tuple' ? e.items : [e];
    if (!single && e.kind !== 'tuple') {
      const value = this.evaluator.eval(e, at).value;
      if (Array.isArray(value))
        for (const arn of value)
          info.managedPolicyArns.push(typeof arn === 'string' ? arn : this.unknowns.marker(this.evaluator.textOf(e, at.file)));
      else info.managedPolicyArns.push(this.unknowns.marker(this.evaluator.textOf(e, at.file), 'policy ARNs that are not known'));
      return;
    }
    for (const item of items) {
      const { expr: target, scope: itemScope } = this.evaluator.definitionOf(item, at);
      const policy = policyAddress(target);
      const subject = policy && this.usages.get(JSON.stringify([policy, 'policy']));
      if (subject) {
        info.policies.push(policyRef(subject, `managed policy ${policy}`, this.places, itemScope.file.uri));
        continue;
      }
      const value = this.evaluator.eval(target, itemScope).value;
      info.managedPolicyArns.push(typeof value === 'string' ? value : this.unknowns.marker(this.evaluator.textOf(target, itemScope.file)));
    }
  }
}

/** The attributes of aws_ecs_task_definition that name it to ECS (its ARN, family or revision). */
const TASK_DEFINITION_ATTRIBUTES = new Set(['arn', 'arn_without_revision', 'family', 'id', 'revision']);

interface RoleBuild {
  address: string;
  block: Block;
  subject: Subject;
  info: RoleInfo;
  exclusive: boolean;
}

/** `aws_iam_policy.X.arn` (or .id, which is its ARN): the policy's address. */
function policyAddress(e: Expr): string | undefined {
  if (e.kind !== 'traversal' || e.root !== 'aws_iam_policy' || e.steps[0]?.kind !== 'attr') return undefined;
  const attr = e.steps.find((s, i) => i > 0 && s.kind === 'attr');
  return attr && attr.kind === 'attr' && (attr.name === 'arn' || attr.name === 'id') ? `aws_iam_policy.${e.steps[0].name}` : undefined;
}

/** A role's policy as the execution-role checks read it: where it is written, and whether a fix may add to it. */
function policyRef(subject: { path: JsonPath; value: unknown }, label: string, places: PlaceNode, fallbackUri: string): PolicyRef {
  let node: PlaceNode | undefined = places;
  for (const segment of subject.path) node = node?.child(segment);
  const place = node?.place;
  const editable =
    !!place &&
    (place.syntax.kind === 'expr' || place.syntax.kind === 'body' || place.syntax.kind === 'json') &&
    isObjectValue(subject.value);
  return { path: subject.path, value: subject.value, label, editable, uri: place?.uri ?? fallbackUri };
}

/** Every traversal in a block's attributes (outputs, module arguments). */
function* traversalsIn(block: Block): Generator<TraversalExpr> {
  const visit = function* (expr: Expr): Generator<TraversalExpr> {
    switch (expr.kind) {
      case 'traversal':
        yield expr;
        for (const step of expr.steps) if (step.kind === 'index') yield* visit(step.key);
        break;
      case 'template':
      case 'heredoc':
        for (const part of expr.parts) if (part.kind === 'interpolation' && part.expr) yield* visit(part.expr);
        break;
      case 'tuple':
        for (const item of expr.items) yield* visit(item);
        break;
      case 'object':
        for (const entry of expr.entries) yield* visit(entry.value);
        break;
      case 'call':
        for (const arg of expr.args) yield* visit(arg);
        break;
      case 'access':
        yield* visit(expr.base);
        break;
      case 'conditional':
        yield* visit(expr.condition);
        yield* visit(expr.then);
        yield* visit(expr.else);
        break;
      case 'operation':
        for (const operand of expr.operands) yield* visit(operand);
        break;
      case 'parens':
        yield* visit(expr.expr);
        break;
    }
  };
  for (const attr of block.body.attributes) yield* visit(attr.expr);
  for (const child of block.body.blocks) yield* traversalsIn(child);
}

/** The documents holding a place under `path`. */
function urisOf(root: PlaceNode, path: JsonPath): Set<string> {
  let node: PlaceNode | undefined = root;
  for (const segment of path) node = node?.child(segment);
  const uris = new Set<string>();
  const seen = new Set<PlaceNode>();
  const raw = new Set<string>();
  const visit = (n: PlaceNode) => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.place) raw.add(n.place.uri);
    for (const child of n.children.values()) visit(child);
  };
  if (node) visit(node);
  for (const uri of raw) uris.add(canonicalUri(uri));
  return uris;
}

export function buildModule(module: TerraformModule, files: SourceFiles | undefined): ModuleAnalysis {
  return new Builder(module, files).build();
}
