// Which task definition a service or an AppSpec runs, among the documents of the workspace. In order:
//  1. a resource the source resolved (CloudFormation `!Ref TaskDef`, Terraform aws_ecs_task_definition.x.arn):
//     the task-definition subject with that `resource`, in the same document or a file of the same folder;
//  2. `taskDefinition` as written (a family, `family:revision` or a task-definition ARN): a task definition whose
//     `family` is that family, the one in the same folder first, then the nearest;
//  3. no usable reference (none, or a placeholder such as `<TASK_DEFINITION>`, which CodePipeline replaces with
//     the ARN of the task definition it registers from `taskdef.json`): the task definition beside it, by the
//     layout deploy tools use (taskdef.json next to appspec.yaml; ecs-task-def.json next to ecs-service-def.json;
//     the only task-definition file of the folder).
// None found: the checks that compare the two say nothing. Pure; cached per workspace version.
import { parseArn } from '../arn';
import { isObject, isPlaceholder } from '../json';
import type { Model, Subject } from '../model';
import { NAME_PATTERN } from '../taskdef/limits';
import { taskOf } from '../taskdef/model';
import { basenameOf, canonicalUri, dirnameOf, sameUri } from '../uris';
import { type DocumentContext, PerAnalysisCache, type WorkspaceView } from '../workspace';
import { type SubjectEntry, workspaceSubjects } from '../workspace-subjects';
import { type ServiceView, serviceOf } from './model';

interface TaskDefinitionReference {
  family: string;
  revision?: number;
}

/** How a link was found, for the hover. */
type LinkKind = 'resource' | 'family' | 'layout';

export interface TaskDefinitionLink {
  /** The task-definition subject. */
  subject: Subject;
  /** The file that holds it; the service's own document when it is the same file. */
  uri: string | undefined;
  model: Model;
  by: LinkKind;
  /** Why this one, in a few words for the hover ("family web", "taskdef.json beside this AppSpec"). */
  how: string;
}

export interface LinkResult {
  link?: TaskDefinitionLink;
  /** The reference as written, when it can be read. */
  reference?: TaskDefinitionReference;
  /** Why nothing was linked, for the hover. */
  why?: string;
}

/**
 * `web`, `web:3` or `arn:aws:ecs:REGION:ACCOUNT:task-definition/web:3`; undefined for placeholders and other text.
 * @internal Exported for tests.
 */
export function parseTaskDefinitionReference(value: unknown): TaskDefinitionReference | undefined {
  if (typeof value !== 'string' || value === '' || isPlaceholder(value) || /[<>{}$]/.test(value)) return undefined;
  let text = value;
  if (text.startsWith('arn:')) {
    const arn = parseArn(text);
    if (!arn || arn.service !== 'ecs' || !arn.resource.startsWith('task-definition/')) return undefined;
    text = arn.resource.slice('task-definition/'.length);
  }
  const colon = text.lastIndexOf(':');
  const family = colon >= 0 ? text.slice(0, colon) : text;
  const revisionText = colon >= 0 ? text.slice(colon + 1) : undefined;
  if (!NAME_PATTERN.test(family)) return undefined;
  if (revisionText !== undefined && !/^\d+$/.test(revisionText)) return undefined;
  return revisionText === undefined ? { family } : { family, revision: Number(revisionText) };
}

interface Candidate {
  subject: Subject;
  uri: string | undefined;
  model: Model;
}

/** The task definitions a link may pick: the document's own and the workspace's, by family and by folder. */
interface Candidates {
  /** By family (only literal families). */
  byFamily(family: string): Candidate[];
  /** In one folder (canonical URI), from other files. */
  inFolder(folder: string): Candidate[];
  own: Candidate[];
}

interface WorkspaceTasks {
  byFamily: Map<string, (Candidate & { canonical: string })[]>;
  byFolder: Map<string, (Candidate & { canonical: string })[]>;
}

