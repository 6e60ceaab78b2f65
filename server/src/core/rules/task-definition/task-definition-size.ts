// A registered task definition is at most 64 KiB (a service quota that cannot be raised).
import type { Rule } from '../../rule';
import { LIMITS } from '../../taskdef/limits';
import { taskOf } from '../../taskdef/model';
import { DESCRIBE_ONLY_FIELDS } from './describe-only-field';

const DROPPED = new Set<string>(DESCRIBE_ONLY_FIELDS);
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * The size in bytes (UTF-8) of the task definition as minified JSON, without describe-only fields.
 * @internal Exported for tests.
 */
export function registeredSize(task: Record<string, unknown>): number {
  const kept = Object.fromEntries(Object.entries(task).filter(([key]) => !DROPPED.has(key)));
  const text = JSON.stringify(kept);
  // JSON.stringify escapes lone surrogates, so text of ASCII characters only is one byte per character.
  return NOT_ASCII.test(text) ? new TextEncoder().encode(text).length : text.length;
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
