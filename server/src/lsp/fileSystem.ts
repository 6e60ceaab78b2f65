// What the server needs from the platform to index the workspace's files (implemented in node/).
export interface WorkspaceFileSystem {
  /** The text of a file, or undefined when it can't or shouldn't be read (not file:, too large, gone, a folder). */
  read(uri: string): Promise<string | undefined>;
  /**
   * Whether the scan of the workspace folder `rootUri` reads `uri`: as a file, a source's file outside
   * node_modules, dist, ...; as a folder, one outside those.
   */
  indexes(uri: string, rootUri: string, as: 'file' | 'folder'): boolean;
  /**
   * Calls `visit` for each file a source reads (sources/index.ts isSourceFileName) under a workspace folder (or any
   * folder: a folder created inside one), in the background (it yields to the event loop often), until cancelled.
   */
  scan(rootUri: string, visit: (uri: string, text: string) => void, isCancelled: () => boolean): Promise<void>;
}
