// What the CLI says about cost: one record per task definition (in --format json and SARIF), the
// `--cost` table, and the `--cost --base REF` comparison as Markdown for a pull-request comment.
import type { JsonPath } from '../core/json';
import { sanitizeMessage } from '../core/messages';
import type { SubjectPricing } from '../core/taskdef/cost-assist';
import { formatGb, formatVcpu } from '../core/taskdef/fargate-sizes';
import { HOURS_PER_MONTH, PRICES_AS_OF, formatUsd } from '../core/taskdef/pricing';

/** One task definition's size and price, as --format json and SARIF carry it. */
export interface TaskCostRecord {
  /** The task definition's path in the file (`[]`, or `["taskDefinition"]` for describe output). */
  path: JsonPath;
  family?: string;
  /** CPU units and MiB. */
  cpu?: number;
  memory?: number;
  size?: string;
  platform?: string;
  region?: string;
  regionReason?: string;
  /** GB of ephemeral storage billed above the 20 GB included. */
  extraStorageGb?: number;
  hourlyUsd?: number;
  /** On demand, 730 hours; null when the task definition has no price (the note says why). */
  monthlyUsd: number | null;
  note?: string;
}

export function costRecord({ subjectPath, name, pricing }: SubjectPricing): TaskCostRecord {
  // The family and the note quote the file: escaped here, once, for the table, the comparison, JSON and SARIF.
  const base = { path: subjectPath, ...(name ? { family: sanitizeMessage(name) } : {}) };
  const cost = pricing.cost;
  if (!cost) return { ...base, monthlyUsd: null, note: pricing.reason === undefined ? undefined : sanitizeMessage(pricing.reason) };
  return {
    ...base,
    cpu: cost.cpu,
    memory: cost.memory,
    size: sizeText(cost.cpu, cost.memory),
    platform: cost.context.platform,
    region: cost.context.region,
    regionReason: cost.context.regionReason,
    ...(cost.context.extraStorageGb ? { extraStorageGb: cost.context.extraStorageGb } : {}),
    hourlyUsd: Number(cost.hourly.toFixed(6)),
    monthlyUsd: cost.monthly,
  };
}

const sizeText = (cpu: number, memory: number) => `${formatVcpu(cpu)} / ${formatGb(memory)}`;

export interface FileCosts {
  /** How the file is shown: relative to the working folder, or to the repository for --base. */
  file: string;
  records: TaskCostRecord[];
}

const priced = (records: TaskCostRecord[]) => records.filter((r) => r.monthlyUsd !== null);
const sum = (records: TaskCostRecord[]) => priced(records).reduce((total, r) => total + (r.monthlyUsd ?? 0), 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `fargate-lint --cost`: a plain table, one line per task definition, and the total. */
export function formatCostTable(files: FileCosts[]): string {
  const records = files.flatMap((f) => f.records);
  const rows = files.flatMap(({ file, records: own }) =>
    own.map((r) => ({
      cells: [sanitizeMessage(file), r.family ?? '', r.size ?? '—', r.platform ?? '—', r.region ?? '—'],
      price: r.monthlyUsd === null ? (r.note ?? 'not priced').replace(/^Not priced: /, 'not priced: ') : formatUsd(r.monthlyUsd),
    })),
  );
  const header = ['file', 'task definition', 'size', 'platform', 'Region'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row.cells[i].length)));
  const total = formatUsd(sum(records));
  const priceWidth = Math.max('USD/month'.length, total.length, ...rows.map((row) => (/^\d/.test(row.price) ? row.price.length : 0)));
  const left = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  const right = (price: string) => (/^\d/.test(price) ? price.padStart(priceWidth) : price);
  const pricedCount = priced(records).length;
  const label = `total (${plural(records.length, 'task definition')}${pricedCount < records.length ? `, ${pricedCount} priced` : ''})`;
  const leftWidth = widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
  return [
    `Fargate cost on demand, ${HOURS_PER_MONTH} hours a month, prices of ${PRICES_AS_OF}`,
    '',
    `${left(header)}  ${'USD/month'.padStart(priceWidth)}`,
    ...rows.map((row) => `${left(row.cells)}  ${right(row.price)}`.trimEnd()),
    `${label.padEnd(leftWidth)}  ${total.padStart(priceWidth)}`,
    '',
    'Not included: Savings Plans, Fargate Spot, load balancers, NAT gateways, data transfer.',
  ].join('\n');
}

