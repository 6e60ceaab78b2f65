// What a Fargate task size costs, from the price table (facts/fargate-pricing.json). It reads the model
// only (task-level cpu, memory, runtimePlatform, ephemeralStorage, and a Region the task names), so every
// source (JSON, CloudFormation, Terraform) gets the same figures.
import table from '../facts/fargate-pricing.json';
import { isObject, isPlaceholder } from '../json';
import { type OsFamily, formatGb, formatVcpu, parseCpu, parseMemory, rowForCpu } from './fargate-sizes';
import { effectiveNetworkMode, isWindows, requiresFargate } from './model';
import { regionHint } from './region';

type Platform = 'LINUX/X86_64' | 'LINUX/ARM64' | 'WINDOWS/X86_64';

/** How prices are shown: the cost settings (`fargateLint.cost.*`, or the CLI's options). */
export interface CostOptions {
  /** false: no prices in hover, code lens, CLI output and messages. Default true. */
  enabled?: boolean;
  /** The Region to price in when the task definition names none. Default us-east-1. */
  region?: string;
  /** Where `region` was set, for the hover ("fargateLint.cost.region", "--cost-region"). */
  regionSource?: string;
}

interface Rates {
  vcpuHour: number;
  gbHour: number;
  licenceVcpuHour?: number;
}

type RegionPrices = { name: string; storageGbHour?: number } & Partial<Record<Platform, Rates>>;

const REGIONS = table.regions as Record<string, RegionPrices>;
export const HOURS_PER_MONTH = table.hoursPerMonth;
export const PRICES_AS_OF = table.asOf;
const DEFAULT_REGION = table.defaultRegion;
const INCLUDED_STORAGE_GB = table.includedStorageGb;
export const SPOT_DISCOUNT = { from: table.spot.discountFrom, to: table.spot.discountTo };

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isRegionName(value: unknown): value is string {
  return typeof value === 'string' && REGION_NAME.test(value);
}

export function costsEnabled(options: CostOptions | undefined): boolean {
  return options?.enabled !== false;
}

/** Where a task runs and what its storage adds: everything a price needs besides cpu and memory. */
export interface PricingContext {
  platform: Platform;
  /** Set when part of runtimePlatform is not known and the default was assumed. */
  platformNote?: string;
  region: string;
  /** Why this Region: "from awslogs-region", "default us-east-1", "eu-west-3 has no price in the table: shown for us-east-1". */
  regionReason: string;
  rates: Rates;
  /** GB of ephemeral storage above the 20 GB every task gets. */
  extraStorageGb: number;
  storageGbHour: number;
  /** Set when ephemeralStorage is not known and 20 GB was assumed. */
  storageNote?: string;
}

/** The platform ECS runs the task on: runtimePlatform, Linux/X86_64 by default. */
function platformOf(task: Record<string, unknown>): { platform: Platform; note?: string } {
  if (isWindows(task)) return { platform: 'WINDOWS/X86_64' };
  const runtime = task.runtimePlatform;
  const arch = isObject(runtime) ? runtime.cpuArchitecture : undefined;
  const os = isObject(runtime) ? runtime.operatingSystemFamily : undefined;
  if (arch === 'ARM64') return { platform: 'LINUX/ARM64' };
  if (isPlaceholder(arch) || isPlaceholder(os)) {
    return { platform: 'LINUX/X86_64', note: '`runtimePlatform` is not known here: priced as LINUX/X86_64' };
  }
  return { platform: 'LINUX/X86_64' };
}

function storageOf(task: Record<string, unknown>): { extraGb: number; note?: string } {
  const storage = task.ephemeralStorage;
  const size = isObject(storage) ? storage.sizeInGiB : undefined;
  if (size === undefined || size === null) return { extraGb: 0 };
  if (typeof size === 'number' && Number.isInteger(size) && size > INCLUDED_STORAGE_GB && size <= 200) {
    return { extraGb: size - INCLUDED_STORAGE_GB };
  }
  if (isPlaceholder(size)) return { extraGb: 0, note: '`ephemeralStorage` is not known here: priced with the 20 GB included' };
  return { extraGb: 0 };
}

const PLATFORM_WORDS: Record<Platform, string> = { 'LINUX/X86_64': 'Linux', 'LINUX/ARM64': 'Linux/ARM64', 'WINDOWS/X86_64': 'Windows' };

/** What the table lacks for pricing in `region`, or undefined when it has everything. */
function missingIn(region: string, platform: Platform, needsStorage: boolean): string | undefined {
  const prices = REGIONS[region];
  if (!prices) return 'price';
  if (!prices[platform]) return `${PLATFORM_WORDS[platform]} price`;
  if (needsStorage && prices.storageGbHour === undefined) return 'ephemeral-storage price';
  return undefined;
}

const HINT_REASONS: Record<string, string> = {
  'awslogs-region': 'from awslogs-region',
  'ECR image': 'from the ECR image',
  ARN: 'from an ARN in the task definition',
};

function chooseRegion(task: Record<string, unknown>, platform: Platform, needsStorage: boolean, options: CostOptions) {
  const candidates: { region: string; reason: string }[] = [];
  const hint = regionHint(task);
  if (hint) candidates.push({ region: hint.region, reason: HINT_REASONS[hint.from] ?? `from ${hint.from}` });
  if (isRegionName(options.region) && options.region !== DEFAULT_REGION) {
    candidates.push({ region: options.region, reason: `default ${options.region}, from ${options.regionSource ?? 'the settings'}` });
  }
  candidates.push({ region: DEFAULT_REGION, reason: `default ${DEFAULT_REGION}` });
  const chosen = candidates.find((c) => !missingIn(c.region, platform, needsStorage)) ?? candidates[candidates.length - 1];
  const first = candidates[0];
  if (chosen === first) return chosen;
  return {
    region: chosen.region,
    reason: `${first.region} has no ${missingIn(first.region, platform, needsStorage)} in the table: shown for ${chosen.region}`,
  };
}

