// Reading the workspace's files (JSON, templates, a Terraform module's .tf files) from disk for cross-file
// checks (a task definition's execution role policies, a module's other files), and answering the fix guard:
// whether anything is at a path (a symbolic link counts, even one to nothing) and where a path really leads.
// Platform code: the server core only sees the WorkspaceFileSystem interface. Only file: folders are read;
// nothing from the workspace is ever run, and nothing goes over the network. The walk has no cap on the
// number of files (a large monorepo is read to the end): it reads breadth-first, a few files at a time, gives
// the event loop back every few milliseconds so that requests and edits go first, skips the folders of
// installed and generated files, and stops when cancelled.
import { type Dirent, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SCAN_LIMITS, type WorkspaceFileSystem } from '../lsp/fileSystem';
import { isSourceFileName } from '../sources';
import { isSkippedFolder } from '../../../shared/folders';
import { type ReadResult, readRegularFile } from './read';

/** Files read at once. */
const READ_AHEAD = 8;
/** The longest stretch of scanning (reading and the callers' parsing) before the event loop gets a turn. */
const SLICE_MS = 8;

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  const read = await readFile(file);
  return 'text' in read ? read.text : undefined;
}

function readFile(file: string): Promise<ReadResult> {
  return readRegularFile(file, { maxBytes: SCAN_LIMITS.maxFileBytes });
}

/** Whether anything is at the path, a symbolic link not followed; undefined when it cannot tell. */
async function existsAt(file: string): Promise<boolean | undefined> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    // Nothing there, or a folder on the way is missing or is a file.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? false : undefined;
  }
}

export const nodeWorkspaceFileSystem: WorkspaceFileSystem = {
  async read(uri) {
    const file = filePath(uri);
    return file === undefined ? undefined : readText(file);
  },

  async exists(uri) {
    const file = filePath(uri);
    return file === undefined ? undefined : existsAt(file);
  },

  async realUri(uri) {
    const file = filePath(uri);
    if (file === undefined) return undefined;
    // Up to the nearest path that exists; what is below it does not exist yet, so no link can be in it.
    const missing: string[] = [];
    for (let current = path.resolve(file); ; current = path.dirname(current)) {
      try {
        return pathToFileURL(path.join(await fs.realpath(current), ...missing)).href;
      } catch {
        // Something that is there but does not resolve (a link to nothing, a loop) leads nowhere we can tell.
        if ((await existsAt(current)) !== false) return undefined;
        if (path.dirname(current) === current) return undefined;
        missing.unshift(path.basename(current));
      }
    }
  },

  async scan(rootUri, visit, isCancelled, skipped = () => undefined) {
    const root = filePath(rootUri);
    if (root === undefined) return;
    let sliceStart = performance.now();
    const breathe = async () => {
      if (performance.now() - sliceStart < SLICE_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    };
    // Breadth-first, so the files nearest the root (fargate-lint.json, iam/) come first.
    const queue: { folder: string; depth: number }[] = [{ folder: root, depth: 0 }];
    for (let next = 0; next < queue.length; next++) {
      if (isCancelled()) return;
      const { folder, depth } = queue[next];
      let entries: Dirent[];
      try {
        entries = await fs.readdir(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      // A Terraform module's .tf files first: the JSON files and templates it reads are then read as its own
      // (a file that is none of ours on its own is not kept).
      const terraformFirst = (name: string) => (/\.tf$/i.test(name) ? 0 : 1);
      entries.sort((a, b) => terraformFirst(a.name) - terraformFirst(b.name) || a.name.localeCompare(b.name));
      const files: string[] = [];
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!isSkippedFolder(entry.name, path.basename(folder)) && depth < SCAN_LIMITS.maxDepth)
            queue.push({ folder: full, depth: depth + 1 });
        } else if (isSourceFileName(entry.name)) {
          if (entry.isFile()) files.push(full);
          else skipped(pathToFileURL(full).href, entry.isSymbolicLink() ? 'a symbolic link, which is not followed' : 'not a regular file');
        }
      }
      for (let i = 0; i < files.length; i += READ_AHEAD) {
        if (isCancelled()) return;
        const batch = files.slice(i, i + READ_AHEAD);
        const reads = await Promise.all(batch.map(readFile));
        if (isCancelled()) return;
        reads.forEach((read, k) => {
          const uri = pathToFileURL(batch[k]).href;
          if ('text' in read) visit(uri, read.text);
          else skipped(uri, read.skipped);
        });
        await breathe();
      }
      await breathe();
    }
  },
};
