// Folders that hold installed, generated or version-control files, never task definitions or policies
// written by hand. Both walks over the file system skip them: the CLI's (cli/files.ts) and the server's
// workspace scan (workspaceFiles.ts).
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
