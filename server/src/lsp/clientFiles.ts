// Workspace files read by the client (VS Code's workspace.fs and findFiles), for folders the server cannot
// read itself: every folder when the server runs in a browser, and virtual folders (github.dev's
// vscode-vfs:, a remote repository) on the desktop. Only clients that say so in initializationOptions
// answer these requests; the files are found and read there with the same limits as on disk.
import type { Connection } from 'vscode-languageserver';
import {
  FileStatRequest,
  type FileStatParams,
  type FileStatResult,
  ReadFileRequest,
  type ReadFileParams,
  type ReadFileResult,
  WorkspaceFilesRequest,
  type WorkspaceFilesParams,
  type WorkspaceFilesResult,
} from '../../../shared/protocol';
import { dirnameOf } from '../core/uris';
import { SCAN_LIMITS, type WorkspaceFileSystem } from './fileSystem';

/** Symbolic links checked on the way up from a URI to its root, at most. */
const MAX_DEPTH = 64;

/** `scheme://authority` with no path, or a path of `/`: the top of a URI's tree. */
const isTop = (uri: string) => /^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?\/?$/i.test(uri);

/** Nearest the root first (fargate-lint.json, iam/), a folder's .tf files before its others (the JSON files
 *  and templates a Terraform module reads are then read as its own), then by name, as the disk walk does. */
function byDepth(a: string, b: string): number {
  const depth = (uri: string) => uri.split('/').length;
  const terraformFirst = (uri: string) => (/\.tf$/i.test(uri) ? 0 : 1);
  return depth(a) - depth(b) || terraformFirst(a) - terraformFirst(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function clientWorkspaceFileSystem(connection: Connection): WorkspaceFileSystem {
  const fileStat = async (uri: string): Promise<FileStatResult> => {
    const params: FileStatParams = { uri };
    const result = await connection.sendRequest<FileStatResult>(FileStatRequest, params).catch(() => undefined);
    return result && typeof result === 'object' ? result : {};
  };
  const readFile = async (uri: string): Promise<ReadFileResult> => {
    const params: ReadFileParams = { uri, maxBytes: SCAN_LIMITS.maxFileBytes };
    const result = await connection.sendRequest<ReadFileResult>(ReadFileRequest, params);
    return result && typeof result === 'object' ? result : {};
  };
  return {
    async read(uri) {
      const { text } = await readFile(uri);
      return typeof text === 'string' ? text : undefined;
    },
    async exists(uri) {
      const stat = await fileStat(uri);
      return typeof stat.exists === 'boolean' ? stat.exists : undefined;
    },
    // The client's file system resolves no links for us: a URI stands for itself unless it, or a folder on
    // the way up, is a symbolic link, and then the guard is told it cannot know. Above the nearest folder
    // that exists, the walk stops where the client cannot tell (above a github.dev repository, say): links
    // there would move the file and its workspace folder alike.
    async realUri(uri) {
      let current = uri;
      let found = false;
      for (let depth = 0; depth < MAX_DEPTH && !isTop(current); depth++) {
        const stat = await fileStat(current);
        if (stat.symbolicLink) return undefined;
        if (stat.exists === undefined) return found ? uri : undefined;
        found ||= stat.exists;
        current = dirnameOf(current);
      }
      return isTop(current) ? uri : undefined;
    },
    async scan(rootUri, visit, isCancelled, skipped = () => undefined) {
      const params: WorkspaceFilesParams = { root: rootUri };
      const result = await connection.sendRequest<WorkspaceFilesResult>(WorkspaceFilesRequest, params);
      const uris = (Array.isArray(result?.uris) ? result.uris : []).filter((u): u is string => typeof u === 'string');
      for (const uri of uris.sort(byDepth)) {
        if (isCancelled()) return;
        const { text, skipped: reason } = await readFile(uri);
        if (isCancelled()) return;
        if (typeof text === 'string') visit(uri, text);
        else if (typeof reason === 'string') skipped(uri, reason);
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
    exists: async (uri) => pick(uri)?.exists(uri),
    realUri: async (uri) => pick(uri)?.realUri(uri),
    scan: async (root, visit, isCancelled, skipped) => pick(root)?.scan(root, visit, isCancelled, skipped),
  };
}
