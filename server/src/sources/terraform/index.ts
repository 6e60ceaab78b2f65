// The Terraform source: .tf and .tfvars files (language ids `terraform` and `terraform-vars`, the ids of
// HashiCorp's extension and of the language this extension contributes), the templates a module reads
// (.tftpl, .tpl), and JSON files a module reads with file() or templatefile(). A module is the .tf files of
// one folder that the caller knows (SourceInput.files); each document is a view of its module's model
// (document.ts). The module's model is built once per set of file texts and shared by its documents.
import { basenameOf, canonicalUri, dirnameOf, sameUri } from '../../core/uris';
import { uriToFileName } from '../../core/workspace';
import { jsonSource } from '../json';
import type { Source, SourceDocument, SourceFiles, SourceInput, SourcePlatform, SyntaxProblem } from '../source';
import { type ModuleAnalysis, buildModule } from './build';
import { TerraformSourceDocument } from './document';
import { hclParserLoaded, loadHclParser } from './hcl/parser';
import { type FileText, MODULE_SUFFIX, isModuleFile, isVarsFile, mentionedNames, moduleTexts, parseCached, readModule } from './module';

const TERRAFORM_LANGUAGES = new Set(['terraform', 'terraform-vars']);
const TEMPLATE_FILE = /\.(tftpl|tpl)$/i;
const JSON_FILE = /\.jsonc?$/i;
/** How far above a JSON file a module that reads it may be (`${path.module}/templates/containers.json`). */
const REFERENCE_DEPTH = 3;

interface CachedAnalysis {
  /** The module's .tf and .tfvars files as they were read. */
  texts: FileText[];
  /** The text of each file the module read with file() or templatefile() (undefined: it was not there). */
  reads: Map<string, string | undefined>;
  analysis: ModuleAnalysis;
}

// One analysis per module folder: the documents of a module share it while no file of it changes.
const analyses = new Map<string, CachedAnalysis>();
const ANALYSES_CAPACITY = 50;

/** The files of the caller, with the document being parsed read from its own text. */
function withOwnText(files: SourceFiles | undefined, own: { uri: string; text: string }): SourceFiles {
  return {
    readers: (uri) => files?.readers?.(uri) ?? [],
    read: (uri) => (sameUri(uri, own.uri) ? own.text : files?.read(uri)),
    list: (folder, suffix) => {
      const listed = [...(files?.list(folder, suffix) ?? [])];
      const ownListed = !suffix || own.uri.toLowerCase().endsWith(suffix.toLowerCase());
      if (ownListed && sameUri(dirnameOf(own.uri), folder) && !listed.some((u) => sameUri(u, own.uri))) listed.push(own.uri);
      return listed;
    },
  };
}

/** The analysis of the module in `folder`, from the cache while its files and the files it reads are unchanged. */
function analysisOf(folder: string, files: SourceFiles): ModuleAnalysis | undefined {
  const texts = moduleTexts(folder, files);
  const key = canonicalUri(folder);
  const cached = analyses.get(key);
  if (cached && sameTexts(cached.texts, texts) && [...cached.reads].every(([uri, text]) => files.read(uri) === text)) {
    analyses.delete(key);
    analyses.set(key, cached);
    return cached.analysis;
  }
  // The files that did not change keep their syntax trees.
  const before = new Map(cached?.analysis.module.files.map((f) => [f.uri, f]) ?? []);
  const module = readModule(folder, texts, (file) => (before.get(file.uri)?.text === file.text ? before.get(file.uri)!.hcl : undefined));
  if (!module) return undefined;
  const analysis = buildModule(module, files);
  const reads = new Map(analysis.reads.map((uri) => [uri, files.read(uri)]));
  analyses.set(key, { texts, reads, analysis });
  if (analyses.size > ANALYSES_CAPACITY) analyses.delete(analyses.keys().next().value!);
  return analysis;
}

function sameTexts(a: readonly FileText[], b: readonly FileText[]): boolean {
  return a.length === b.length && a.every((file, i) => file.uri === b[i].uri && file.text === b[i].text);
}

function syntaxProblemsOf(text: string, uri: string): SyntaxProblem[] {
  const hcl = parseCached(text, canonicalUri(uri));
  return (hcl?.errors ?? []).map((e) => ({
    offset: e.range.start,
    length: e.range.end - e.range.start,
    message: e.message,
    ruleId: 'hcl-syntax',
  }));
}

