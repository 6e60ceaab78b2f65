// Which Windows versions Fargate runs (2019 and 2022, Full or Core), and that Windows there means X86_64.
import { set } from '../../model';
import { isObject } from '../../json';
import type { Rule } from '../../rule';
import { isWindows, requiresFargate, taskOf } from '../../taskdef/model';
import { osFamily } from '../../taskdef/platforms';

interface WindowsPlatformFixData {
  field: 'operatingSystemFamily' | 'cpuArchitecture';
  value: string;
}

export const fargateWindowsPlatform: Rule<WindowsPlatformFixData> = {
  meta: {
    id: 'fargate-windows-platform',
    title: 'Windows on Fargate: only Windows Server 2019/2022 (Full or Core), on X86_64',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    const platform = task?.runtimePlatform;
    if (!requiresFargate(task) || !isObject(platform)) return;
    const family = osFamily(platform.operatingSystemFamily);
    if (family && family.fargate !== 'yes') {
      const undocumented = family.fargate === 'undocumented';
      report({
        path: ['runtimePlatform', 'operatingSystemFamily'],
        severity: undocumented ? 'warning' : undefined,
        message: undocumented
          ? `Fargate documents Windows Server 2019 and 2022 (Full or Core) only; ${family.name} is offered for EC2 and not documented for Fargate. Check before relying on it.`
          : `Fargate runs Windows Server 2019 and 2022 (Full or Core) only, not ${family.name}: that version runs on EC2 container instances.`,
        data: family.replacement ? { field: 'operatingSystemFamily', value: family.replacement } : undefined,
      });
    }
    const architecture = platform.cpuArchitecture;
    if (isWindows(task) && typeof architecture === 'string' && architecture.toUpperCase() === 'ARM64') {
      report({
        path: ['runtimePlatform', 'cpuArchitecture'],
        message: 'Windows containers on Fargate run on X86_64 only; ARM64 (Graviton) is for Linux tasks.',
        data: { field: 'cpuArchitecture', value: 'X86_64' },
      });
    }
  },
  fix({ subjectPath, data: d }) {
    if (!d || (d.field !== 'operatingSystemFamily' && d.field !== 'cpuArchitecture') || typeof d.value !== 'string') return [];
    return [
      {
        title: `Set ${d.field} to ${JSON.stringify(d.value)}`,
        isPreferred: true,
        edits: [set([...subjectPath, 'runtimePlatform', d.field], d.value)],
      },
    ].filter((f) => f.edits.length > 0);
  },
};
