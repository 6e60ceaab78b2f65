// The fargate-lint language service: one object the LSP server and the CLI both drive.
// It holds no connection; it takes TextDocuments, reads them through their source, and returns LSP types.
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, Position, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Model } from '../core/model';
import { type SubjectPricing, subjectPricings } from '../core/taskdef/cost-assist';
import type { SourceDocument } from '../sources';
import { type CodeActionRequest, CodeActionService } from './codeActions';
import { codeLenses } from './codeLens';
import { type PolicyDocumentResult, executionRolePolicy } from './commands';
import type { EditPlatform } from './editGuard';
import { CompletionService } from './completion';
import { HoverService } from './hover';
import { LastAnalysis } from './lastAnalysis';
import { type DocumentModel, ModelCache } from './models';
import { type Settings, costOptions } from './settings';
import { Validation, type ValidationOptions } from './validation';
import type { WorkspaceIndex } from './workspace';

export interface LanguageServiceOptions {
  /** Every file read so far, for cross-file checks and for fixes that edit a policy next to a task definition. */
  workspace?: WorkspaceIndex;
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** What fixes may edit and create, and what the client can apply (service/editGuard.ts); absent: the document itself only. */
  edits?: EditPlatform;
  /**
   * Documents not among the 8 last used keep their model but not their syntax trees, which are made again
   * when a hover, a fix or a location needs them (the server: bounded memory with many open documents).
   * The CLI, which reads each file once, keeps them.
   */
  compactDocuments?: boolean;
}

export class FargateLintLanguageService {
  // The workspace index's parse of a document (the same text, with the files its source reads) is used.
  private readonly models: ModelCache;
  private readonly lastAnalysis = new LastAnalysis();
  private readonly validation = new Validation(this.lastAnalysis);
  private readonly hoverService = new HoverService();
  private readonly completionService = new CompletionService();
  private readonly codeActionService: CodeActionService;

  constructor(private readonly options: LanguageServiceOptions = {}) {
    this.models = new ModelCache(8, options.workspace, !!options.compactDocuments);
    this.codeActionService = new CodeActionService(options.edits, this.lastAnalysis);
  }

  /** The document as its source read it. */
  document(textDocument: TextDocument): SourceDocument {
    return this.model(textDocument).document;
  }

  classify(textDocument: TextDocument): Model {
    return this.document(textDocument).model;
  }

  validate(textDocument: TextDocument, settings: Settings, extra: Partial<ValidationOptions> = {}): Promise<Diagnostic[]> {
    return this.validation.validate(textDocument, this.model(textDocument), {
      settings,
      workspace: this.options.workspace,
      onRuleError: this.options.onRuleError,
      ...extra,
    });
  }

  hover(textDocument: TextDocument, position: Position, settings: Settings): Promise<Hover | null> {
    return this.hoverService.hover(textDocument, this.model(textDocument), position, settings, this.options.workspace);
  }

  codeLenses(textDocument: TextDocument, settings: Settings): CodeLens[] {
    return codeLenses(textDocument, this.model(textDocument), settings);
  }

  /** The price of each task definition in the document (none when costs are off): for the CLI. */
  costs(textDocument: TextDocument, settings: Settings): SubjectPricing[] {
    const model = this.model(textDocument);
    return model.skipped ? [] : subjectPricings(model.document.model.subjects, costOptions(settings));
  }

  complete(textDocument: TextDocument, position: Position): Promise<CompletionList | null> {
    return this.completionService.complete(textDocument, this.model(textDocument), position, this.options.workspace);
  }

  codeActions(textDocument: TextDocument, request: CodeActionRequest, settings: Settings): Promise<CodeAction[]> {
    return this.codeActionService.codeActions(textDocument, this.model(textDocument), request, settings, this.options.workspace);
  }

  fixAll(textDocument: TextDocument, settings: Settings): TextEdit[] {
    return this.codeActionService.fixAll(textDocument, this.model(textDocument), settings, this.options.workspace);
  }

  /** The document parsed once per version; an open document is in the workspace index, whose parse it is. */
  private model(textDocument: TextDocument): DocumentModel {
    return this.models.get(textDocument);
  }

  /** The least-privilege policy of the execution role of the task definition in the document. */
  executionRolePolicy(textDocument: TextDocument, position?: Position): PolicyDocumentResult {
    const offset = position && textDocument.offsetAt(position);
    return executionRolePolicy(this.model(textDocument), offset, this.options.workspace);
  }

  forget(uri: string): void {
    this.models.delete(uri);
  }
}
