// The registry of sources: which source reads a document. Sources are asked in order and the first that
// accepts the document parses it. Put a source that recognises JSON by its content (a CloudFormation
// template, Terraform plan JSON) before `jsonSource`, which takes whatever is left. A source decides from
//  - the language id the editor gives (`yaml`, `terraform`; a `json` document may still be a template),
//  - the file extension (`.yaml`, `.yml`, `.template`, `.tf`),
//  - a cheap look at the content (`"AWSTemplateFormatVersion"`, `"format_version"` with `"planned_values"`).
import { UNKNOWN_MODEL } from '../core/model';
import { basename } from '../core/uris';
import { uriToFileName } from '../core/workspace';
import { cloudFormationSource } from './cloudformation';
import { jsonSource } from './json';
import type { Source, SourceDocument, SourceInput, SourcePlatform } from './source';
import { terraformSource } from './terraform';
import { terraformPlanSource } from './terraform-plan';

const SOURCES: readonly Source[] = [terraformPlanSource, terraformSource, cloudFormationSource, jsonSource];

/** Loads what every source needs before it parses (the HCL parser): the CLI, before it reads any Terraform file. */
export async function prepareSources(platform: SourcePlatform): Promise<void> {
  for (const source of SOURCES) await source.prepare?.(platform);
}

// The server loads what a source needs only when a file that needs it first reaches it (prepareFor): a
// workspace without Terraform never loads the HCL parser (its WebAssembly memory, ~6 MiB of it resident).
interface OnDemand {
  platform: SourcePlatform;
  /** A load has finished: what was made before it (stand-ins, results computed from them) is stale. */
  loaded: () => void;
  failed: (error: unknown) => void;
}
let onDemand: OnDemand | undefined;
/** Each source's load, once started (a failed one is not tried again); those not finished yet. */
const loads = new Map<Source, Promise<void>>();
const pending = new Set<Promise<void>>();

/** Where the sources load from when a file first needs them (prepareFor), and who hears when a load has ended. */
export function loadSourcesOnDemand(options: OnDemand): void {
  onDemand = options;
}

/**
 * Starts loading what parsing a file needs (the HCL parser for a Terraform file, by name or language id) when
 * it is not loaded, and resolves when it has (never rejects). Undefined: nothing to wait for.
 */
export function prepareFor(uri: string, languageId?: string): Promise<void> | undefined {
  if (!onDemand) return undefined;
  const { platform, loaded, failed } = onDemand;
  const unprepared = SOURCES.filter((s) => s.prepare && !s.prepared?.());
  if (unprepared.length === 0) return undefined;
  const fileName = uriToFileName(uri);
  const source = unprepared.find((s) => s.needsPreparation?.(fileName, languageId));
  if (!source) return undefined;
  let load = loads.get(source);
  if (!load) {
    const started: Promise<void> = source.prepare!(platform)
      .then(loaded)
      .catch(failed)
      .finally(() => pending.delete(started));
    load = started;
    loads.set(source, load);
    pending.add(load);
  }
  return load;
}

/** The loads under way (prepareFor), to wait for before a result that may read a file they are for; undefined: none. */
export function sourcesLoading(): Promise<unknown> | undefined {
  return pending.size ? Promise.all(pending) : undefined;
}

export function sourceFor(input: SourceInput): Source {
  const fileName = uriToFileName(input.uri);
  return SOURCES.find((source) => source.accepts(input, fileName)) ?? jsonSource;
}

/** The parsed document. A source that throws (it should not: sources/source.ts) gives an unanalysed one. */
export function parseDocument(input: SourceInput): SourceDocument {
  try {
    return sourceFor(input).parse(input);
  } catch {
    return unanalysedDocument(input.uri, input.text);
  }
}

/** The file names a document may read (a .tf file's file() targets), found without parsing; undefined: none. */
export function fileMentions(uri: string, text: string): readonly string[] | undefined {
  for (const source of SOURCES) {
    const names = source.mentions?.(uri, text);
    if (names) return names;
  }
  return undefined;
}

/** Files the CLI and the workspace scan read: those some source takes by name. */
export function isSourceFileName(fileName: string): boolean {
  return SOURCES.some((source) => source.readsFileName(fileName));
}

/** Glob patterns of the files some source reads by name, for the server's file watcher (keep with `readsFileName`). */
export const SOURCE_FILE_GLOBS: readonly string[] = [
  '**/*.json',
  '**/*.jsonc',
  '**/*.yaml',
  '**/*.yml',
  '**/*.template',
  '**/*.tf',
  '**/*.tfvars',
  '**/*.tftpl',
  '**/*.tpl',
];

/**
 * File names that are never ours (package.json, tsconfig.json, editor settings, ...); skipping them keeps
 * the cost of other files near zero.
 */
export function isForeignFileName(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const base = basename(fileName).toLowerCase();
  return /^(package(-lock)?\.json|tsconfig.*\.json|jsconfig.*\.json|\.eslintrc.*|composer\.(json|lock)|\.babelrc|launch\.json|settings\.json|tasks\.json|extensions\.json)$/.test(
    base,
  );
}

/** A document that is not analysed (foreign, too large, not text): no model, no locations, no edits. */
export function unanalysedDocument(uri: string, text: string): SourceDocument {
  return {
    source: 'json',
    uri,
    fileName: uriToFileName(uri),
    text,
    model: UNKNOWN_MODEL,
    syntaxProblems: [],
    locate: () => undefined,
    edit: () => undefined,
    cursor: () => undefined,
    render: () => undefined,
    describeUnknown: () => undefined,
  };
}

export { looksLikeTaskDefinitionName } from './json';
export { MAX_NESTING_DEPTH, tooDeepAt } from './text';
export type { SourceDocument, SourceFiles, SourceInput, SourcePlatform } from './source';
