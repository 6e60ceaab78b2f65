// A registered task definition is at most 64 KiB (a service quota that cannot be raised).
import type { Rule } from '../../rule';
import { LIMITS } from '../../taskdef/limits';
import { taskOf } from '../../taskdef/model';
import { DESCRIBE_ONLY_FIELDS } from './describe-only-field';

const DROPPED = new Set<string>(DESCRIBE_ONLY_FIELDS);

/**
 * The size in bytes (UTF-8) of the task definition as minified JSON, without describe-only fields: what
 * `JSON.stringify` would write, counted in one walk over the model without writing it (a 64 KiB task
 * definition made a 64 KiB string on every edit).
 * @internal Exported for tests.
 */
export function registeredSize(task: Record<string, unknown>): number {
  return objectSize(task, DROPPED);
}

/** Bytes of `JSON.stringify(record)` without the members named in `skip`. */
function objectSize(record: Record<string, unknown>, skip?: ReadonlySet<string>): number {
  let size = 2;
  let first = true;
  for (const key of Object.keys(record)) {
    if (skip?.has(key)) continue;
    const member = valueSize(record[key]);
    if (member === undefined) continue;
    size += (first ? 0 : 1) + stringSize(key) + 1 + member;
    first = false;
  }
  return size;
}

/** Bytes of `JSON.stringify(value)`; undefined where it writes nothing (undefined, a function: a skipped member). */
function valueSize(value: unknown): number | undefined {
  switch (typeof value) {
    case 'string':
      return stringSize(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object': {
      if (value === null) return 4;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return textBytes(JSON.stringify(value));
      if (Array.isArray(value)) {
        let size = value.length > 0 ? value.length + 1 : 2;
        for (let i = 0; i < value.length; i++) size += valueSize(value[i]) ?? 4;
        return size;
      }
      return objectSize(value as Record<string, unknown>);
    }
    default:
      // A bigint: JSON.stringify throws, as before.
      return textBytes(JSON.stringify(value));
  }
}

/** Bytes of a string as JSON writes it, quotes included. */
function stringSize(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Only printable ASCII but `"` and `\` is written as it is, one byte each.
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return textBytes(JSON.stringify(text));
  }
  return text.length + 2;
}

/** UTF-8 bytes of JSON text (JSON.stringify escapes lone surrogates, so ASCII text is one byte per character). */
function textBytes(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return new TextEncoder().encode(text).length;
  return text.length;
}

export const taskDefinitionSize: Rule = {
  meta: {
    id: 'task-definition-size',
    title: 'A task definition is at most 64 KiB',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task) return;
    const size = registeredSize(task);
    const max = LIMITS.maxTaskDefinitionBytes;
    if (size <= max) return;
    const kib = (size / 1024).toFixed(1);
    report({
      path: ['containerDefinitions'],
      target: 'key',
      message: `This task definition is ${size} bytes (${kib} KiB) as minified JSON; ECS accepts at most ${max} bytes (${max / 1024} KiB), a quota AWS does not raise. Move large values (long commands, inline configuration) to files, SSM parameters or environment files.`,
    });
  },
};
