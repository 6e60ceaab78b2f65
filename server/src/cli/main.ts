// fargate-lint CLI: the language server's analysis over files and folders, for CI pipelines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from '../core/workspace';
import { looksLikeTaskDefinitionName } from '../core/classify';
import { skippedFileMeta } from '../core/rules/meta';
import { fromSeverity } from '../service/convert';
import { FargateLintLanguageService } from '../service/languageService';
import { MAX_DOCUMENT_LENGTH, skipReason } from '../service/models';
import { PRESET_NAMES, type PresetName } from '../service/presets';
import { DEFAULT_SETTINGS, type Settings } from '../service/settings';
import type { Severity } from '../core/rule';
import { setIamDataReader } from '../core/iam/data';
import { nodeIamDataReader } from '../node/iam-data';
import { type InputFile, UsageError, collectFiles } from './files';
import { type FileReport, formatJson, formatSarif, formatStylish } from './report';

declare const FARGATE_LINT_VERSION: string;

const USAGE = `Usage: fargate-lint [options] PATH...

Checks ECS task definitions and IAM policies in the given JSON files, and in every
JSON file under the given folders (node_modules, .git and build folders skipped).

Options:
  -f, --format stylish|json|sarif    output format (default: stylish)
  --severity error|warning|info|hint the least severe findings to report (default:
                                     info for stylish, hint for json and sarif)
  --fail-on error|warning|never      exit with 1 when a reported finding is this
                                     severe or worse (default: error)
  --preset default|strict            strict raises the hardening rules to warnings
                                     (as "preset": "strict" in fargate-lint.json)
  -v, --version                      print the version
  -h, --help                         print this help

Exit code: 0 nothing to fail on, 1 findings at or above --fail-on, 2 bad usage.`;

const FORMATS = ['stylish', 'json', 'sarif'] as const;
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const FAIL_ON = ['error', 'warning', 'never'] as const;

interface Options {
  format: (typeof FORMATS)[number];
  /** The least severe findings reported; undefined: by format. */
  severity?: Severity;
  failOn: (typeof FAIL_ON)[number];
  preset: PresetName;
  paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'stylish', failOn: 'error', preset: 'default', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--version' || arg === '-v') return 'version';
    const option = /^(--[a-z-]+)=(.*)$/s.exec(arg);
    const name = option ? option[1] : arg;
    const value = () => (option ? option[2] : argv[++i]);
    if (name === '--format' || name === '-f') {
      options.format = oneOf(name, value(), FORMATS);
    } else if (name === '--severity') {
      const given = value();
      options.severity = oneOf(name, given === 'info' ? 'information' : given, SEVERITY_ORDER);
    } else if (name === '--fail-on') {
      options.failOn = oneOf(name, value(), FAIL_ON);
    } else if (name === '--preset') {
      options.preset = oneOf(name, value(), PRESET_NAMES);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option: ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no files or folders given');
  return options;
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} takes ${allowed.join(', ')}${value === undefined ? '' : `, not "${value}"`}`);
}

const atLeast = (severity: Severity, threshold: Severity) => SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);

interface LoadedFile {
  input: InputFile;
  uri: string;
  text?: string;
  skipped?: string;
}

function load(input: InputFile): LoadedFile {
  const uri = pathToFileURL(input.absolutePath).href;
  try {
    const size = fs.statSync(input.absolutePath).size;
    if (size > MAX_DOCUMENT_LENGTH) return { input, uri, skipped: `larger than ${MAX_DOCUMENT_LENGTH / 1024 / 1024} MB` };
    const text = fs.readFileSync(input.absolutePath, 'utf8');
    const skipped = skipReason(text);
    return skipped ? { input, uri, skipped } : { input, uri, text: text.replace(/^\uFEFF/, '') };
  } catch (error) {
    return { input, uri, skipped: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
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

  const files = inputs.map(load);
  const settings: Settings = { ...DEFAULT_SETTINGS, preset: options.preset };
  const workspace = new WorkspaceIndex([...new Set(options.paths.map((p) => pathToFileURL(path.resolve(p)).href))]);
  for (const file of files) if (file.text !== undefined) workspace.set(file.uri, file.text);
  const documents = new Map(files.filter((f) => f.text !== undefined).map((f) => [f.uri, TextDocument.create(f.uri, 'json', 1, f.text!)]));
  const service = new FargateLintLanguageService({ workspace, textDocumentOf: (uri) => documents.get(uri) });

  const reports: FileReport[] = [];
  for (const file of files) {
    const display = path.relative(process.cwd(), file.input.absolutePath) || file.input.absolutePath;
    if (file.skipped) {
      reports.push({ file: display, kind: 'unknown', diagnostics: [skippedDiagnostic(file.skipped)] });
      continue;
    }
    const textDocument = documents.get(file.uri)!;
    const classification = service.classify(textDocument);
    const reportSyntaxErrors =
      file.input.named || classification.kind !== 'unknown' || looksLikeTaskDefinitionName(file.input.absolutePath);
    const diagnostics = await service.validate(textDocument, settings, { reportSyntaxErrors });
    reports.push({
      file: display,
      kind: classification.kind,
      diagnostics: diagnostics
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .map((d) => ({
          rule: String(d.code),
          severity: fromSeverity(d.severity),
          message: typeof d.message === 'string' ? d.message : d.message.value,
          range: d.range,
        })),
    });
  }

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

function skippedDiagnostic(reason: string) {
  return {
    rule: skippedFileMeta.id,
    severity: skippedFileMeta.defaultSeverity,
    message: `Skipped: the file is ${reason}.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

if (require.main === module) {
  setIamDataReader(nodeIamDataReader());
  run(
    process.argv.slice(2),
    (t) => process.stdout.write(`${t}\n`),
    (t) => process.stderr.write(`${t}\n`),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`fargate-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
