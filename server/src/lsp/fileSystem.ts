// What the server needs from the platform: reading the workspace's files to index them (implemented in
// node/ for the disk, and by the client through LSP requests in clientFiles.ts), and, for the fix guard
// (service/editGuard.ts), whether something is at a path and where a path really leads.
import { isSkippedFolder } from '../../../shared/folders';
import { canonicalUri, isInside } from '../core/uris';
import type { FileProbe } from '../service/editGuard';
import { isSourceFileName } from '../sources';

export interface WorkspaceFileSystem extends FileProbe {
  /**
   * Calls `visit` for each file a source reads (sources/index.ts isSourceFileName) under a workspace folder (or
   * a folder created inside one), every one of them, in the background (the event loop gets turns often),
   * until cancelled, and `skipped` for each such file it does not read (a link, too large, not a regular
   * file), with the reason (it follows "the file is").
   */
  scan(
    rootUri: string,
    visit: (uri: string, text: string) => void,
    isCancelled: () => boolean,
    skipped?: (uri: string, reason: string) => void,
  ): Promise<void>;
}

/** The bounds of one scan, whoever reads the files. There is no bound on the number of files. */
export const SCAN_LIMITS = {
  /** Larger files are not indexed (account authorization dumps are the biggest we want). */
  maxFileBytes: 4 * 1024 * 1024,
  /** Folders nested deeper are not read (symbolic links are not followed, so this bounds odd trees only). */
  maxDepth: 64,
};

/**
 * Whether the scan of the workspace folder `rootUri` reads `uri`: as a file, one a source reads, outside
 * node_modules, .git, dist, ...; as a folder, one outside those. For file events, which arrive for any path.
 */
export function isScanned(uri: string, rootUri: string, as: 'file' | 'folder'): boolean {
  if (!isInside(uri, rootUri)) return false;
  const parts = canonicalUri(uri).slice(canonicalUri(rootUri).length).split('/').filter(Boolean);
  if (parts.length === 0) return false;
  if (as === 'file' && !isSourceFileName(parts.pop()!)) return false;
  return parts.length <= SCAN_LIMITS.maxDepth && !parts.some((part, i) => isSkippedFolder(part, parts[i - 1]));
}
