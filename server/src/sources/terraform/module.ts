// A Terraform module as the source sees it: the .tf files of one folder (those the caller knows: the CLI's
// files, the server's workspace index, or the document alone), the variable values of terraform.tfvars and
// *.auto.tfvars, and the blocks of the module by address. Cross-resource checks look only inside it.
import { basenameOf, canonicalUri } from '../../core/uris';
import type { SourceFiles } from '../source';
import { parseHcl } from './hcl/parser';
import type { Attribute, Block, HclFile } from './hcl/syntax';

export interface ModuleFile {
  uri: string;
  text: string;
  hcl: HclFile;
}

export interface Located<T> {
  file: ModuleFile;
  item: T;
}

export interface TerraformModule {
  /** The folder's URI (no trailing slash). */
  folder: string;
  files: ModuleFile[];
  /** `aws_ecs_task_definition.app`, `data.aws_iam_policy_document.trust`: the first block with each address. */
  blocks: Map<string, Located<Block>>;
  variables: Map<string, Located<Block>>;
  locals: Map<string, Located<Attribute>>;
  outputs: Located<Block>[];
  moduleCalls: Located<Block>[];
  /** Values from terraform.tfvars and *.auto.tfvars, which Terraform loads by itself. */
  autoValues: Map<string, Located<Attribute>>;
  /** Variables that another .tfvars file of the folder sets (one given with -var-file, maybe): unknown. */
  varFileSet: Map<string, string>;
}

export const isModuleFile = (name: string) => /\.tf$/i.test(name);
/** The name endings of module and variable files, for `SourceFiles.list` (keep with isModuleFile and isVarsFile). */
export const MODULE_SUFFIX = '.tf';
const VARS_SUFFIX = '.tfvars';
const isAutoVarsFile = (name: string) => /^terraform\.tfvars$|\.auto\.tfvars$/i.test(name);
export const isVarsFile = (name: string) => /\.tfvars$/i.test(name);

/** Runs of characters a file name may hold (no space, quote, slash, bracket or `${}` syntax): a linear scan. */
const NAME_LIKE = /[^\s"'`/\\(),{}[\]=$<>:;|*?#%]+/g;

/**
 * The file names a .tf file may read with file() or templatefile() (every name-like word with a dot in it),
 * found without parsing: an over-estimate that lets a caller find the modules that may read a file.
 */
export function mentionedNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(NAME_LIKE)) {
    const word = match[0];
    if (word.length <= 255 && word.includes('.') && !word.startsWith('.') && !word.endsWith('.')) names.add(word);
  }
  return [...names];
}

// Parsed files by text: the files of a module are parsed once for all of its documents.
const parsed = new Map<string, HclFile>();
const PARSED_CAPACITY = 64;

/** The syntax tree of a text, parsed once; `key` (a URI) lets a new text of that file be parsed incrementally. */
export function parseCached(text: string, key?: string): HclFile | undefined {
  const hit = parsed.get(text);
  if (hit) {
    parsed.delete(text);
    parsed.set(text, hit);
    return hit;
  }
  const file = parseHcl(text, key);
  if (!file) return undefined;
  parsed.set(text, file);
  if (parsed.size > PARSED_CAPACITY) parsed.delete(parsed.keys().next().value!);
  return file;
}

export interface FileText {
  uri: string;
  text: string;
}

/** The .tf and .tfvars files of a folder that `files` holds, in URI order. */
export function moduleTexts(folder: string, files: SourceFiles): FileText[] {
  const texts = new Map<string, FileText>();
  for (const uri of [...files.list(folder, MODULE_SUFFIX), ...files.list(folder, VARS_SUFFIX)]) {
    const name = basenameOf(uri);
    if (!isModuleFile(name) && !isVarsFile(name)) continue;
    const text = files.read(uri);
    if (text !== undefined) texts.set(canonicalUri(uri), { uri, text });
  }
  return [...texts.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/**
 * The module of the folder `folder` from its files' texts (moduleTexts); `known` gives back the syntax tree of
 * a file whose text has not changed. Undefined when the parser is not loaded.
 */
export function readModule(
  folder: string,
  sorted: readonly FileText[],
  known?: (file: FileText) => HclFile | undefined,
): TerraformModule | undefined {
  const module: TerraformModule = {
    folder,
    files: [],
    blocks: new Map(),
    variables: new Map(),
    locals: new Map(),
    outputs: [],
    moduleCalls: [],
    autoValues: new Map(),
    varFileSet: new Map(),
  };
  for (const { uri, text } of sorted) {
    const hcl = known?.({ uri, text }) ?? parseCached(text, canonicalUri(uri));
    if (!hcl) return undefined;
    const file: ModuleFile = { uri, text, hcl };
    const name = basenameOf(uri);
    if (isVarsFile(name)) {
      for (const attr of hcl.body.attributes) {
        if (isAutoVarsFile(name)) {
          if (!module.autoValues.has(attr.name)) module.autoValues.set(attr.name, { file, item: attr });
        } else if (!module.varFileSet.has(attr.name)) {
          module.varFileSet.set(attr.name, name);
        }
      }
      continue;
    }
    module.files.push(file);
    indexBlocks(module, file);
  }
  return module;
}

function indexBlocks(module: TerraformModule, file: ModuleFile): void {
  for (const block of file.hcl.body.blocks) {
    const [first, second] = block.labels.map((l) => l.value);
    switch (block.type) {
      case 'resource':
        if (first && second) addBlock(module, `${first}.${second}`, file, block);
        break;
      case 'data':
        if (first && second) addBlock(module, `data.${first}.${second}`, file, block);
        break;
      case 'variable':
        if (first && !module.variables.has(first)) module.variables.set(first, { file, item: block });
        break;
      case 'locals':
        for (const attr of block.body.attributes) if (!module.locals.has(attr.name)) module.locals.set(attr.name, { file, item: attr });
        break;
      case 'output':
        module.outputs.push({ file, item: block });
        break;
      case 'module':
        module.moduleCalls.push({ file, item: block });
        break;
    }
  }
}

function addBlock(module: TerraformModule, address: string, file: ModuleFile, block: Block): void {
  // Terraform refuses a second block with the same address; the first one stands.
  if (!module.blocks.has(address)) module.blocks.set(address, { file, item: block });
}

/** The resource blocks of a type, in file order. */
export function resourcesOf(
  module: TerraformModule,
  type: string,
  mode: 'resource' | 'data' = 'resource',
): { address: string; file: ModuleFile; block: Block }[] {
  const prefix = mode === 'data' ? `data.${type}.` : `${type}.`;
  const found: { address: string; file: ModuleFile; block: Block }[] = [];
  for (const [address, { file, item }] of module.blocks) {
    if (address.startsWith(prefix) && address.split('.').length === (mode === 'data' ? 3 : 2)) found.push({ address, file, block: item });
  }
  return found;
}
