// Small readers over container definitions shared by the general task-definition rules: the lists a
// container holds (tolerating null and wrong types), essential-ness, and whole-number fields.
import { type JsonPath, isObject, isPlaceholder } from '../json';
import type { Subject } from '../model';
import { type ContainerRef, containersOf, isWindows, taskOf } from './model';

export interface Item {
  value: Record<string, unknown>;
  /** Relative to the subject. */
  path: JsonPath;
  index: number;
}

/** The object elements of `owner[key]` when it is an array; null, missing or wrong types give none. */
export function objectItems(owner: Record<string, unknown>, ownerPath: JsonPath, key: string): Item[] {
  const list = owner[key];
  if (!Array.isArray(list)) return [];
  const items: Item[] = [];
  list.forEach((value, index) => {
    if (isObject(value)) items.push({ value, path: [...ownerPath, key, index], index });
  });
  return items;
}

/** `essential` defaults to true; only an explicit false (or the string "false", as CloudFormation allows) turns it off. */
export function isEssential(container: Record<string, unknown>): boolean {
  const essential = container.essential;
  return !(essential === false || (typeof essential === 'string' && essential.toLowerCase() === 'false'));
}

/** A whole number, or undefined for anything else (null, strings, placeholders). */
export function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** A non-empty string that is not a template placeholder. */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !isPlaceholder(value) ? value : undefined;
}

/**
 * The list (`owner[key]`, or `owner` itself without a key) has no unknown value where an element or an
 * element's name should be, so the names read from it are all the names: a reference to another name is
 * then really unknown. A template may leave a whole list, one element or one name unknown.
 */
export function namesAreKnown(owner: unknown, key?: string): boolean {
  const list = key === undefined ? owner : isObject(owner) ? owner[key] : undefined;
  if (isPlaceholder(list)) return false;
  return !Array.isArray(list) || list.every((e) => !isPlaceholder(e) && !(isObject(e) && isPlaceholder(e.name)));
}

/** Every container of the subject is known, with its name (see namesAreKnown). */
export function containerNamesKnown(subject: Subject): boolean {
  const task = taskOf(subject);
  return task ? namesAreKnown(task, 'containerDefinitions') : namesAreKnown(subject.value);
}

/** Containers by name (the first of each name), for rules that follow references between containers. */
export function containersByName(subject: Subject): Map<string, ContainerRef> {
  const byName = new Map<string, ContainerRef>();
  for (const container of containersOf(subject)) {
    if (container.name !== undefined && !byName.has(container.name)) byName.set(container.name, container);
  }
  return byName;
}

/** Windows containers: from runtimePlatform, or (for EC2 files without it) from a Windows base image. */
export function isWindowsContainer(subject: Subject, container: Record<string, unknown>): boolean {
  if (isWindows(taskOf(subject))) return true;
  const image = container.image;
  return typeof image === 'string' && /windows|nanoserver|servercore|microsoft\/iis/i.test(image);
}

/** Text with template syntax (`{{x}}`, `${x}`, `$X`, `<x>`) is filled in later and not judged. */
export function isTemplated(text: string): boolean {
  return isPlaceholder(text) || text.includes('$') || /<[^<>]+>/.test(text);
}

/** ARN fields written as stand-ins: XXXXXXXXXXXX, ACCOUNT_ID, REGION, 11111111111. */
export function isPlaceholderField(field: string): boolean {
  return /^(?:[xX*#?]+|(\d)\1+|[A-Z][A-Z0-9_]*|[a-z_-]*(?:account|region)[a-z_-]*)$/.test(field);
}

/** Every object in `container[key]` of every container, with its container (e.g. all dependsOn entries). */
export function containerItems(subject: Subject, key: string): { container: ContainerRef; item: Item }[] {
  return containersOf(subject).flatMap((container) =>
    objectItems(container.value, container.path, key).map((item) => ({ container, item })),
  );
}
