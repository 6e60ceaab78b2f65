// Folders that hold installed, generated or version-control files, never task definitions or policies
// written by hand. Every walk over the workspace skips them: the CLI's (server/src/cli/files.ts), the server's
// workspace scan (server/src/node/workspaceFiles.ts), and the VS Code client's findFiles in virtual
// workspaces (client/src/workspace-files.ts). `cdk.out` is read (CDK's synthesized templates are what gets
// deployed), but not the asset folders inside it.
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform', '.aws-sam']);

/** Whether a walk skips the folder `name` found inside the folder `parent` (names only). */
export function isSkippedFolder(name: string, parent?: string): boolean {
  return SKIPPED_FOLDERS.has(name) || (parent === 'cdk.out' && name.startsWith('asset.'));
}

/** The same folders as one glob of what to exclude (VS Code's findFiles; one group, no nesting). */
export const SKIPPED_FOLDERS_GLOB = `{${[...[...SKIPPED_FOLDERS].map((name) => `**/${name}/**`), '**/cdk.out/asset.*/**'].join(',')}}`;
