// Which files the CLI reads: the files it is named, and, under the folders it is named, the files a source
// reads by name (sources/index.ts: .json and .jsonc; .yaml, .yml and .template templates).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkippedFolder } from '../../../shared/folders';
import { isSourceFileName } from '../sources';

export interface InputFile {
  absolutePath: string;
  /** Named on the command line (rather than found in a folder). */
  named: boolean;
}

export class UsageError extends Error {}

/** Terraform files: read once their source exists. Until then a file of this kind given by name (as a
 * pre-commit hook on *.tf passes them) is left alone, not reported as bad JSON. YAML files are read: one that
 * is no template gets nothing. */
const NOT_READ_YET = /\.tf$/i;

export function collectFiles(args: string[]): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (absolutePath: string, named: boolean) => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push({ absolutePath, named });
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
    } else if (!NOT_READ_YET.test(absolutePath)) {
      add(absolutePath, true);
    }
  }
  return files;
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