const cell = (text: string) => text.replace(/[|\\`\r\n]/g, (c) => (c === '|' ? '\\|' : c === '`' ? "'" : ' '));
const signed = (amount: number) => `${amount > 0.004 ? '+' : amount < -0.004 ? '−' : '±'}${formatUsd(Math.abs(amount))} USD`;
const money = (r: TaskCostRecord | undefined) => (!r ? '—' : r.monthlyUsd === null ? 'not priced' : `${formatUsd(r.monthlyUsd)} USD`);

function describeSize(before: TaskCostRecord | undefined, after: TaskCostRecord | undefined): string {
  const where = (r: TaskCostRecord) => (r.platform ? ` (${r.platform}, ${r.region})` : '');
  if (!before && after) return `new: ${after.size ?? 'not priced'}${where(after)}`;
  if (before && !after) return `removed: ${before.size ?? 'not priced'}${where(before)}`;
  const b = before!;
  const a = after!;
  const was = b.size ?? 'not priced';
  const now = a.size ?? 'not priced';
  return `${was === now && b.platform === a.platform && b.region === a.region ? now : `${was}${where(b)} → ${now}`}${where(a)}`;
}

/** `fargate-lint --cost --base REF`: the change per task definition and in total, as Markdown. */
export function formatCostComparison(baseName: string, base: FileCosts[], head: FileCosts[]): string {
  const key = (file: string, r: TaskCostRecord) => `${file}\u0000${JSON.stringify(r.path)}`;
  const pairs = new Map<string, { file: string; before?: TaskCostRecord; after?: TaskCostRecord }>();
  for (const { file, records } of base) for (const r of records) pairs.set(key(file, r), { file, before: r });
  for (const { file, records } of head) {
    for (const r of records) {
      const entry = pairs.get(key(file, r)) ?? { file };
      pairs.set(key(file, r), { ...entry, after: r });
    }
  }
  const sorted = [...pairs.values()].sort((x, y) => x.file.localeCompare(y.file));
  const lines = [
    `### Fargate cost: \`${cell(baseName)}\` → this change`,
    '',
    `On demand, ${HOURS_PER_MONTH} hours a month, prices of ${PRICES_AS_OF}. Not included: Savings Plans, Fargate Spot, load balancers, NAT gateways, data transfer.`,
    '',
  ];
  if (sorted.length === 0) return [...lines, 'No task definitions in the paths checked.'].join('\n');
  lines.push('| task definition | size | before | after | change |', '|---|---|---:|---:|---:|');
  for (const { file, before, after } of sorted) {
    const name = (after ?? before)!.family;
    const change = (after?.monthlyUsd ?? 0) - (before?.monthlyUsd ?? 0);
    lines.push(
      `| \`${cell(sanitizeMessage(file))}\`${name ? ` ${cell(name)}` : ''} | ${cell(describeSize(before, after))} | ${money(before)} | ${money(after)} | ${signed(change)} |`,
    );
  }
  const before = sum(base.flatMap((f) => f.records));
  const after = sum(head.flatMap((f) => f.records));
  lines.push(`| **total** | | **${formatUsd(before)} USD** | **${formatUsd(after)} USD** | **${signed(after - before)}** |`);
  const unpriced = sorted.filter((p) => [p.before, p.after].some((r) => r && r.monthlyUsd === null));
  if (unpriced.length)
    lines.push('', `${plural(unpriced.length, 'task definition')} without a price (an unknown or invalid size) count as 0.`);
  return lines.join('\n');
}
