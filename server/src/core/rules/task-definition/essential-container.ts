// Every task needs at least one essential container: when it stops, the task stops.
import { set } from '../../model';
import type { JsonPath } from '../../json';
import type { Rule } from '../../rule';
import { containerNamesKnown, isEssential } from '../../taskdef/containers';
import { containersOf, taskOf } from '../../taskdef/model';

interface EssentialData {
  /** Relative to the subject: the first container, which the fix makes essential. */
  containerPath: JsonPath;
  name?: string;
}

export const essentialContainer: Rule<EssentialData> = {
  meta: {
    id: 'essential-container',
    title: 'At least one container must be essential',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    const list = task ? task.containerDefinitions : subject.value;
    if (!Array.isArray(list)) return;
    const listPath: JsonPath = task ? ['containerDefinitions'] : [];
    if (list.length === 0) {
      report({
        path: listPath,
        message: 'The task definition has no containers; ECS needs at least one, and at least one of them essential.',
      });
      return;
    }
    const containers = containersOf(subject);
    // An unknown container (or an unknown "essential") may be the essential one.
    if (containers.length === 0 || containers.some((c) => isEssential(c.value)) || !containerNamesKnown(subject)) return;
    const first = containers[0];
    const data: EssentialData = { containerPath: first.path, name: first.name };
    report({
      path: task ? listPath : [...first.path, 'essential'],
      target: task ? 'key' : 'value',
      message: `Every container sets "essential": false, but ECS requires at least one essential container (the task runs as long as its essential containers do).`,
      data,
    });
  },
  fix({ subjectPath, data: d }) {
    if (!d) return [];
    const label = d.name ? `"${d.name}"` : 'the first container';
    return [
      {
        title: `Make ${label} essential`,
        isPreferred: true,
        edits: [set([...subjectPath, ...d.containerPath, 'essential'], true)],
      },
    ];
  },
};
