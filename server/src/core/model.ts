// The model the rules see: what a document is, the subjects in it (task definitions with ECS API field
// names, IAM policy documents, roles), and the edits a fix asks for, all addressed by model path. A source
// (server/src/sources/) builds it from syntax; nothing here knows JSON text, YAML or HCL.
// sources/source.ts documents what a source must fill in.

/** A path into a model value: object keys and array indexes. */
export type JsonPath = (string | number)[];

/** Which part of a property a finding points at. */
export type Target = 'value' | 'key' | 'property';

/** A part of a document's text. */
export interface Span {
  offset: number;
  length: number;
}

/** What a whole document is; also the `kind` the CLI prints. */
export type DocumentKind =
  | 'task-definition'
  | 'container-definitions'
  | 'iam-policy'
  | 'iam-trust-policy'
  | 'iam-resource-policy'
  | 'iam-role'
  | 'iam-policy-version'
  | 'iam-authorization-details'
  | 'project-config'
  | 'ecs-service'
  | 'codedeploy-appspec'
  | 'cloudformation-template'
  | 'terraform'
  | 'terraform-plan'
  | 'unknown';

/**
 * What a rule looks at: a part of a document, addressed by its model path. A `service` holds the ECS API's
 * CreateService/UpdateService fields (`taskDefinition`, `loadBalancers`, ...); an `appspec` is one resource of a
 * CodeDeploy AppSpec for ECS (`{ Type, Properties: { TaskDefinition, LoadBalancerInfo, ... } }`), in the AppSpec's
 * own grammar, which is the same in YAML and JSON.
 */
export type SubjectKind =
  | 'task-definition'
  | 'container-definitions'
  | 'identity-policy'
  | 'trust-policy'
  | 'resource-policy'
  | 'role'
  | 'project-config'
  | 'service'
  | 'appspec';

/** The subjects that are policy documents: what the IAM rules, hovers and completions look at. */
export const POLICY_SUBJECTS: readonly SubjectKind[] = ['identity-policy', 'trust-policy', 'resource-policy'];

/** Every subject kind: what a rule over any document (duplicate keys) looks at. */
export const EVERY_SUBJECT: readonly SubjectKind[] = [
  'task-definition',
  'container-definitions',
  'identity-policy',
  'trust-policy',
  'resource-policy',
  'role',
  'project-config',
  'service',
  'appspec',
];

/**
 * One resolution of a subject among several (a CloudFormation `Fn::If` condition, a parameter with
 * AllowedValues). Subjects that share a `path` and differ in their variant are run separately; the engine
 * merges their findings (see core/variants.ts).
 */
