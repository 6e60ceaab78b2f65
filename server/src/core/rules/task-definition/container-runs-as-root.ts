// Hardening: without `user`, a container runs as the image's user, which is root for most images.
import type { Rule } from '../../rule';
import { isWindowsContainer } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';

export const containerRunsAsRoot: Rule = {
  meta: {
    id: 'container-runs-as-root',
    title: 'Containers without `user` usually run as root',
    defaultSeverity: 'hint',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    for (const container of containersOf(subject)) {
      const user = container.value.user;
      if (user !== undefined && user !== null && user !== '') continue;
      if (isWindowsContainer(subject, container.value)) continue;
      const label = container.name ? `Container "${container.name}"` : 'This container';
      report({
        path: [...container.path, container.value.name === undefined ? 'image' : 'name'],
        message: `${label} sets no "user", so it runs as the image's user, root for most images: set a non-root "user" such as "1000:1000" if the image allows it.`,
      });
    }
  },
};
