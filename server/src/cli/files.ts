// Which files the CLI reads: the files it is named, and, under the folders it is named, the files a source
// reads by name (sources/index.ts: .json and .jsonc; .yaml, .yml and .template templates). A named file may
// be a symbolic link (it is followed); inside folders links are not followed, and entries that are not regular
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
  /** Why it is not read at all, when that is known from the folder listing. */
  skipped?: string;
}

export class UsageError extends Error {}

/** Terraform files: read once their source exists. Until then a file of this kind given by name (as a
 * pre-commit hook on *.tf passes them) is left alone, not reported as bad JSON. YAML files are read: one that
 * is no template gets nothing. */
const NOT_READ_YET = /\.tf$/i;

export function collectFiles(args: string[]): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (file: InputFile) => {
    if (seen.has(file.absolutePath)) return;
    seen.add(file.absolutePath);
    files.push(file);
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
    } else if (!NOT_READ_YET.test(absolutePath)) {
      add({ absolutePath, named: true });
    }
  }
  return files;
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
