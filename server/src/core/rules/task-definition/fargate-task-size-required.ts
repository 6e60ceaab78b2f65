// Fargate needs the task size (task-level cpu and memory); on EC2 they are optional.
import { set } from '../../model';
import { isObject } from '../../json';
import type { Rule } from '../../rule';
import { type OsFamily, type SizeRow, formatGb, formatVcpu, parseCpu, parseMemory, rowForCpu, rowsFor } from '../../taskdef/fargate-sizes';
import { containersOf, isWindows, requiresFargate, taskOf } from '../../taskdef/model';

interface TaskSizeFixData {
  missing: ('cpu' | 'memory')[];
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

export const fargateTaskSizeRequired: Rule<TaskSizeFixData> = {
  meta: {
    id: 'fargate-task-size-required',
    title: 'Fargate requires task-level cpu and memory',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task || !requiresFargate(task)) return;
    const missing = (['cpu', 'memory'] as const).filter((key) => isMissing(task[key]));
    if (missing.length === 0) return;
    const names = missing.map((m) => `'${m}'`).join(' and ');
    report({
      path: ['requiresCompatibilities'],
      target: 'key',
      message: `Fargate requires that ${names} be defined at the task level: together they pick the task size, one of the cpu/memory pairs Fargate offers. Container-level values do not count.`,
      data: { missing },
    });
  },
  fix({ subject, subjectPath, data: d }) {
    const task = subject.value;
    if (!d || !Array.isArray(d.missing) || !isObject(task)) return [];
    const size = smallestSize(task);
    const values = { cpu: String(size.cpu), memory: String(size.memory) };
    const parts = d.missing.map((m) => `${m} "${values[m]}"`).join(' and ');
    const why = size.fits
      ? `the smallest ${isWindows(task) ? 'Windows ' : ''}size that fits the containers`
      : 'the largest size; the containers ask for more';
    return [
      {
        title: `Add ${parts} (${formatVcpu(size.cpu)}, ${formatGb(size.memory)}: ${why})`,
        isPreferred: true,
        edits: d.missing.map((m) => set([...subjectPath, m], values[m])),
      },
    ].filter((f) => f.edits.length > 0);
  },
};

interface ChosenSize {
  cpu: number;
  memory: number;
  /** False when no Fargate size holds what the containers declare. */
  fits: boolean;
}

/**
 * The smallest Fargate size that keeps what the task already says (a valid cpu, or a memory value) and
 * holds the containers' declared cpu and memory (memory, else memoryReservation), summed.
 * @internal Exported for tests.
 */
export function smallestSize(task: Record<string, unknown>): ChosenSize {
  const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
  let cpuSum = 0;
  let memorySum = 0;
  for (const { value } of containersOf({ kind: 'task-definition', path: [], value: task })) {
    if (typeof value.cpu === 'number' && value.cpu > 0) cpuSum += value.cpu;
    const memory = typeof value.memory === 'number' ? value.memory : value.memoryReservation;
    if (typeof memory === 'number' && memory > 0) memorySum += memory;
  }
  const givenCpu = parseCpu(task.cpu);
  const givenMemory = parseMemory(task.memory);
  const fixedRow = givenCpu === undefined ? undefined : rowForCpu(givenCpu, os);
  const rows: SizeRow[] = fixedRow ? [fixedRow] : rowsFor(os).filter((r) => !r.limitedAvailability);
  for (const row of rows) {
    if (row.cpu < cpuSum && !fixedRow) continue;
    if (givenMemory !== undefined && !fixedRow) {
      if (row.memory.includes(givenMemory)) return { cpu: row.cpu, memory: givenMemory, fits: givenMemory >= memorySum };
      continue;
    }
    const memory = row.memory.find((m) => m >= memorySum);
    if (memory !== undefined) return { cpu: row.cpu, memory, fits: row.cpu >= cpuSum };
  }
  const largest = rows[rows.length - 1];
  if (givenMemory !== undefined && !fixedRow) {
    // No row takes that memory with enough cpu: keep the memory as written and let fargate-cpu-memory speak.
    const row = rows.find((r) => r.cpu >= cpuSum) ?? largest;
    return { cpu: row.cpu, memory: givenMemory, fits: false };
  }
  return { cpu: largest.cpu, memory: largest.memory[largest.memory.length - 1], fits: false };
}
