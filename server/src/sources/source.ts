// THE SOURCE LAYER: one analysis, many syntaxes.
//
//   sources/<id>/   document text -> SourceDocument: the model, a map back to the text, edits, cursor
//   core/           model -> findings addressed by model path; hover and completion on a Cursor
//   service/        SourceDocument + findings -> LSP types (ranges, diagnostics, code actions, completions)
//   lsp/, cli/      glue
//
// A source turns one document (JSON today; CloudFormation YAML/JSON, Terraform HCL and plan JSON next) into
// the model the rules use (core/model.ts): subjects with ECS API field names and IAM policy documents.
// Rules never see syntax and keep their ids across sources. Sources import core's model types and helpers,
// never core/rules (eslint enforces it).
//
// A new source provides, in server/src/sources/<id>/:
//  1. a `Source` (below) registered in sources/index.ts: `accepts` says which documents are its own (language
//     id, file extension, a look at the content), `parse` builds the SourceDocument. It never throws: a
//     broken document gets `syntaxProblems` and as much model as can be read. It never recurses on the
//     document's own depth beyond MAX_NESTING_DEPTH (sources/text.ts): a deeper document gets a syntax
//     problem and no model, so everything after it may walk models recursively. (Bracket nesting is also
//     counted before any source runs, service/models.ts skipReason: such a file is reported as file-skipped;
//     a syntax that nests by indentation must count its own.) Objects in the model are built without a
//     prototype (`Object.create(null)`), so a key such as `__proto__` is data, never a setter.
//  2. the Model (core/model.ts):
//     - `kind` and `label` (language status, CLI `kind`); `value`: the document's model tree, which every
//       subject path indexes into (and model edits address);
//     - `subjects`: each task definition (`task-definition`, ECS API names: `cpu`, `containerDefinitions`,
//       ...), policy (`identity-policy`, `trust-policy`, `resource-policy`: the IAM grammar), role (`role`,
//       with `role: RoleInfo` merging every policy that attaches to it in this document), managed policy
//       (an `identity-policy` with `arn`). `resource` names the template resource for messages and the CLI;
//     - values the source cannot resolve become unknown markers (core/unknown.ts); the same expression gets
//       the same id within the document. Never guess a value;
//     - a choice the source can enumerate (Fn::If, AllowedValues) becomes several subjects with the same
//       path, each with a `variant` (at most MAX_VARIANTS per path; beyond that, markers). The engine merges
//       their findings (core/variants.ts);
//     - `duplicateKeys`: keys written twice in one object, with a `text` edit that removes the earlier one.
//  3. `locate`: where the value at a model path is written, so a finding lands on the right node; a path
//     that does not exist falls back to its nearest written ancestor. A value built from another file
//     (Terraform `file("containers.json")`) is located with that file's `uri`.
//  4. `edit`: text changes for model edits, applied in order, each seeing the result of the previous ones,
//     keeping the document's style (indentation, quotes, comments). Undefined when a value is computed by an
//     expression the syntax cannot edit in place: that fix is then not offered.
//  5. `cursor`: the model path at an offset, for hover and completion (core/model.ts Cursor).
//  6. `render`: a model value as text of this syntax, for completion (providers write JSON text; other sources
//     render `CompletionEntry.value`, and entries without one are dropped).
//  7. `describeUnknown`: what a marker stands for, in the document's own terms ("parameter CpuParam", "var.cpu").
//  8. a source whose model also reads other files (a Terraform module's sibling .tf files, a file() target)
//     reads them through `SourceInput.files` (and lists them in `dependencies`): the workspace index notes what
//     a parse read and drops that parse when one of those files changes. `mentions` names, without a parse,
//     the files a document may read, for `SourceFiles.readers`. A source that must load something first (the HCL parser's
//     WebAssembly) does it in `prepare`, which the entry points await before the first parse.
//  9. `renderDocument` (optional): a model value as the text of a new document in this syntax, for the
//     "Create execution-role policy" command (the policy in JSON, in a template's YAML, in HCL). Without it,
//     the command says this syntax cannot write one yet.
//
// test/unit/sources/contract.test.ts runs every source through the same checks (locate, cursor, edit round
// trips): add one entry there for a new source.
import type { Cursor, JsonPath, Model, ModelEdit, Span, Subject, Target } from '../core/model';

/** @public */
export type SourceId = 'json' | 'cloudformation' | 'terraform' | 'terraform-plan';

/** Where a model value is written. */
export interface SourceLocation extends Span {
  /** Another document (a file the subject was built from); absent: this one. */
  uri?: string;
}

/** A text change of this document (offsets in its text as parsed). */
export interface TextChange extends Span {
  newText: string;
}

/** A place the text does not parse; the CLI reports the first one under `ruleId`. */
export interface SyntaxProblem extends Span {
  message: string;
  /** The diagnostic code: 'json-syntax', 'yaml-syntax', 'hcl-syntax' (a RuleMeta in core/rules/meta.ts). */
  ruleId: string;
}

