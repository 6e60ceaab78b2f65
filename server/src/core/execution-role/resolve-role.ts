// Finding a role's trust and permission policies among the workspace's files: role files (the
// AWS::IAM::Role properties shape, `aws iam get-role` output), `aws iam get-account-authorization-details`
// output, and fargate-lint.json (`{"roles": {NAME: {trustPolicy, policies, managedPolicyArns}}}`, paths
// relative to that file). AWS managed policies referenced by ARN come from the offline table. Pure.
import managedFacts from '../facts/aws-managed-policies.json';
import { type JsonPath, isObject, isPlaceholder, scalarText } from '../json';
import { PROJECT_CONFIG_FILE } from '../classify';
import type { WorkspaceFile, WorkspaceView } from '../workspace';
import { basenameOf, dirnameOf, isInside, resolveRelative, sameUri } from '../uris';

type PolicyOrigin = 'role-file' | 'authorization-details' | 'project-config' | 'managed';

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
  /** Path of the role object (or of the role's entry in fargate-lint.json). */
  path: JsonPath;
  origin: Exclude<PolicyOrigin, 'managed'>;
  /** This description lists all of the role's permission policies. */
  complete: boolean;
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
export const MANAGED_POLICIES_SOURCE = managedFacts.source;
export const MANAGED_POLICIES_GENERATED = managedFacts.generated;

/**
 * An AWS managed policy's document by ARN (any partition), when known offline.
 * @internal Exported for tests.
 */
export function awsManagedPolicy(arn: string): ManagedEntry | undefined {
  const at = arn.indexOf(':iam::aws:policy/');
  if (!arn.startsWith('arn:') || at < 0) return undefined;
  return MANAGED[`arn:aws${arn.slice(at)}`];
}

/** Role descriptions (files, config entries) that name `roleName`, merged into one view of the role. */
export function resolveRole(roleName: string, workspace: WorkspaceView | undefined, fromUri?: string): ResolvedRole | undefined {
  if (!workspace) return undefined;
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
  for (const file of workspace.files()) {
    const kind = file.classification.kind;
    const value = file.document.value;
    if (kind === 'iam-role' && isObject(value)) {
      const inner = isObject(value.Role) ? value.Role : value;
      if (inner.RoleName === roleName) addRoleFile(role, file, inner, isObject(value.Role) ? ['Role'] : [], managedArns);
    } else if (kind === 'iam-authorization-details' && isObject(value) && Array.isArray(value.RoleDetailList)) {
      value.RoleDetailList.forEach((entry, i) => {
        if (isObject(entry) && entry.RoleName === roleName) addAuthorizationDetails(role, file, entry, ['RoleDetailList', i], managedArns);
      });
    } else if (kind === 'project-config' && configApplies(file.uri, fromUri, workspace.roots)) {
      addProjectConfig(role, file, roleName, workspace, managedArns);
    }
  }
  if (role.descriptions.length === 0) return undefined;
  for (const { arn, file } of managedArns) addManaged(role, arn, file, workspace);
  role.complete = role.descriptions.some((d) => d.complete) && role.unknownManagedPolicies.length === 0 && !role.missingPolicyFiles;
  return role;
}

/** fargate-lint.json applies to files in its folder and below (for an untitled file: one at a workspace root). */
function configApplies(configUri: string, fromUri: string | undefined, roots: readonly string[]): boolean {
  const folder = dirnameOf(configUri);
  if (fromUri && fromUri.startsWith('file:')) return isInside(fromUri, folder);
  return roots.some((root) => sameUri(root, folder));
}

function addRoleFile(
  role: ResolvedRole,
  file: WorkspaceFile,
  value: Record<string, unknown>,
  base: JsonPath,
  managed: { arn: string; file: WorkspaceFile }[],
): void {
  const complete = 'Policies' in value || 'ManagedPolicyArns' in value;
  role.descriptions.push({ uri: file.uri, path: base, origin: 'role-file', complete });
  setTrust(
    role,
    file,
    value.AssumeRolePolicyDocument,
    [...base, 'AssumeRolePolicyDocument'],
    'role-file',
    `trust policy in ${basenameOf(file.uri)}`,
  );
  addInline(role, file, value.Policies, [...base, 'Policies'], 'role-file');
  if (Array.isArray(value.ManagedPolicyArns)) {
    for (const arn of value.ManagedPolicyArns) managed.push({ arn: arnText(arn), file });
  }
}

