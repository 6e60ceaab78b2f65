// The CLI's analysis of its files, in two passes, with the same results in this thread or spread over
// worker threads (workers.ts):
//  1. every file is read and classified: a file that is none of ours (or cannot be read) gets its report
//     and is forgotten; a file that is ours goes into the workspace index, in the order given;
//  2. the files that are ours are analysed against the whole index (cross-file checks: an execution role's
//     policies, the fargate-lint.json that applies).
// Reports come out in the order of the files given, and only the index is kept in memory: a report is
// written (cli/main.ts) as soon as every report before it has been.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { skippedFileMeta } from '../core/rules/meta';
import { type DiagnosticData, fromSeverity } from '../service/convert';
import { FargateLintLanguageService } from '../service/languageService';
import { skipReason, skippedMessage } from '../service/models';
import type { Settings } from '../service/settings';
import { WorkspaceIndex } from '../service/workspace';
import { readRegularFileSync } from '../node/read';
import { type SourceDocument, fileMentions, looksLikeTaskDefinitionName } from '../sources';
import { costRecord } from './cost';
import type { InputFile } from './files';
import type { FileReport } from './report';

export interface AnalysisJob {
  settings: Settings;
  /** Prices only (`--cost`): no diagnostics. */
  costOnly: boolean;
  /** The workspace roots (the folders and files given), as file URIs. */
  roots: string[];
}

interface LoadedFile {
  uri: string;
  text?: string;
  skipped?: string;
}

/**
 * Reads a file the one way both threads and every pass do (node/read.ts): regular files only, a named link
 * followed (links inside folders were listed as skipped by collectFiles), never more than the 4 MB cap, even
 * while the file grows; a FIFO or a device is reported, not waited on or read without end.
 */
function load(input: InputFile): LoadedFile {
  const uri = pathToFileURL(input.absolutePath).href;
  if (input.skipped) return { uri, skipped: input.skipped };
  const read = readRegularFileSync(input.absolutePath, { followLinks: true });
  if ('skipped' in read) return { uri, skipped: read.skipped };
  const skipped = skipReason(read.text);
  return skipped ? { uri, skipped } : { uri, text: read.text };
}

function displayName(input: InputFile): string {
  return path.relative(process.cwd(), input.absolutePath) || input.absolutePath;
}

