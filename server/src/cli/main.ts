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
import { skipReason, skippedMessage } from '../service/models';
import { readRegularFileSync } from '../node/read';
import { DEFAULT_SETTINGS } from '../service/settings';
import { type InputFile, UsageError, collectFiles } from './files';
import { type FileReport, formatJson, formatSarif, formatStylish } from './report';

declare const FARGATE_LINT_VERSION: string;

const USAGE = `Usage: fargate-lint [--format stylish|json|sarif] PATH...

Checks ECS task definitions and IAM policies in the given JSON files, and in every
JSON file under the given folders. Exit code: 0 no errors, 1 errors found, 2 bad usage.`;

interface Options {
  format: 'stylish' | 'json' | 'sarif';
  paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'stylish', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--version' || arg === '-v') return 'version';
    if (arg === '--format' || arg === '-f' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value !== 'stylish' && value !== 'json' && value !== 'sarif') throw new UsageError(`unknown format: ${value ?? '(missing)'}`);
      options.format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option: ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no files or folders given');
  return options;
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

  const files = inputs.map(load);
  const workspace = new WorkspaceIndex(workspaceRoots(options.paths));
  for (const file of files) {
    if (file.text !== undefined) workspace.set(file.uri, file.text);
    else if (file.skipped) workspace.skip(file.uri, { reason: file.skipped, read: false });
  }
  const documents = new Map(files.filter((f) => f.text !== undefined).map((f) => [f.uri, TextDocument.create(f.uri, 'json', 1, f.text!)]));
  const service = new FargateLintLanguageService({ workspace, textDocumentOf: (uri) => documents.get(uri) });

  const reports: FileReport[] = [];
  for (const file of files) {
    const display = path.relative(process.cwd(), file.input.absolutePath) || file.input.absolutePath;
    if (file.skipped) {
      reports.push({ file: display, kind: 'unknown', diagnostics: [skippedDiagnostic(file.skipped)] });
      continue;
    }
    try {
      reports.push({ file: display, ...(await analyse(service, documents.get(file.uri)!, file.input)) });
    } catch (error) {
      // A bug that one file triggers costs that file only; the others are still reported.
      const reason = `could not be analysed (internal error: ${error instanceof Error ? error.message : 'unknown'})`;
      reports.push({ file: display, kind: 'unknown', diagnostics: [skippedDiagnostic(reason)] });
    }
  }

  if (options.format === 'json') out(formatJson(reports));
  else if (options.format === 'sarif') out(formatSarif(reports, FARGATE_LINT_VERSION, process.cwd()));
  else out(formatStylish(reports, !!process.stdout.isTTY && !process.env.NO_COLOR));
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
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

async function analyse(
  service: FargateLintLanguageService,
  textDocument: TextDocument,
  input: InputFile,
): Promise<Omit<FileReport, 'file'>> {
  const classification = service.classify(textDocument);
  const reportSyntaxErrors = input.named || classification.kind !== 'unknown' || looksLikeTaskDefinitionName(input.absolutePath);
  const diagnostics = await service.validate(textDocument, DEFAULT_SETTINGS, { reportSyntaxErrors });
  return {
    kind: classification.kind,
    diagnostics: diagnostics
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
      .map((d) => ({
        rule: String(d.code),
        severity: fromSeverity(d.severity),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        range: d.range,
      })),
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

if (require.main === module) {
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
