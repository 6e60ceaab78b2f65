// Settings as the server and the CLI use them (the `fargateLint.*` section of the editor settings).
import type { SeveritySetting } from '../core/rule';
import { type PresetName, isPresetName } from './presets';
import { type CostOptions, isRegionName } from '../core/taskdef/pricing';

/** `fargateLint.cost.*`: prices in hover, code lens and CLI output. */
interface CostSettings {
  enabled: boolean;
  /** The Region to price in when a task definition names none (default us-east-1). */
  region?: string;
  /** Where `region` came from, for the hover ("fargateLint.cost.region", "--cost-region"). */
  regionSource?: string;
  codeLens: boolean;
}

export interface Settings {
  enable: boolean;
  /** Raises groups of rules together (presets.ts); a fargate-lint.json may ask for one too. */
  preset: PresetName;
  rules: Record<string, SeveritySetting>;
  cost: CostSettings;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, preset: 'default', rules: {}, cost: { enabled: true, codeLens: true } };

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts whatever the client sent and keeps only well-formed entries. */
export function normalizeSettings(raw: unknown): Settings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rules = Object.create(null) as Record<string, SeveritySetting>;
  if (typeof input.rules === 'object' && input.rules !== null) {
    for (const [id, value] of Object.entries(input.rules)) {
      const severity = value === 'info' ? 'information' : value === 'warn' ? 'warning' : value;
      if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[id] = severity as SeveritySetting;
    }
  }
  const cost = (typeof input.cost === 'object' && input.cost !== null ? input.cost : {}) as Record<string, unknown>;
  const region = typeof cost.region === 'string' ? cost.region.trim() : undefined;
  return {
    enable: input.enable !== false,
    preset: isPresetName(input.preset) ? input.preset : 'default',
    rules,
    cost: {
      enabled: cost.enabled !== false,
      codeLens: cost.codeLens !== false,
      ...(isRegionName(region) ? { region, regionSource: 'fargateLint.cost.region' } : {}),
    },
  };
}

/** What the analysis needs of the cost settings. */
export function costOptions(settings: Settings): CostOptions {
  const { enabled, region, regionSource } = settings.cost;
  return { enabled, region, regionSource };
}
