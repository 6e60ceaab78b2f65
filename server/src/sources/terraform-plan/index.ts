// The Terraform plan and state source: `terraform show -json` output, recognised by its content (format_version
// with planned_values, values or resource_changes). Every module's resources are there with their values
// resolved (https://developer.hashicorp.com/terraform/internals/json-format), so the task-definition, IAM and
// execution-role rules run on them unchanged, and each finding names the resource's address
// (`module.ecs.aws_ecs_task_definition.this["api"]`). A value Terraform only knows after apply is absent from
// planned_values: it is an unknown marker, except that a role or policy ARN is followed through the
// configuration's references (`var.execution_role_arn` -> the module call's `aws_iam_role.exec.arn`) to the
// resource of the plan that it names. An aws_ecs_service is read as the .tf source reads it (the same mapping,
// facts/aws-ecs-service.json), linked to the aws_ecs_task_definition its task_definition names (through the
// configuration in a plan, by ARN or family in a state), so the service rules run on it too. The file is
// generated: no fix edits it.
import type { Node } from 'jsonc-parser';
import { findNodeAtOffset } from 'jsonc-parser';
import { isObject, valueAt } from '../../core/json';
import type { Cursor, JsonPath, Model, ModelEdit, PolicyRef, RoleInfo, Subject, SubjectKind, Target } from '../../core/model';
import { unknownMarker } from '../../core/unknown';
import { uriToFileName } from '../../core/workspace';
import { innermostSubject } from '../json/cursor';
import { parseJson } from '../json/parse';
import type { Source, SourceDocument, SourceInput, SourceLocation, SyntaxProblem, TextChange } from '../source';
import { type BlockMapping, SERVICE_MAPPING, TASK_DEFINITION_MAPPING } from '../terraform/mapping';
import { ownObject, parseOwnJson } from '../text';

/** A resource of the plan or state. */
interface PlannedResource {
  address: string;
  /** `module.ecs` (instance keys included), or '' in the root module. */
  module: string;
  type: string;
  name: string;
  mode: string;
  values: Record<string, unknown>;
  /** The `values` object in the text. */
  node?: Node;
}

