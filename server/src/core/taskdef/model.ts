// Reading a task-definition subject: which launch types it targets, its OS, network mode, containers.
import { type JsonPath, isObject } from '../json';
import type { Subject } from '../model';

export interface ContainerRef {
  value: Record<string, unknown>;
  /** Relative to the subject. */
  path: JsonPath;
  name?: string;
}

/** The task-level object, or undefined for a bare container-definitions array. */
export function taskOf(subject: Subject): Record<string, unknown> | undefined {
  return subject.kind === 'task-definition' && isObject(subject.value) ? subject.value : undefined;
}

export function containersOf(subject: Subject): ContainerRef[] {
  const task = taskOf(subject);
  const list = task ? task.containerDefinitions : subject.kind === 'container-definitions' ? subject.value : undefined;
  const base: JsonPath = task ? ['containerDefinitions'] : [];
  if (!Array.isArray(list)) return [];
  const containers: ContainerRef[] = [];
  list.forEach((value, index) => {
    if (isObject(value)) containers.push({ value, path: [...base, index], name: typeof value.name === 'string' ? value.name : undefined });
  });
  return containers;
}

/** `requiresCompatibilities` contains FARGATE (even together with EC2). */
export function requiresFargate(task: Record<string, unknown> | undefined): boolean {
  const list = task?.requiresCompatibilities;
  return Array.isArray(list) && list.some((c) => typeof c === 'string' && c.toUpperCase() === 'FARGATE');
}

export function isWindows(task: Record<string, unknown> | undefined): boolean {
  const platform = task?.runtimePlatform;
  return isObject(platform) && typeof platform.operatingSystemFamily === 'string' && platform.operatingSystemFamily.startsWith('WINDOWS');
}

/** The network mode ECS will use: a missing networkMode means bridge. */
export function effectiveNetworkMode(task: Record<string, unknown> | undefined): string | undefined {
  if (!task) return undefined;
  const mode = task.networkMode;
  if (mode === undefined || mode === null) return 'bridge';
  return typeof mode === 'string' ? mode : undefined;
}
