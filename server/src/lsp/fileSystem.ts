// What the server needs from the platform to index the workspace's files (implemented in node/).
export interface WorkspaceFileSystem {
  /** The text of a file, or undefined when it can't or shouldn't be read (not file:, too large, gone). */
  read(uri: string): Promise<string | undefined>;
  /**
   * Calls `visit` for each JSON file under a workspace folder, within the scan limits, until cancelled, and
   * `skipped` for each one it does not read (a link, too large), with the reason (it follows "it is").
   */
  scan(
    rootUri: string,
    visit: (uri: string, text: string) => void,
    isCancelled: () => boolean,
    skipped?: (uri: string, reason: string) => void,
  ): Promise<void>;
}