function moduleDocument(input: SourceInput, folder: string, label?: string): TerraformSourceDocument {
  const files = withOwnText(input.files, input);
  const analysis = analysisOf(folder, files);
  const name = basenameOf(input.uri);
  const problems = isModuleFile(name) || isVarsFile(name) ? syntaxProblemsOf(input.text, input.uri) : [];
  return new TerraformSourceDocument(
    input.uri,
    input.text,
    analysis,
    problems,
    (text) => moduleDocument({ ...input, text }, folder, label),
    { label },
  );
}

/**
 * Module folders at and above a file's folder whose .tf files mention its name (they may read it), and those of
 * the .tf files known to read it (a child module reading `${path.root}/x.json`).
 */
function referringFolders(uri: string, files: SourceFiles | undefined): string[] {
  if (!files) return [];
  const name = basenameOf(uri);
  const folders: string[] = [];
  for (const reader of files.readers?.(uri) ?? []) {
    const folder = dirnameOf(reader);
    if (isModuleFile(basenameOf(reader)) && !folders.some((f) => sameUri(f, folder))) folders.push(folder);
  }
  let folder = dirnameOf(uri);
  for (let up = 0; up <= REFERENCE_DEPTH; up++) {
    // Listing only the .tf files: a JSON file's parse does not depend on the other files of its folders.
    const mentions = files.list(folder, MODULE_SUFFIX).some((u) => isModuleFile(basenameOf(u)) && files.read(u)?.includes(name));
    if (mentions && !folders.some((f) => sameUri(f, folder))) folders.push(folder);
    const parent = dirnameOf(folder);
    if (parent === folder || /^[a-z][a-z0-9+.-]*:\/*$/i.test(parent)) break;
    folder = parent;
  }
  return folders;
}

/** A file read by a module (a template, a JSON file): the view of the first module that reads it. */
function referencedDocument(input: SourceInput): SourceDocument | undefined {
  for (const folder of referringFolders(input.uri, input.files)) {
    const document = moduleDocument(input, folder);
    if (document.analysis?.reads.some((u) => sameUri(u, input.uri))) return document;
  }
  return undefined;
}

export const terraformSource: Source = {
  id: 'terraform',
  accepts(input, fileName) {
    if (input.languageId && TERRAFORM_LANGUAGES.has(input.languageId)) return true;
    const name = basenameOf(fileName);
    if (isModuleFile(name) || isVarsFile(name) || TEMPLATE_FILE.test(name)) return true;
    return JSON_FILE.test(name) && referringFolders(input.uri, input.files).length > 0;
  },
  parse(input) {
    if (!hclParserLoaded()) return unloaded(input);
    const name = basenameOf(uriToFileName(input.uri));
    if (
      isModuleFile(name) ||
      isVarsFile(name) ||
      (input.languageId && TERRAFORM_LANGUAGES.has(input.languageId) && !TEMPLATE_FILE.test(name))
    ) {
      return moduleDocument(input, dirnameOf(input.uri));
    }
    const referenced = referencedDocument(input);
    if (referenced) return referenced;
    if (TEMPLATE_FILE.test(name)) {
      const again = (text: string) => terraformSource.parse({ ...input, text }) as TerraformSourceDocument;
      return new TerraformSourceDocument(input.uri, input.text, undefined, [], again, {
        label: 'Terraform template (no module here reads it)',
      });
    }
    return jsonSource.parse(input);
  },
  readsFileName: (fileName) => {
    const name = basenameOf(fileName);
    return isModuleFile(name) || isVarsFile(name) || TEMPLATE_FILE.test(name);
  },
  mentions: (uri, text) => (isModuleFile(basenameOf(uri)) ? mentionedNames(text) : undefined),
  needsPreparation: (fileName, languageId) =>
    (languageId !== undefined && TERRAFORM_LANGUAGES.has(languageId)) || terraformSource.readsFileName(fileName),
  prepared: hclParserLoaded,
  prepare: (platform: SourcePlatform) =>
    loadHclParser(async () => ({
      runtime: await platform.asset('web-tree-sitter.wasm'),
      grammar: await platform.asset('tree-sitter-terraform.wasm'),
    })),
};

/**
 * Before the parser has loaded: a stand-in with nothing in it, never kept (the CLI loads the parser before it
 * reads a Terraform file; the server starts loading it when the first one reaches it, and waits for it).
 */
function unloaded(input: SourceInput): TerraformSourceDocument {
  return new TerraformSourceDocument(input.uri, input.text, undefined, [], () => unloaded(input), {
    label: 'Terraform (the HCL parser is not loaded yet)',
    kind: 'unknown',
    provisional: true,
  });
}
