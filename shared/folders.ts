// Folders that hold installed, generated or version-control files, never task definitions or policies
// written by hand. Every walk over the workspace skips them: the CLI's (server/src/cli/files.ts), the server's
// workspace scan (server/src/node/workspaceFiles.ts), and the VS Code client's findFiles in virtual
// workspaces (client/src/workspace-files.ts).
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'out',
  'cdk.out',
  '.terraform',
  '.aws-sam',
]);
