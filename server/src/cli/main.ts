// fargate-lint CLI: the language server's analysis over files and folders, for CI pipelines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { skippedFileMeta } from '../core/rules/meta';
import { type DiagnosticData, fromSeverity } from '../service/convert';
import { FargateLintLanguageService } from '../service/languageService';
import { skipReason, skippedMessage } from '../service/models';
import { PRESET_NAMES, type PresetName } from '../service/presets';
import { DEFAULT_SETTINGS, type Settings } from '../service/settings';
import { WorkspaceIndex } from '../service/workspace';
import { isSourceFileName, looksLikeTaskDefinitionName } from '../sources';
import type { Severity } from '../core/rule';
import { setIamDataReader } from '../core/iam/data';
import { isRegionName } from '../core/taskdef/pricing';
import { nodeIamDataReader } from '../node/iam-data';
import { readRegularFileSync } from '../node/read';
import { isSkippedFolder } from '../../../shared/folders';
import { type FileCosts, costRecord, formatCostComparison, formatCostTable } from './cost';
import { type InputFile, UsageError, collectFiles } from './files';
import { GitError, type Revision, filesAt, repositoryPath, resolveRevision, showFile } from './git';
import { type FileReport, formatJson, formatSarif, formatStylish } from './report';

declare const FARGATE_LINT_VERSION: string;

const USAGE = `Usage: fargate-lint [options] PATH...
       fargate-lint --cost [--base REF] [--cost-region REGION] PATH...

Checks ECS task definitions, services, CodeDeploy AppSpecs and IAM policies in the given
files, and in every file a source reads under the given folders: JSON (.json, .jsonc) and
CloudFormation, SAM and CDK templates in YAML or JSON (.yaml, .yml, .template, .json;
cdk.out is read, its asset.* folders are not; node_modules, .git and build folders are
skipped); a service is checked against the task definition it runs.
--format json and sarif carry each task definition's size, platform, Region and price.

Options:
  -f, --format stylish|json|sarif    output format (default: stylish)
  --severity error|warning|info|hint the least severe findings to report (default:
                                     info for stylish, hint for json and sarif)
  --fail-on error|warning|never      exit with 1 when a reported finding is this
                                     severe or worse (default: error)
  --preset default|strict            strict raises the hardening rules to warnings
                                     (as "preset": "strict" in fargate-lint.json)
  --cost                             print the Fargate price of each task definition,
                                     and the total
  --base REF                         with --cost: compare with git revision REF
                                     (Markdown, for a pull request)
  --cost-region REGION               the Region to price in when a task definition
                                     names none (us-east-1)
  --no-cost                          leave prices out of --format json and sarif
  -v, --version                      print the version
  -h, --help                         print this help

Exit code: 0 nothing to fail on, 1 findings at or above --fail-on, 2 bad usage.`;

const FORMATS = ['stylish', 'json', 'sarif'] as const;
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const FAIL_ON = ['error', 'warning', 'never'] as const;

