// What the server needs from the platform to index the workspace's files (implemented in node/).
export interface WorkspaceFileSystem {
  /** The text of a file, or undefined when it can't or shouldn't be read (not file:, too large, gone). */
  read(uri: string): Promise<string | undefined>;
  /** Calls `visit` for each file a source reads (sources/index.ts isSourceFileName) under a workspace folder, within the scan limits, until cancelled. */
  scan(rootUri: string, visit: (uri: string, text: string) => void, isCancelled: () => boolean): Promise<void>;
}