/** One parsed document. Immutable: a new text is a new SourceDocument. */
export interface SourceDocument {
  readonly source: SourceId;
  readonly uri: string;
  /** The last segment of the uri. */
  readonly fileName: string;
  readonly text: string;
  /** What the rules see. */
  readonly model: Model;
  readonly syntaxProblems: readonly SyntaxProblem[];
  /**
   * Made before its source had loaded what it needs (the HCL parser): a stand-in with nothing in it, for the
   * request at hand only. Never kept as the file's parse (the workspace index, the model cache).
   */
  readonly provisional?: boolean;
  /** Where the model value at an absolute model path is written. Undefined: not in this document. */
  locate(path: JsonPath, target: Target, subject?: Subject): SourceLocation | undefined;
  /**
   * Text changes for model edits (all without `file`, or with this document's uri; no `create`), applied in
   * order, each seeing the result of the previous ones. Undefined when this syntax cannot express them.
   */
  edit(edits: readonly ModelEdit[], subject?: Subject): TextChange[] | undefined;
  /** The model path at an offset, for hover and completion. */
  cursor(offset: number): Cursor | undefined;
  /** Completion text for a model value at the cursor, in this syntax (JSON text, YAML scalar, HCL literal). */
  render(value: unknown, cursor: Cursor): string | undefined;
  /** What an unknown marker stands for, for hover and messages. */
  describeUnknown(id: string): string | undefined;
  /** Other files whose text the model was built from (or looked for); absent: none. */
  readonly dependencies?: readonly string[];
  /**
   * A model value as a new document of this syntax (unknown parts written as this document writes them).
   * `context` says what the value is for: a source whose policies are resources of their own (Terraform) writes
   * the resource that attaches it to that role.
   */
  renderDocument?(value: unknown, context?: RenderContext): RenderedDocument | undefined;
  /** Lets the syntax trees go, keeping the model; they are made again of the same text when needed. */
  compact?(): void;
}

/** What a rendered document is for: the execution-role policy of a task definition. */
export interface RenderContext {
  /** The task definition the policy is for. */
  subject?: Subject;
  /** The execution role's name as the task definition names it (may hold unknown markers); absent: it names none. */
  role?: string;
}

/** The text of a new document, and the editor language to open it in. */
export interface RenderedDocument {
  content: string;
  /** A VS Code language id: 'json', 'yaml', 'terraform'. */
  language: string;
}

/** The other files a source may read while it parses a document: those its caller holds (the CLI's files, the workspace index). */
export interface SourceFiles {
  /** The text of a file, when the caller has it. */
  read(uri: string): string | undefined;
  /**
   * The URIs of the files the caller has in a folder (not below it); with `suffix` (such as `.tf`), only those
   * whose name ends with it, in any case. A parse that lists with a suffix depends on those files only: other
   * files coming and going in the folder leave it standing.
   */
  list(folderUri: string, suffix?: string): readonly string[];
  /** The documents whose model was built from this file (those that list it in their dependencies). */
  readers?(uri: string): readonly string[];
}

/** What a source may ask of the platform before it parses: files it ships with (a parser's WebAssembly). */
export interface SourcePlatform {
  /** The bytes of a file that ships next to the bundle (`tree-sitter-terraform.wasm`). */
  asset(name: string): Promise<Uint8Array>;
}

/** What the registry knows of a document before it is parsed. */
export interface SourceInput {
  uri: string;
  text: string;
  /** The editor's language id, when there is one ('json', 'jsonc', 'yaml', 'terraform'). */
  languageId?: string;
  /** Other files the source may read (a Terraform module's sibling .tf files); absent: the document alone. */
  files?: SourceFiles;
}

export interface Source {
  readonly id: SourceId;
  /** Whether this source reads the document: by language id, file extension, or a cheap look at the content. */
  accepts(input: SourceInput, fileName: string): boolean;
  /** Never throws for any text (the registry still guards it). */
  parse(input: SourceInput): SourceDocument;
  /** File names the CLI and the workspace scan read for this source (by extension). */
  readsFileName(fileName: string): boolean;
  /** Loads what parsing needs (once; later calls wait for the first); parse() before it has finished gives a provisional document. */
  prepare?(platform: SourcePlatform): Promise<void>;
  /** Whether prepare() has finished. */
  prepared?(): boolean;
  /** Whether a file needs prepare() before it is parsed (a Terraform file), by its name or language id alone. */
  needsPreparation?(fileName: string, languageId: string | undefined): boolean;
  /**
   * For a document that may read other files by name (a .tf file's file() and templatefile()): the file names
   * it may read, found without parsing (an over-estimate), so that a caller can answer `SourceFiles.readers`
   * and tell which files to keep without parsing every document. Undefined: it reads no other file by name.
   */
  mentions?(uri: string, text: string): readonly string[] | undefined;
}
