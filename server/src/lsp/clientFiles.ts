// Workspace files read by the client (VS Code's workspace.fs and findFiles), for folders the server cannot
// read itself: every folder when the server runs in a browser, and virtual folders (github.dev's
// vscode-vfs:, a remote repository) on the desktop. Only clients that say so in initializationOptions
// answer these requests; the files are found and read there with the same limits as on disk.
import type { Connection } from 'vscode-languageserver';
import {
  ReadFileRequest,
  type ReadFileParams,
  type ReadFileResult,
  WorkspaceFilesRequest,
  type WorkspaceFilesParams,
  type WorkspaceFilesResult,
} from '../../../shared/protocol';
import { SCAN_LIMITS, type WorkspaceFileSystem } from './fileSystem';

/** Nearest the root first (fargate-lint.json, iam/), then by name, as the disk walk does. */
function byDepth(a: string, b: string): number {
  const depth = (uri: string) => uri.split('/').length;
  return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function clientWorkspaceFileSystem(connection: Connection): WorkspaceFileSystem {
  const read = async (uri: string): Promise<string | undefined> => {
    const params: ReadFileParams = { uri, maxBytes: SCAN_LIMITS.maxFileBytes };
    const result = await connection.sendRequest<ReadFileResult>(ReadFileRequest, params);
    return typeof result?.text === 'string' ? result.text : undefined;
  };
  return {
    read,
    async scan(rootUri, visit, isCancelled) {
      const params: WorkspaceFilesParams = { root: rootUri, limit: SCAN_LIMITS.maxFiles };
      const result = await connection.sendRequest<WorkspaceFilesResult>(WorkspaceFilesRequest, params);
      const uris = (Array.isArray(result?.uris) ? result.uris : []).filter((u): u is string => typeof u === 'string');
      for (const uri of uris.sort(byDepth).slice(0, SCAN_LIMITS.maxFiles)) {
        if (isCancelled()) return;
        const text = await read(uri);
        if (text !== undefined && !isCancelled()) visit(uri, text);
      }
    },
  };
}

/** Files on disk where the platform reads them (`file:`), everything else through the client when it can. */
export function routedFileSystem(
  disk: WorkspaceFileSystem | undefined,
  client: WorkspaceFileSystem,
  clientAnswers: () => boolean,
): WorkspaceFileSystem {
  const pick = (uri: string) => (disk && uri.startsWith('file:') ? disk : clientAnswers() ? client : undefined);
  return {
    read: async (uri) => pick(uri)?.read(uri),
    scan: async (root, visit, isCancelled) => pick(root)?.scan(root, visit, isCancelled),
  };
}
