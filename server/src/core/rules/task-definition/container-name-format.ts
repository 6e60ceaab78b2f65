// Container names: up to 255 letters, digits, underscores and hyphens.
import type { Rule } from '../../rule';
import { literalString } from '../../taskdef/containers';
import { NAME_PATTERN } from '../../taskdef/limits';
import { containersOf } from '../../taskdef/model';

export function nameProblem(name: string): string {
  if (name.length > 255) return `is ${name.length} characters long (at most 255)`;
  const bad = [...new Set(name.replace(/[A-Za-z0-9_-]/g, ''))].map((c) => JSON.stringify(c)).join(', ');
  return `contains ${bad}; only letters, digits, "_" and "-" are allowed`;
}

export const containerNameFormat: Rule = {
  meta: {
    id: 'container-name-format',
    title: 'Container names have up to 255 letters, digits, underscores and hyphens',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    for (const container of containersOf(subject)) {
      // An empty name is a field still to fill in (the GitHub deploy action drops empty strings); the schema
      // reports a missing name.
      const text = literalString(container.value.name);
      if (text === undefined || NAME_PATTERN.test(text)) continue;
      report({ path: [...container.path, 'name'], message: `The container name "${text}" ${nameProblem(text)}.` });
    }
  },
};
