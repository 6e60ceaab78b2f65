// The rules' findings of the document validated last, for a fix-all of the same version that follows
// (code actions on save ask for source.fixAll right after the diagnostics of what is saved): its first
// round takes them instead of running the rules again. They are the findings fix-all would get: the same
// model, workspace version and settings, and the same rules turned off (a preset only raises severities,
// which fix-all does not read; were one to turn a rule off, the validation's findings would lack that
// rule's, and they are not taken).
// One document's findings at a time, so what it keeps stays small; the document and the workspace are held
// weakly: a document the model cache has let go is not kept alive for them.
import type { Finding, SeveritySetting } from '../core/rule';
import type { SourceDocument } from '../sources';
import type { Settings } from './settings';
import type { WorkspaceIndex } from './workspace';

interface Remembered {
  document: WeakRef<SourceDocument>;
  workspace: WeakRef<WorkspaceIndex> | undefined;
  version: number | undefined;
  settings: Settings;
  /** The rules the validation ran with turned off. */
  off: string;
  findings: readonly Finding[];
}

/** The ids of the rules turned off, as one string. */
const offRules = (rules: Readonly<Record<string, SeveritySetting>>) =>
  Object.keys(rules)
    .filter((id) => rules[id] === 'off')
    .sort()
    .join(' ');

export class LastAnalysis {
  private last?: Remembered;

  /** `rules`: the severities the validation ran the rules with (presets and settings together). */
  remember(
    document: SourceDocument,
    workspace: WorkspaceIndex | undefined,
    settings: Settings,
    rules: Readonly<Record<string, SeveritySetting>>,
    findings: readonly Finding[],
  ): void {
    this.last = {
      document: new WeakRef(document),
      workspace: workspace && new WeakRef(workspace),
      version: workspace?.version,
      settings,
      off: offRules(rules),
      findings,
    };
  }

  /** The findings remembered for this parse of the document, this state of the workspace and these settings. */
  findingsOf(document: SourceDocument, workspace: WorkspaceIndex | undefined, settings: Settings): readonly Finding[] | undefined {
    const last = this.last;
    if (!last || last.document.deref() !== document || last.workspace?.deref() !== workspace || last.settings !== settings)
      return undefined;
    // Fix all runs the rules with the settings' own severities.
    return last.version === workspace?.version && last.off === offRules(settings.rules) ? last.findings : undefined;
  }
}
