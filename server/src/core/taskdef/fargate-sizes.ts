// The Fargate task-size table (facts/fargate-sizes.json) and the string forms of cpu and memory.
import table from '../facts/fargate-sizes.json';

export type OsFamily = 'LINUX' | 'WINDOWS';

export interface SizeRow {
  cpu: number;
  memory: number[];
  os: OsFamily[];
  platformVersion?: string;
  limitedAvailability?: string;
}

interface RawRow {
  cpu: number;
  memory: { values?: number[]; from?: number; to?: number; step?: number };
  os: string[];
  platformVersion?: string;
  limitedAvailability?: string;
}

const SIZE_ROWS: readonly SizeRow[] = (table.rows as RawRow[]).map((row) => ({
  cpu: row.cpu,
  memory: row.memory.values ?? range(row.memory.from!, row.memory.to!, row.memory.step!),
  os: row.os as OsFamily[],
  platformVersion: row.platformVersion,
  limitedAvailability: row.limitedAvailability,
}));

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

export function rowsFor(os: OsFamily): SizeRow[] {
  return SIZE_ROWS.filter((row) => row.os.includes(os));
}

export function rowForCpu(cpu: number, os: OsFamily): SizeRow | undefined {
  return rowsFor(os).find((row) => row.cpu === cpu);
}

/** Rows whose memory list contains `memory`, smallest cpu first. */
export function rowsForMemory(memory: number, os: OsFamily): SizeRow[] {
  return rowsFor(os).filter((row) => row.memory.includes(memory));
}

/**
 * Task-level cpu as CPU units. The API takes "1024", "1 vCPU", "1 vcpu", ".25 vcpu" (any spacing and case);
 * CloudFormation-style numbers are accepted too. Returns undefined when the text is not a cpu value.
 */
export function parseCpu(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const vcpu = /^(\d*\.?\d+)\s*vcpu$/i.exec(text);
  return vcpu ? Math.round(Number(vcpu[1]) * 1024) : undefined;
}

/** Task-level memory in MiB: "2048", "2GB", "2 GB", "0.5GB", or a number. */
export function parseMemory(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const gb = /^(\d*\.?\d+)\s*gb$/i.exec(text);
  return gb ? Math.round(Number(gb[1]) * 1024) : undefined;
}

export function formatVcpu(cpu: number): string {
  return `${trimNumber(cpu / 1024)} vCPU`;
}

export function formatGb(memory: number): string {
  return `${trimNumber(memory / 1024)} GB`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** The memory value of `row` closest to `memory` (the lower one on a tie). */
export function nearestMemory(row: SizeRow, memory: number): number {
  return row.memory.reduce((best, m) => (Math.abs(m - memory) < Math.abs(best - memory) ? m : best), row.memory[0]);
}
