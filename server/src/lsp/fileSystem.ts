// What the server needs from the platform: reading the workspace's files to index them (implemented in
// node/ for the disk, and by the client through LSP requests in clientFiles.ts), and, for the fix guard
// (service/editGuard.ts), whether something is at a path and where a path really leads.
import type { FileProbe } from '../service/editGuard';

export interface WorkspaceFileSystem extends FileProbe {
  /**
   * Calls `visit` for each file a source reads (sources/index.ts isSourceFileName) under a workspace folder,
   * within the scan limits, until cancelled, and `skipped` for each such file it does not read (a link, too
   * large, not a regular file), with the reason (it follows "the file is").
   */
  scan(
    rootUri: string,
    visit: (uri: string, text: string) => void,
    isCancelled: () => boolean,
    skipped?: (uri: string, reason: string) => void,
  ): Promise<void>;
}

/** The bounds of one scan, whoever reads the files. */
export const SCAN_LIMITS = {
  /** Files read per scan. */
  maxFiles: 5000,
  /** Larger files are not indexed (account authorization dumps are the biggest we want). */
  maxFileBytes: 4 * 1024 * 1024,
  maxDepth: 20,
};
