// Messages between the VS Code client and the server beyond standard LSP. Imported by both sides;
// it depends on no LSP library so either bundle can take it.

/** The settings section the server asks for with workspace/configuration. */
export const SETTINGS_SECTION = 'fargateLint';

/** What the VS Code client tells the server in `initialize` (other editors send none of it). */
export interface InitializationOptions {
  /**
   * The client answers WorkspaceFilesRequest and ReadFileRequest, so the server can index workspace folders
   * it cannot read itself: every folder in a browser, and virtual folders (github.dev) on the desktop.
   */
  workspaceFiles?: boolean;
  /** Browser only: the URL of the extension's dist/iam-data folder, read by the server one file at a time. */
  iamDataUrl?: string;
  /** Browser only: the URL of the extension's dist folder, where the HCL parser's WebAssembly files are. */
  assetsUrl?: string;
}

/** Client → server request: what a document was recognised as, for the language status item. */
export const DocumentKindRequest = 'fargateLint/documentKind';

export interface DocumentKindParams {
  uri: string;
}

export interface DocumentKindResult {
  /** The CLI's kind names: task-definition, container-definitions, iam-policy, ..., unknown. */
  kind: string;
  label: string;
}

/** Server → client request: the JSON and Terraform files under a workspace folder, for the cross-file index. */
export const WorkspaceFilesRequest = 'fargateLint/workspaceFiles';

export interface WorkspaceFilesParams {
  /** A workspace folder URI. */
  root: string;
  /** At most this many; absent: all of them (the server sends none: it indexes workspaces of any size). */
  limit?: number;
}

export interface WorkspaceFilesResult {
  uris: string[];
}

/**
 * Server → client request: the text of a workspace file (undefined when it is missing, a symbolic link, not a
 * regular file, too large or not text).
 */
export const ReadFileRequest = 'fargateLint/readFile';

export interface ReadFileParams {
  uri: string;
  /** Larger files are not read. */
  maxBytes: number;
}

export interface ReadFileResult {
  text?: string;
  /** Without text: why the file was not read, phrased to follow "the file is" ("a symbolic link, which is not followed"). */
  skipped?: string;
}

/**
 * Server → client request: what is at a workspace URI, for the fix guard (whether a new file may be created
 * there, and whether a path goes through a symbolic link). Empty when the client cannot tell.
 */
export const FileStatRequest = 'fargateLint/fileStat';

export interface FileStatParams {
  uri: string;
}

export interface FileStatResult {
  exists?: boolean;
  /** It is a symbolic link (whatever it leads to). */
  symbolicLink?: boolean;
}

/** Client → server request: the least-privilege execution-role policy a task definition needs. */
export const ExecutionRolePolicyRequest = 'fargateLint/executionRolePolicy';

export interface ExecutionRolePolicyParams {
  uri: string;
  /** Where the cursor is, to pick the task definition when a document holds several. */
  position?: { line: number; character: number };
}

export interface ExecutionRolePolicyResult {
  /** The policy in the syntax of the document (JSON; YAML for a YAML template), to open in a new editor. */
  content?: string;
  /** The VS Code language id of `content`. */
  language?: string;
  /** The role it is for, as the task definition names it. */
  role?: string;
  /** Why there is no policy: not a task definition, nothing needed from an execution role. */
  reason?: string;
}

/** Client → server request: the Fargate task sizes as a Markdown document, for a read-only preview. */
export const TaskSizesRequest = 'fargateLint/taskSizes';

export interface TaskSizesResult {
  markdown: string;
}
