// The JSON source: task definitions, container definitions, IAM policies, roles, IAM's own output
// (get-role, get-policy-version, get-account-authorization-details) and fargate-lint.json, as JSON with
// comments. The model value is the document's value itself: JSON files are already in the ECS API and IAM
// grammar, so model paths are JSON paths.
import { findNodeAtOffset } from 'jsonc-parser';
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
  private readonly parsed: ParsedJson;

  constructor(
    readonly uri: string,
    readonly text: string,
  ) {
    this.fileName = uriToFileName(uri);
    this.parsed = parseJson(text);
    this.model = classify(this.parsed, this.fileName);
  }

  get syntaxProblems(): readonly SyntaxProblem[] {
    return this.parsed.syntaxProblems;
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
  parse: (input: SourceInput) => new JsonSourceDocument(input.uri, input.text),
  readsFileName: (fileName) => JSON_FILE.test(fileName),
};

export { looksLikeTaskDefinitionName } from './classify';
