// Diagnostics for a document: our rules, the schema's type checks (JSON only), and (for the CLI) syntax errors.
import type { Diagnostic } from 'vscode-languageserver-types';
import { ErrorCode } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, subjectOf } from '../core/engine';
import { isPlaceholder } from '../core/json';
import { sanitizeMessage } from '../core/messages';
import type { Finding, SeveritySetting } from '../core/rule';
import { allRuleMetas, skippedFileMeta } from '../core/rules/meta';
import type { SourceDocument } from '../sources';
import { type LineTables, SOURCE, codeDescription, findingToDiagnostic, fromSeverity, spanToRange, toSeverity } from './convert';
import type { LastAnalysis } from './lastAnalysis';
import { type DocumentModel, skippedMessage } from './models';
import { projectPreset, ruleSeverities } from './presets';
import { jsonDocumentOf, schemaDocumentOf, schemaFor } from './schemas';
import { type Settings, costOptions } from './settings';
import type { WorkspaceIndex } from './workspace';

export interface ValidationOptions {
  settings: Settings;
  workspace?: WorkspaceIndex;
  /** Editors report syntax errors themselves; the CLI asks for them. */
  reportSyntaxErrors?: boolean;
  isCancelled?: () => boolean;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export class Validation {
  /** `last`: where the findings of each validation are left for a fix-all that follows. */
  constructor(private readonly last?: LastAnalysis) {}

  async validate(textDocument: TextDocument, model: DocumentModel, options: ValidationOptions): Promise<Diagnostic[]> {
    if (!options.settings.enable) return [];
    const document = model.document;
    const rules = ruleSeverities([options.settings.preset, projectPreset(document.uri, options.workspace)], options.settings.rules);
    if (model.skipped) {
      // Not analysed at all (too large, not text, nested too deeply): say so rather than look clean.
      const setting = rules[skippedFileMeta.id];
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
    const diagnostics: Diagnostic[] = [];
    const [first, ...rest] = document.syntaxProblems;
    const syntaxSetting = first && rules[first.ruleId];
    if (options.reportSyntaxErrors && first && syntaxSetting !== 'off') {
      // Later syntax errors are mostly echoes of the first, as with JSON.parse: report that one.
      const message = rest.length ? `${first.message} (and ${rest.length} more after it)` : first.message;
      const meta = allRuleMetas.find((m) => m.id === first.ruleId);
      diagnostics.push(
        this.serviceDiagnostic(textDocument, first, message, first.ruleId, syntaxSetting ?? meta?.defaultSeverity ?? 'error'),
      );
    }
    if (document.model.kind === 'unknown') return diagnostics;

    const result = analyze(document.model, {
      document: { uri: document.uri, fileName: document.fileName, workspace: options.workspace },
      ruleSettings: rules,
      cost: costOptions(options.settings),
      isCancelled: options.isCancelled,
      onRuleError: options.onRuleError,
    });
    // Whoever cancelled throws the result away: no schema validation for it.
    if (result.cancelled) return diagnostics;
    this.last?.remember(document, options.workspace, options.settings, rules, result.findings);
    const relatedDocument = (uri: string) => options.workspace?.file(uri);
    // Many findings may point into the same other file (a policy of 34,000 statements): its line table once.
    const lineTables: LineTables = new Map();
    // One policy may be two subjects' (a Terraform policy document merged into another): one diagnostic per place.
    const reported = new Set<string>();
    for (const finding of result.findings) {
      if (nearSyntaxError(finding, document)) continue;
      const diagnostic = findingToDiagnostic(finding, textDocument, document, relatedDocument, lineTables);
      if (!diagnostic) continue;
      const key = `${diagnostic.code} ${diagnostic.range.start.line}:${diagnostic.range.start.character}-${diagnostic.range.end.line}:${diagnostic.range.end.character} ${typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value}`;
      if (reported.has(key)) continue;
      reported.add(key);
      diagnostics.push(diagnostic);
    }
    diagnostics.push(...(await this.schemaDiagnostics(textDocument, model, rules)));
    return diagnostics;
  }

  private async schemaDiagnostics(
    textDocument: TextDocument,
    model: DocumentModel,
    rules: Record<string, SeveritySetting>,
  ): Promise<Diagnostic[]> {
    const json = jsonDocumentOf(model.document);
    const binding = json && schemaFor(json.model);
    const setting = binding && rules[binding.meta.id];
    // While the text does not parse, type errors are echoes of the syntax error: wait for valid JSON.
    if (!json || !binding || setting === 'off' || json.syntaxProblems.length > 0) return [];
    const jsonDocument = schemaDocumentOf(binding, model, textDocument);
    const found = await binding.service.doValidation(textDocument, jsonDocument, {
      comments: 'ignore',
      trailingCommas: 'ignore',
      schemaValidation: 'error',
    });
    // Syntax errors are the editor's to show (and json-syntax's in the CLI), not the schema's.
    const syntaxErrors = new Set<Diagnostic>((jsonDocument as { syntaxErrors?: Diagnostic[] }).syntaxErrors ?? []);
    return (
      found
        // Schema problems mostly come without a code; coded ones below 0x100 are enum and deprecation problems.
        .filter((d) => !syntaxErrors.has(d) && (d.code === undefined || (typeof d.code === 'number' && d.code < 0x100)))
        // A template placeholder ("{{region}}") is filled in before registration; its type is not ours to judge.
        .filter((d) => !isPlaceholder(json.scalarAt(textDocument.offsetAt(d.range.start))))
        // An empty string where the API takes one of a list ("pidMode": "", as ecspresso writes unset values) is
        // not sent by the AWS SDK for Go that ecspresso deploys with (see docs/rules/task-definition-schema.md).
        .filter((d) => !(d.code === ErrorCode.EnumValueMismatch && json.scalarAt(textDocument.offsetAt(d.range.start)) === ''))
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

/**
 * A finding on text the parser could not read. Templates with unquoted placeholders (`"Resource": ${arns}`)
 * and half-typed values are not valid syntax; the parser's guess at such a spot is not what the author wrote,
 * so nothing is judged where a syntax error sits.
 */
function nearSyntaxError(finding: Finding, document: SourceDocument): boolean {
  if (document.syntaxProblems.length === 0) return false;
  const span = document.locate(finding.path, finding.target, subjectOf(document.model, finding.subjectPath, finding.variant?.choices));
  return !!span && document.syntaxProblems.some((p) => p.offset >= span.offset - 1 && p.offset <= span.offset + span.length);
}
