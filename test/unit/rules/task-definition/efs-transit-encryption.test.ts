import { efsTransitEncryption } from '../../../../server/src/core/rules/task-definition/efs-transit-encryption';
import { ruleTester } from '../../../helpers/ruleTester';
import { fargateTask } from '../../../helpers/taskdefs';

const efs = (config: Record<string, unknown>) =>
  fargateTask(undefined, { volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', ...config } }] });
const at = ['volumes', 0, 'efsVolumeConfiguration'];

ruleTester(efsTransitEncryption, {
  valid: [
    { name: 'ENABLED', json: efs({ transitEncryption: 'ENABLED' }) },
    { name: 'no EFS volume', json: fargateTask(undefined, { volumes: [{ name: 'scratch' }] }) },
    { name: 'volumes empty (ECS default)', json: fargateTask(undefined, { volumes: [] }) },
    { name: 'efsVolumeConfiguration null', json: fargateTask(undefined, { volumes: [{ name: 'x', efsVolumeConfiguration: null }] }) },
  ],
  invalid: [
    {
      name: 'missing: reported on the configuration key, fixed by inserting it',
      json: efs({}),
      findings: [
        {
          path: at,
          severity: 'warning',
          message: 'EFS volume "shared" sends file data unencrypted',
          fix: { title: 'Set transitEncryption to "ENABLED"', output: efs({ transitEncryption: 'ENABLED' }) },
          target: 'key',
        },
      ],
    },
    {
      name: 'DISABLED: reported on the value',
      json: efs({ transitEncryption: 'DISABLED' }),
      findings: [
        {
          path: [...at, 'transitEncryption'],
          severity: 'warning',
          fix: { title: 'Set transitEncryption to "ENABLED"', output: efs({ transitEncryption: 'ENABLED' }) },
        },
      ],
    },
    {
      name: 'IAM authorization without transit encryption is an error',
      json: efs({ authorizationConfig: { iam: 'ENABLED' } }),
      findings: [
        {
          path: at,
          severity: 'error',
          message: 'uses IAM authorization (authorizationConfig.iam), which works only with "transitEncryption": "ENABLED"',
          target: 'key',
          fixes: ['Set transitEncryption to "ENABLED"'],
        },
      ],
    },
    {
      name: 'access point without transit encryption is an error',
      json: efs({ transitEncryption: 'DISABLED', authorizationConfig: { accessPointId: 'fsap-1234' } }),
      findings: [
        {
          path: [...at, 'transitEncryption'],
          severity: 'error',
          message: 'an access point',
          fixes: ['Set transitEncryption to "ENABLED"'],
        },
      ],
    },
  ],
});
