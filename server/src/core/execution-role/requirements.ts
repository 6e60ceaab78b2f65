// What a task definition needs its execution role to be allowed to do: for each feature that the ECS agent
// performs before the containers start (pull a private ECR image, create log streams, read secrets, fetch
// environment files), the (action, resource) pairs, the JSON path of the value that needs them and why.
// The table of actions per feature is data (facts/execution-role-permissions.json). Pure.
//
// Parts of an ARN that the file does not state are "holes" (see iam/evaluate.ts) and are matched
// optimistically. They come from the ARN itself when written, else from executionRoleArn (account and
// partition of the task's own resources), else stay unknown. A Region guessed from elsewhere in the file
// (awslogs-region, the image host) is used only for display and for fixes, never for matching.
import { parseArn } from '../arn';
import facts from '../facts/execution-role-permissions.json';
import { HOLE, type ArnPart, type RequestedResource, resourceText } from '../iam/evaluate';
import { type JsonPath, type Target, isObject, isPlaceholder } from '../json';
import type { Subject } from '../model';
import { type ImageReference, parseImage } from '../taskdef/image';
import { containersOf, taskOf } from '../taskdef/model';
import { referencedRole } from '../taskdef/roles';
import { type SecretReference, parseValueFrom } from '../taskdef/secrets';
import { hasUnknown, replaceUnknown, splitUnknown, unknownMarker } from '../unknown';

export type FeatureId = keyof typeof facts.features;

export function featureTitle(feature: FeatureId): string {
  return facts.features[feature].title;
}

export interface Permission {
  action: string;
  /** Alternatives IAM may check; a grant of any of them counts. */
  resources: RequestedResource[];
  /** The resources a least-privilege policy names (unknown parts filled with a guess or `*`). */
  policyResources: string[];
}

export interface Requirement {
  feature: FeatureId;
  /** Relative to the subject: the value that needs the permissions. */
  path: JsonPath;
  target: Target;
  /** "inject secret DB_PASSWORD", for "(needed to ...)". */
  reason: string;
  permissions: Permission[];
  /** A customer managed KMS key would also need kms:Decrypt (the file can't tell). */
  kmsNote?: boolean;
  /** The container it belongs to, when there is one. */
  container?: string;
}

/** Where the task's own resources live, as far as the file tells. */
interface TaskPlace {
  partition?: string;
  account?: string;
  /** A guess, for display and fixes only. */
  regionGuess?: string;
}

function placeOf(task: Record<string, unknown>, containers: Record<string, unknown>[]): TaskPlace {
  const role = [referencedRole(task.executionRoleArn), referencedRole(task.taskRoleArn)].find((r) => r?.account !== undefined);
  const place: TaskPlace = role ? { partition: role.partition, account: role.account } : {};
  for (const container of containers) {
    const options =
      isObject(container.logConfiguration) && isObject(container.logConfiguration.options) ? container.logConfiguration.options : undefined;
    const region = options?.['awslogs-region'];
    if (readable(region)) {
      place.regionGuess ??= region;
    }
    if (readable(container.image)) {
      const image = parsedImage(container.image);
      if (image.registryKind === 'ecr') place.regionGuess ??= image.region;
    }
  }
  return place;
}

type Values = Record<string, ArnPart[]>;

/** Fills an ARN template from the facts file: `{name}` becomes the value's parts (holes included). */
function expand(template: string, values: Values): RequestedResource {
  const parts: ArnPart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = open < 0 ? -1 : template.indexOf('}', open);
    if (open < 0 || close < 0) {
      parts.push(template.slice(i));
      break;
    }
    if (open > i) parts.push(template.slice(i, open));
    parts.push(...(values[template.slice(open + 1, close)] ?? [HOLE]));
    i = close + 1;
  }
  return merge(parts);
}

function merge(parts: ArnPart[]): RequestedResource {
  const out: ArnPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part !== '') out.push(part);
  }
  // Kept (a task definition's requirements are cached): an exact-length copy, without the room push left.
  return out.slice();
}

function permissionsFor(feature: FeatureId, values: Values, display: Values): Permission[] {
  const permissions: Permission[] = [];
  for (const need of facts.features[feature].needs) {
    const resources = need.resources.map((template) => expand(template, values));
    // What a fix writes: every template, or the one ARN the facts give for policies (CloudWatch Logs' log-group:NAME:*).
    const written: readonly string[] = 'policyResources' in need ? need.policyResources : need.resources;
    const policyResources = [...new Set(written.map((template) => resourceText(expand(template, { ...values, ...display }))))];
    for (const action of need.actions) permissions.push({ action, resources, policyResources });
  }
  return permissions;
}

