// The JSON source: task definitions, container definitions, IAM policies, roles, IAM's own output
// (get-role, get-policy-version, get-account-authorization-details) and fargate-lint.json, as JSON with
// comments. The model value is the document's value itself: JSON files are already in the ECS API and IAM
// grammar, so model paths are JSON paths.
import { findNodeAtOffset } from 'jsonc-parser';
import type { JSONDocument } from 'vscode-json-languageservice';
import type { Cursor, JsonPath, Model, ModelEdit, Target } from '../../core/model';
import { uriToFileName } from '../../core/workspace';
import type { RenderedDocument, Source, SourceDocument, SourceInput, SourceLocation, SyntaxProblem, TextChange } from '../source';
import { classify } from './classify';
import { jsonCursor } from './cursor';
import { renderEdits } from './edit';
import { type ParsedJson, locate, parseJson } from './parse';

export class JsonSourceDocument implements SourceDocument {
  readonly source = 'json' as const;
  readonly fileName: string;
  readonly model: Model;
  readonly syntaxProblems: readonly SyntaxProblem[];
  /** The parse the model was made of; let go by `compact()` and made again of the same text when asked for. */
  private tree?: ParsedJson;

  constructor(
    readonly uri: string,
    readonly text: string,
    private readonly languageId?: string,
  ) {
    this.fileName = uriToFileName(uri);
    this.tree = parseJson(text, uri, languageId);
    this.syntaxProblems = this.tree.syntaxProblems;
    this.model = classify(this.tree, this.fileName);
  }

  private get parsed(): ParsedJson {
    return (this.tree ??= parseJson(this.text, this.uri, this.languageId));
  }

  /**
   * Lets the syntax trees go (the model stays): for a document nobody is editing, whose trees are needed
   * again only to locate a finding or an edit in it. Asking for them parses the same text again.
   */
  compact(): void {
    this.tree = undefined;
  }

  /** vscode-json-languageservice's document of this text, made by the same parse, when the text has no syntax errors. */
  get schemaDocument(): JSONDocument | undefined {
    return this.parsed.schemaDocument;
  }

  /** The literal value of the innermost node at `offset` (undefined for objects and arrays). */
  scalarAt(offset: number): unknown {
    const root = this.parsed.root;
    return root ? findNodeAtOffset(root, offset)?.value : undefined;
  }

  locate(path: JsonPath, target: Target): SourceLocation {
    return locate(this.parsed.root, path, target);
  }

  edit(edits: readonly ModelEdit[]): TextChange[] | undefined {
    return renderEdits(this.text, edits);
  }

  cursor(offset: number): Cursor | undefined {
    return jsonCursor(this.parsed, this.model, offset);
  }

  render(value: unknown): string | undefined {
    return JSON.stringify(value);
  }

  describeUnknown(): string | undefined {
    // JSON has no expressions: its model holds no markers.
    return undefined;
  }

  renderDocument(value: unknown): RenderedDocument {
    return { content: `${JSON.stringify(value, null, 2)}\n`, language: 'json' };
  }
}

const JSON_FILE = /\.jsonc?$/i;

export const jsonSource: Source = {
  id: 'json',
  // Whatever no other source claims: the server receives JSON documents only, and untitled ones have no extension.
  accepts: () => true,
  parse: (input: SourceInput) => new JsonSourceDocument(input.uri, input.text, input.languageId),
  readsFileName: (fileName) => JSON_FILE.test(fileName),
};

export { looksLikeTaskDefinitionName } from './classify';
