// Answers the server's requests for workspace files (shared/protocol.ts) through VS Code's own file API,
// so the cross-file checks work where the server cannot read the folder: in a browser, and on virtual
// workspaces such as github.dev. Only the files a source reads by name are listed (JSON, YAML and .template
// files that may be CloudFormation templates, Terraform's .tf, .tfvars and templates), the same folders are
// skipped as on disk, and symbolic links, files above the server's size limit and files that are not UTF-8
// text are not read. The fix guard also asks what is at a
// URI (whether a new file may go there, and whether a path goes through a symbolic link).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SKIPPED_FOLDERS_GLOB } from '../../shared/folders';
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
} from '../../shared/protocol';

const EXCLUDE = SKIPPED_FOLDERS_GLOB;
const INCLUDE = '**/*.{json,jsonc,yaml,yml,template,tf,tfvars,tftpl,tpl}';

export function answerWorkspaceFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(WorkspaceFilesRequest, async (params: WorkspaceFilesParams): Promise<WorkspaceFilesResult> => {
      try {
        const root = vscode.Uri.parse(params.root, true);
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(root, INCLUDE), EXCLUDE, params.limit);
        return { uris: found.map((uri) => uri.toString()) };
      } catch {
        return { uris: [] };
      }
    }),
    client.onRequest(FileStatRequest, async (params: FileStatParams): Promise<FileStatResult> => {
      try {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(params.uri, true));
        return { exists: true, symbolicLink: (stat.type & vscode.FileType.SymbolicLink) !== 0 };
      } catch (error) {
        return error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? { exists: false } : {};
      }
    }),
    client.onRequest(ReadFileRequest, async (params: ReadFileParams): Promise<ReadFileResult> => {
      try {
        const uri = vscode.Uri.parse(params.uri, true);
        const stat = await vscode.workspace.fs.stat(uri);
        // As on disk (server/src/node/read.ts): links are not followed, only regular files within the cap are read.
        if ((stat.type & vscode.FileType.SymbolicLink) !== 0) return { skipped: 'a symbolic link, which is not followed' };
        if ((stat.type & vscode.FileType.File) === 0) return { skipped: 'not a regular file' };
        if (stat.size > params.maxBytes) return { skipped: `larger than ${params.maxBytes / 1024 / 1024} MB` };
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          return { skipped: 'not a text file' };
        }
        return { text: text.replace(/^\uFEFF/, '') };
      } catch {
        return {};
      }
    }),
  ];
}
