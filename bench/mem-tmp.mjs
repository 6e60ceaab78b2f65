import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../server/src/service/settings.ts';
import { WorkspaceIndex } from '../server/src/service/workspace.ts';
import { FargateLintLanguageService } from '../server/src/service/languageService.ts';
import { policy, taskDefinition } from './lib/inputs.mjs';
const mode = process.argv[2] || 'all';
const mem = (l) => { global.gc(); global.gc(); const m = process.memoryUsage(); console.log(l, 'rss', (m.rss / 1048576).toFixed(1), 'heap', (m.heapUsed / 1048576).toFixed(1), 'ext', (m.external / 1048576).toFixed(1), 'ab', (m.arrayBuffers/1048576).toFixed(1)); };
const docs = Array.from({ length: 200 }, (_, i) => {
  if (i % 4 === 0) return { name: `big-task-definition-${i}`, text: taskDefinition({ containers: 10, bytes: 65536, family: `bench-${i}` }) };
  if (i % 4 === 1) return { name: `task-definition-${i}`, text: taskDefinition({ containers: 1 + (i % 5), family: `bench-${i}` }) };
  return { name: `policy-${i}`, text: policy({ statementCount: 3 + (i % 38) }) };
}).filter((d) => mode === 'all' || d.name.startsWith(mode));
const workspace = new WorkspaceIndex(['file:///bench']);
const service = new FargateLintLanguageService({ workspace });
const keep = [];
mem('start');
await service.validate(TextDocument.create('file:///x/p.json', 'json', 1, policy({ statementCount: 3 })), DEFAULT_SETTINGS);
mem('warm');
for (const { name, text } of docs) {
  const uri = `file:///bench/many/${name}.json`;
  const d = TextDocument.create(uri, 'json', 1, text); keep.push(d);
  workspace.set(uri, text, 'json');
  await service.validate(d, DEFAULT_SETTINGS);
}
mem(`after ${docs.length} ${mode}`);
for (const d of keep) workspace.file(d.uri);
mem('all parsed in index');
