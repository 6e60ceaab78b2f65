// fargate-lint CLI: the language server's analysis over files and folders, for CI pipelines.
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FargateLintLanguageService } from '../service/languageService';
import { skipReason } from '../service/models';
import { PRESET_NAMES, type PresetName } from '../service/presets';
import { DEFAULT_SETTINGS, type Settings } from '../service/settings';
import { isSourceFileName, prepareSources } from '../sources';
import { nodeAssets } from '../node/assets';
import type { Severity } from '../core/rule';
import { isRegionName } from '../core/taskdef/pricing';
import { isSkippedFolder } from '../../../shared/folders';
import { type AnalysisJob, analyseHere, languageIdOf } from './analyse';
import { type FileCosts, costRecord, formatCostComparison, formatCostTable } from './cost';
import { type InputFile, UsageError, collectFiles } from './files';
import { GitError, type Revision, filesAt, repositoryPath, resolveRevision, showFile } from './git';
import { type FileReport, type Formatter, jsonFormatter, sarifFormatter, stylishFormatter } from './report';
import { analyseInWorkers } from './workers';

declare const FARGATE_LINT_VERSION: string;

/**
 * From this many files, on a machine with at least WORKER_MIN_CORES cores, the analysis is spread over
 * worker threads. Each worker reads and parses every file of ours again (its own workspace index, for the
 * cross-file checks) and loads its own IAM data, so threads pay only with cores to spare: on 2 cores the
 * 1,594 AWS managed policies took 1.9 s on one thread and 7.4 s on two workers (4.0 s of CPU against 1.9),
 * and the 50k-file bench workspace 6.9 s against 10.3 s.
 */
const WORKER_THRESHOLD = 1000;
const WORKER_MIN_CORES = 4;

const USAGE = `Usage: fargate-lint [options] PATH...
       fargate-lint --cost [--base REF] [--cost-region REGION] PATH...

Checks ECS task definitions, services, CodeDeploy AppSpecs and IAM policies in the given
files, and in every file a source reads under the given folders: JSON (.json, .jsonc),
CloudFormation, SAM and CDK templates in YAML or JSON (.yaml, .yml, .template, .json;
cdk.out is read, its asset.* folders are not) and Terraform (.tf, .tfvars and the
templates a module reads); node_modules, .git, .terraform and build folders are skipped.
A service is checked against the task definition it runs. A Terraform module is the .tf
files of one folder: a .tf file given alone is read with its folder. Terraform plan and
state JSON (terraform show -json) are read too. --format json and sarif carry each task
definition's size, platform, Region and price, and the resource a finding is about (a
template's logical id, a Terraform address).

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
  -j, --jobs N                       analyse on N threads (default: one per core
                                     from ${WORKER_THRESHOLD} files on ${WORKER_MIN_CORES} cores or more, else
                                     one); the output is the same
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
  jobs?: number;
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
    } else if (name === '--jobs' || arg === '-j') {
      const [value, next] = valueOf(arg, i);
      i = next;
      const jobs = Number(value);
      if (!Number.isInteger(jobs) || jobs < 1)
        throw new UsageError(`--jobs needs a whole number of threads, at least 1: ${value ?? '(missing)'}`);
      options.jobs = jobs;
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

/** Threads for `files` files on `cores` cores when --jobs is not given. */
export function defaultJobs(files: number, cores: number): number {
  return files >= WORKER_THRESHOLD && cores >= WORKER_MIN_CORES ? cores : 1;
}

export interface RunOptions {
  /** The script a worker thread runs (the CLI bundle, dist/cli.js); without it, every file is analysed in this thread. */
  workerScript?: string;
  /** A named .tf file is read alone, without the other files of its folder (its module). For the corpus
   *  test, whose single-file entries sit side by side and are each a module of its own. */
  namedFilesAlone?: boolean;
}

export async function run(
  argv: string[],
  out: (text: string) => void,
  err: (text: string) => void,
  runOptions: RunOptions = {},
): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  let inputs: InputFile[];
  try {
    options = parseArgs(argv);
    if (options === 'help') return (out(USAGE), 0);
    if (options === 'version') return (out(FARGATE_LINT_VERSION), 0);
    inputs = collectFiles(options.paths, { modules: !runOptions.namedFilesAlone });
  } catch (error) {
    if (error instanceof UsageError) return (err(`fargate-lint: ${error.message}\n\n${USAGE}`), 2);
    throw error;
  }

  await prepareSources(nodeAssets);
  const settings = settingsOf(options);
  const job: AnalysisJob = {
    settings,
    costOnly: options.cost,
    roots: workspaceRoots(options.paths),
  };
  const jobs = options.jobs ?? defaultJobs(inputs.length, availableParallelism());
  const reports =
    runOptions.workerScript && jobs > 1 && !options.cost
      ? analyseInWorkers(inputs, job, runOptions.workerScript, Math.min(jobs, inputs.length))
      : analyseHere(inputs, job);

  if (options.cost) {
    const all: FileReport[] = [];
    for await (const report of reports) all.push(report);
    return costReport(
      options,
      inputs.filter((input) => !input.context),
      all,
      settings,
      out,
      err,
    );
  }

  // Hints are for editors; stylish output is read by people, so it leaves them out unless asked.
  const threshold = options.severity ?? (options.format === 'stylish' ? 'information' : 'hint');
  const formatter: Formatter =
    options.format === 'json'
      ? jsonFormatter()
      : options.format === 'sarif'
        ? sarifFormatter(FARGATE_LINT_VERSION, process.cwd())
        : stylishFormatter(!!process.stdout.isTTY && !process.env.NO_COLOR);
  const writer = lineWriter(out);
  const failOn = options.failOn;
  let failed = false;
  let hidden = 0;
  for await (const report of reports) {
    const shown = report.diagnostics.filter((d) => atLeast(d.severity, threshold));
    hidden += report.diagnostics.length - shown.length;
    failed ||= failOn !== 'never' && shown.some((d) => atLeast(d.severity, failOn));
    writer.write(formatter.add({ ...report, diagnostics: shown }));
  }
  writer.write(formatter.end({ hidden, threshold }));
  writer.flush();
  return failed ? 1 : 0;
}

/**
 * Output as it comes, in pieces of about 64 KiB cut at line ends: `out` writes a piece and a newline, so
 * the pieces make the same bytes as one `out` of every line.
 */
function lineWriter(out: (text: string) => void) {
  let lines: string[] = [];
  let size = 0;
  const flush = () => {
    if (lines.length) out(lines.join('\n'));
    lines = [];
    size = 0;
  };
  return {
    write(more: string[]) {
      for (const line of more) {
        lines.push(line);
        size += line.length + 1;
      }
      if (size >= 65536) flush();
    },
    flush,
  };
}

/** `--cost`: the table, or with `--base` the comparison with a git revision. */
async function costReport(
  options: Options,
  inputs: InputFile[],
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
    const head = inputs.map((input, i) => ({ ...reports[i], file: repositoryPath(revision, input.absolutePath) }));
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
