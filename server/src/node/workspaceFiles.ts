// Reading the workspace's files (JSON, templates) from disk for cross-file checks (a task definition's
// execution role policies), and answering the fix guard: whether anything is at a path (a symbolic link
// counts, even one to nothing) and where a path really leads. Platform code: the server core only sees the
// WorkspaceFileSystem interface. Only file: folders are read; nothing from the workspace is ever run, and
// nothing goes over the network. The walk is bounded (files, bytes, depth), yields to the event loop between
// folders, and stops when cancelled.
import { type Dirent, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SCAN_LIMITS, type WorkspaceFileSystem } from '../lsp/fileSystem';
import { isSourceFileName } from '../sources';
import { isSkippedFolder } from '../../../shared/folders';
import { readRegularFile } from './read';

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
          if (!isSkippedFolder(entry.name, path.basename(folder)) && depth < SCAN_LIMITS.maxDepth)
            queue.push({ folder: full, depth: depth + 1 });
        } else if (isSourceFileName(entry.name)) {
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
