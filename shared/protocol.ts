// Messages between the VS Code client and the server beyond standard LSP. Imported by both sides;
// it depends on no LSP library so either bundle can take it.

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

/** The settings section the server asks for with workspace/configuration. */
export const SETTINGS_SECTION = 'fargateLint';