interface ConfigModule {
  resources?: { address?: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { expressions?: Record<string, unknown>; module?: ConfigModule }>;
}

const POLICY_ATTRIBUTES: Record<string, SubjectKind> = {
  aws_iam_policy: 'identity-policy',
  aws_iam_role_policy: 'identity-policy',
  aws_iam_user_policy: 'identity-policy',
  aws_iam_group_policy: 'identity-policy',
  aws_s3_bucket_policy: 'resource-policy',
  aws_ecr_repository_policy: 'resource-policy',
  aws_secretsmanager_secret_policy: 'resource-policy',
  aws_sqs_queue_policy: 'resource-policy',
  aws_sns_topic_policy: 'resource-policy',
};

function looksLikePlan(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  const head = text.slice(0, 4096);
  if (!head.includes('"format_version"')) return false;
  return (
    text.includes('"planned_values"') || text.includes('"resource_changes"') || /"values"\s*:\s*\{\s*"(root_module|outputs)"/.test(text)
  );
}

class PlanDocument implements SourceDocument {
  readonly source = 'terraform-plan' as const;
  readonly fileName: string;
  readonly model: Model;
  readonly syntaxProblems: readonly SyntaxProblem[];
  /** Model path (JSON) -> where its value is written. */
  private readonly places = new Map<string, Node>();
  private readonly descriptions = new Map<string, string>();
  private readonly resources: PlannedResource[] = [];
  private readonly configs = new Map<string, ConfigModule>();
  private partialRoles = false;
  private readonly root: Node | undefined;

  constructor(
    readonly uri: string,
    readonly text: string,
  ) {
    this.fileName = uriToFileName(uri);
    const parsed = parseJson(text);
    this.syntaxProblems = parsed.syntaxProblems;
    const root = parsed.root;
    this.root = root;
    const plan = parsed.value;
    const value: Record<string, unknown> = ownObject();
    const subjects: Subject[] = [];
    if (root && isObject(plan)) {
      this.collect(root, plan);
      this.collectConfig(isObject(plan.configuration) ? (plan.configuration.root_module as ConfigModule) : undefined, '');
      const roles = new Map<string, { subject: Subject; info: RoleInfo }>();
      for (const resource of this.resources.filter((r) => r.mode === 'managed')) {
        if (resource.type === 'aws_ecs_task_definition') {
          const task = this.taskDefinition(resource);
          value[resource.address] = task;
          subjects.push({ kind: 'task-definition', path: [resource.address], value: task, resource: resource.address });
        } else if (resource.type === 'aws_ecs_service') {
          const service = this.service(resource);
          value[resource.address] = service.value;
          subjects.push(service);
        } else if (resource.type === 'aws_iam_role') {
          const role = this.role(resource, value, subjects);
          roles.set(resource.address, role);
        } else if (POLICY_ATTRIBUTES[resource.type]) {
          const policy = this.policyAt(resource, 'policy', value);
          if (policy)
            subjects.push({
              kind: POLICY_ATTRIBUTES[resource.type],
              path: [resource.address, 'policy'],
              value: policy,
              resource: resource.address,
            });
        }
      }
      this.attachments(roles, value);
      for (const role of roles.values()) {
        if (this.partialRoles) role.info.complete = false;
        subjects.push(role.subject);
      }
    }
    const tasks = subjects.filter((s) => s.kind === 'task-definition').length;
    const services = subjects.filter((s) => s.kind === 'service').length;
    this.model = {
      kind: root && isObject(plan) ? 'terraform-plan' : 'unknown',
      label: `Terraform plan JSON (${tasks} task definition${tasks === 1 ? '' : 's'}${services ? `, ${services} service${services === 1 ? '' : 's'}` : ''})`,
      value,
      subjects,
      duplicateKeys: [],
    };
  }

  // --- reading the plan --------------------------------------------------------------------------------

  /** The resources of planned_values (a plan), values (a state), or resource_changes' `after` (a plan without planned_values). */
  private collect(root: Node, plan: Record<string, unknown>): void {
    const walk = (module: unknown, modulePath: JsonPath) => {
      if (!isObject(module)) return;
      const address = typeof module.address === 'string' ? module.address : '';
      if (Array.isArray(module.resources)) {
        module.resources.forEach((r, i) => {
          if (!isObject(r) || typeof r.address !== 'string' || !isObject(r.values)) return;
          this.resources.push({
            address: r.address,
            module: address,
            type: textOr(r.type, ''),
            name: textOr(r.name, ''),
            mode: textOr(r.mode, 'managed'),
            values: r.values,
            node: nodeAt(root, [...modulePath, 'resources', i, 'values']),
          });
        });
      }
      if (Array.isArray(module.child_modules)) module.child_modules.forEach((child, i) => walk(child, [...modulePath, 'child_modules', i]));
    };
    if (isObject(plan.planned_values)) walk(plan.planned_values.root_module, ['planned_values', 'root_module']);
    else if (isObject(plan.values)) walk(plan.values.root_module, ['values', 'root_module']);
    else if (Array.isArray(plan.resource_changes)) {
      plan.resource_changes.forEach((change, i) => {
        if (!isObject(change) || typeof change.address !== 'string' || !isObject(change.change) || !isObject(change.change.after)) return;
        this.resources.push({
          address: change.address,
          module: typeof change.module_address === 'string' ? change.module_address : '',
          type: textOr(change.type, ''),
          name: textOr(change.name, ''),
          mode: textOr(change.mode, 'managed'),
          values: change.change.after,
          node: nodeAt(root, ['resource_changes', i, 'change', 'after']),
        });
      });
    }
  }

  private collectConfig(module: ConfigModule | undefined, address: string): void {
    if (!isObject(module)) return;
    this.configs.set(address, module);
    for (const [name, call] of Object.entries(module.module_calls ?? {})) {
      this.collectConfig(call.module, address ? `${address}.module.${name}` : `module.${name}`);
    }
  }

  private marker(text: string, description: string): string {
    const marker = unknownMarker(text);
    this.descriptions.set(marker.slice(1, -1), description);
    return marker;
  }

  private place(path: JsonPath, node: Node | undefined): void {
    if (node) this.places.set(JSON.stringify(path), node);
  }

  /** A resource's attribute: null is unset; absent is known only after apply. */
  private attribute(resource: PlannedResource, name: string): unknown {
    if (name in resource.values) return resource.values[name];
    return this.marker(`${resource.address}.${name}`, `${resource.address}.${name} (known after apply)`);
  }

  private valueNode(resource: PlannedResource, name: string): Node | undefined {
    return resource.node && nodeAt(resource.node, [name]);
  }

  private taskDefinition(resource: PlannedResource): Record<string, unknown> {
    const base = [resource.address];
    this.place(base, resource.node);
    const task = this.mapBlock(resource.values, TASK_DEFINITION_MAPPING, resource.node, base, resource);
    const containers = this.attribute(resource, 'container_definitions');
    const containersNode = this.valueNode(resource, 'container_definitions');
    if (typeof containers === 'string' && !containers.includes('\uE000')) {
      try {
        task.containerDefinitions = parseOwnJson(containers);
      } catch {
        task.containerDefinitions = containers;
      }
    } else if (containers !== null) {
      task.containerDefinitions = containers;
    }
    this.place([...base, 'containerDefinitions'], containersNode);
    for (const key of ['executionRoleArn', 'taskRoleArn'] as const) {
      const attr = key === 'executionRoleArn' ? 'execution_role_arn' : 'task_role_arn';
      if (typeof task[key] === 'string' && (task[key] as string).includes('\uE000')) {
        const role = this.followReference(resource, attr, 'aws_iam_role');
        if (role)
          task[key] =
            `arn:${this.marker('partition', 'PARTITION')}:iam::${this.marker('account', 'ACCOUNT_ID')}:role/${this.roleName(role)}`;
      }
    }
    return task;
  }

  /** An aws_ecs_service, with the task definition of the plan it runs. */
  private service(resource: PlannedResource): Subject {
    const base = [resource.address];
    this.place(base, resource.node);
    const value = this.mapBlock(resource.values, SERVICE_MAPPING, resource.node, base, resource, true);
    const subject: Subject = { kind: 'service', path: base, value, resource: resource.address };
    if (typeof value.serviceName === 'string' && !value.serviceName.includes('\uE000')) subject.name = value.serviceName;
    const task = this.taskDefinitionOf(resource);
    if (task) subject.taskDefinitionResource = task.address;
    return subject;
  }

  /**
   * The aws_ecs_task_definition of the plan a service runs: the one its task_definition ARN (or family) names in
   * a state, or, when the ARN is known only after apply, the one the configuration's reference names.
   */
  private taskDefinitionOf(service: PlannedResource): PlannedResource | undefined {
    const written = service.values.task_definition;
    const tasks = this.resources.filter((r) => r.type === 'aws_ecs_task_definition' && r.mode === 'managed');
    if (typeof written === 'string' && written !== '') {
      const byArn = tasks.find((t) => t.values.arn === written || t.values.arn_without_revision === written);
      if (byArn) return byArn;
      const family = /^arn:[^:]*:ecs:[^:]*:[^:]*:task-definition\/([^:]+)/.exec(written)?.[1] ?? written.split(':')[0];
      const byFamily = tasks.filter((t) => t.values.family === family);
      return byFamily.length === 1 ? byFamily[0] : undefined;
    }
    return this.followReference(service, 'task_definition', 'aws_ecs_task_definition');
  }

  /**
   * Planned values of a block (snake_case, nested blocks as lists) -> ECS names. `emptyIsUnset`: `""` is a
   * string argument left unset (the provider sends none; services).
   */
  private mapBlock(
    values: Record<string, unknown>,
    map: BlockMapping,
    node: Node | undefined,
    path: JsonPath,
    resource?: PlannedResource,
    emptyIsUnset = false,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = ownObject();
    for (const [name, key] of Object.entries(map.attributes)) {
      if (key === 'containerDefinitions') continue;
      let value = resource ? this.attribute(resource, name) : values[name];
      if (value === null || value === undefined || (emptyIsUnset && value === '')) continue;
      // Values ECS writes otherwise (assign_public_ip false -> DISABLED).
      const rewritten = map.values && Object.hasOwn(map.values, name) ? map.values[name] : undefined;
      if (rewritten && (typeof value === 'boolean' || typeof value === 'string') && Object.hasOwn(rewritten, String(value)))
        value = rewritten[String(value)];
      const segments = key.split('.');
      const target = objectAt(out, segments.slice(0, -1));
      target[segments[segments.length - 1]] =
        map.nameValueLists?.includes(name) && isObject(value) ? Object.entries(value).map(([n, v]) => ({ name: n, value: v })) : value;
      const valueNode = node && nodeAt(node, [name]);
      this.place([...path, ...segments], valueNode);
      // The items of a list of strings (requires_compatibilities) are written one by one.
      if (Array.isArray(value)) value.forEach((_, i) => this.place([...path, ...segments, i], valueNode && nodeAt(valueNode, [i])));
    }
    for (const [name, sub] of Object.entries(map.blocks ?? {})) {
      const list = values[name];
      if (!sub.key || !Array.isArray(list) || list.length === 0) continue;
      // A dotted key is a field below the object (network_configuration -> networkConfiguration.awsvpcConfiguration).
      const segments = sub.key.split('.');
      const items = list.map((item, i) => {
        const itemPath = sub.list ? [...path, ...segments, i] : [...path, ...segments];
        const itemNode = node && nodeAt(node, [name, i]);
        this.place(itemPath, itemNode);
        return isObject(item) ? this.mapBlock(item, sub, itemNode, itemPath, undefined, emptyIsUnset) : item;
      });
      objectAt(out, segments.slice(0, -1))[segments[segments.length - 1]] = sub.list ? items : items[0];
      if (sub.list) this.place([...path, ...segments], node && nodeAt(node, [name]));
    }
    return out;
  }

  /** A JSON policy string attribute, parsed; every path inside it is placed on the string. */
  private policyAt(
    resource: PlannedResource,
    name: string,
    value: Record<string, unknown>,
    path: JsonPath = [resource.address, name],
  ): unknown {
    const text = name === 'policy' || name === 'assume_role_policy' ? this.attribute(resource, name) : undefined;
    return this.policyFrom(text, path, this.valueNode(resource, name), value);
  }

  private policyFrom(text: unknown, path: JsonPath, node: Node | undefined, value: Record<string, unknown>): unknown {
    let policy: unknown = text;
    if (typeof text === 'string' && !text.includes('\uE000')) {
      try {
        policy = parseOwnJson(text);
      } catch {
        policy = text;
      }
    }
    if (text === null || text === undefined) return undefined;
    setAt(value, path, policy);
    this.place(path, node);
    return isObject(policy) ? policy : undefined;
  }

  private role(resource: PlannedResource, value: Record<string, unknown>, subjects: Subject[]): { subject: Subject; info: RoleInfo } {
    const address = resource.address;
    value[address] ??= ownObject();
    this.place([address], resource.node);
    const info: RoleInfo = { name: this.roleName(resource), policies: [], managedPolicyArns: [], complete: true };
    const trust = this.policyAt(resource, 'assume_role_policy', value);
    if (trust) {
      subjects.push({ kind: 'trust-policy', path: [address, 'assume_role_policy'], value: trust, resource: address });
      info.trust = { path: [address, 'assume_role_policy'], value: trust, label: 'trust policy', editable: false };
    }
    const inline = resource.values.inline_policy;
    if (Array.isArray(inline)) {
      inline.forEach((entry, i) => {
        if (!isObject(entry)) return;
        const path = [address, 'inline_policy', i, 'policy'];
        const policy = this.policyFrom(
          entry.policy,
          path,
          this.valueNode(resource, 'inline_policy') && nodeAt(this.valueNode(resource, 'inline_policy')!, [i, 'policy']),
          value,
        );
        if (!policy) return;
        subjects.push({ kind: 'identity-policy', path, value: policy, resource: address });
        info.policies.push({
          path,
          value: policy,
          label: `inline policy ${typeof entry.name === 'string' ? entry.name : `#${i}`}`,
          editable: false,
        });
      });
    }
    const managed = resource.values.managed_policy_arns;
    if (Array.isArray(managed)) for (const arn of managed) if (typeof arn === 'string') info.managedPolicyArns.push(arn);
    return { subject: { kind: 'role', path: [address], value: value[address], name: address, resource: address, role: info }, info };
  }

  /** The role's name as planned, or a marker for it (then it matches only in this document). */
  private roleName(role: PlannedResource): string {
    const name = role.values.name;
    return typeof name === 'string' && name !== '' ? name : this.marker(role.address, role.address);
  }

  private attachments(roles: Map<string, { subject: Subject; info: RoleInfo }>, value: Record<string, unknown>): void {
    const roleOf = (resource: PlannedResource, attr: string) => {
      const name = resource.values[attr];
      if (typeof name === 'string') return [...roles.entries()].find(([address]) => this.resource(address)?.values.name === name)?.[1];
      const target = this.followReference(resource, attr, 'aws_iam_role');
      if (target) return roles.get(target.address);
      this.partialRoles = true;
      return undefined;
    };
    for (const resource of this.resources.filter((r) => r.mode === 'managed')) {
      if (resource.type === 'aws_iam_role_policy') {
        const role = roleOf(resource, 'role');
        const policy = valueAt(value, [resource.address, 'policy']);
        if (role && isObject(policy))
          role.info.policies.push({
            path: [resource.address, 'policy'],
            value: policy,
            label: `policy ${resource.address}`,
            editable: false,
          });
      } else if (resource.type === 'aws_iam_role_policy_attachment') {
        const role = roleOf(resource, 'role');
        if (role) this.attach(role.info, resource, value);
      } else if (resource.type === 'aws_iam_policy_attachment' && Array.isArray(resource.values.roles)) {
        for (const name of resource.values.roles) {
          const role = [...roles.entries()].find(([address]) => this.resource(address)?.values.name === name)?.[1];
          if (role) this.attach(role.info, resource, value);
        }
      }
    }
  }

  private attach(info: RoleInfo, attachment: PlannedResource, value: Record<string, unknown>): void {
    const arn = attachment.values.policy_arn;
    if (typeof arn === 'string') {
      const policy = this.resources.find((r) => r.type === 'aws_iam_policy' && r.values.arn === arn);
      const document = policy && valueAt(value, [policy.address, 'policy']);
      if (policy && isObject(document)) info.policies.push(ref(policy.address, document));
      else info.managedPolicyArns.push(arn);
      return;
    }
    const policy = this.followReference(attachment, 'policy_arn', 'aws_iam_policy');
    const document = policy && valueAt(value, [policy.address, 'policy']);
    if (policy && isObject(document)) info.policies.push(ref(policy.address, document));
    else
      info.managedPolicyArns.push(this.marker(`${attachment.address}.policy_arn`, `${attachment.address}.policy_arn (known after apply)`));
  }

  private resource(address: string): PlannedResource | undefined {
    return this.resources.find((r) => r.address === address);
  }

  /**
   * The resource of type `type` an unknown attribute refers to, through the configuration: `TYPE.NAME.ATTR`
   * in the same module, or `var.X` in a module, which the module call's argument X names in its caller.
   */
  private followReference(resource: PlannedResource, attr: string, type: string): PlannedResource | undefined {
    const config = this.configs.get(stripKeys(resource.module));
    const configured = config?.resources?.find((r) => r.address === `${resource.type}.${resource.name}`);
    let references = referencesOf(configured?.expressions?.[attr]);
    let module = resource.module;
    for (let hops = 0; hops < 16; hops++) {
      const own = references.find((r) => r.startsWith(`${type}.`));
      if (own) {
        const [, name] = own.split('.');
        const local = `${type}.${name}`;
        const address = module ? `${module}.${local}` : local;
        // `aws_ecs_task_definition.this[each.key]` from `aws_ecs_service.this["api"]`: the instance of the same key.
        const key = /\[[^\]]*\]$/.exec(resource.address)?.[0];
        const sameKey = hops === 0 && key && references.some((r) => r === 'each.key' || r === 'count.index');
        const instance = sameKey ? this.resources.find((r) => r.address === `${address}${key}`) : undefined;
        return instance ?? this.resources.find((r) => r.address === address || r.address.startsWith(`${address}[`));
      }
      const variable = references.find((r) => r.startsWith('var.'));
      if (!variable || !module) return undefined;
      const name = variable.split('.')[1];
      const parent = module.slice(0, Math.max(0, module.lastIndexOf('.module.')));
      const call = /module\.([^.[]+)(\[[^\]]*\])?$/.exec(module)?.[1];
      const parentConfig = this.configs.get(stripKeys(parent));
      references = referencesOf(call ? parentConfig?.module_calls?.[call]?.expressions?.[name] : undefined);
      module = parent;
    }
    return undefined;
  }

  // --- the SourceDocument contract ---------------------------------------------------------------------

  locate(path: JsonPath, target: Target): SourceLocation | undefined {
    for (let length = path.length; length >= 0; length--) {
      const node = this.places.get(JSON.stringify(path.slice(0, length)));
      if (!node) continue;
      const property = node.parent?.type === 'property' ? node.parent : undefined;
      if (length === path.length && property && target !== 'value') {
        const span = target === 'key' ? property.children![0] : property;
        return { offset: span.offset, length: span.length };
      }
      if (length < path.length && property) return { offset: property.children![0].offset, length: property.children![0].length };
      return { offset: node.offset, length: node.length };
    }
    return undefined;
  }

  edit(_edits: readonly ModelEdit[]): TextChange[] | undefined {
    // Generated output: fix the configuration, then plan again.
    return undefined;
  }

  cursor(offset: number): Cursor | undefined {
    const byNode = new Map([...this.places].map(([key, node]) => [node, JSON.parse(key) as JsonPath]));
    const at = this.root && findNodeAtOffset(this.root, offset, true);
    // On a property's key: the path of its value.
    const property = at?.parent?.type === 'property' && at.parent.children?.[0] === at ? at.parent : undefined;
    for (let node = property ? property.children?.[1] : at; node; node = node.parent) {
      const path = byNode.get(node);
      if (!path) continue;
      const subject = innermostSubject(this.model.subjects, path);
      if (!subject) return undefined;
      const value = valueAt(this.model.value, path);
      const cursor: Cursor = { subject, path, relativePath: path.slice(subject.path.length), onKey: !!property };
      if (!property && !isObject(value) && !Array.isArray(value)) cursor.value = value;
      return cursor;
    }
    return undefined;
  }

  render(): string | undefined {
    return undefined;
  }

  describeUnknown(id: string): string | undefined {
    return this.descriptions.get(id);
  }
}

function ref(address: string, document: Record<string, unknown>): PolicyRef {
  return { path: [address, 'policy'], value: document, label: `managed policy ${address}`, editable: false };
}

function referencesOf(expression: unknown): string[] {
  return isObject(expression) && Array.isArray(expression.references)
    ? expression.references.filter((r): r is string => typeof r === 'string')
    : [];
}

/** `module.a["x"].module.b[0]` -> `module.a.module.b`: the configuration has no instance keys. */
function stripKeys(module: string): string {
  return module.replace(/\[[^\]]*\]/g, '');
}