function addAuthorizationDetails(
  role: ResolvedRole,
  file: WorkspaceFile,
  entry: Record<string, unknown>,
  base: JsonPath,
  managed: { arn: string; file: WorkspaceFile }[],
): void {
  role.descriptions.push({ uri: file.uri, path: base, origin: 'authorization-details', complete: true });
  setTrust(
    role,
    file,
    entry.AssumeRolePolicyDocument,
    [...base, 'AssumeRolePolicyDocument'],
    'authorization-details',
    `trust policy in ${basenameOf(file.uri)}`,
  );
  addInline(role, file, entry.RolePolicyList, [...base, 'RolePolicyList'], 'authorization-details');
  if (Array.isArray(entry.AttachedManagedPolicies)) {
    for (const attached of entry.AttachedManagedPolicies) {
      if (isObject(attached)) managed.push({ arn: arnText(attached.PolicyArn), file });
    }
  }
}

function addInline(role: ResolvedRole, file: WorkspaceFile, list: unknown, base: JsonPath, origin: PolicyOrigin): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const document = policyDocument(entry.PolicyDocument);
    if (document === undefined) return;
    const name = typeof entry.PolicyName === 'string' ? entry.PolicyName : `#${i}`;
    role.policies.push({
      label: `inline policy ${name} in ${basenameOf(file.uri)}`,
      uri: file.uri,
      path: [...base, i, 'PolicyDocument'],
      document,
      origin,
      editable: isObject(entry.PolicyDocument),
    });
  });
}

function setTrust(role: ResolvedRole, file: WorkspaceFile, value: unknown, path: JsonPath, origin: PolicyOrigin, label: string): void {
  const document = policyDocument(value);
  if (document === undefined || role.trust) return;
  role.trust = { label, uri: file.uri, path, document, origin, editable: isObject(value) };
}

/** A policy document, also in the URL-encoded string form the IAM API returns. */
function policyDocument(value: unknown): unknown {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return undefined;
  for (const decode of [(s: string) => s, decodeURIComponent]) {
    try {
      const parsed = JSON.parse(decode(value));
      if (isObject(parsed)) return parsed;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

/** A managed policy ARN, also from CloudFormation's `{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/..."}`. */
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
  const roles = isObject(file.document.value) ? file.document.value.roles : undefined;
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
    const subject = trustFile.classification.subjects.find((s) => s.kind === 'trust-policy');
    if (subject) setTrust(role, trustFile, subject.value, subject.path, 'project-config', basenameOf(trustFile.uri));
  }
  if (Array.isArray(entry.policies)) {
    for (const relative of entry.policies) {
      const policyFile = load(relative, true);
      if (!policyFile) continue;
      for (const subject of policyFile.classification.subjects) {
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
  const customer = isPlaceholder(arn) ? undefined : customerManagedPolicy(arn, from, workspace);
  if (customer) role.policies.push(customer);
  else role.unknownManagedPolicies.push(arn);
}

/** A managed policy's default version from get-account-authorization-details output in the workspace. */
function customerManagedPolicy(arn: string, preferred: WorkspaceFile, workspace: WorkspaceView): PolicySource | undefined {
  const files = [
    preferred,
    ...[...workspace.files()].filter((f) => f !== preferred && f.classification.kind === 'iam-authorization-details'),
  ];
  for (const file of files) {
    const value = file.document.value;
    if (!isObject(value) || !Array.isArray(value.Policies)) continue;
    for (let i = 0; i < value.Policies.length; i++) {
      const policy = value.Policies[i];
      if (!isObject(policy) || policy.Arn !== arn || !Array.isArray(policy.PolicyVersionList)) continue;
      const versions = policy.PolicyVersionList;
      const index = versions.findIndex((v) => isObject(v) && (v.IsDefaultVersion === true || v.VersionId === policy.DefaultVersionId));
      const version = versions[index];
      const document = isObject(version) ? policyDocument(version.Document) : undefined;
      if (document === undefined) continue;
      return {
        label: `managed policy ${scalarText(policy.PolicyName) ?? arn} in ${basenameOf(file.uri)}`,
        uri: file.uri,
        path: ['Policies', i, 'PolicyVersionList', index, 'Document'],
        document,
        origin: 'authorization-details',
        editable: false,
      };
    }
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
  const configs = [...workspace.files()].filter(
    (f) => f.classification.kind === 'project-config' && configApplies(f.uri, fromUri, workspace.roots),
  );
  return configs.sort((a, b) => b.uri.length - a.uri.length);
}

{
  PROJECT_CONFIG_FILE;
}
