// Log drivers and their options (facts/log-drivers.json), and the log configurations of a subject.
import table from '../facts/log-drivers.json';
import { type JsonPath, isObject, isPlaceholder } from '../json';
import type { Subject } from '../model';
import { containersOf } from './model';
import { regionHint } from './region';

export interface LogDriverInfo {
  name: string;
  fargate: boolean;
  description: string;
}

export interface LogOptionInfo {
  name: string;
  description: string;
  required?: 'always' | 'fargate';
  status: 'documented' | 'unverified' | 'docker' | 'plugin';
  values?: string[];
  /** Read like Go's strconv.ParseBool (Docker does). */
  boolean?: boolean;
  exclusiveWith?: string;
}

export const LOG_DRIVERS: readonly LogDriverInfo[] = table.drivers;
export const FARGATE_LOG_DRIVERS: readonly string[] = LOG_DRIVERS.filter((d) => d.fargate).map((d) => d.name);

const COMMON_OPTIONS = table.commonOptions as LogOptionInfo[];
const DRIVER_OPTIONS = table.options as Record<string, LogOptionInfo[]>;

export function logDriver(name: unknown): LogDriverInfo | undefined {
  return LOG_DRIVERS.find((d) => d.name === name);
}

/** The options we know for a driver (its own, then those every driver takes); none for unknown drivers. */
export function logOptions(driver: unknown): LogOptionInfo[] {
  if (typeof driver !== 'string' || !Object.hasOwn(DRIVER_OPTIONS, driver)) return [];
  return [...DRIVER_OPTIONS[driver], ...COMMON_OPTIONS];
}

export function logOption(driver: unknown, name: string): LogOptionInfo | undefined {
  return logOptions(driver).find((o) => o.name === name);
}

/** Values Go's strconv.ParseBool accepts, which is how Docker reads boolean log options. */
const PARSE_BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

export function isDockerBoolean(value: string): boolean {
  return PARSE_BOOL.has(value);
}

export interface LogConfigurationRef {
  /** Relative to the subject: the logConfiguration object. */
  path: JsonPath;
  value: Record<string, unknown>;
  container: string;
}

export function logConfigurationsOf(subject: Subject): LogConfigurationRef[] {
  return containersOf(subject).flatMap((c, i) => {
    const value = c.value.logConfiguration;
    return isObject(value) ? [{ path: [...c.path, 'logConfiguration'], value, container: c.name ?? `#${i + 1}` }] : [];
  });
}

/** Is `path` (relative to the subject) inside a container definition, and where does the container start? */
export function containerPrefixLength(subject: Subject, path: JsonPath): number | undefined {
  if (subject.kind === 'task-definition') return path[0] === 'containerDefinitions' && typeof path[1] === 'number' ? 2 : undefined;
  if (subject.kind === 'container-definitions') return typeof path[0] === 'number' ? 1 : undefined;
  return undefined;
}

/** Placeholder Region written when nothing in the file names one. */
const DEFAULT_REGION = 'us-east-1';

export interface AwslogsDefaults {
  'awslogs-group': string;
  'awslogs-region': string;
  'awslogs-stream-prefix': string;
  /** The Region is DEFAULT_REGION because the file names none: the user must check it. */
  placeholderRegion: boolean;
}

/**
 * Sensible values for the required awslogs options: the group "/ecs/<family>" (or the container's name),
 * the Region the file already points at, and the stream prefix "ecs".
 */
export function awslogsDefaults(subject: unknown, container: unknown): AwslogsDefaults {
  const named = (value: unknown) => (typeof value === 'string' && value && !isPlaceholder(value) ? value : undefined);
  const family = isObject(subject) ? named(subject.family) : undefined;
  const name = family ?? (isObject(container) ? named(container.name) : undefined) ?? 'app';
  const hint = regionHint(subject);
  return {
    'awslogs-group': `/ecs/${name}`,
    'awslogs-region': hint?.region ?? DEFAULT_REGION,
    'awslogs-stream-prefix': 'ecs',
    placeholderRegion: !hint,
  };
}
