// What hover and completion providers see: the cursor in model terms (which subject, which path, the value
// there), the document's model and its context. Never text or syntax nodes: the source computed the cursor.
import type { Cursor, Model } from './model';
import type { CostOptions } from './taskdef/pricing';
import type { DocumentContext } from './workspace';

export interface PositionContext extends Cursor {
  readonly model: Model;
  readonly document: DocumentContext;
  /** How prices are shown in the hover (the cost settings). */
  readonly cost?: CostOptions;
}

/** A completion proposal in plain terms; the service turns it into an LSP CompletionItem. */
export interface CompletionEntry {
  label: string;
  /** Shown right of the label, e.g. "4 GB". */
  description?: string;
  detail?: string;
  documentation?: string;
  /** JSON text that replaces the value at the cursor (or, for a property, `"key": value`). */
  insertText: string;
  /**
   * The model value inserted, for sources that render it in their own syntax (YAML, HCL); JSON uses insertText.
   * For a property entry: `{ key: value }`, where an empty string leaves the value to the user.
   */
  value?: unknown;
  /** insertText uses snippet placeholders such as ${1}. */
  snippet?: boolean;
  kind: 'value' | 'property';
  sortText?: string;
  preselect?: boolean;
}

/** A JSON string value proposal; `order` keeps the list in the given order. */
export function valueEntry(value: string, description: string | undefined, order: number, documentation?: string): CompletionEntry {
  return {
    label: JSON.stringify(value),
    description,
    documentation,
    insertText: JSON.stringify(value),
    value,
    kind: 'value',
    sortText: String(order).padStart(3, '0'),
  };
}

export interface HoverProvider {
  /** Markdown, or undefined when the position is not this provider's. */
  hover(context: PositionContext): string | undefined;
}

export interface CompletionProvider {
  /**
   * Entries for the position, or undefined when it is not this provider's.
   * A list (even empty) means "only these": schema proposals are then left out.
   */
  complete(context: PositionContext): CompletionEntry[] | undefined;
}
