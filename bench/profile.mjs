// Where one document version's analysis goes, phase by phase (`node --import tsx bench/profile.mjs`):
// the source's parse (jsonc-parser tree, the model value, duplicate keys, classification), the rules one by
// one (the execution-role rules include the role lookup and the IAM evaluation), the conversion of findings
// to LSP diagnostics, vscode-json-languageservice's own parse and its schema validation, and, for the
// server, the workspace index's parse of the same text on every didChange. Each phase is timed on its own
// over fresh document versions; the medians of CPU time (process.cpuUsage: steadier than wall time on a
// shared machine; it counts V8's GC threads too) are printed with their share of the whole.
// `--doc 64|80|typical|policy`.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../server/src/core/engine.ts';
import { allRules } from '../server/src/core/rules/index.ts';
import { findingToDiagnostic } from '../server/src/service/convert.ts';
import { ModelCache } from '../server/src/service/models.ts';
import { jsonDocumentOf, schemaFor } from '../server/src/service/schemas.ts';
import { DEFAULT_SETTINGS, costOptions } from '../server/src/service/settings.ts';
import { WorkspaceIndex } from '../server/src/service/workspace.ts';
import { FargateLintLanguageService } from '../server/src/service/languageService.ts';
import { parseDocument } from '../server/src/sources/index.ts';
import { setIamDataReader } from '../server/src/core/iam/data.ts';
import { nodeIamDataReader } from '../server/src/node/iam-data.ts';
import { executionRole, policy, taskDefinition } from './lib/inputs.mjs';
import { percentiles } from './lib/server.mjs';

// As the server's entry point does: without a reader the IAM rules throw at their first look-up.
setIamDataReader(nodeIamDataReader());
const which = process.argv[process.argv.indexOf('--doc') + 1] ?? '80';
const DOCS = {
  64: () => taskDefinition({ containers: 10, bytes: 65536 }),
  80: () => taskDefinition({ containers: 10, bytes: 81920 }),
  typical: () => taskDefinition({ containers: 3 }),
  policy: () => policy({ bytes: 100000 }),
};
const text = (DOCS[which] ?? DOCS[80])();
const uri = `file:///bench/${which === 'policy' ? 'policy' : 'task-definition'}.json`;
const workspace = new WorkspaceIndex(['file:///bench']);
workspace.set('file:///bench/iam/execution-role.json', executionRole());
const N = 60;

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
function time(fn) {
  for (let i = 0; i < 10; i++) fn(i);
  const samples = [];
  for (let i = 0; i < N; i++) {
    const t = cpu();
    fn(i);
    samples.push(cpu() - t);
  }
  return percentiles(samples).median;
}
async function timeAsync(fn) {
  for (let i = 0; i < 10; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < N; i++) {
    const t = cpu();
    await fn(i);
    samples.push(cpu() - t);
  }
  return percentiles(samples).median;
}

let version = 0;
const fresh = () => TextDocument.create(uri, 'json', ++version, text);
const rows = [];
rows.push(['JSON.parse (the floor)', time(() => JSON.parse(text))]);
rows.push(['source parse: parseDocument (jsonc tree + value + duplicate keys + classify)', time(() => parseDocument({ uri, text }))]);
const document = parseDocument({ uri, text });
const options = { document: { uri, fileName: document.fileName, workspace }, cost: costOptions(DEFAULT_SETTINGS) };
let ruleTotal = 0;
const perRule = [];
for (const rule of allRules) {
  if (!document.model.subjects.some((s) => rule.meta.appliesTo.includes(s.kind))) continue;
  // A fresh parse each time, so that caches keyed by the subject (the execution-role check) miss as on an edit.
  const docs = Array.from({ length: N + 10 }, () => parseDocument({ uri, text }));
  const ms = time((i) => analyze(docs[i % docs.length].model, { ...options, rules: [rule] }));
  perRule.push([rule.meta.id, ms]);
  ruleTotal += ms;
}
const findings = analyze(document.model, options).findings;
rows.push(['rules, all (sum of each rule alone)', ruleTotal]);
rows.push([
  `findings → LSP diagnostics (${findings.length})`,
  time(() => findings.map((f) => findingToDiagnostic(f, fresh(), document, () => undefined))),
]);
const binding = schemaFor(document.model);
if (binding && jsonDocumentOf(document)) {
  rows.push(['json-languageservice parse (parseJSONDocument)', time(() => binding.service.parseJSONDocument(fresh()))]);
  const jsonDocument = binding.service.parseJSONDocument(fresh());
  const settings = { comments: 'ignore', trailingCommas: 'ignore', schemaValidation: 'error' };
  rows.push([
    'json-languageservice schema validation (doValidation)',
    await timeAsync(() => binding.service.doValidation(fresh(), jsonDocument, settings)),
  ]);
}
rows.push(['server, per didChange: workspace index re-parse (WorkspaceIndex.set)', time(() => workspace.set(uri, text))]);
workspace.delete(uri);
const service = new FargateLintLanguageService({ workspace });
const whole = await timeAsync(() => service.validate(fresh(), DEFAULT_SETTINGS));
rows.push(['whole: FargateLintLanguageService.validate', whole]);
const models = new ModelCache();
rows.push(['  of which ModelCache.get (the parse, as validate does it)', time(() => models.get(fresh()))]);

console.log(`profile of one version of ${uri} (${(text.length / 1024).toFixed(1)} KiB), median CPU ms of ${N} runs`);
for (const [name, ms] of rows) console.log(`${ms.toFixed(2).padStart(8)}  ${((100 * ms) / whole).toFixed(0).padStart(3)}%  ${name}`);
console.log('rules taking ≥ 0.05 ms:');
for (const [id, ms] of perRule.sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms >= 0.05))
  console.log(`${ms.toFixed(2).padStart(8)}  ${((100 * ms) / whole).toFixed(0).padStart(3)}%  ${id}`);
