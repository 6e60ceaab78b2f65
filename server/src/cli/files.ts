// Which files the CLI reads: the files it is named, and, under the folders it is named, the files a source
// reads by name (sources/index.ts: .json and .jsonc; .yaml, .yml and .template templates; Terraform's .tf,
// .tfvars and templates). A Terraform file named alone (as a pre-commit hook passes the changed ones) is read
// with the files of its folder, its module, which are indexed for it and not reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkippedFolder } from '../../../shared/folders';
import { isSourceFileName } from '../sources';

export interface InputFile {
  absolutePath: string;
  /** Named on the command line (rather than found in a folder). */
  named: boolean;
  /** Read only as the module of a named Terraform file: indexed, never reported. */
  context?: boolean;
}

export class UsageError extends Error {}

const isTerraformModuleFile = (name: string) => /\.tf$/i.test(name);

export function collectFiles(args: string[], { modules: readModules = true } = {}): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Map<string, InputFile>();
  const add = (absolutePath: string, named: boolean, context?: true) => {
    const known = seen.get(absolutePath);
    // A file read as a module's context and then named or found itself is reported after all.
    if (known?.context && !context) Object.assign(known, { named, context: undefined });
    if (known) return;
    const file: InputFile = context ? { absolutePath, named, context } : { absolutePath, named };
    seen.set(absolutePath, file);
    files.push(file);
  };
  const modules = new Set<string>();
  const addModuleOf = (file: string) => {
    const folder = path.dirname(file);
    if (modules.has(folder)) return;
    modules.add(folder);
    for (const sibling of filesOf(folder)) add(sibling, false, true);
  };
  for (const arg of args) {
    const absolutePath = path.resolve(arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolutePath);
    } catch {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
    if (stat.isDirectory()) {
      for (const found of walk(absolutePath)) add(found, false);
    } else {
      add(absolutePath, true);
      if (readModules && isTerraformModuleFile(absolutePath)) addModuleOf(absolutePath);
    }
  }
  return files;
}

/** The files of one folder a source reads (not those of its subfolders). */
function filesOf(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && isSourceFileName(entry.name))
      .map((entry) => path.join(folder, entry.name))
      .sort();
  } catch {
    return [];
  }
}

function* walk(folder: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!isSkippedFolder(entry.name, path.basename(folder))) yield* walk(full);
    } else if (entry.isFile() && isSourceFileName(entry.name)) {
      yield full;
    }
  }
}
