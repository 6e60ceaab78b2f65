// The rules' findings of the document validated last, for a fix-all of the same version that follows
// (code actions on save ask for source.fixAll right after the diagnostics of what is saved): its first
// round takes them instead of running the rules again. They are the findings fix-all would get: the same
// model, workspace version and settings; a preset changes only severities, which fix-all does not read.
// One document's findings at a time, so what it keeps stays small; the document and the workspace are held
// weakly: a document the model cache has let go is not kept alive for them.
import type { Finding } from '../core/rule';
import type { SourceDocument } from '../sources';
import type { Settings } from './settings';
import type { WorkspaceIndex } from './workspace';

interface Remembered {
  document: WeakRef<SourceDocument>;
  workspace: WeakRef<WorkspaceIndex> | undefined;
  version: number | undefined;
  settings: Settings;
  findings: readonly Finding[];
}

export class LastAnalysis {
  private last?: Remembered;

  remember(document: SourceDocument, workspace: WorkspaceIndex | undefined, settings: Settings, findings: readonly Finding[]): void {
    this.last = {
      document: new WeakRef(document),
      workspace: workspace && new WeakRef(workspace),
      version: workspace?.version,
      settings,
      findings,
    };
  }

  /** The findings remembered for this parse of the document, this state of the workspace and these settings. */
  findingsOf(document: SourceDocument, workspace: WorkspaceIndex | undefined, settings: Settings): readonly Finding[] | undefined {
    const last = this.last;
    if (!last || last.document.deref() !== document || last.workspace?.deref() !== workspace || last.settings !== settings)
      return undefined;
    return last.version === workspace?.version ? last.findings : undefined;
  }
}
