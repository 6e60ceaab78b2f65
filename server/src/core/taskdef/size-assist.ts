// Hover and completion for the task size (cpu, memory) and networkMode, from the Fargate size table.
import { scalarText, valueText } from '../json';
import { type CompletionEntry, type CompletionProvider, type HoverProvider, type PositionContext, valueEntry } from '../position';
import { type OsFamily, formatGb, formatVcpu, parseCpu, parseMemory, rowForCpu, rowsFor } from './fargate-sizes';
import { costMarkdown } from './cost-assist';
import { isWindows, requiresFargate, taskOf } from './model';

const SIZE_KEYS = new Set(['cpu', 'memory']);

/** The cursor is on task-level cpu/memory/networkMode (key or value), not inside a container. */
function taskLevelKey(context: PositionContext): string | undefined {
  if (context.subject.kind !== 'task-definition' || context.relativePath.length !== 1) return undefined;
  const key = context.relativePath[0];
  return typeof key === 'string' ? key : undefined;
}

export const sizeHover: HoverProvider = {
  hover(context) {
    const key = taskLevelKey(context);
    const task = taskOf(context.subject);
    if (!task || !key) return undefined;
    if (SIZE_KEYS.has(key)) {
      const cost = costMarkdown(task, context.cost);
      const combinations = combinationsMarkdown(context);
      return [combinations, sizeTableMarkdown(task), cost].filter(Boolean).join('\n\n---\n\n');
    }
    if (key === 'networkMode') return NETWORK_MODE_MARKDOWN;
    return undefined;
  },
};

function sizeTableMarkdown(task: Record<string, unknown>): string {
  const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
  const cpu = parseCpu(task.cpu);
  const memory = parseMemory(task.memory);
  const row = cpu === undefined ? undefined : rowForCpu(cpu, os);
  const lines: string[] = [];
  lines.push(`**Fargate task sizes${os === 'WINDOWS' ? ' (Windows)' : ''}**`, '');
  if (cpu !== undefined && memory !== undefined) {
    const valid = row?.memory.includes(memory);
    lines.push(
      `This task asks for **${formatVcpu(cpu)}** (${cpu} CPU units) and **${formatGb(memory)}** (${memory} MiB): ${valid ? 'a valid Fargate size' : 'not a Fargate size'}.`,
      '',
    );
  }
  if (row) {
    lines.push(`Memory values for cpu ${row.cpu}: ${row.memory.join(', ')} MiB.`, '');
  }
  lines.push('| cpu | vCPU | memory (MiB) | memory (GB) |', '|---:|---:|---|---|');
  for (const r of rowsFor(os)) {
    const mark = (text: string) => (row && r.cpu === row.cpu ? `**${text}**` : text);
    const mib =
      r.memory.length > 4 ? `${r.memory[0]}–${r.memory[r.memory.length - 1]} (steps of ${r.memory[1] - r.memory[0]})` : r.memory.join(', ');
    const gb =
      r.memory.length > 4 ? `${formatGb(r.memory[0])}–${formatGb(r.memory[r.memory.length - 1])}` : r.memory.map(formatGb).join(', ');
    lines.push(
      `| ${mark(String(r.cpu))}${row && r.cpu === row.cpu ? ' ◀' : ''} | ${mark(formatVcpu(r.cpu))} | ${mark(mib)} | ${mark(gb)} |`,
    );
  }
  lines.push('');
  if (os === 'WINDOWS') {
    lines.push('Windows containers on Fargate take only the 1, 2 and 4 vCPU sizes.');
  } else {
    lines.push('8 and 16 vCPU need Linux platform version 1.4.0 or later. 32 vCPU is documented but not yet offered in every Region.');
  }
  lines.push(
    '',
    'cpu is written as CPU units (`"1024"`) or vCPU (`"1 vCPU"`); memory as MiB (`"2048"`) or GB (`"2 GB"`). ECS stores both as CPU units and MiB.',
  );
  return lines.join('\n');
}

const MAX_COMBINATION_ROWS = 16;

/**
 * For a task definition whose size depends on choices (a template's conditions, parameters with
 * AllowedValues): which combinations give which cpu and memory, and whether Fargate takes them.
 */
