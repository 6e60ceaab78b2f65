// A container health check command is an array that starts with CMD (run the arguments directly) or
// CMD-SHELL (run one string with the container's shell).
import { isObject, isPlaceholder } from '../../json';
import type { Rule } from '../../rule';
import { LIMITS } from '../../taskdef/limits';
import { containersOf } from '../../taskdef/model';

const PREFIXES = LIMITS.healthCheck.commandPrefixes;

/** A command with a non-empty first string: one that someone has written. */
export function isWrittenCommand(command: unknown): command is [string, ...unknown[]] {
  return Array.isArray(command) && typeof command[0] === 'string' && command[0] !== '';
}

export const healthCheckCommand: Rule = {
  meta: {
    id: 'health-check-command',
    title: 'healthCheck.command must start with "CMD" or "CMD-SHELL"',
    defaultSeverity: 'warning',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    for (const container of containersOf(subject)) {
      const check = container.value.healthCheck;
      if (!isObject(check) || !Array.isArray(check.command)) continue;
      const [first] = check.command;
      // An empty command ([] or [""]) is a health check still to be written, as in a CLI skeleton.
      if (!isWrittenCommand(check.command) || isPlaceholder(first) || PREFIXES.includes(first)) continue;
      const path = [...container.path, 'healthCheck', 'command', 0];
      if (first === 'NONE') {
        report({
          path,
          message:
            '["NONE"] is how Docker turns off an image\'s health check, but ECS never runs image health checks and documents only CMD and CMD-SHELL here: remove the healthCheck instead.',
        });
        continue;
      }
      const glued = PREFIXES.find((p) => first.startsWith(`${p} `));
      report({
        path,
        message: glued
          ? `The first element must be exactly "${glued}", with the command in the next element: ["${glued}", ${JSON.stringify(first.slice(glued.length + 1))}]. As written, the runtime does not recognise the check type and the container never reports healthy.`
          : `The health check command starts with ${JSON.stringify(first)}; ECS expects "CMD" (run the arguments directly) or "CMD-SHELL" (run a string with the shell) first, e.g. ["CMD-SHELL", ${JSON.stringify(check.command.filter((c) => typeof c === 'string').join(' '))}].`,
      });
    }
  },
};