/** The platform, Region and storage of a task definition, for pricing any size of it. */
export function pricingContext(task: Record<string, unknown>, options: CostOptions = {}): PricingContext {
  const { platform, note } = platformOf(task);
  const storage = storageOf(task);
  const { region, reason } = chooseRegion(task, platform, storage.extraGb > 0, options);
  const prices = REGIONS[region];
  return {
    platform,
    platformNote: note,
    region,
    regionReason: reason,
    rates: prices[platform] ?? REGIONS[DEFAULT_REGION][platform]!,
    extraStorageGb: storage.extraGb,
    storageGbHour: prices.storageGbHour ?? 0,
    storageNote: storage.note,
  };
}

export interface SizePrice {
  /** USD per hour, by part, and in all; USD per month. */
  vcpuHourly: number;
  memoryHourly: number;
  licenceHourly: number;
  storageHourly: number;
  hourly: number;
  monthly: number;
}

/** What `cpu` units and `memory` MiB cost in `context` (its platform, Region and storage). */
export function priceSize(context: PricingContext, cpu: number, memory: number, rates: Rates = context.rates): SizePrice {
  const vcpuHourly = (cpu / 1024) * rates.vcpuHour;
  const memoryHourly = (memory / 1024) * rates.gbHour;
  const licenceHourly = (cpu / 1024) * (rates.licenceVcpuHour ?? 0);
  const storageHourly = context.extraStorageGb * context.storageGbHour;
  const hourly = vcpuHourly + memoryHourly + licenceHourly + storageHourly;
  return { vcpuHourly, memoryHourly, licenceHourly, storageHourly, hourly, monthly: perMonth(hourly) };
}

/** USD per month of 730 hours, rounded to the cent (half up, free of floating-point noise). */
export function perMonth(hourly: number): number {
  return roundCents(hourly * HOURS_PER_MONTH);
}

function roundCents(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12))) / 100;
}

/** A price the same task would have on Linux/ARM64 in the same Region, when the table has one. */
export function armPrice(context: PricingContext, cpu: number, memory: number): SizePrice | undefined {
  const rates = REGIONS[context.region]?.['LINUX/ARM64'];
  return rates ? priceSize(context, cpu, memory, rates) : undefined;
}

/** Fargate Spot, as a monthly range: the discount applies to vCPU and memory; Windows has no Spot. */
export function spotRange(context: PricingContext, price: SizePrice): { low: number; high: number } | undefined {
  if (context.platform === 'WINDOWS/X86_64') return undefined;
  const compute = price.vcpuHourly + price.memoryHourly;
  return {
    low: perMonth(compute * (1 - SPOT_DISCOUNT.to) + price.storageHourly),
    high: perMonth(compute * (1 - SPOT_DISCOUNT.from) + price.storageHourly),
  };
}

/** A task definition's on-demand price, or why it has none. */
export type TaskPricing =
  | { cost: TaskCost; reason?: undefined }
  | { cost?: undefined; reason: string; /** Not a Fargate task at all (no price expected). */ notFargate?: boolean };

export interface TaskCost extends SizePrice {
  cpu: number;
  memory: number;
  os: OsFamily;
  context: PricingContext;
  /** Set when requiresCompatibilities is missing and the task is priced as if run on Fargate. */
  assumedFargate?: boolean;
}

/**
 * Fargate prices a task that asks for FARGATE, and one that names no launch type but uses awsvpc (it can be
 * run on Fargate). Unknown values give a reason, never a guessed price.
 */
export function priceTask(task: Record<string, unknown>, options: CostOptions = {}): TaskPricing {
  const compatibilities = task.requiresCompatibilities;
  const named = Array.isArray(compatibilities) && compatibilities.length > 0;
  const assumedFargate = !named && effectiveNetworkMode(task) === 'awsvpc';
  if (!requiresFargate(task) && !assumedFargate) {
    return { reason: 'Not priced: requiresCompatibilities does not name FARGATE.', notFargate: true };
  }
  const unknown = (['cpu', 'memory'] as const).find((key) => isPlaceholder(task[key]));
  if (unknown) return { reason: `Not priced: ${unknown} ${JSON.stringify(task[unknown])} is not known until it is filled in.` };
  const cpu = parseCpu(task.cpu);
  const memory = parseMemory(task.memory);
  if (cpu === undefined || memory === undefined) return { reason: 'Not priced: the task needs a cpu and a memory value.' };
  const os: OsFamily = isWindows(task) ? 'WINDOWS' : 'LINUX';
  if (!rowForCpu(cpu, os)?.memory.includes(memory)) {
    return { reason: `Not priced: ${formatVcpu(cpu)} with ${formatGb(memory)} is not a Fargate size.` };
  }
  const context = pricingContext(task, options);
  return { cost: { ...priceSize(context, cpu, memory), cpu, memory, os, context, assumedFargate: assumedFargate || undefined } };
}

// --- Words and numbers ----------------------------------------------------------------------------

export function formatUsd(amount: number): string {
  return roundCents(amount).toFixed(2);
}

/** A rate per hour with as many decimals as it needs (at most 6): 0.04937, 0.012342. */
export function formatRate(amount: number): string {
  return String(Number(amount.toFixed(6)));
}

/** "≈ $36.04/month": the short form of fix titles and code lenses. */
export function monthlyLabel(monthly: number): string {
  return `≈ $${formatUsd(monthly)}/month`;
}