const known = (value: string | undefined): ArnPart[] => (value ? [value] : [HOLE]);

function placeValues(
  place: TaskPlace,
  own: { partition?: string; region?: string; account?: string },
): { values: Values; display: Values } {
  const values: Values = {
    partition: known(own.partition ?? place.partition),
    region: known(own.region),
    account: known(own.account ?? place.account),
  };
  const display: Values = {
    partition: [own.partition ?? place.partition ?? 'aws'],
    region: [own.region ?? place.regionGuess ?? '*'],
    account: [own.account ?? place.account ?? '*'],
    logStream: ['*'],
  };
  return { values, display };
}

/** Every requirement of a task definition (or a bare list of containers), in document order. */
export function requirementsOf(subject: Subject): Requirement[] {
  const task = taskOf(subject) ?? {};
  const containers = containersOf(subject);
  const place = placeOf(
    task,
    containers.map((c) => c.value),
  );
  const requirements: Requirement[] = [];
  for (const container of containers) {
    const name = container.name ?? `#${container.path[container.path.length - 1]}`;
    const add = (r: Omit<Requirement, 'container'>) => requirements.push({ ...r, container: container.name });
    imageRequirement(container.value, container.path, name, add);
    logRequirements(container.value, container.path, name, place, add);
    secretRequirements(
      container.value.secrets,
      [...container.path, 'secrets'],
      (n) => `inject secret ${n} into container ${name}`,
      place,
      add,
    );
    const log = container.value.logConfiguration;
    if (isObject(log)) {
      secretRequirements(
        log.secretOptions,
        [...container.path, 'logConfiguration', 'secretOptions'],
        (n) => `pass the log option ${n} of container ${name}`,
        place,
        add,
      );
    }
    repositoryCredentialsRequirement(container.value, container.path, name, place, add);
    environmentFileRequirements(container.value, container.path, name, place, add);
  }
  return requirements;
}

type Add = (requirement: Omit<Requirement, 'container'>) => void;

// --- Values with unknown parts ----------------------------------------------------------------------------
// A template writes parts of an image or an ARN as expressions (`${AWS::Region}`, `!Ref Repository`): the
// source puts unknown markers there (core/unknown.ts). Such a value is still read: each field holding a
// marker is replaced, for parsing only, by a stand-in that is valid in its place, and the parsed fields get
// the markers back. In the permissions they are then holes that any value may fill.

/** Text the checks can read: literal, or with unknown parts; not a template placeholder such as {{region}}. */
function readable(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !isPlaceholder(replaceUnknown(value, () => 'x'));
}

/** `parse(masked)` with each stand-in turned back into what the text had in its place. */
function unmasked<T extends object>(parsed: T, standIns: Map<string, string>): T {
  if (standIns.size === 0) return parsed;
  const restore = (text: string) => {
    let out = text;
    for (const [standIn, original] of standIns) out = out.split(standIn).join(original);
    return out;
  };
  const copy = { ...parsed } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) if (typeof value === 'string') copy[key] = restore(value);
  return copy as T;
}

/**
 * Each marker of a free-text field as a word of six letters and digits, the shape of a secret's random
 * suffix (a template's secret ARN ends with an unknown one).
 */
function maskWords(field: string, standIns: Map<string, string>): string {
  if (!hasUnknown(field)) return field;
  return splitUnknown(field)
    .map((part) => {
      if (typeof part === 'string') return part;
      const standIn = `U${standIns.size.toString(36).padStart(5, '0')}`;
      standIns.set(standIn, unknownMarker(part.unknown));
      return standIn;
    })
    .join('');
}

/** A whole field with a marker as a stand-in that fits the field (a partition, a Region, an account). */
function maskField(field: string, kind: 'partition' | 'region' | 'account' | 'domain', standIns: Map<string, string>): string {
  if (!hasUnknown(field)) return field;
  const n = standIns.size;
  const standIn = {
    partition: `aws-unknown${'abcdefghij'[n % 10]}`,
    region: `zz-unknown-${n}`,
    account: `99999${String(n).padStart(7, '0')}`,
    domain: 'amazonaws.com',
  }[kind];
  standIns.set(standIn, field);
  return standIn;
}

