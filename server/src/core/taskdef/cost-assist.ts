// What a task size costs, for the size hover, the code lens above cpu and the CLI: computed on the model
// (the task-definition subject), addressed by model path; the service turns paths into ranges.
import type { Subject } from '../model';
import type { JsonPath } from '../json';
import { formatGb, formatVcpu } from './fargate-sizes';
import { taskOf } from './model';
import {
  type CostOptions,
  HOURS_PER_MONTH,
  PRICES_AS_OF,
  SPOT_DISCOUNT,
  type TaskCost,
  type TaskPricing,
  armPrice,
  costsEnabled,
  formatRate,
  formatUsd,
  monthlyLabel,
  perMonth,
  priceTask,
  spotRange,
} from './pricing';

const usd = (amount: number) => `${formatUsd(amount)} USD`;
const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** The cost part of the hover on task-level cpu and memory (markdown), or undefined when costs are off. */
export function costMarkdown(task: Record<string, unknown>, options: CostOptions | undefined): string | undefined {
  if (!costsEnabled(options)) return undefined;
  const pricing = priceTask(task, options);
  if (!pricing.cost) return pricing.notFargate ? undefined : `**Cost**: ${pricing.reason}`;
  return costLines(pricing.cost).join('\n');
}

function costLines(cost: TaskCost): string[] {
  const { context } = cost;
  const vcpu = formatVcpu(cost.cpu);
  const lines = [
    `**Cost: ${formatRate(cost.hourly)} USD per hour, ${usd(cost.monthly)} per month** on demand, ${context.platform} in **${context.region}** (${context.regionReason}).`,
    '',
    `- ${vcpu} × ${formatRate(context.rates.vcpuHour)} + ${formatGb(cost.memory)} × ${formatRate(context.rates.gbHour)} USD per hour`,
  ];
  if (cost.licenceHourly > 0) lines.push(`- Windows licence fee: ${vcpu} × ${formatRate(context.rates.licenceVcpuHour ?? 0)} USD per hour`);
  if (context.extraStorageGb > 0) {
    lines.push(
      `- Ephemeral storage: ${context.extraStorageGb} GB above the 20 GB included × ${formatRate(context.storageGbHour)} USD per hour = ${usd(perMonth(cost.storageHourly))} per month`,
    );
  }
  const assumed = cost.assumedFargate ? '`requiresCompatibilities` is not set: priced as if run on Fargate' : undefined;
  for (const note of [context.platformNote, context.storageNote, assumed]) if (note) lines.push(`- ${note}.`);
  if (context.platform === 'LINUX/X86_64') {
    const arm = armPrice(context, cost.cpu, cost.memory);
    if (arm) {
      const saving = cost.monthly - arm.monthly;
      lines.push(
        `- ARM64 (Graviton): ${usd(arm.monthly)} per month, ${usd(saving)} (${percent(saving / cost.monthly)}) less, with \`"runtimePlatform": { "cpuArchitecture": "ARM64" }\`; the images must be built for arm64 (linux/arm64 or multi-arch).`,
      );
    }
  }
  const spot = spotRange(context, cost);
  lines.push(
    spot
      ? `- Fargate Spot: about ${formatUsd(spot.low)}–${usd(spot.high)} per month (${percent(SPOT_DISCOUNT.from)}–${percent(SPOT_DISCOUNT.to)} less; the price moves, and AWS can stop the task at two minutes' notice).`
      : '- Fargate Spot does not run Windows tasks.',
    '- Not included: Savings Plans (they lower the price), load balancers, NAT gateways, data transfer.',
    '',
    `Prices of ${PRICES_AS_OF} (\`fargate-pricing.json\`). A month is ${HOURS_PER_MONTH} hours; Fargate bills per second, with a one-minute minimum.`,
  );
  return lines;
}

/** The price of each task definition of a document, by subject: for the code lens and the CLI. */
export interface SubjectPricing {
  subjectPath: JsonPath;
  /** The family, or the resource address once other sources name one. */
  name?: string;
  pricing: TaskPricing;
}

export function subjectPricings(subjects: readonly Subject[], options: CostOptions | undefined): SubjectPricing[] {
  if (!costsEnabled(options)) return [];
  const result: SubjectPricing[] = [];
  for (const subject of subjects) {
    const task = taskOf(subject);
    if (!task) continue;
    const name = typeof task.family === 'string' ? task.family : subject.name;
    result.push({ subjectPath: subject.path, name, pricing: priceTask(task, options) });
  }
  return result;
}

/** A code lens as core sees it: the model path it stands above, and its text. */
export interface LensEntry {
  path: JsonPath;
  title: string;
}

/** "≈ $36.04/month (us-east-1, on-demand)" above the task-level cpu of every priced task definition. */
export function costLenses(subjects: readonly Subject[], options: CostOptions | undefined): LensEntry[] {
  return subjectPricings(subjects, options).flatMap(({ subjectPath, pricing }) =>
    pricing.cost
      ? [{ path: [...subjectPath, 'cpu'], title: `${monthlyLabel(pricing.cost.monthly)} (${pricing.cost.context.region}, on-demand)` }]
      : [],
  );
}
