// The family names the task definition; its revisions share it. Same character rules as container names.
import type { Rule } from '../../rule';
import { literalString } from '../../taskdef/containers';
import { NAME_PATTERN } from '../../taskdef/limits';
import { taskOf } from '../../taskdef/model';
import { nameProblem } from './container-name-format';

export const familyNameFormat: Rule = {
  meta: {
    id: 'family-name-format',
    title: 'The family has up to 255 letters, digits, underscores and hyphens',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task) return;
    const family = literalString(task.family);
    if (family === undefined || NAME_PATTERN.test(family)) return;
    report({ path: ['family'], message: `The family "${family}" ${nameProblem(family)}.` });
  },
};