function skippedReport(input: InputFile, reason: string): FileReport {
  return {
    file: displayName(input),
    kind: 'unknown',
    diagnostics: [
      {
        rule: skippedFileMeta.id,
        severity: skippedFileMeta.defaultSeverity,
        message: skippedMessage(reason),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
  };
}

export interface FirstPass {
  /** The report of a file that is none of ours; a file of ours is analysed in pass 2. */
  report?: FileReport;
  /** Why the file was not read at all: the index records it (project-config-file says why a listed policy is not read). */
  skipped?: string;
  /** That file was read: a module may still make it ours (settle). */
  readable?: true;
  /** The file names a .tf file may read (fileMentions). */
  mentions?: readonly string[];
}

/**
 * Between the passes: a file that is none of ours alone but whose name a .tf file mentions (a module may read
 * it with file()) is analysed in pass 2, in the index with its module. Returns the names mentioned.
 */
export function settle(inputs: readonly InputFile[], first: FirstPass[]): Set<string> {
  const mentioned = new Set<string>();
  for (const pass of first) for (const name of pass.mentions ?? []) mentioned.add(name);
  if (mentioned.size === 0) return mentioned;
  first.forEach((pass, i) => {
    if (pass.report && pass.readable && mentioned.has(path.basename(inputs[i].absolutePath))) first[i] = {};
  });
  return mentioned;
}

/** Whether the index may take a parse of the file alone (not when a module may read it, nor a module's own). */
function adoptable(document: SourceDocument, input: InputFile, mentioned: ReadonlySet<string>): boolean {
  return document.source !== 'terraform' && !mentioned.has(path.basename(input.absolutePath));
}

/** A bug that one file triggers costs that file only: it is reported as skipped, and the others are analysed. */
function internalError(input: InputFile, error: unknown): FileReport {
  return skippedReport(input, `could not be analysed (internal error: ${error instanceof Error ? error.message : 'unknown'})`);
}

/** Pass 1, file by file. */
export class Classifier {
  private readonly service = new FargateLintLanguageService();

  constructor(private readonly job: AnalysisJob) {}

  /** `keep` receives a file that is ours, with its text and its parse. */
  async classify(input: InputFile, keep?: (text: string, document: SourceDocument) => void): Promise<FirstPass> {
    const file = load(input);
    if (file.text === undefined) {
      const skipped = file.skipped ?? 'unreadable';
      return { report: skippedReport(input, skipped), skipped };
    }
    try {
      const mentions = fileMentions(file.uri, file.text);
      const textDocument = TextDocument.create(file.uri, languageIdOf(input.absolutePath), 1, file.text);
      const document = this.service.document(textDocument);
      // A file read as a named .tf file's module is indexed for it, whatever it is.
      if (document.model.kind === 'unknown' && !input.context)
        return { report: await fileReport(this.service, input, textDocument, this.job), readable: true };
      keep?.(file.text, document);
      return mentions?.length ? { mentions } : {};
    } catch (error) {
      return { report: internalError(input, error) };
    }
  }
}

/** Pass 2: the files that are ours, indexed in the order given and analysed against one another. */
export class Analyser {
  private readonly workspace: WorkspaceIndex;
  private readonly service: FargateLintLanguageService;

  constructor(private readonly job: AnalysisJob) {
    this.workspace = new WorkspaceIndex(job.roots);
    this.service = new FargateLintLanguageService({ workspace: this.workspace });
  }

  /** Adds a file that is ours to the index: its text (read again when not given) and the parse made of it in pass 1. */
  add(input: InputFile, text?: string, document?: SourceDocument): void {
    const uri = pathToFileURL(input.absolutePath).href;
    const content = text ?? load(input).text;
    if (content === undefined) return;
    this.workspace.set(uri, content, languageIdOf(input.absolutePath));
    if (document) this.workspace.adopt(document);
  }

  /** Records a file that was not read, and why. */
  skip(input: InputFile, reason: string): void {
    this.workspace.skip(pathToFileURL(input.absolutePath).href, { reason, read: false });
  }

  async analyse(input: InputFile): Promise<FileReport> {
    const uri = pathToFileURL(input.absolutePath).href;
    const text = this.workspace.text(uri);
    // Unreadable when pass 2 came to it (a worker reads the files again).
    if (text === undefined) return skippedReport(input, 'changed or removed while it was read');
    try {
      return await fileReport(this.service, input, TextDocument.create(uri, languageIdOf(input.absolutePath), 1, text), this.job);
    } catch (error) {
      return internalError(input, error);
    }
  }
}

async function fileReport(
  service: FargateLintLanguageService,
  input: InputFile,
  textDocument: TextDocument,
  job: AnalysisJob,
): Promise<FileReport> {
  const file = displayName(input);
  const { kind } = service.classify(textDocument);
  const costs = service.costs(textDocument, job.settings).map(costRecord);
  if (job.costOnly) return { file, kind, diagnostics: [], taskDefinitions: costs };
  const reportSyntaxErrors = input.named || kind !== 'unknown' || looksLikeTaskDefinitionName(input.absolutePath);
  const diagnostics = await service.validate(textDocument, job.settings, { reportSyntaxErrors });
  return {
    file,
    kind,
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

/** The template resource a diagnostic is about (CloudFormation logical id, Terraform address), when it has one. */
function resourceOf(diagnostic: Diagnostic): { resource?: string } {
  const resource = (diagnostic.data as DiagnosticData | undefined)?.resource;
  return typeof resource === 'string' ? { resource } : {};
}

/** Both passes in this thread: reports in the order of `inputs` (a named .tf file's module is not reported). */
export async function* analyseHere(inputs: readonly InputFile[], job: AnalysisJob): AsyncGenerator<FileReport> {
  const classifier = new Classifier(job);
  const analyser = new Analyser(job);
  const first: FirstPass[] = [];
  const kept = new Map<number, { text: string; document: SourceDocument }>();
  for (const [i, input] of inputs.entries()) {
    const pass = await classifier.classify(input, (text, document) => kept.set(i, { text, document }));
    if (pass.skipped !== undefined) analyser.skip(input, pass.skipped);
    first.push(pass);
  }
  const mentioned = settle(inputs, first);
  inputs.forEach((input, i) => {
    if (first[i].report) return;
    const parse = kept.get(i);
    analyser.add(input, parse?.text, parse && adoptable(parse.document, input, mentioned) ? parse.document : undefined);
  });
  kept.clear();
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i].context) continue;
    yield first[i].report ?? (await analyser.analyse(inputs[i]));
  }
}

/** The language id an editor would give the file (a .template file is JSON or YAML: its source decides by content). */
export function languageIdOf(file: string): string {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.jsonc?$/i.test(file)) return 'json';
  return 'plaintext';
}
