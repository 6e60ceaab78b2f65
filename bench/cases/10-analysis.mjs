// Per-document analysis in process, beside the floor (JSON.parse) and schema-only validation
// (vscode-json-languageservice parse + validation with our task definition schema, as a JSON editor does)
// of the same text. "fargate-lint" is what the server does for one document version: the source's parse,
// the rules (with the execution-role lookup against a workspace holding the role), the schema's type
// checks and the conversion to LSP diagnostics. Every iteration is a new document version (no cache hit).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FargateLintLanguageService } from '../../server/src/service/languageService.ts';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings.ts';
import { WorkspaceIndex } from '../../server/src/service/workspace.ts';
import { executionRole, policy, taskDefinition } from '../lib/inputs.mjs';
import { percentiles } from '../lib/server.mjs';

export const title = 'Per-document analysis, in process (median of one document version each)';

const INPUTS = [
  { name: 'small task definition (1 container)', kind: 'task', text: () => taskDefinition({ containers: 1 }) },
  { name: 'typical task definition (3 containers)', kind: 'task', text: () => taskDefinition({ containers: 3 }) },
  { name: '64 KiB task definition (10 containers)', kind: 'task', text: () => taskDefinition({ containers: 10, bytes: 65536 }) },
  { name: '80 KiB task definition (10 containers, issue 13)', kind: 'task', text: () => taskDefinition({ containers: 10, bytes: 81920 }) },
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
  const service = new FargateLintLanguageService({ workspace });
  let version = 0;

  const rows = [];
  for (const input of INPUTS) {
    const text = input.text();
    const uri = `file:///bench/${input.kind === 'task' ? 'task-definition' : 'policy'}.json`;
    const json = await time(() => JSON.parse(text));
    const ls = input.kind === 'task' ? withSchema : withoutSchema;
    const schemaOnly = await time(async () => {
      const document = TextDocument.create(uri, 'json', ++version, text);
      await ls.doValidation(document, ls.parseJSONDocument(document), {
        comments: 'ignore',
        trailingCommas: 'ignore',
        schemaValidation: 'error',
      });
    });
    let count = 0;
    const ours = await time(async () => {
      count = (await service.validate(TextDocument.create(uri, 'json', ++version, text), DEFAULT_SETTINGS)).length;
    });
    const [j, s, o] = [json, schemaOnly, ours].map((samples) => percentiles(samples).median);
    const schemaWord = input.kind === 'task' ? 'schema-only' : 'parse-only (no schema for policies)';
    rows.push({
      name: `${input.name}, ${(text.length / 1024).toFixed(1)} KiB`,
      value: o,
      unit: 'ms',
      note: `JSON.parse ${j.toFixed(2)} ms · ${schemaWord} ${s.toFixed(2)} ms · **${(o / s).toFixed(1)}× ${schemaWord.split(' ')[0]}**, ${(o / j).toFixed(0)}× JSON.parse · p95 ${percentiles(ours).p95.toFixed(1)} ms · ${count} diagnostics${/64 KiB|80 KiB/.test(input.name) ? ' · goal ≤ 2× schema-only' : ''}`,
    });
  }
  return rows;
}
