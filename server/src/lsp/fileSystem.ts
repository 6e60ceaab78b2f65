// What the server needs from the platform to index the workspace's files (implemented in node/, and by
// the client through LSP requests in clientFiles.ts).
export interface WorkspaceFileSystem {
  /** The text of a file, or undefined when it can't or shouldn't be read (another scheme, too large, gone). */
  read(uri: string): Promise<string | undefined>;
  /** Calls `visit` for each file a source reads (sources/index.ts isSourceFileName) under a workspace folder, within the scan limits, until cancelled. */
  scan(rootUri: string, visit: (uri: string, text: string) => void, isCancelled: () => boolean): Promise<void>;
}

/** The bounds of one scan, whoever reads the files. */
export const SCAN_LIMITS = {
  /** JSON files read per scan. */
  maxFiles: 5000,
  /** Larger files are not indexed (account authorization dumps are the biggest we want). */
  maxFileBytes: 4 * 1024 * 1024,
  maxDepth: 20,
};