const tasksCache = new WeakMap<WorkspaceView, { version?: number; tasks: WorkspaceTasks }>();

/** Every task-definition subject of the workspace, by family and by folder, once per workspace version. */
function workspaceTasks(workspace: WorkspaceView): WorkspaceTasks {
  const version = versionOf(workspace);
  const hit = tasksCache.get(workspace);
  if (hit && hit.version === version && version !== undefined) return hit.tasks;
  const tasks: WorkspaceTasks = { byFamily: new Map(), byFolder: new Map() };
  const add = <K>(map: Map<K, (Candidate & { canonical: string })[]>, key: K, c: Candidate & { canonical: string }) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  // Folders are canonicalised once each (files are many, folders few).
  const folders = new Map<string, string>();
  for (const { file, subject } of workspaceSubjects(workspace).ofKind('task-definition')) {
    const raw = dirnameOf(file.uri);
    let folder = folders.get(raw);
    if (folder === undefined) folders.set(raw, (folder = canonicalUri(raw)));
    const candidate = { subject, uri: file.uri, model: file.model, canonical: `${folder}/${lastSegment(file.uri)}` };
    const family = familyOf(subject);
    if (family !== undefined) add(tasks.byFamily, family, candidate);
    add(tasks.byFolder, folder, candidate);
  }
  tasksCache.set(workspace, { version, tasks });
  return tasks;
}

/** The document's own task definitions and the workspace's (the document's file once, as its own model). */
function candidates(model: Model, document: DocumentContext): Candidates {
  const own: Candidate[] = model.subjects
    .filter((s) => s.kind === 'task-definition')
    .map((subject) => ({ subject, uri: document.uri, model }));
  const tasks = document.workspace ? workspaceTasks(document.workspace) : undefined;
  const self = document.uri ? `${canonicalUri(dirnameOf(document.uri))}/${lastSegment(document.uri)}` : undefined;
  const others = (list: (Candidate & { canonical: string })[] | undefined) => (list ?? []).filter((c) => c.canonical !== self);
  return {
    own,
    byFamily: (family) => [...own.filter((c) => familyOf(c.subject) === family), ...others(tasks?.byFamily.get(family))],
    inFolder: (folder) => others(tasks?.byFolder.get(folder)),
  };
}

/** The file name as written in the URI (the index compares URIs of one spelling). */
function lastSegment(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

function familyOf(subject: Subject): string | undefined {
  const family = taskOf(subject)?.family;
  return typeof family === 'string' && !isPlaceholder(family) ? family : undefined;
}

/** How many leading path segments two URIs share (for "the nearest"). */
function closeness(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

function folderOf(document: DocumentContext): string | undefined {
  return document.uri ? canonicalUri(dirnameOf(document.uri)) : undefined;
}

/**
 * The task-definition resource a service names. A resource with variants (its values depend on conditions or
 * parameters) is the variant whose choices agree with the service's. When several agree and differ in what the
 * service checks read (its network mode under one condition, bridge under another), which one the service runs
 * is not known: no link, so nothing is compared that may not hold.
 */
function byResource(resource: string, all: Candidates, document: DocumentContext, service: Subject): Candidate | 'ambiguous' | undefined {
  const folder = folderOf(document);
  let found = all.own.filter((c) => c.subject.resource === resource);
  if (found.length === 0 && folder !== undefined) found = all.inFolder(folder).filter((c) => c.subject.resource === resource);
  if (found.length <= 1) return found[0];
  const choices = service.variant?.choices ?? {};
  const agreeing = found.filter((c) =>
    Object.entries(c.subject.variant?.choices ?? {}).every(([point, option]) => !(point in choices) || choices[point] === option),
  );
  if (agreeing.length === 0) return 'ambiguous';
  // Variants that differ only where no service check looks (an environment variable, a log option) are one.
  const first = JSON.stringify(comparedParts(agreeing[0].subject));
  return agreeing.every((c) => JSON.stringify(comparedParts(c.subject)) === first) ? agreeing[0] : 'ambiguous';
}

/** What the service checks read of a task definition: its network, platform, size, storage, role and containers' ports. */
function comparedParts(subject: Subject): unknown {
  const task = taskOf(subject);
  if (!task) return undefined;
  const pick = (value: unknown, keys: string[]): unknown =>
    isObject(value) ? Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]])) : value;
  return {
    task: pick(task, [
      'networkMode',
      'requiresCompatibilities',
      'cpu',
      'memory',
      'runtimePlatform',
      'pidMode',
      'ephemeralStorage',
      'taskRoleArn',
    ]),
    volumes: task.volumes,
    containers: Array.isArray(task.containerDefinitions)
      ? task.containerDefinitions.map((c) => pick(c, ['name', 'portMappings', 'linuxParameters', 'readonlyRootFilesystem', 'healthCheck']))
      : task.containerDefinitions,
  };
}

