// What the server needs from the platform (implemented in node/): reading the workspace's files to index them,
// and, for the fix guard (service/editGuard.ts), whether something is at a path and where a path really leads.
import type { FileProbe } from '../service/editGuard';

export interface WorkspaceFileSystem extends FileProbe {
  /** Calls `visit` for each file a source reads (sources/index.ts isSourceFileName) under a workspace folder, within the scan limits, until cancelled. */
  scan(rootUri: string, visit: (uri: string, text: string) => void, isCancelled: () => boolean): Promise<void>;
}
