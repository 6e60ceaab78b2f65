// Presets: named severities for groups of rules, so a team raises them together instead of rule by rule.
// `default` is every rule's own severity. `strict` raises the hardening advice (read-only root file system,
// a non-root user), which is a hint by default because most images need work before they follow it, to a
// warning. A preset comes from the editor setting `fargateLint.preset`, the CLI's `--preset`, or
// `"preset"` in the fargate-lint.json that applies to a file; a preset only ever raises, so the stricter of
// the ones asked for wins, and explicit per-rule severities (`fargateLint.rules`) win over both.
import { isObject } from '../core/json';
import type { SeveritySetting } from '../core/rule';
import { projectConfigsFor } from '../core/execution-role/resolve-role';
import type { WorkspaceView } from '../core/workspace';

export const PRESET_NAMES = ['default', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** The rules `strict` raises: advice on how a container runs, not mistakes AWS would reject. */
const HARDENING_RULES: readonly string[] = ['readonly-root-filesystem', 'container-runs-as-root'];

const PRESETS: Record<PresetName, Readonly<Record<string, SeveritySetting>>> = {
  default: {},
  strict: Object.fromEntries(HARDENING_RULES.map((id) => [id, 'warning'])),
};

export function isPresetName(value: unknown): value is PresetName {
  return typeof value === 'string' && (PRESET_NAMES as readonly string[]).includes(value);
}

/** The preset the nearest fargate-lint.json above `uri` names, if any. */
export function projectPreset(uri: string | undefined, workspace: WorkspaceView | undefined): PresetName | undefined {
  for (const config of projectConfigsFor(workspace, uri)) {
    const value = config.model.value;
    if (isObject(value) && 'preset' in value) return isPresetName(value.preset) ? value.preset : undefined;
  }
  return undefined;
}

/** Per-rule severities for one file: the strictest preset asked for, then the explicit per-rule settings. */
export function ruleSeverities(
  presets: readonly (PresetName | undefined)[],
  rules: Readonly<Record<string, SeveritySetting>>,
): Record<string, SeveritySetting> {
  const preset = presets.includes('strict') ? 'strict' : 'default';
  return { ...PRESETS[preset], ...rules };
}
