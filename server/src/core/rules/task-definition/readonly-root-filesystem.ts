// Hardening: a container whose root file system is read-only cannot be modified by an intruder (no
// dropped binaries, no edited configuration); it writes only to the volumes it mounts. ECS Exec is the
// exception: its SSM agent writes into the root file system, so where a service in the workspace runs this
// task definition with enableExecuteCommand, the hint says to keep it writable instead.
import type { Rule } from '../../rule';
import { servicesRunning } from '../../ecs-service/link';
import { isWindowsContainer } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';
import { basenameOf } from '../../uris';

export const readonlyRootFilesystem: Rule = {
  meta: {
    id: 'readonly-root-filesystem',
    title: 'Containers should set readonlyRootFilesystem: true (hardening)',
    defaultSeverity: 'hint',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, document, report }) {
    const exec =
      subject.kind === 'task-definition'
        ? servicesRunning(subject, document).find((s) => s.view.enableExecuteCommand?.value === true)
        : undefined;
    for (const container of containersOf(subject)) {
      // An explicit false is a decision (some images must write to /); only a missing or null field is reported.
      if (container.value.readonlyRootFilesystem !== undefined && container.value.readonlyRootFilesystem !== null) continue;
      if (isWindowsContainer(subject, container.value)) continue;
      const label = container.name ? `Container "${container.name}"` : 'This container';
      if (exec) {
        const service = exec.view.name ? `service ${exec.view.name}` : 'the service';
        report({
          path: [...container.path, container.value.name === undefined ? 'image' : 'name'],
          message: `${label} keeps a writable root file system, which ECS Exec needs: ${service} (${basenameOf(exec.uri)}) turns on execute command, and its SSM agent writes into the root file system. Leave readonlyRootFilesystem unset or false while ECS Exec is on.`,
          related: [
            {
              file: exec.uri,
              path: [...exec.subject.path, ...exec.view.enableExecuteCommand!.path],
              message: 'ECS Exec is turned on here',
            },
          ],
        });
        continue;
      }
      report({
        path: [...container.path, container.value.name === undefined ? 'image' : 'name'],
        message: `${label} can write to its root file system: set "readonlyRootFilesystem": true (with a volume where it must write) so a compromised process cannot change its files, or false to keep it writable.`,
      });
    }
  },
};
