// The reviewed snapshot of findings on real files (the corpus tests): each error with the reason a reviewer
// gave for it being real, and the other findings counted per rule and severity.
import type { FileReport } from '../../server/src/cli/report';

interface ReviewedError {
  rule: string;
  line: number;
  message: string;
  why: string;
}

interface FileSnapshot {
  kind: string;
  errors: ReviewedError[];
  /** Non-error findings, counted per rule and severity. */
  others: Record<string, number>;
}

export type Snapshot = Record<string, FileSnapshot>;

/** The snapshot of `reports`, keeping the reasons `previous` gave for the same errors. */
export function snapshotOf(reports: Iterable<FileReport>, previous: Snapshot, into: Snapshot = {}): Snapshot {
  for (const report of reports) {
    const before = previous[report.file]?.errors ?? [];
    const errors = report.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => {
        const line = d.range.start.line + 1;
        const reviewed = before.find((e) => e.rule === d.rule && e.line === line && e.message === d.message);
        return { rule: d.rule, line, message: d.message, why: reviewed?.why ?? '' };
      });
    const others: Record<string, number> = {};
    for (const d of report.diagnostics.filter((d) => d.severity !== 'error')) {
      const key = `${d.rule} (${d.severity})`;
      others[key] = (others[key] ?? 0) + 1;
    }
    into[report.file] = { kind: report.kind, errors, others };
  }
  return into;
}

/** The errors of `snapshot` without a reason, as `file:line rule`. */
export function unreviewedErrors(snapshot: Snapshot): string[] {
  return Object.entries(snapshot).flatMap(([file, s]) => s.errors.filter((e) => !e.why.trim()).map((e) => `${file}:${e.line} ${e.rule}`));
}
