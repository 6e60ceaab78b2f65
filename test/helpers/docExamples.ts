// The examples of the rule pages (docs/rules/<id>.md), read so that tests can run them and the pages cannot
// drift from what the rules do. An example is a fenced block under a paragraph that starts with "Reported"
// or "Accepted" (the paragraph may go on: "Reported (awsvpc):"); it stays under that label until the next
// label or heading. Blocks are kept with their `## ` section and their language, so each source's runner
// takes its own: test/unit/docs-examples.test.ts the ```json blocks of "Examples", a template source the
// ```yaml blocks of "Templates", and so on. See CONTRIBUTING.md, "Docs examples".
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

export type Verdict = 'reported' | 'accepted';

export interface DocBlock {
  ruleId: string;
  /** The page, as a path from the repository root. */
  page: string;
  /** The `## ` heading the block is under ('' before the first one). */
  section: string;
  verdict: Verdict;
  /** The info string of the fence: 'json', 'yaml', 'hcl', or ''. */
  lang: string;
  code: string;
  /** 1-based line of the block's first line of code. */
  line: number;
}

/** The ids of the pages in docs/rules/. */
export function documentedIds(): string[] {
  return readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Every example block of a page, in page order (none when the page does not exist). */
export function docBlocks(ruleId: string, docsDir = DOCS): DocBlock[] {
  const file = join(docsDir, `${ruleId}.md`);
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  let section = '';
  let verdict: Verdict | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      if (verdict) {
        blocks.push({
          ruleId,
          page: `docs/rules/${ruleId}.md`,
          section,
          verdict,
          lang: fence[1],
          code: lines.slice(start, end).join('\n'),
          line: start + 1,
        });
      }
      i = end;
      continue;
    }
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      if (heading[1].length <= 2) section = heading[1].length === 2 ? heading[2].trim() : '';
      verdict = undefined;
      continue;
    }
    const label = /^(Reported|Accepted)\b/.exec(line);
    if (label) verdict = label[1] === 'Reported' ? 'reported' : 'accepted';
  }
  return blocks;
}

export interface Example {
  text: string;
  /** 1-based line in the page. */
  line: number;
}

/**
 * The examples of a ```json block: one per line; an example whose brackets do not close on its line goes
 * on over the next lines until they do. Blank lines separate nothing and are skipped.
 */
export function jsonExamples(block: DocBlock): Example[] {
  const examples: Example[] = [];
  let current: Example | undefined;
  let depth = 0;
  block.code.split('\n').forEach((text, i) => {
    if (!current && text.trim() === '') return;
    if (current) current.text += `\n${text}`;
    else current = { text, line: block.line + i };
    depth += bracketBalance(text);
    if (depth <= 0) {
      examples.push(current);
      current = undefined;
      depth = 0;
    }
  });
  if (current) examples.push(current);
  return examples;
}

/** Opening minus closing brackets outside strings. */
function bracketBalance(text: string): number {
  let balance = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') balance++;
    else if (c === '}' || c === ']') balance--;
  }
  return balance;
}

export interface ExampleDocument {
  /** Where the example is opened (file:///ws/...); its extension picks the source. */
  uri: string;
  text: string;
  languageId?: string;
  /** Other workspace files, by uri. */
  files?: Record<string, string>;
}

/** The diagnostics of one rule (by code) on a document, as the language service reports them in the editor. */
export async function ruleDiagnostics(ruleId: string, document: ExampleDocument): Promise<Diagnostic[]> {
  const workspace = new WorkspaceIndex(['file:///ws']);
  for (const [uri, text] of Object.entries(document.files ?? {})) workspace.set(uri, text);
  workspace.set(document.uri, document.text, document.languageId);
  const service = new FargateLintLanguageService({
    workspace,
    onRuleError: (id, error) => assert.fail(`rule ${id} threw on a docs example: ${String(error)}`),
  });
  const textDocument = TextDocument.create(document.uri, document.languageId ?? 'json', 1, document.text);
  const diagnostics = await service.validate(textDocument, DEFAULT_SETTINGS);
  return diagnostics.filter((d) => d.code === ruleId);
}

/** What is wrong with an example's outcome ('' when it is what the page says). */
export function verdictProblem(verdict: Verdict, diagnostics: readonly Diagnostic[]): string {
  if (verdict === 'reported' && diagnostics.length === 0) return 'shown as Reported, but the rule reports nothing';
  if (verdict === 'accepted' && diagnostics.length > 0) {
    return `shown as Accepted, but the rule reports: ${diagnostics.map((d) => d.message).join(' | ')}`;
  }
  return '';
}
