// Reading the workspace's files from disk for cross-file checks (a task definition's execution role
// policies). Platform code: the server core only sees the WorkspaceFileSystem interface. Only file: folders
// are read; nothing from the workspace is ever run, and nothing goes over the network. The walk has no cap
// on the number of files (a large monorepo is read to the end): it reads breadth-first, a few files at a
// time, gives the event loop back every few milliseconds so that requests and edits go first, skips the
// folders of installed and generated files, and stops when cancelled.
import { type Dirent, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFileSystem } from '../lsp/fileSystem';
import { isSourceFileName } from '../sources';
import { SKIPPED_FOLDERS } from './folders';

const SCAN_LIMITS = {
  /** Larger files are not indexed (account authorization dumps are the biggest we want). */
  maxFileBytes: 4 * 1024 * 1024,
  /** Folders nested deeper are not read (symbolic links are not followed, so this bounds odd trees only). */
  maxDepth: 64,
};
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
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > SCAN_LIMITS.maxFileBytes) return undefined;
    const text = await fs.readFile(file, 'utf8');
    return text.replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

export const nodeWorkspaceFileSystem: WorkspaceFileSystem = {
  async read(uri) {
    const file = filePath(uri);
    return file === undefined ? undefined : readText(file);
  },

  indexes(uri, rootUri, as) {
    const file = filePath(uri);
    const root = filePath(rootUri);
    if (file === undefined || root === undefined) return false;
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const folders = relative.split(path.sep);
    if (as === 'file' && !isSourceFileName(folders.pop()!)) return false;
    return folders.length <= SCAN_LIMITS.maxDepth && !folders.some((f) => SKIPPED_FOLDERS.has(f));
  },

  async scan(rootUri, visit, isCancelled) {
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
      entries.sort((a, b) => a.name.localeCompare(b.name));
      const files: string[] = [];
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && depth < SCAN_LIMITS.maxDepth) queue.push({ folder: full, depth: depth + 1 });
        } else if (entry.isFile() && isSourceFileName(entry.name)) {
          files.push(full);
        }
      }
      for (let i = 0; i < files.length; i += READ_AHEAD) {
        if (isCancelled()) return;
        const batch = files.slice(i, i + READ_AHEAD);
        const texts = await Promise.all(batch.map(readText));
        if (isCancelled()) return;
        texts.forEach((text, k) => text !== undefined && visit(pathToFileURL(batch[k]).href, text));
        await breathe();
      }
      await breathe();
    }
  },
};