/** The object at `segments` below `root`, made where missing. */
function objectAt(root: Record<string, unknown>, segments: readonly string[]): Record<string, unknown> {
  let target = root;
  for (const segment of segments) {
    if (!isObject(target[segment])) target[segment] = ownObject();
    target = target[segment] as Record<string, unknown>;
  }
  return target;
}

function setAt(root: Record<string, unknown>, path: JsonPath, value: unknown): void {
  let target: Record<string | number, unknown> = root;
  path.forEach((segment, i) => {
    if (i === path.length - 1) target[segment] = value;
    else target = (target[segment] ??= typeof path[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
}

function nodeAt(root: Node, path: JsonPath): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = node.type === 'array' ? node.children?.[segment] : undefined;
    else node = node.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1] : undefined;
  }
  return node;
}

export const terraformPlanSource: Source = {
  id: 'terraform-plan',
  accepts: (input: SourceInput, fileName: string) =>
    (input.languageId === undefined || input.languageId === 'json' || input.languageId === 'jsonc' || /\.json$/i.test(fileName)) &&
    looksLikePlan(input.text),
  parse: (input) => new PlanDocument(input.uri, input.text),
  // Plan JSON files are .json files, which the JSON source already reads.
  readsFileName: () => false,
};

/** A plan's string field, or `fallback` when it is missing or not a string (never "[object Object]", never a throw). */
function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback;
}