/** An image reference whose registry host or repository has unknown parts (`${AWS::AccountId}.dkr.ecr.${AWS::Region}...`). */
export function parsedImage(text: string): ImageReference {
  if (!hasUnknown(text)) return parseImage(text);
  const standIns = new Map<string, string>();
  const slash = text.indexOf('/');
  const host = slash > 0 ? text.slice(0, slash) : '';
  const labels = host.split('.');
  const ecrAt = (i: number) => /^dkr[.-]?ecr|^ecr(-fips)?$/.test(labels[i] ?? '');
  const masked = labels.map((label, i) => {
    if (i === 0) return maskField(label, 'account', standIns);
    if (ecrAt(i - 1)) return maskField(label, 'region', standIns);
    if (i >= 2 && ecrAt(i - 2)) return maskField(label, 'domain', standIns);
    return maskWords(label, standIns);
  });
  const rest = maskWords(slash > 0 ? text.slice(slash + 1) : text, standIns);
  const reference = unmasked(parseImage(slash > 0 ? `${masked.join('.')}/${rest}` : rest), standIns);
  // A domain the template computes (${AWS::URLSuffix}) leaves the partition unknown.
  if (labels.some((label, i) => i >= 2 && ecrAt(i - 2) && hasUnknown(label))) reference.partition = undefined;
  return reference;
}

/** A valueFrom (or credentialsParameter) whose ARN fields have unknown parts; one unknown as a whole is not read. */
export function parsedValueFrom(text: string): SecretReference {
  if (!hasUnknown(text)) return parseValueFrom(text);
  const fields = text.split(':');
  if (fields[0] !== 'arn' || fields.length < 6 || hasUnknown(fields[2])) return { kind: 'invalid', reason: 'unknown' };
  const standIns = new Map<string, string>();
  const masked = [
    'arn',
    maskField(fields[1], 'partition', standIns),
    fields[2],
    maskField(fields[3], 'region', standIns),
    maskField(fields[4], 'account', standIns),
    ...fields.slice(5).map((f) => maskWords(f, standIns)),
  ];
  return unmasked(parseValueFrom(masked.join(':')), standIns);
}

function imageRequirement(container: Record<string, unknown>, base: JsonPath, name: string, add: Add): void {
  const image = container.image;
  if (!readable(image)) return;
  const reference = parsedImage(image);
  if (reference.registryKind !== 'ecr' || !reference.repository) return;
  const values: Values = {
    partition: known(reference.partition),
    region: [reference.region!],
    account: [reference.account!],
    repository: [reference.repository],
  };
  add({
    feature: 'ecr-image',
    path: [...base, 'image'],
    target: 'value',
    reason: `pull the image of container ${name} from ECR repository ${reference.repository}`,
    permissions: permissionsFor('ecr-image', values, { partition: [reference.partition ?? 'aws'] }),
  });
}

function logRequirements(container: Record<string, unknown>, base: JsonPath, name: string, place: TaskPlace, add: Add): void {
  const log = container.logConfiguration;
  if (!isObject(log) || log.logDriver !== 'awslogs') return;
  const options = isObject(log.options) ? log.options : {};
  const group = options['awslogs-group'];
  const region = options['awslogs-region'];
  const { values, display } = placeValues(place, { region: readable(region) ? region : undefined });
  values.logGroup = readable(group) ? [group] : [HOLE];
  values.logStream = [HOLE];
  display.logGroup = readable(group) ? [group] : ['*'];
  const groupText = readable(group) ? `log group ${group}` : 'its log group';
  add({
    feature: 'awslogs',
    path: [...base, 'logConfiguration', 'logDriver'],
    target: 'value',
    reason: `send the logs of container ${name} to ${groupText}`,
    permissions: permissionsFor('awslogs', values, display),
  });
  const create = options['awslogs-create-group'];
  if (create === 'true' || create === true) {
    add({
      feature: 'awslogs-create-group',
      path: [...base, 'logConfiguration', 'options', 'awslogs-create-group'],
      target: 'value',
      reason: `create ${groupText} (awslogs-create-group) for container ${name}`,
      permissions: permissionsFor('awslogs-create-group', values, display),
    });
  }
}

/** A secret's id with its random suffix, or the name followed by `-` and an unknown suffix. */
function secretIdParts(secretId: string, complete: boolean): { match: ArnPart[][]; display: string } {
  // A name that happens to end like a suffix ("db-backup") may still be a bare name: try both.
  if (complete) return { match: [[secretId], [`${secretId}-`, HOLE]], display: secretId };
  return { match: [[`${secretId}-`, HOLE]], display: `${secretId}-??????` };
}

