// The containers' own cpu and memory fit a cheaper Fargate size than the task's: say which, and what it saves.
import { isPlaceholder } from '../../json';
import { type Subject, set } from '../../model';
import type { Rule } from '../../rule';
import { type OsFamily, formatGb, formatVcpu, parseCpu, rowsFor } from '../../taskdef/fargate-sizes';
import { containersOf, isWindows, requiresFargate, taskOf } from '../../taskdef/model';
import { type PricingContext, costsEnabled, formatUsd, monthlyLabel, priceSize, priceTask } from '../../taskdef/pricing';

interface RightSizeData {
  cpu: number;
  memory: number;
  /** Whether the file writes cpu/memory as numbers (CloudFormation style) rather than strings. */
  numeric: boolean;
  /** The monthly price of the new size, for the fix title. */
  monthly: number;
}

/** A container's cpu or memory as a positive whole number (0 and anything unreadable are "not set"). */
function amount(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * What the containers need: the sum of their cpu, and the sum of the larger of memory (hard limit) and
 * memoryReservation (soft limit) of each. Undefined when any container leaves cpu or both memory values out.
 */
function containerNeeds(task: Record<string, unknown>, subject: Subject): { cpu: number; memory: number } | undefined {
  const containers = containersOf(subject);
  if (containers.length === 0 || !Array.isArray(task.containerDefinitions) || containers.length !== task.containerDefinitions.length) {
    return undefined;
  }
  let cpu = 0;
  let memory = 0;
  for (const { value } of containers) {
    const c = amount(value.cpu);
    const hard = amount(value.memory);
    const soft = amount(value.memoryReservation);
    if (c === undefined || (hard === undefined && soft === undefined)) return undefined;
    cpu += c;
    memory += Math.max(hard ?? 0, soft ?? 0);
  }
  return { cpu, memory };
}

/** The cheapest Fargate size with at least `cpu` units and `memory` MiB (sizes not offered everywhere left out). */
function cheapestFit(cpu: number, memory: number, os: OsFamily, context: PricingContext) {
  let best: { cpu: number; memory: number; monthly: number } | undefined;
  for (const row of rowsFor(os)) {
    if (row.cpu < cpu || row.limitedAvailability) continue;
    const fit = row.memory.find((m) => m >= memory);
    if (fit === undefined) continue;
    const { monthly } = priceSize(context, row.cpu, fit);
    if (!best || monthly < best.monthly) best = { cpu: row.cpu, memory: fit, monthly };
  }
  return best;
}

const size = (cpu: number, memory: number) => `${formatVcpu(cpu)} / ${formatGb(memory)}`;

export const fargateRightSize: Rule<RightSizeData> = {
  meta: {
    id: 'fargate-right-size',
    title: "The containers' cpu and memory fit a smaller Fargate size than the task's",
    defaultSeverity: 'hint',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report, cost }) {
    const task = taskOf(subject);
    if (!task || !requiresFargate(task) || isPlaceholder(task.cpu) || isPlaceholder(task.memory)) return;
    const current = priceTask(task, cost).cost;
    if (!current) return;
    const needs = containerNeeds(task, subject);
    if (!needs) return;
    const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
    const fit = cheapestFit(needs.cpu, needs.memory, os, current.context);
    // A cent is below what the price table can tell apart.
    if (!fit || current.monthly - fit.monthly < 0.01) return;
    const saving = costsEnabled(cost)
      ? `, ${formatUsd(current.monthly - fit.monthly)} USD per month less (${current.context.region}, on-demand)`
      : '';
    report({
      path: fit.cpu !== parseCpu(task.cpu) ? ['cpu'] : ['memory'],
      message: `The containers reserve ${needs.cpu} CPU units and ${needs.memory} MiB in all: they fit in ${size(fit.cpu, fit.memory)}, smaller than this task's ${size(current.cpu, current.memory)}${saving}. The task size is what Fargate bills, used or not.`,
      data: { cpu: fit.cpu, memory: fit.memory, numeric: typeof task.cpu === 'number', monthly: fit.monthly },
    });
  },
  fix({ subjectPath, data: d, cost }) {
    if (!d || typeof d.cpu !== 'number' || typeof d.memory !== 'number') return [];
    const write = (n: number) => (d.numeric ? n : String(n));
    const price = costsEnabled(cost) && typeof d.monthly === 'number' ? ` (${monthlyLabel(d.monthly)})` : '';
    const edits = [set([...subjectPath, 'cpu'], write(d.cpu)), set([...subjectPath, 'memory'], write(d.memory))];
    // Not safe for Fix all: a smaller task is a decision about the application, not a repair.
    return [{ title: `Set cpu to ${d.cpu} and memory to ${d.memory}, the smallest size that fits the containers${price}`, edits }];
  },
};