function byFamily(reference: TaskDefinitionReference, all: Candidates, document: DocumentContext): Candidate | undefined {
  const matching = all.byFamily(reference.family);
  if (matching.length === 0) return undefined;
  const revisionOf = (c: Candidate) => taskOf(c.subject)?.revision;
  const score = (c: Candidate) =>
    (reference.revision !== undefined && revisionOf(c) === reference.revision ? 1000 : 0) + closeness(c.uri, document.uri);
  return matching.reduce((best, c) => (score(c) > score(best) ? c : best));
}

/** The name a task-definition file has beside a service or AppSpec file of this name. */
function partnerNames(fileName: string, form: 'service' | 'appspec'): string[] {
  const lower = fileName.toLowerCase().replace(/\.(jsonc?|ya?ml)$/, '');
  if (form === 'appspec') {
    const rest = lower.replace(/^appspec/, '');
    return [`taskdef${rest}.json`, 'taskdef.json'];
  }
  return lower.includes('service') ? [`${lower.replace('service', 'task')}.json`] : [];
}

function byLayout(all: Candidates, document: DocumentContext, form: 'service' | 'appspec'): { found?: Candidate; why: string } {
  const folder = folderOf(document);
  if (!document.uri || folder === undefined) return { why: 'the document has no folder to look for a task definition in' };
  // Files that are task definitions, not templates holding some.
  const beside = all.inFolder(folder).filter((c) => c.model.kind === 'task-definition');
  if (beside.length === 0) return { why: 'no task-definition file lies in the same folder' };
  for (const name of partnerNames(document.fileName ?? basenameOf(document.uri), form)) {
    const named = beside.find((c) => basenameOf(c.uri!).toLowerCase() === name);
    if (named) return { found: named, why: '' };
  }
  if (beside.length === 1) return { found: beside[0], why: '' };
  return { why: `${beside.length} task-definition files lie in the same folder and none is named as its partner` };
}

function describeLayout(found: Candidate, form: 'service' | 'appspec', written: unknown): string {
  const name = basenameOf(found.uri!);
  if (form === 'appspec') {
    const placeholder = typeof written === 'string' && written !== '' ? ` and puts its ARN in place of ${written}` : '';
    return `${name} beside this AppSpec (CodePipeline registers it${placeholder})`;
  }
  return `${name} beside this service definition`;
}

