// Task-level cpu and memory must form one of the Fargate task sizes.
import { isObject, isPlaceholder, valueText } from '../../json';
import { set } from '../../model';
import type { Fix, Rule } from '../../rule';
import {
  type OsFamily,
  type SizeRow,
  formatGb,
  formatVcpu,
  nearestMemory,
  parseCpu,
  parseMemory,
  rowForCpu,
  rowsFor,
  rowsForMemory,
} from '../../taskdef/fargate-sizes';
import { isWindows, requiresFargate, taskOf } from '../../taskdef/model';
import { costsEnabled, monthlyLabel, priceSize, pricingContext } from '../../taskdef/pricing';

interface CpuMemoryData {
  cpu?: number;
  memory?: number;
  os: OsFamily;
  /** Whether the file writes cpu/memory as numbers (CloudFormation style) rather than strings. */
  numeric: boolean;
}

const list = (values: number[]) => values.join(', ');

export const fargateCpuMemory: Rule<CpuMemoryData> = {
  meta: {
    id: 'fargate-cpu-memory',
    title: 'Task cpu and memory must be a Fargate task size',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task || !requiresFargate(task)) return;
    const { cpu: cpuText, memory: memoryText } = task;
    if (cpuText === undefined || cpuText === null || memoryText === undefined || memoryText === null) return;
    if (isPlaceholder(cpuText) || isPlaceholder(memoryText)) return;

    const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
    const cpu = parseCpu(cpuText);
    const memory = parseMemory(memoryText);
    const data: CpuMemoryData = { cpu, memory, os, numeric: typeof cpuText === 'number' };
    const validCpus = rowsFor(os).map((r) => r.cpu);

    if (cpu === undefined) {
      report({
        path: ['cpu'],
        message: `cpu ${valueText(cpuText)} is not a CPU value: write CPU units such as "1024" or vCPUs such as "1 vCPU". Fargate accepts ${list(validCpus)}.`,
        data,
      });
      return;
    }
    const row = rowForCpu(cpu, os);
    if (!row) {
      const windowsOnly = os === 'WINDOWS' && rowForCpu(cpu, 'LINUX');
      const reason = windowsOnly
        ? `Windows containers on Fargate need at least 1 vCPU and at most 4 vCPU: cpu must be ${list(validCpus)}.`
        : `Fargate task cpu must be one of ${list(validCpus)}${os === 'WINDOWS' ? ' for Windows' : ''}.`;
      report({ path: ['cpu'], message: `cpu ${cpu} (${formatVcpu(cpu)}) is not a Fargate size. ${reason}`, data });
      return;
    }
    if (memory === undefined) {
      report({
        path: ['memory'],
        message: `memory ${valueText(memoryText)} is not a memory value: write MiB such as "2048" or GB such as "2 GB". For cpu ${cpu} Fargate accepts ${list(row.memory)}.`,
        data,
      });
      return;
    }
    if (!row.memory.includes(memory)) {
      const others = rowsForMemory(memory, os).map((r) => r.cpu);
      const alternative = others.length ? ` Memory ${memory} needs cpu ${list(others)}.` : ` No Fargate size has memory ${memory}.`;
      report({
        path: ['memory'],
        message: `Fargate has no task size with cpu ${cpu} (${formatVcpu(cpu)}) and memory ${memory} (${formatGb(memory)}). For cpu ${cpu} memory must be one of ${list(row.memory)}.${alternative}`,
        data,
      });
      return;
    }
    if (row.limitedAvailability) {
      report({
        path: ['cpu'],
        severity: 'information',
        message: `${formatVcpu(cpu)} with ${formatGb(memory)} is a documented Fargate size, but check that your Region offers it: ${row.limitedAvailability}`,
      });
    }
  },
  fix({ subject, subjectPath, data: d, cost }) {
    if (!d) return [];
    const write = (n: number) => (d.numeric ? n : String(n));
    // The nearest valid sizes, each with what it costs, cheapest first.
    const candidates: { title: string; cpu: number; memory: number; setCpu: boolean; setMemory: boolean; preferred: boolean }[] = [];
    const row = d.cpu === undefined ? undefined : rowForCpu(d.cpu, d.os);
    if (row && d.memory !== undefined) {
      const memory = nearestMemory(row, d.memory);
      candidates.push({
        title: `Set memory to ${memory} (${formatGb(memory)}), the nearest size for cpu ${row.cpu}`,
        cpu: row.cpu,
        memory,
        setCpu: false,
        setMemory: true,
        preferred: true,
      });
    }
    if (d.memory !== undefined) {
      const smallest = rowsForMemory(d.memory, d.os)[0];
      if (smallest) {
        candidates.push({
          title: `Set cpu to ${smallest.cpu} (${formatVcpu(smallest.cpu)}), the smallest that allows memory ${d.memory}`,
          cpu: smallest.cpu,
          memory: d.memory,
          setCpu: true,
          setMemory: false,
          preferred: candidates.length === 0,
        });
      }
    }
    if (!row && d.cpu !== undefined && candidates.length === 0) {
      const nearest = nearestRow(d.cpu, d.os);
      const memory = d.memory === undefined ? nearest.memory[0] : nearestMemory(nearest, d.memory);
      candidates.push({
        title: `Set cpu to ${nearest.cpu} and memory to ${memory} (${formatVcpu(nearest.cpu)}, ${formatGb(memory)})`,
        cpu: nearest.cpu,
        memory,
        setCpu: true,
        setMemory: true,
        preferred: true,
      });
    }
    const task = subject.value;
    const context = isObject(task) ? pricingContext(task, cost) : undefined;
    const priced = candidates.map((c) => ({ ...c, monthly: context ? priceSize(context, c.cpu, c.memory).monthly : 0 }));
    priced.sort((a, b) => a.monthly - b.monthly);
    const fixes: Fix[] = priced.map((c) => ({
      title: context && costsEnabled(cost) ? `${c.title} (${monthlyLabel(c.monthly)})` : c.title,
      isPreferred: c.preferred,
      edits: [
        ...(c.setCpu ? [set([...subjectPath, 'cpu'], write(c.cpu))] : []),
        ...(c.setMemory ? [set([...subjectPath, 'memory'], write(c.memory))] : []),
      ],
    }));
    return fixes.filter((f) => f.edits.length > 0);
  },
};

function nearestRow(cpu: number, os: OsFamily): SizeRow {
  const rows = rowsFor(os);
  return rows.reduce((best, r) => (Math.abs(r.cpu - cpu) < Math.abs(best.cpu - cpu) ? r : best), rows[0]);
}