function combinationsMarkdown(context: PositionContext): string | undefined {
  const subject = context.subject;
  if (!subject.variant) return undefined;
  const variants = context.model.subjects.filter(
    (s) => s.kind === subject.kind && s.variant && JSON.stringify(s.path) === JSON.stringify(subject.path),
  );
  const points = Object.keys(subject.variant.choices);
  const label = (point: string) => subject.variant?.labels?.[point] ?? point;
  const lines = [
    `**Combinations**: this task definition's values depend on ${points.map(label).join(', ')}.`,
    '',
    `| ${points.map(label).join(' | ')} | cpu | memory | Fargate |`,
    `|${points.map(() => '---|').join('')}---:|---:|---|`,
  ];
  for (const variant of variants.slice(0, MAX_COMBINATION_ROWS)) {
    const task = taskOf(variant) ?? {};
    const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
    const cpu = parseCpu(task.cpu);
    const memory = parseMemory(task.memory);
    const verdict = !requiresFargate(task)
      ? 'not Fargate'
      : cpu === undefined || memory === undefined
        ? 'unknown'
        : rowForCpu(cpu, os)?.memory.includes(memory)
          ? '✓ valid'
          : '✗ not a size';
    const cell = (value: unknown) => (value === undefined ? '—' : (scalarText(value) ?? valueText(value)));
    lines.push(
      `| ${points.map((p) => variant.variant?.choices[p] ?? '').join(' | ')} | ${cell(task.cpu)} | ${cell(task.memory)} | ${verdict} |`,
    );
  }
  if (variants.length > MAX_COMBINATION_ROWS) lines.push('', `… and ${variants.length - MAX_COMBINATION_ROWS} more combinations.`);
  return lines.join('\n');
}

const NETWORK_MODE_MARKDOWN = [
  '**networkMode** — how the containers of a task reach the network.',
  '',
  '- `awsvpc`: every task gets its own elastic network interface (ENI) with a private IP address in your VPC, and security groups apply per task. **Fargate requires it**: a Fargate task has no host of yours to share a network with.',
  "- `bridge` (the default when the field is missing): Docker's virtual network on an EC2 instance.",
  "- `host`: containers use the EC2 instance's network directly.",
  '- `none`: no external networking.',
  '',
  'With `awsvpc`, `hostPort` must be left out or equal `containerPort`, and a service or RunTask call needs a network configuration (subnets, security groups).',
].join('\n');

export const sizeCompletion: CompletionProvider = {
  complete(context) {
    const key = taskLevelKey(context);
    const task = taskOf(context.subject);
    if (!task || !key || context.onKey) return undefined;
    if (key === 'memory') return memoryEntries(task);
    if (key === 'cpu') return cpuEntries(task);
    if (key === 'networkMode') return networkModeEntries(task);
    return undefined;
  },
};

function memoryEntries(task: Record<string, unknown>): CompletionEntry[] | undefined {
  const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
  const cpu = parseCpu(task.cpu);
  const row = cpu === undefined ? undefined : rowForCpu(cpu, os);
  if (!row) {
    // Without a valid cpu, every Fargate memory value is a candidate.
    if (!requiresFargate(task) && cpu !== undefined) return undefined;
    const all = [...new Set(rowsFor(os).flatMap((r) => r.memory))].sort((a, b) => a - b);
    return all.map((m, i) => valueEntry(String(m), formatGb(m), i));
  }
  return row.memory.map((m, i) => valueEntry(String(m), formatGb(m), i, `Valid with cpu ${row.cpu} (${formatVcpu(row.cpu)}).`));
}

function cpuEntries(task: Record<string, unknown>): CompletionEntry[] {
  const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
  const memory = parseMemory(task.memory);
  return rowsFor(os).map((row, i) => {
    const fits = memory !== undefined && row.memory.includes(memory);
    const entry = valueEntry(
      String(row.cpu),
      `${formatVcpu(row.cpu)}${fits ? ` ✓ ${formatGb(memory)}` : ''}`,
      i,
      `Memory for this size: ${row.memory.join(', ')} MiB.`,
    );
    return {
      ...entry,
      preselect:
        fits &&
        !rowsFor(os)
          .slice(0, i)
          .some((r) => r.memory.includes(memory)),
    };
  });
}

const NETWORK_MODES = [
  ['awsvpc', 'Own network interface per task; required on Fargate'],
  ['bridge', "Docker's virtual network (EC2 only); the default"],
  ['host', "The EC2 instance's network (EC2 only)"],
  ['none', 'No external networking (EC2 only)'],
] as const;

function networkModeEntries(task: Record<string, unknown>): CompletionEntry[] {
  const fargate = requiresFargate(task);
  return NETWORK_MODES.map(([mode, description], i) => {
    const note = fargate && mode !== 'awsvpc' ? `${description} — not allowed on Fargate` : description;
    return { ...valueEntry(mode, note, i), preselect: mode === 'awsvpc' && fargate };
  });
}