interface Options {
  format: (typeof FORMATS)[number];
  formatGiven: boolean;
  /** The least severe findings reported; undefined: by format. */
  severity?: Severity;
  failOn: (typeof FAIL_ON)[number];
  preset: PresetName;
  paths: string[];
  cost: boolean;
  base?: string;
  costRegion?: string;
  noCost: boolean;
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} takes ${allowed.join(', ')}${value === undefined ? '' : `, not "${value}"`}`);
}

const atLeast = (severity: Severity, threshold: Severity) => SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = {
    format: 'stylish',
    formatGiven: false,
    failOn: 'error',
    preset: 'default',
    paths: [],
    cost: false,
    noCost: false,
  };
  const valueOf = (arg: string, i: number): [string | undefined, number] =>
    arg.includes('=') ? [arg.slice(arg.indexOf('=') + 1), i] : [argv[i + 1], i + 1];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--version' || arg === '-v') return 'version';
    if (name === '--format' || arg === '-f') {
      const [value, next] = valueOf(arg, i);
      i = next;
      options.format = oneOf('--format', value, FORMATS);
      options.formatGiven = true;
    } else if (name === '--severity') {
      const [value, next] = valueOf(arg, i);
      i = next;
      options.severity = oneOf('--severity', value === 'info' ? 'information' : value, SEVERITY_ORDER);
    } else if (name === '--fail-on') {
      const [value, next] = valueOf(arg, i);
      i = next;
      options.failOn = oneOf('--fail-on', value, FAIL_ON);
    } else if (name === '--preset') {
      const [value, next] = valueOf(arg, i);
      i = next;
      options.preset = oneOf('--preset', value, PRESET_NAMES);
    } else if (arg === '--cost') {
      options.cost = true;
    } else if (arg === '--no-cost') {
      options.noCost = true;
    } else if (name === '--base') {
      const [value, next] = valueOf(arg, i);
      i = next;
      if (!value) throw new UsageError('--base needs a git revision');
      options.base = value;
    } else if (name === '--cost-region') {
      const [value, next] = valueOf(arg, i);
      i = next;
      if (!isRegionName(value)) throw new UsageError(`not a Region name: ${value ?? '(missing)'}`);
      options.costRegion = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option: ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no files or folders given');
  if (options.base !== undefined && !options.cost) throw new UsageError('--base compares prices: use it with --cost');
  if (options.cost && options.noCost) throw new UsageError('--cost and --no-cost exclude each other');
  if (options.cost && options.formatGiven) throw new UsageError('--cost prints a table; --format json and sarif carry the prices too');
  return options;
}

function settingsOf(options: Options): Settings {
  return {
    ...DEFAULT_SETTINGS,
    preset: options.preset,
    cost: {
      enabled: !options.noCost,
      codeLens: false,
      ...(options.costRegion ? { region: options.costRegion, regionSource: '--cost-region' } : {}),
    },
  };
}

interface LoadedFile {
  input: InputFile;
  uri: string;
  text?: string;
  skipped?: string;
}

function load(input: InputFile): LoadedFile {
  const uri = pathToFileURL(input.absolutePath).href;
  if (input.skipped) return { input, uri, skipped: input.skipped };
  const read = readRegularFileSync(input.absolutePath, { followLinks: true });
  if ('skipped' in read) return { input, uri, skipped: read.skipped };
  const skipped = skipReason(read.text);
  return skipped ? { input, uri, skipped } : { input, uri, text: read.text };
}

export async function run(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  let inputs: InputFile[];
  try {
    options = parseArgs(argv);
    if (options === 'help') return (out(USAGE), 0);
    if (options === 'version') return (out(FARGATE_LINT_VERSION), 0);
    inputs = collectFiles(options.paths);
  } catch (error) {
    if (error instanceof UsageError) return (err(`fargate-lint: ${error.message}\n\n${USAGE}`), 2);
    throw error;
  }

  const settings = settingsOf(options);
  const files = inputs.map(load);
  const workspace = new WorkspaceIndex(workspaceRoots(options.paths));
  for (const file of files) {
    if (file.text !== undefined) workspace.set(file.uri, file.text, languageIdOf(file.input.absolutePath));
    else if (file.skipped) workspace.skip(file.uri, { reason: file.skipped, read: false });
  }
  const documents = new Map(
    files
      .filter((f) => f.text !== undefined)
      .map((f) => [f.uri, TextDocument.create(f.uri, languageIdOf(f.input.absolutePath), 1, f.text!)]),
  );
  const service = new FargateLintLanguageService({ workspace });

  const reports: FileReport[] = [];
  for (const file of files) {
    const display = path.relative(process.cwd(), file.input.absolutePath) || file.input.absolutePath;
    if (file.skipped) {
      reports.push({ file: display, kind: 'unknown', diagnostics: [skippedDiagnostic(file.skipped)] });
      continue;
    }
    try {
      reports.push({ file: display, ...(await analyse(service, documents.get(file.uri)!, file.input, settings, options.cost)) });
    } catch (error) {
      // A bug that one file triggers costs that file only; the others are still reported.
      const reason = `could not be analysed (internal error: ${error instanceof Error ? error.message : 'unknown'})`;
      reports.push({ file: display, kind: 'unknown', diagnostics: [skippedDiagnostic(reason)] });
    }
  }

  if (options.cost) return costReport(options, files, reports, settings, out, err);

  // Hints are for editors; stylish output is read by people, so it leaves them out unless asked.
  const threshold = options.severity ?? (options.format === 'stylish' ? 'information' : 'hint');
  let hidden = 0;
  for (const report of reports) {
    const shown = report.diagnostics.filter((d) => atLeast(d.severity, threshold));
    hidden += report.diagnostics.length - shown.length;
    report.diagnostics = shown;
  }

  if (options.format === 'json') out(formatJson(reports));
  else if (options.format === 'sarif') out(formatSarif(reports, FARGATE_LINT_VERSION, process.cwd()));
  else out(formatStylish(reports, !!process.stdout.isTTY && !process.env.NO_COLOR, { hidden, threshold }));
  const failOn = options.failOn;
  if (failOn === 'never') return 0;
  return reports.some((r) => r.diagnostics.some((d) => atLeast(d.severity, failOn))) ? 1 : 0;
}

/** `--cost`: the table, or with `--base` the comparison with a git revision. */
async function costReport(
  options: Options,
  files: LoadedFile[],
  reports: FileReport[],
  settings: Settings,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const priced = (list: FileReport[]): FileCosts[] =>
    list.filter((r) => r.taskDefinitions?.length).map((r) => ({ file: r.file, records: r.taskDefinitions! }));
  if (options.base === undefined) {
    out(formatCostTable(priced(reports)));
    return 0;
  }
  try {
    const revision = await resolveRevision(options.base, process.cwd());
    // Both sides are shown by repository path, so that a file is paired with itself.
    const head = files.map((file, i) => ({ ...reports[i], file: repositoryPath(revision, file.input.absolutePath) }));
    const base = await baseReports(revision, options.paths, settings);
    out(formatCostComparison(options.base, priced(base), priced(head)));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof GitError) return (err(`fargate-lint: ${error.message}`), 2);
    throw error;
  }
}

/** The cost records of the files under `paths` as `revision` has them (read with git show). */
async function baseReports(revision: Revision, paths: string[], settings: Settings): Promise<FileReport[]> {
  const wanted = new Set<string>();
  for (const arg of paths) {
    const absolute = path.resolve(arg);
    const inRepository = repositoryPath(revision, absolute);
    if (fs.statSync(absolute).isFile()) {
      wanted.add(inRepository);
      continue;
    }
    for (const file of await filesAt(revision, inRepository)) {
      const under = inRepository === '' || file.startsWith(`${inRepository}/`);
      const parts = file.split('/');
      const skipped = parts.slice(0, -1).some((part, i) => isSkippedFolder(part, parts[i - 1]));
      if (under && !skipped && isSourceFileName(path.posix.basename(file))) wanted.add(file);
    }
  }
  const service = new FargateLintLanguageService();
  const reports: FileReport[] = [];
  for (const file of [...wanted].sort()) {
    const text = await showFile(revision, file);
    if (text === undefined || skipReason(text)) continue;
    const uri = pathToFileURL(path.join(revision.root, ...file.split('/'))).href;
    const textDocument = TextDocument.create(uri, languageIdOf(file), 1, text.replace(/^\uFEFF/, ''));
    const taskDefinitions = service.costs(textDocument, settings).map(costRecord);
    reports.push({ file, kind: service.classify(textDocument).kind, diagnostics: [], taskDefinitions });
  }
  return reports;
}

/** The language id an editor would give the file (a .template file is JSON or YAML: its source decides by content). */
function languageIdOf(file: string): string {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.jsonc?$/i.test(file)) return 'json';
  return 'plaintext';
}

/** The template resource a diagnostic is about (CloudFormation logical id, Terraform address), when it has one. */
function resourceOf(diagnostic: Diagnostic): { resource?: string } {
  const resource = (diagnostic.data as DiagnosticData | undefined)?.resource;
  return typeof resource === 'string' ? { resource } : {};
}

/** The folders named, and the folders of the files named: what "inside the workspace" means for the CLI. */
function workspaceRoots(paths: string[]): string[] {
  const folders = paths.map((p) => {
    const absolute = path.resolve(p);
    let folder = false;
    try {
      folder = fs.statSync(absolute).isDirectory();
    } catch {
      // a file, a link loop: its folder
    }
    return pathToFileURL(folder ? absolute : path.dirname(absolute)).href;
  });
  return [...new Set(folders)];
}

/** The report of one file: its diagnostics and the prices of its task definitions (only those with --cost). */
async function analyse(
  service: FargateLintLanguageService,
  textDocument: TextDocument,
  input: InputFile,
  settings: Settings,
  costOnly: boolean,
): Promise<Omit<FileReport, 'file'>> {
  const classification = service.classify(textDocument);
  const costs = service.costs(textDocument, settings).map(costRecord);
  if (costOnly) return { kind: classification.kind, diagnostics: [], taskDefinitions: costs };
  const reportSyntaxErrors = input.named || classification.kind !== 'unknown' || looksLikeTaskDefinitionName(input.absolutePath);
  const diagnostics = await service.validate(textDocument, settings, { reportSyntaxErrors });
  return {
    kind: classification.kind,
    diagnostics: diagnostics
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
      .map((d) => ({
        rule: String(d.code),
        severity: fromSeverity(d.severity),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        range: d.range,
        subjectPath: (d.data as DiagnosticData | undefined)?.subjectPath,
        ...resourceOf(d),
      })),
    ...(costs.length ? { taskDefinitions: costs } : {}),
  };
}

function skippedDiagnostic(reason: string) {
  return {
    rule: skippedFileMeta.id,
    severity: skippedFileMeta.defaultSeverity,
    message: skippedMessage(reason),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

/**
 * Writes to a standard stream until its reader goes away: a reader that stops early (`fargate-lint . | head`)
 * closes the pipe, and the rest of the output is dropped without a word (EPIPE is not an error of ours).
 */
function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      closed = true;
      return;
    }
    process.stderr.write(`fargate-lint: cannot write the output: ${error.message}\n`);
    process.exit(2);
  });
  return (text) => {
    if (!closed) stream.write(`${text}\n`);
  };
}

if (require.main === module) {
  setIamDataReader(nodeIamDataReader());
  const err = streamWriter(process.stderr);
  run(process.argv.slice(2), streamWriter(process.stdout), err).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      err(`fargate-lint: internal error: ${error instanceof Error ? error.stack : String(error as string)}`);
      process.exitCode = 2;
    },
  );
}