export interface Variant {
  /** Choice point → the option taken, e.g. `{ IsProd: 'false', CpuParam: '512' }`. The same in the whole subject. */
  readonly choices: Readonly<Record<string, string>>;
  /** How messages name a choice point: `{ IsProd: 'condition IsProd' }` gives "(when condition IsProd is false)". */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A policy document that belongs to a role, as the source resolved it. */
export interface PolicyRef {
  /** Absolute model path of the policy document in this document (an encoded string policy: the string). */
  path: JsonPath;
  /** The policy document (decoded when it was written as a JSON string). */
  value: unknown;
  /** For messages, without the file name: "trust policy", "inline policy logs", "policy ExecPolicy". */
  label: string;
  /** A fix may add statements to it: the user wrote it here, as an object. */
  editable: boolean;
  /** The document the policy is written in, when it is another than the role's (a file of the same Terraform module). */
  uri?: string;
}

/** What a role subject knows of its role: its name and every policy attached to it in the same document. */
export interface RoleInfo {
  /** RoleName as written, or an unknown marker (then it matches only roles named in the same document). */
  name: string;
  trust?: PolicyRef;
  /** Inline policies and policies that name the role (CloudFormation AWS::IAM::Policy, Terraform aws_iam_role_policy, ...). */
  policies: PolicyRef[];
  /** Attached managed policies by ARN (literal, or with unknown markers). */
  managedPolicyArns: string[];
  /** The document lists every permission policy of the role (a role file without Policies may not). */
  complete: boolean;
  /** Where a fix appends a new inline policy (`{PolicyName, PolicyDocument}` entries); absent: not editable here. */
  inlinePoliciesPath?: JsonPath;
}

export interface Subject {
  kind: SubjectKind;
  /** Absolute model path; with `variant`, several subjects share one path. */
  path: JsonPath;
  /** ECS API field names (task definitions) or the IAM policy grammar (policies). */
  value: unknown;
  /** A name for messages and hover, such as the inline policy's name. */
  name?: string;
  /** CloudFormation/Terraform resource address for messages and CLI json/sarif ("TaskDef", "aws_ecs_task_definition.app"). */
  resource?: string;
  /** One resolution among several; see Variant. */
  variant?: Variant;
  /** Role subjects: the role's policies as the source resolved them. */
  role?: RoleInfo;
  /** Managed policy subjects: the ARN others attach it by (literal or with unknown markers). */
  arn?: string;
  /**
   * Service subjects whose task definition the source resolved to a resource rather than to a value (CloudFormation
   * `!Ref TaskDef`, Terraform `aws_ecs_task_definition.app.arn`): the `resource` of that task-definition subject, in
   * the same document or, for a Terraform module, in a file of the same folder.
   */
  taskDefinitionResource?: string;
}

/**
 * A key written twice in one object. The model keeps the last one (as AWS's JSON readers do); the
 * `duplicate-key` rule reports it on the kept one, and its fix removes the earlier one with `removeEarlier`.
 */
export interface DuplicateKey {
  /** Absolute model path of the kept (last) occurrence. */
  path: JsonPath;
  key: string;
  /** 1-based line of the earlier occurrence, for the message. */
  earlierLine: number;
  /** The edit that removes the earlier occurrence (a `text` edit from the source), when it can be removed. */
  removeEarlier?: ModelEdit;
}

export interface Model {
  kind: DocumentKind;
  /** Shown in the editor's language status item. */
  label: string;
  /** The document's model tree; subject paths index into it. */
  value: unknown;
  subjects: Subject[];
  /** Keys the source saw twice in one object (syntax facts, addressed by model path). */
  duplicateKeys: DuplicateKey[];
}

/** Any document that is none of ours, or that is not analysed at all (too large, not text, ...). */
export const UNKNOWN_MODEL: Model = {
  kind: 'unknown',
  label: 'Not an ECS or IAM document',
  value: undefined,
  subjects: [],
  duplicateKeys: [],
};

// --- Model edits: what a fix asks for, in model terms -------------------------------------------------

/**
 * One change a fix asks for. `path` is an absolute model path; `file` (a URI) names another document (absent:
 * the document the fix was asked for). The target document's source turns edits into text; a fix whose
 * edits a source cannot express (the value is computed by an expression) is not offered.
 */
export type ModelEdit =
  /** Replace the value at `path`, or create it (and missing parents). */
  | { op: 'set'; file?: string; path: JsonPath; value: unknown }
  /** Add `key: value` to the object at `path`, at position `index` among its keys (e.g. Version first). */
  | { op: 'insert'; file?: string; path: JsonPath; key: string; value: unknown; index: number }
  /** Add `value` at the end of the array at `path`. */
  | { op: 'append'; file?: string; path: JsonPath; value: unknown }
  /** Remove the property or array element at `path`. */
  | { op: 'remove'; file?: string; path: JsonPath }
  /** Rename the key of the property at `path`, keeping its value. */
  | { op: 'rename'; file?: string; path: JsonPath; key: string }
  /** A text change, for syntax-level fixes only (removing the earlier of two duplicate keys). */
  | { op: 'text'; file?: string; offset: number; length: number; newText: string }
  /** A new file (a URI) with this content; never written over an existing file. */
  | { op: 'create'; file: string; content: string };

export const set = (path: JsonPath, value: unknown): ModelEdit => ({ op: 'set', path, value });
export const insert = (path: JsonPath, key: string, value: unknown, index: number): ModelEdit => ({
  op: 'insert',
  path,
  key,
  value,
  index,
});
export const append = (path: JsonPath, value: unknown): ModelEdit => ({ op: 'append', path, value });
export const remove = (path: JsonPath): ModelEdit => ({ op: 'remove', path });
export const rename = (path: JsonPath, key: string): ModelEdit => ({ op: 'rename', path, key });
export const createFile = (file: string, content: string): ModelEdit => ({ op: 'create', file, content });

/** The same edits, aimed at another document. */
export function inFile(file: string, edits: readonly ModelEdit[]): ModelEdit[] {
  return edits.map((e) => (e.op === 'create' ? e : { ...e, file }));
}

// --- Cursor: what hover and completion see --------------------------------------------------------------

/** Where the cursor is, in model terms; the source computes it from an offset. Providers read nothing else. */
export interface Cursor {
  /** The innermost subject holding the cursor. */
  subject: Subject;
  /** Absolute model path of the property or element at the cursor; ends with '' where a new key goes. */
  path: JsonPath;
  /** `path` relative to the subject. */
  relativePath: JsonPath;
  /** On a property key, or where a new key goes (not on a value). */
  onKey: boolean;
  /** On an existing key: its name, and whether the property has a value (then a completion replaces the key alone). */
  key?: { name: string; hasValue: boolean };
  /** The model value at `path`, when not on a key and there is one. */
  value?: unknown;
  /** The text of the scalar before the cursor, unquoted ("ecr:Get" for completion). */
  prefix?: string;
  /** What a completion replaces: the scalar under the cursor. Absent: insert at the cursor. */
  replace?: Span;
  /** Another property follows where one would be inserted (JSON then needs a comma after it). */
  propertyFollows?: boolean;
}
