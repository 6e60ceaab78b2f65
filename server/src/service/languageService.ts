// The fargate-lint language service: one object the LSP server and the CLI both drive.
// It holds no connection; it takes TextDocuments and returns LSP types.
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Classification } from '../core/classify';
import type { WorkspaceView } from '../core/workspace';
import { type CodeActionRequest, CodeActionService } from './codeActions';
import { CompletionService } from './completion';
import { HoverService } from './hover';
import { ModelCache } from './models';
import type { Settings } from './settings';
import { Validation, type ValidationOptions } from './validation';

export interface LanguageServiceOptions {
  workspace?: WorkspaceView;
  /** Finds the TextDocument of another file (for fixes that edit a policy next to a task definition). */
  textDocumentOf?: (uri: string) => TextDocument | undefined;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export class FargateLintLanguageService {
  private readonly models = new ModelCache((uri, text) => {
    const file = this.options.workspace?.file(uri);
    return file && file.document.text === text ? file : undefined;
  });
  private readonly validation = new Validation();
  private readonly hoverService = new HoverService();
  private readonly completionService = new CompletionService();
  private readonly codeActionService = new CodeActionService();

  constructor(private readonly options: LanguageServiceOptions = {}) {}

  classify(textDocument: TextDocument): Classification {
    return this.models.get(textDocument).classification;
  }

  validate(textDocument: TextDocument, settings: Settings, extra: Partial<ValidationOptions> = {}): Promise<Diagnostic[]> {
    return this.validation.validate(textDocument, this.models.get(textDocument), {
      settings,
      workspace: this.options.workspace,
      onRuleError: this.options.onRuleError,
      ...extra,
    });
  }

  hover(textDocument: TextDocument, position: Position): Promise<Hover | null> {
    return this.hoverService.hover(textDocument, this.models.get(textDocument), position, this.options.workspace);
  }

  complete(textDocument: TextDocument, position: Position): Promise<CompletionList | null> {
    return this.completionService.complete(textDocument, this.models.get(textDocument), position, this.options.workspace);
  }

  codeActions(textDocument: TextDocument, request: CodeActionRequest, settings: Settings): CodeAction[] {
    const textDocumentOf = this.options.textDocumentOf ?? (() => undefined);
    return this.codeActionService.codeActions(
      textDocument,
      this.models.get(textDocument),
      request,
      settings,
      this.options.workspace,
      textDocumentOf,
    );
  }

  fixAll(textDocument: TextDocument, settings: Settings): TextEdit[] {
    return this.codeActionService.fixAll(textDocument, this.models.get(textDocument), settings, this.options.workspace);
  }

  forget(uri: string): void {
    this.models.delete(uri);
  }
}
