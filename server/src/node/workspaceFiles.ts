// Reading the workspace's JSON files from disk for cross-file checks (a task definition's execution role
// policies). Platform code: the server core only sees the WorkspaceFileSystem interface. Only file: folders
// are read; nothing from the workspace is ever run, and nothing goes over the network. The walk is bounded
// (files, bytes, depth), yields to the event loop between folders, and stops when cancelled.
import { type Dirent, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFileSystem } from '../lsp/fileSystem';
import { SKIPPED_FOLDERS } from './folders';
import { MAX_FILE_BYTES, readRegularFile } from './read';

const SCAN_LIMITS = {
  /** JSON files read per scan. */
  maxFiles: 5000,
  /** Larger files are not indexed (account authorization dumps are the biggest we want). */
  maxFileBytes: MAX_FILE_BYTES,
  maxDepth: 20,
};

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  const read = await readRegularFile(file, { maxBytes: SCAN_LIMITS.maxFileBytes });
  return 'text' in read ? read.text : undefined;
}

export const nodeWorkspaceFileSystem: WorkspaceFileSystem = {
  async read(uri) {
    const file = filePath(uri);
    return file === undefined ? undefined : readText(file);
  },

  async scan(rootUri, visit, isCancelled, skipped = () => undefined) {
    const root = filePath(rootUri);
    if (root === undefined) return;
    let files = 0;
    // Breadth-first, so the files nearest the root (fargate-lint.json, iam/) come first.
    const queue: { folder: string; depth: number }[] = [{ folder: root, depth: 0 }];
    while (queue.length && files < SCAN_LIMITS.maxFiles) {
      if (isCancelled()) return;
      const { folder, depth } = queue.shift()!;
      let entries: Dirent[];
      try {
        entries = await fs.readdir(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && depth < SCAN_LIMITS.maxDepth) queue.push({ folder: full, depth: depth + 1 });
        } else if (/\.jsonc?$/i.test(entry.name)) {
          if (!entry.isFile()) {
            skipped(pathToFileURL(full).href, entry.isSymbolicLink() ? 'a symbolic link, which is not followed' : 'not a regular file');
            continue;
          }
          if (++files > SCAN_LIMITS.maxFiles || isCancelled()) return;
          const read = await readRegularFile(full, { maxBytes: SCAN_LIMITS.maxFileBytes });
          if ('text' in read) visit(pathToFileURL(full).href, read.text);
          else skipped(pathToFileURL(full).href, read.skipped);
        }
      }
      // Let requests and edits through between folders.
      await new Promise((resolve) => setImmediate(resolve));
    }
  },
};
