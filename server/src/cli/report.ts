// The CLI's output formats: stylish (people), json (scripts), sarif (GitHub code scanning).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Severity, docsUrl } from '../core/rule';
import { sanitizeMessage } from '../core/messages';
import { allRuleMetas } from '../core/rules/meta';
import { HOURS_PER_MONTH, PRICES_AS_OF } from '../core/taskdef/pricing';
import type { TaskCostRecord } from './cost';

interface CliDiagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The template resource (CloudFormation logical id, Terraform address), when the finding is about one. */
  resource?: string;
  /** The task definition or policy the finding is about (not printed: it pairs results with their task's price). */
  subjectPath?: (string | number)[];
}

export interface FileReport {
  file: string;
  kind: string;
  diagnostics: CliDiagnostic[];
  /** Each task definition's size, platform, Region and price (absent when there is none, or costs are off). */
  taskDefinitions?: TaskCostRecord[];
}

/**
 * An output format written as the reports come, in their order: `add` returns the lines of one report,
 * `end` the last lines. The lines joined with newlines are the whole output, the same bytes whichever way
 * they were cut. Stylish and json keep nothing; SARIF's header lists the rules used, so its results are kept
 * as text until the end.
 */
export interface Formatter {
  add(report: FileReport): string[];
  end(left: Hidden): string[];
}

/** Findings left out of the output by --severity, for the summary line. */
interface Hidden {
  hidden: number;
  threshold: Severity;
}

const indent = (text: string) => text.replace(/\n/g, '\n  ');

/** The JSON array of reports, element by element (as JSON.stringify(reports, null, 2) writes it). */
export function jsonFormatter(): Formatter {
  // The comma after an element is written once the next one comes: one element is held back.
  let pending: string | undefined;
  return {
    add(report) {
      const diagnostics = report.diagnostics.map(({ subjectPath: _, ...d }) => d);
      const element = `  ${indent(JSON.stringify({ ...report, file: sanitizeMessage(report.file), diagnostics }, null, 2))}`;
      const lines = pending === undefined ? ['['] : [`${pending},`];
      pending = element;
      return lines;
    },
    end: () => (pending === undefined ? ['[]'] : [pending, ']']),
  };
}

/** The price of the task definition a result is about: by its subject, or the file's only task definition. */
function taskCostOf(report: FileReport, d: CliDiagnostic): TaskCostRecord | undefined {
  const records = report.taskDefinitions ?? [];
  const own = d.subjectPath && records.find((r) => JSON.stringify(r.path) === JSON.stringify(d.subjectPath));
  return own || (records.length === 1 ? records[0] : undefined);
}

const SEVERITY_WORDS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

export function stylishFormatter(color: boolean): Formatter {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };
  const totals: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let files = 0;
  let recognised = 0;
  return {
    add(report) {
      files++;
      if (report.kind !== 'unknown') recognised++;
      if (report.diagnostics.length === 0) return [];
      // File names come from the disk: they may not reach the terminal raw. Messages are escaped where they are
      // made (core/messages.ts: the engine, the language service, skippedMessage).
      const lines = [paint('4', sanitizeMessage(report.file)) + paint('2', `  (${report.kind})`)];
      for (const d of report.diagnostics) {
        totals[d.severity]++;
        const where = `${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(8);
        // The resource leads the message (a plan JSON finding's message starts with it already), so that the
        // line still ends with the rule id, as the $fargate-lint problem matcher reads it.
        const message = d.resource && !d.message.startsWith(`${d.resource}: `) ? `${d.resource}: ${d.message}` : d.message;
        lines.push(
          `  ${paint('2', where)} ${paint(severityColor[d.severity], SEVERITY_WORDS[d.severity].padEnd(7))} ${message}  ${paint('2', d.rule)}`,
        );
      }
      lines.push('');
      return lines;
    },
    end(left) {
      const notShown = left.hidden ? `; ${left.hidden} below ${SEVERITY_WORDS[left.threshold]} not shown (--severity hint shows all)` : '';
      const summary = `${totals.error} errors, ${totals.warning} warnings, ${totals.information + totals.hint} notes in ${files} file${files === 1 ? '' : 's'} (${recognised} recognised)${notShown}`;
      return [paint(totals.error ? '31;1' : '32;1', summary)];
    },
  };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * SARIF for GitHub code scanning: file locations are relative to the repository root (the nearest folder
 * above `cwd` with a .git, else `cwd`) under the uriBaseId SRCROOT, since code scanning drops locations
 * it cannot place in the repository (`../../x.json`). A file outside that root keeps its absolute file URI.
 */
export function sarifFormatter(version: string, cwd: string): Formatter {
  const root = repositoryRoot(cwd);
  const locate = (report: FileReport) => artifactLocation(root, path.resolve(cwd, report.file));
  const usedRules = new Set<string>();
  /** Each result as a list of [rule id, the result's JSON without its ruleIndex]: the index is known at the end. */
  const results: { rule: string; json: string }[] = [];
  const taskDefinitions: string[] = [];
  return {
    add(report) {
      for (const t of report.taskDefinitions ?? []) taskDefinitions.push(JSON.stringify({ artifact: locate(report).uri, ...t }));
      for (const d of report.diagnostics) {
        usedRules.add(d.rule);
        results.push({ rule: d.rule, json: JSON.stringify(sarifResult(report, d, locate(report))) });
      }
      return [];
    },
    end() {
      const rules = allRuleMetas.filter((m) => usedRules.has(m.id));
      const ruleIndex = new Map(rules.map((m, i) => [m.id, i]));
      const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'fargate-lint',
                version,
                informationUri: 'https://github.com/fargate-lint/fargate-lint',
                rules: rules.map((m) => ({
                  id: m.id,
                  name: m.id,
                  shortDescription: { text: m.title },
                  helpUri: docsUrl(m.id),
                  defaultConfiguration: { level: SARIF_LEVEL[m.defaultSeverity] },
                })),
              },
            },
            originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
            ...(taskDefinitions.length
              ? {
                  properties: {
                    pricesAsOf: PRICES_AS_OF,
                    hoursPerMonth: HOURS_PER_MONTH,
                    taskDefinitions: taskDefinitions.map((t) => JSON.parse(t) as unknown),
                  },
                }
              : {}),
            results: results.map(({ rule, json }) => {
              const { properties, ...rest } = JSON.parse(json) as Record<string, unknown>;
              return { ...(properties ? { properties } : {}), ruleId: rule, ruleIndex: ruleIndex.get(rule), ...rest };
            }),
          },
        ],
      };
      return [JSON.stringify(sarif, null, 2)];
    },
  };
}

/** One SARIF result, without ruleId and ruleIndex (the formatter puts them after `properties`, as SARIF lists them). */
function sarifResult(report: FileReport, d: CliDiagnostic, artifact: { uri: string; uriBaseId?: string }) {
  return {
    ...resultProperties(taskCostOf(report, d)),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact,
          region: {
            startLine: d.range.start.line + 1,
            startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
          },
        },
        ...(d.resource ? { logicalLocations: [{ fullyQualifiedName: d.resource, kind: 'resource' }] } : {}),
      },
    ],
  };
}

function resultProperties(cost: TaskCostRecord | undefined) {
  if (!cost) return {};
  const { family, size, platform, region, monthlyUsd } = cost;
  return { properties: { taskDefinition: { family, size, platform, region, monthlyUsd } } };
}

function artifactLocation(root: string, file: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

/** The nearest folder from `cwd` up that holds .git (a folder, or a file in a worktree), else `cwd`. */
function repositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}
