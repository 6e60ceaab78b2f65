// Hardening: a container whose root file system is read-only cannot be modified by an intruder (no
// dropped binaries, no edited configuration); it writes only to the volumes it mounts.
import type { Rule } from '../../rule';
import { isWindowsContainer } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';

export const readonlyRootFilesystem: Rule = {
  meta: {
    id: 'readonly-root-filesystem',
    title: 'Containers should set readonlyRootFilesystem: true (hardening)',
    defaultSeverity: 'hint',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    for (const container of containersOf(subject)) {
      // An explicit false is a decision (some images must write to /); only a missing or null field is reported.
      if (container.value.readonlyRootFilesystem !== undefined && container.value.readonlyRootFilesystem !== null) continue;
      if (isWindowsContainer(subject, container.value)) continue;
      const label = container.name ? `Container "${container.name}"` : 'This container';
      report({
        path: [...container.path, container.value.name === undefined ? 'image' : 'name'],
        message: `${label} can write to its root file system: set "readonlyRootFilesystem": true (with a volume where it must write) so a compromised process cannot change its files, or false to keep it writable.`,
      });
    }
  },
};
