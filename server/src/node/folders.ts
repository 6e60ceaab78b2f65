// Folders that hold installed, generated or version-control files, never task definitions or policies
// written by hand. Both walks over the file system skip them: the CLI's (cli/files.ts) and the server's
// workspace scan (workspaceFiles.ts). `cdk.out` is read (CDK's synthesized templates are what gets
// deployed), but not the asset folders inside it.
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform', '.aws-sam']);

/** Whether a walk skips the folder `name` found inside the folder `parent` (names only). */
export function isSkippedFolder(name: string, parent?: string): boolean {
  return SKIPPED_FOLDERS.has(name) || (parent === 'cdk.out' && name.startsWith('asset.'));
}
