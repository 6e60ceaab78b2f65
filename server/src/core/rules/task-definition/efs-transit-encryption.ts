// EFS traffic between the task and the file system is unencrypted unless transitEncryption is ENABLED;
// IAM authorization and access points need it.
import { set } from '../../model';
import { isObject } from '../../json';
import type { Rule } from '../../rule';
import { objectItems } from '../../taskdef/containers';
import { taskOf } from '../../taskdef/model';

interface EfsFixData {
  /** The volume, relative to the subject. */
  volumePath: (string | number)[];
}

export const efsTransitEncryption: Rule<EfsFixData> = {
  meta: {
    id: 'efs-transit-encryption',
    title: 'EFS volumes should set transitEncryption: ENABLED (required with IAM authorization or an access point)',
    defaultSeverity: 'warning',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task) return;
    for (const volume of objectItems(task, [], 'volumes')) {
      const efs = volume.value.efsVolumeConfiguration;
      if (!isObject(efs) || efs.transitEncryption === 'ENABLED') continue;
      const auth = isObject(efs.authorizationConfig) ? efs.authorizationConfig : {};
      const needs =
        auth.iam === 'ENABLED'
          ? 'IAM authorization (authorizationConfig.iam)'
          : typeof auth.accessPointId === 'string' && auth.accessPointId !== ''
            ? 'an access point'
            : undefined;
      const written = efs.transitEncryption !== undefined && efs.transitEncryption !== null;
      const name = typeof volume.value.name === 'string' ? `"${volume.value.name}"` : 'This EFS volume';
      report({
        path: [...volume.path, 'efsVolumeConfiguration', ...(written ? ['transitEncryption'] : [])],
        target: written ? 'value' : 'key',
        severity: needs ? 'error' : undefined,
        message: needs
          ? `EFS volume ${name} uses ${needs}, which works only with "transitEncryption": "ENABLED"; ECS rejects it otherwise.`
          : `EFS volume ${name} sends file data unencrypted between the task and EFS. Set "transitEncryption": "ENABLED" (TLS; the default is DISABLED).`,
        data: { volumePath: volume.path },
      });
    }
  },
  fix({ subjectPath, data: d }) {
    if (!d) return [];
    return [
      {
        title: 'Set transitEncryption to "ENABLED"',
        isPreferred: true,
        edits: [set([...subjectPath, ...d.volumePath, 'efsVolumeConfiguration', 'transitEncryption'], 'ENABLED')],
      },
    ];
  },
};