function link(subject: Subject, view: ServiceView, model: Model, document: DocumentContext): LinkResult {
  const all = candidates(model, document);
  const make = (c: Candidate, by: LinkKind, how: string): LinkResult => ({
    link: { subject: c.subject, uri: c.uri, model: c.model, by, how },
    reference: parseTaskDefinitionReference(view.taskDefinition?.value),
  });
  if (subject.taskDefinitionResource) {
    const found = byResource(subject.taskDefinitionResource, all, document, subject);
    if (found === 'ambiguous') {
      return {
        why: `resource ${subject.taskDefinitionResource} takes different values under the template's conditions or parameters, and which of them this service runs is not known`,
      };
    }
    return found
      ? make(found, 'resource', `resource ${subject.taskDefinitionResource}`)
      : { why: `resource ${subject.taskDefinitionResource} is not among the task definitions found` };
  }
  const written = view.taskDefinition?.value;
  const reference = parseTaskDefinitionReference(written);
  if (reference) {
    const found = byFamily(reference, all, document);
    if (found) return make(found, 'family', `family ${reference.family}`);
    // A literal family names its task definition: the file beside it counts only when its own family is unknown.
    const layout = byLayout(all, document, view.form);
    if (layout.found && familyOf(layout.found.subject) === undefined) {
      return make(layout.found, 'layout', `${describeLayout(layout.found, view.form, undefined)}, whose family is not written out`);
    }
    return { reference, why: `no task definition of family ${reference.family} is in the workspace` };
  }
  if (written !== undefined && typeof written === 'string' && !isPlaceholder(written) && !/[<>{}$]/.test(written)) {
    return { why: `${JSON.stringify(written)} is not a task definition family, family:revision or ARN` };
  }
  const layout = byLayout(all, document, view.form);
  return layout.found ? make(layout.found, 'layout', describeLayout(layout.found, view.form, written)) : { why: layout.why };
}

// --- Caches: rules, hovers and the reverse lookup ask for the same links within one workspace version ------

const links = new PerAnalysisCache<LinkResult>();

function versionOf(workspace: WorkspaceView | undefined): number | undefined {
  return (workspace as { version?: number } | undefined)?.version;
}

/** The task definition a service or AppSpec subject runs, as far as the workspace tells. */
export function linkedTaskDefinition(subject: Subject, model: Model, document: DocumentContext): LinkResult {
  const view = serviceOf(subject);
  if (!view) return { why: 'not a service' };
  return links.get(subject.value, document.workspace, document.uri, () => link(subject, view, model, document));
}

export interface ServiceUse {
  /** The file of the service or AppSpec. */
  uri: string;
  subject: Subject;
  view: ServiceView;
}

const usesCache = new WeakMap<WorkspaceView, { version?: number; uses: { use: ServiceUse; link: TaskDefinitionLink }[] }>();

function allUses(workspace: WorkspaceView): { use: ServiceUse; link: TaskDefinitionLink }[] {
  const version = versionOf(workspace);
  const hit = usesCache.get(workspace);
  if (hit && hit.version === version && version !== undefined) return hit.uses;
  const uses: { use: ServiceUse; link: TaskDefinitionLink }[] = [];
  const subjects = workspaceSubjects(workspace);
  for (const { file, subject } of inFileOrder(subjects.ofKind('service'), subjects.ofKind('appspec'))) {
    const view = serviceOf(subject);
    const found = view && linkedTaskDefinition(subject, file.model, { uri: file.uri, workspace }).link;
    if (view && found) uses.push({ use: { uri: file.uri, subject, view }, link: found });
  }
  usesCache.set(workspace, { version, uses });
  return uses;
}

/** Two lists of subjects as one, in file order, then subject order. */
function inFileOrder(a: readonly SubjectEntry[], b: readonly SubjectEntry[]): SubjectEntry[] {
  if (a.length === 0 || b.length === 0) return [...a, ...b];
  const place = (e: SubjectEntry) => e.file.model.subjects.indexOf(e.subject);
  return [...a, ...b].sort((x, y) => x.order - y.order || place(x) - place(y));
}

/** The services and AppSpecs of the workspace that run this task-definition subject. */
export function servicesRunning(task: Subject, document: DocumentContext): ServiceUse[] {
  if (!document.workspace || !document.uri) return [];
  const uri = document.uri;
  const same = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length === b.length && a.every((s, i) => s === b[i]);
  return allUses(document.workspace)
    .filter(({ link: l }) => !!l.uri && sameUri(l.uri, uri) && same(l.subject.path, task.path))
    .map(({ use }) => use);
}
