// Settings as the server and the CLI use them (the `fargateLint.*` section of the editor settings).
import type { SeveritySetting } from '../core/rule';

export interface Settings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {} };

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
  return { enable: input.enable !== false, rules };
}
