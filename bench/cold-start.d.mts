// Types of cold-start.mjs for the test that runs it.
export interface ColdStart {
  node: string;
  initializeMs: number;
  firstDiagnosticsMs: number;
  openToDiagnosticsMs: number;
  diagnostics: number;
  rssAfterDiagnosticsMiB: number;
  rssAfterHoversMiB: number;
  hovers: { action: string; ms: number; ok: boolean }[];
  reference: { before: number; after: number; files: number };
}

export function coldStart(): Promise<ColdStart>;