function secretsManagerPermissions(
  feature: FeatureId,
  secret: { partition?: string; region?: string; account?: string; secretId: string; complete: boolean },
  place: TaskPlace,
): Permission[] {
  const { values, display } = placeValues(place, secret);
  const ids = secretIdParts(secret.secretId, secret.complete);
  const alternatives = ids.match.map((id) => permissionsFor(feature, { ...values, secretId: id }, { ...display, secretId: [ids.display] }));
  // Same actions in every alternative: join their resources.
  return alternatives[0].map((permission, i) => ({
    ...permission,
    resources: alternatives.flatMap((a) => a[i].resources),
  }));
}

function secretRequirements(list: unknown, base: JsonPath, reason: (name: string) => string, place: TaskPlace, add: Add): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, j) => {
    if (!isObject(entry)) return;
    const valueFrom = entry.valueFrom;
    if (!readable(valueFrom)) return;
    const name = typeof entry.name === 'string' ? entry.name : `#${j}`;
    const reference = parsedValueFrom(valueFrom);
    const path = [...base, j, 'valueFrom'];
    if (reference.kind === 'secretsmanager') {
      add({
        feature: 'secret-secretsmanager',
        path,
        target: 'value',
        reason: reason(name),
        permissions: secretsManagerPermissions('secret-secretsmanager', reference, place),
        kmsNote: true,
      });
    } else if (reference.kind === 'ssm') {
      const { values, display } = placeValues(place, reference);
      const parameterPath = reference.name.replace(/^\//, '');
      const permissions = permissionsFor(
        'secret-ssm',
        { ...values, parameterPath: [parameterPath] },
        { ...display, parameterPath: [parameterPath] },
      );
      // Parameter Store can hand out a Secrets Manager secret; ECS then needs that secret too.
      const referenced = /^aws\/reference\/secretsmanager\/(.+)$/.exec(parameterPath);
      if (referenced) {
        permissions.push(
          ...secretsManagerPermissions('secret-secretsmanager', { ...reference, secretId: referenced[1], complete: false }, place),
        );
      }
      add({ feature: 'secret-ssm', path, target: 'value', reason: reason(name), permissions, kmsNote: true });
    }
  });
}

function repositoryCredentialsRequirement(
  container: Record<string, unknown>,
  base: JsonPath,
  name: string,
  place: TaskPlace,
  add: Add,
): void {
  const credentials = container.repositoryCredentials;
  if (!isObject(credentials)) return;
  const parameter = credentials.credentialsParameter;
  if (!readable(parameter)) return;
  const reference = parsedValueFrom(parameter);
  if (reference.kind === 'ssm' && hasUnknown(parameter)) return;
  let secret: Parameters<typeof secretsManagerPermissions>[1] | undefined;
  if (reference.kind === 'secretsmanager') secret = reference;
  // In the task's own Region a secret may be given by name.
  else if (reference.kind === 'ssm' && reference.form === 'name') secret = { secretId: parameter, complete: false };
  if (!secret) return;
  add({
    feature: 'repository-credentials',
    path: [...base, 'repositoryCredentials', 'credentialsParameter'],
    target: 'value',
    reason: `read the registry credentials of container ${name}`,
    permissions: secretsManagerPermissions('repository-credentials', secret, place),
    kmsNote: true,
  });
}

function environmentFileRequirements(container: Record<string, unknown>, base: JsonPath, name: string, place: TaskPlace, add: Add): void {
  const files = container.environmentFiles;
  if (!Array.isArray(files)) return;
  files.forEach((file, j) => {
    if (!isObject(file) || !readable(file.value)) return;
    if (file.type !== undefined && file.type !== 's3') return;
    const arn = parseArn(file.value);
    if (!arn || arn.service !== 's3') return;
    const slash = arn.resource.indexOf('/');
    if (slash <= 0) return;
    const bucket = arn.resource.slice(0, slash);
    const key = arn.resource.slice(slash + 1);
    const partition = arn.partition || place.partition;
    add({
      feature: 'environment-file',
      path: [...base, 'environmentFiles', j, 'value'],
      target: 'value',
      reason: `download the environment file ${key} for container ${name}`,
      permissions: permissionsFor(
        'environment-file',
        { partition: known(partition), bucket: [bucket], key: [key] },
        { partition: [partition ?? 'aws'] },
      ),
    });
  });
}

/** Groups permissions by resource for messages and policy statements: "a, b on R". */
export function describePermissions(permissions: readonly Permission[]): string {
  const byResource = new Map<string, string[]>();
  for (const p of permissions) {
    const key = p.policyResources[0];
    byResource.set(key, [...(byResource.get(key) ?? []), p.action]);
  }
  return [...byResource].map(([resource, actions]) => `${[...new Set(actions)].join(', ')} on ${resource}`).join('; ');
}
