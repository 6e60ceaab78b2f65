// Completion of runtimePlatform values: the operating systems and CPU architectures Fargate runs come first.
import { type CompletionEntry, type CompletionProvider, valueEntry } from '../position';
import { isWindows, requiresFargate, taskOf } from './model';
import { CPU_ARCHITECTURES, OS_FAMILIES } from './platforms';

const WHERE = { yes: 'Fargate and EC2', no: 'EC2 only', undocumented: 'EC2; not documented for Fargate' } as const;

export const platformCompletion: CompletionProvider = {
  complete(context) {
    const path = context.relativePath;
    const task = taskOf(context.subject);
    if (!task || context.onKey || path.length !== 2 || path[0] !== 'runtimePlatform') return undefined;
    if (path[1] === 'operatingSystemFamily') {
      // Stable sort: the table's order within each group (LINUX first).
      const families = requiresFargate(task)
        ? [...OS_FAMILIES].sort((a, b) => Number(a.fargate !== 'yes') - Number(b.fargate !== 'yes'))
        : OS_FAMILIES;
      return families.map((f, i) => entry(f.name, WHERE[f.fargate], f.description, i));
    }
    if (path[1] === 'cpuArchitecture') {
      const windows = isWindows(task);
      return CPU_ARCHITECTURES.map((a, i) =>
        entry(
          a.name,
          a.name === 'ARM64' ? (windows ? 'Linux only: not for Windows' : 'Graviton, Linux only') : 'the default',
          a.description,
          i,
        ),
      );
    }
    return undefined;
  },
};

function entry(value: string, description: string, documentation: string, order: number): CompletionEntry {
  return { ...valueEntry(value, description, order, documentation), preselect: order === 0 };
}
