// Settings as the server and the CLI use them (the `fargateLint.*` section of the editor settings).
import type { SeveritySetting } from '../core/rule';
import { type PresetName, isPresetName } from './presets';

export interface Settings {
  enable: boolean;
  /** Raises groups of rules together (presets.ts); a fargate-lint.json may ask for one too. */
  preset: PresetName;
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, preset: 'default', rules: {} };

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts whatever the client sent and keeps only well-formed entries. */
export function normalizeSettings(raw: unknown): Settings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (typeof input.rules === 'object' && input.rules !== null) {
    for (const [id, value] of Object.entries(input.rules)) {
      const severity = value === 'info' ? 'information' : value === 'warn' ? 'warning' : value;
      if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[id] = severity as SeveritySetting;
    }
  }
  return { enable: input.enable !== false, preset: isPresetName(input.preset) ? input.preset : 'default', rules };
}
