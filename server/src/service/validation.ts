// Diagnostics for a document: our rules, the schema's type checks, and (for the CLI) syntax errors.
import { findNodeAtOffset } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/engine';
import { isPlaceholder } from '../core/json';
import { sanitizeMessage } from '../core/messages';
import { jsonSyntaxMeta, skippedFileMeta } from '../core/rules/meta';
import type { SeveritySetting } from '../core/rule';
import type { WorkspaceView } from '../core/workspace';
import { type RelatedDocument, SOURCE, codeDescription, findingToDiagnostic, fromSeverity, spanToRange, toSeverity } from './convert';
import { type DocumentModel, skippedMessage } from './models';
import { schemaDocumentOf, schemaFor } from './schemas';
import type { Settings } from './settings';

export interface ValidationOptions {
  settings: Settings;
  workspace?: WorkspaceView;
  /** Editors report JSON syntax errors themselves; the CLI asks for them. */
  reportSyntaxErrors?: boolean;
  isCancelled?: () => boolean;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export class Validation {
  async validate(textDocument: TextDocument, model: DocumentModel, options: ValidationOptions): Promise<Diagnostic[]> {
    if (!options.settings.enable) return [];
    if (model.skipped) {
      // Not analysed at all (too large, not text, nested too deeply): say so rather than look clean.
      const setting = options.settings.rules[skippedFileMeta.id];
      if (setting === 'off') return [];
      const span = { offset: 0, length: 0 };
      return [
        this.serviceDiagnostic(
          textDocument,
          span,
          skippedMessage(model.skipped),
          skippedFileMeta.id,
          setting ?? skippedFileMeta.defaultSeverity,
        ),
      ];
    }
    const { document, classification } = model;
    const diagnostics: Diagnostic[] = [];
    const syntaxSetting = options.settings.rules[jsonSyntaxMeta.id];
    if (options.reportSyntaxErrors && syntaxSetting !== 'off') {
      // Later syntax errors are mostly echoes of the first, as with JSON.parse: report that one.
      const [first, ...rest] = document.syntaxProblems;
      if (first) {
        const message = rest.length ? `${first.message} (and ${rest.length} more after it)` : first.message;
        diagnostics.push(
          this.serviceDiagnostic(textDocument, first, message, jsonSyntaxMeta.id, syntaxSetting ?? jsonSyntaxMeta.defaultSeverity),
        );
      }
    }
    if (classification.kind === 'unknown') return diagnostics;

    const result = analyze(document, {
      fileName: model.fileName,
      uri: model.uri,
      ruleSettings: options.settings.rules,
      workspace: options.workspace,
      isCancelled: options.isCancelled,
      onRuleError: options.onRuleError,
    });
    // Many findings may point into the same other file (a policy of 34,000 statements): its line table once.
    const related = new Map<string, RelatedDocument | undefined>();
    const relatedDocument = (uri: string): RelatedDocument | undefined => {
      if (!related.has(uri)) {
        const file = options.workspace?.file(uri);
        related.set(uri, file && { uri, document: file.document, textDocument: TextDocument.create(uri, 'json', 0, file.document.text) });
      }
      return related.get(uri);
    };
    for (const finding of result.findings) diagnostics.push(findingToDiagnostic(finding, textDocument, document, relatedDocument));
    diagnostics.push(...(await this.schemaDiagnostics(textDocument, model, options.settings.rules)));
    return diagnostics;
  }

  private async schemaDiagnostics(
    textDocument: TextDocument,
    model: DocumentModel,
    rules: Record<string, SeveritySetting>,
  ): Promise<Diagnostic[]> {
    const binding = schemaFor(model.classification);
    const setting = binding && rules[binding.meta.id];
    // While the text does not parse, type errors are echoes of the syntax error: wait for valid JSON.
    if (!binding || setting === 'off' || model.document.syntaxProblems.length > 0) return [];
    const jsonDocument = schemaDocumentOf(binding, model, textDocument);
    const found = await binding.service.doValidation(textDocument, jsonDocument, {
      comments: 'ignore',
      trailingCommas: 'ignore',
      schemaValidation: 'error',
    });
    // Syntax errors are the editor's to show (and json-syntax's in the CLI), not the schema's.
    const syntaxErrors = new Set<Diagnostic>((jsonDocument as { syntaxErrors?: Diagnostic[] }).syntaxErrors ?? []);
    const root = model.document.root;
    return (
      found
        // Schema problems mostly come without a code; coded ones below 0x100 are enum and deprecation problems.
        .filter((d) => !syntaxErrors.has(d) && (d.code === undefined || (typeof d.code === 'number' && d.code < 0x100)))
        .filter((d) => {
          // A template placeholder ("{{region}}") is filled in before registration; its type is not ours to judge.
          const node = root && findNodeAtOffset(root, textDocument.offsetAt(d.range.start));
          return !isPlaceholder(node?.value);
        })
        .map((d) => ({
          ...d,
          severity: toSeverity(setting ?? fromSeverity(d.severity)),
          code: binding.meta.id,
          codeDescription: codeDescription(binding.meta.id),
          source: SOURCE,
          message: typeof d.message === 'string' ? sanitizeMessage(d.message) : d.message,
        }))
    );
  }

  private serviceDiagnostic(
    textDocument: TextDocument,
    span: { offset: number; length: number },
    message: string,
    ruleId: string,
    severity: SeveritySetting,
  ): Diagnostic {
    return {
      range: spanToRange(textDocument, span),
      severity: toSeverity(severity === 'off' ? 'error' : severity),
      code: ruleId,
      codeDescription: codeDescription(ruleId),
      source: SOURCE,
      message: sanitizeMessage(message),
    };
  }
}
