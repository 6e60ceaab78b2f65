// Per-document analysis in process, beside the floor (JSON.parse) and schema-only validation
// (vscode-json-languageservice parse + validation with our task definition schema, as a JSON editor does)
// of the same text. "fargate-lint" is what the server does for one document version: the source's parse,
// the rules (with the execution-role lookup against a workspace holding the role), the schema's type
// checks and the conversion to LSP diagnostics. Every iteration is a new document version (no cache hit)
// that the workspace index holds, as an open document's is. Both sides run the code as the server bundles
// it (lib/service-bundle.mjs), with the IAM data the server reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { executionRole, policy, taskDefinition } from '../lib/inputs.mjs';
import { percentiles } from '../lib/server.mjs';
import { serviceBundle } from '../lib/service-bundle.mjs';

export const title = 'Per-document analysis, in process (median of one document version each)';

const INPUTS = [
  { name: 'small task definition (1 container)', kind: 'task', text: () => taskDefinition({ containers: 1 }) },
  { name: 'typical task definition (3 containers)', kind: 'task', text: () => taskDefinition({ containers: 3 }) },
  { name: '64 KiB task definition (10 containers)', kind: 'task', text: () => taskDefinition({ containers: 10, bytes: 65536 }) },
  { name: '80 KiB task definition (10 containers, issue 13)', kind: 'task', text: () => taskDefinition({ containers: 10, bytes: 81920 }) },
  {
    name: 'typical task definition (3 containers) in a workspace of 1,000 files of ours',
    kind: 'task',
    text: () => taskDefinition({ containers: 3 }),
    large: true,
  },
  { name: 'typical policy (8 statements)', kind: 'policy', text: () => policy() },
  { name: '100 KB policy', kind: 'policy', text: () => policy({ bytes: 100000 }) },
];

/** Runs `fn` until it has `min` samples and `ms` milliseconds (after a warm-up); returns the times. */
async function time(fn, { min = 25, ms = 1500, max = 400 } = {}) {
  const warmUntil = performance.now() + 300;
  for (let i = 0; i < 5 || performance.now() < warmUntil; i++) await fn(i);
  const samples = [];
  const until = performance.now() + ms;
  for (let i = 0; samples.length < min || (performance.now() < until && samples.length < max); i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function measure({ root }) {
  const { FargateLintLanguageService, DEFAULT_SETTINGS, WorkspaceIndex, getLanguageService, TextDocument } = await serviceBundle(root);
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'task-definition.schema.json'), 'utf8'));
  const withSchema = getLanguageService({});
  withSchema.configure({
    validate: true,
    allowComments: true,
    schemas: [{ uri: 'bench:/task-definition.json', fileMatch: ['*'], schema }],
  });
  const withoutSchema = getLanguageService({});
  withoutSchema.configure({ validate: true, allowComments: true, schemas: [] });

  const workspace = new WorkspaceIndex(['file:///bench']);
  workspace.set('file:///bench/iam/execution-role.json', executionRole());
  // A rule that throws costs less than one that runs: say so in the row rather than time it.
  const ruleErrors = new Set();
  const service = new FargateLintLanguageService({ workspace, onRuleError: (id) => ruleErrors.add(id) });
  // The cross-file lookups (the execution role, the services that run a task definition) in a workspace of
  // 1,000 files the index keeps (a quarter task definitions, the rest policies), each parsed once beforehand
  // as the server's scan does: what an edit costs on top where the workspace is large.
  const large = new WorkspaceIndex(['file:///bench']);
  large.set('file:///bench/iam/execution-role.json', executionRole());
  for (let i = 0; i < 1000; i++) {
    const folder = `file:///bench/packages/pkg-${Math.floor(i / 100)}`;
    if (i % 4 === 0) large.set(`${folder}/task-definition-${i}.json`, taskDefinition({ containers: 2, family: `family-${i}` }));
    else large.set(`${folder}/policy-${i}.json`, policy({ statementCount: 3 }));
  }
  for (const file of large.files()) void file;
  const largeService = new FargateLintLanguageService({ workspace: large, onRuleError: (id) => ruleErrors.add(id) });
  let version = 0;

  const rows = [];
  for (const input of INPUTS) {
    const text = input.text();
    const uri = `file:///bench/${input.kind === 'task' ? 'task-definition' : 'policy'}.json`;
    // Each version comes from the one before by an incremental change, as the server's documents get them
    // (a space typed at the end, then taken away): the line table is updated, not built again, and the index
    // is given a new text each time (given the same text again, it keeps its parse, which no edit does).
    const editor = () => {
      let document = TextDocument.create(uri, 'json', ++version, text);
      let typed = false;
      return () => {
        const end = document.positionAt(document.getText().length);
        const range = typed ? { start: document.positionAt(document.getText().length - 1), end } : { start: end, end };
        document = TextDocument.update(document, [{ range, text: typed ? '' : ' ' }], ++version);
        typed = !typed;
        return document;
      };
    };
    const json = await time(() => JSON.parse(text));
    const ls = input.kind === 'task' ? withSchema : withoutSchema;
    const nextForSchema = editor();
    const schemaOnly = await time(async () => {
      const document = nextForSchema();
      await ls.doValidation(document, ls.parseJSONDocument(document), {
        comments: 'ignore',
        trailingCommas: 'ignore',
        schemaValidation: 'error',
      });
    });
    let count = 0;
    ruleErrors.clear();
    const nextForUs = editor();
    const [index, analysis] = input.large ? [large, largeService] : [workspace, service];
    const ours = await time(async () => {
      // As the server's didChange does: the new version goes into the workspace index, whose parse validate uses.
      const document = nextForUs();
      index.set(uri, document.getText(), document.languageId);
      count = (await analysis.validate(document, DEFAULT_SETTINGS)).length;
    });
    index.delete(uri);
    const [j, s, o] = [json, schemaOnly, ours].map((samples) => percentiles(samples).median);
    const schemaWord = input.kind === 'task' ? 'schema-only' : 'parse-only (no schema for policies)';
    rows.push({
      name: `${input.name}, ${(text.length / 1024).toFixed(1)} KiB`,
      value: o,
      unit: 'ms',
      note: `JSON.parse ${j.toFixed(2)} ms · ${schemaWord} ${s.toFixed(2)} ms · **${(o / s).toFixed(1)}× ${schemaWord.split(' ')[0]}**, ${(o / j).toFixed(0)}× JSON.parse · p95 ${percentiles(ours).p95.toFixed(1)} ms · ${count} diagnostics${ruleErrors.size ? ` · **rules that threw: ${[...ruleErrors].join(', ')}**` : ''}${/64 KiB|80 KiB/.test(input.name) ? ' · goal ≤ 2× schema-only' : ''}`,
    });
  }
  return rows;
}
