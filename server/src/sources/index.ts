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
import type { Source, SourceDocument, SourceInput } from './source';

const SOURCES: readonly Source[] = [cloudFormationSource, jsonSource];

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

/** Files the CLI and the workspace scan read: those some source takes by name. */
export function isSourceFileName(fileName: string): boolean {
  return SOURCES.some((source) => source.readsFileName(fileName));
}

/** Glob patterns of the files some source reads by name, for the server's file watcher (keep with `readsFileName`). */
export const SOURCE_FILE_GLOBS: readonly string[] = ['**/*.json', '**/*.jsonc', '**/*.yaml', '**/*.yml', '**/*.template'];

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
export type { SourceDocument, SourceInput } from './source';
