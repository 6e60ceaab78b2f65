// Which files the CLI reads: the files it is named, and, under the folders it is named, the files a source
// reads by name (sources/index.ts: .json and .jsonc; .yaml, .yml and .template templates; Terraform's .tf,
// .tfvars and templates). A Terraform file named alone (as a pre-commit hook passes the changed ones) is read
// with the files of its folder, its module, which are indexed for it and not reported. A named file may be a
// symbolic link (it is followed); inside folders links are not followed, and entries that are not regular
// files (FIFOs, devices, sockets, links) are listed as skipped, with the reason.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkippedFolder } from '../../../shared/folders';
import { notRegular } from '../node/read';
import { isSourceFileName } from '../sources';

export interface InputFile {
  absolutePath: string;
  /** Named on the command line (rather than found in a folder). */
  named: boolean;
  /** Read only as the module of a named Terraform file: indexed, never reported. */
  context?: boolean;
  /** Why it is not read at all, when that is known from the folder listing. */
  skipped?: string;
}

export class UsageError extends Error {}

const isTerraformModuleFile = (name: string) => /\.tf$/i.test(name);

export function collectFiles(args: string[], { modules: readModules = true } = {}): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Map<string, InputFile>();
  const add = (found: InputFile) => {
    const known = seen.get(found.absolutePath);
    // A file read as a module's context and then named or found itself is reported after all.
    if (known?.context && !found.context) Object.assign(known, { named: found.named, context: undefined });
    if (known) return;
    seen.set(found.absolutePath, found);
    files.push(found);
  };
  const modules = new Set<string>();
  const addModuleOf = (file: string) => {
    const folder = path.dirname(file);
    if (modules.has(folder)) return;
    modules.add(folder);
    for (const sibling of filesOf(folder)) add({ absolutePath: sibling, named: false, context: true });
  };
  for (const arg of args) {
    const absolutePath = path.resolve(arg);
    try {
      fs.lstatSync(absolutePath);
    } catch {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
    let isFolder = false;
    try {
      isFolder = fs.statSync(absolutePath).isDirectory();
    } catch {
      // A link loop or a dangling link: reading it says which.
    }
    if (isFolder) {
      for (const found of walk(absolutePath)) add(found);
    } else {
      add({ absolutePath, named: true });
      if (readModules && isTerraformModuleFile(absolutePath)) addModuleOf(absolutePath);
    }
  }
  return files;
}

/** The regular files of one folder a source reads (not those of its subfolders). */
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

/** The files under a folder that a source reads by name; links are listed (as skipped), never entered or read. */
function* walk(folder: string): Generator<InputFile> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return;
  }
  for (const entry of entries) {
    const absolutePath = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!isSkippedFolder(entry.name, path.basename(folder))) yield* walk(absolutePath);
    } else if (isSourceFileName(entry.name)) {
      if (entry.isFile()) yield { absolutePath, named: false };
      else if (entry.isSymbolicLink())
        yield { absolutePath, named: false, skipped: 'a symbolic link (links are followed only when named on the command line)' };
      else yield { absolutePath, named: false, skipped: notRegular(entry) ?? 'not a regular file' };
    }
  }
}
