// Fix edits -> text: each document's model edits are rendered by that document's source, against the text
// it was parsed from. A fix none of whose edits any source can express is not offered.
import type { ModelEdit, Subject } from '../core/model';
import type { SourceDocument } from '../sources';
import type { TextChange } from '../sources/source';

export interface RenderedEdits {
  /** Text changes per document URI, with the document they apply to. */
  changes: Map<string, { document: SourceDocument; changes: TextChange[] }>;
  /** New files. */
  creates: { uri: string; content: string }[];
}

/**
 * Renders a fix's edits: those without `file` (or naming `here`) through `here`'s source, the others
 * through the source of the file `documentOf` returns. Undefined when an edit names a file it does not
 * know, when a source cannot express its edits, or when nothing would change.
 */
export function renderEdits(
  edits: readonly ModelEdit[],
  here: SourceDocument,
  documentOf: (uri: string) => SourceDocument | undefined,
  subject?: Subject,
): RenderedEdits | undefined {
  const byFile = new Map<string, ModelEdit[]>();
  const creates: { uri: string; content: string }[] = [];
  for (const edit of edits) {
    if (edit.op === 'create') {
      creates.push({ uri: edit.file, content: edit.content });
      continue;
    }
    const uri = edit.file ?? here.uri;
    const { file: _file, ...local } = edit;
    byFile.set(uri, [...(byFile.get(uri) ?? []), local as ModelEdit]);
  }
  const changes = new Map<string, { document: SourceDocument; changes: TextChange[] }>();
  for (const [uri, local] of byFile) {
    const document = uri === here.uri ? here : documentOf(uri);
    if (!document) return undefined;
    const rendered = document.edit(local, document === here ? subject : undefined);
    if (rendered === undefined) return undefined;
    if (rendered.length) changes.set(uri, { document, changes: rendered });
  }
  return changes.size || creates.length ? { changes, creates } : undefined;
}

/** The edits of the document itself (for Fix all, which edits one document), or undefined when it has none. */
export function localEdits(edits: readonly ModelEdit[], uri: string): ModelEdit[] {
  return edits.filter((e) => e.op !== 'create' && (e.file === undefined || e.file === uri));
}

/** Applies text changes (offsets in `text`, not overlapping) to `text`. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, change.offset) + change.newText + result.slice(change.offset + change.length);
  }
  return result;
}
