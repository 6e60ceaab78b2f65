// The CLI over a folder reports the same cross-file findings as the language server: the execution-role
// fixture workspaces are run through both, and every diagnostic (rule, severity, message, range) must agree.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cli } from '../helpers/cli';
import { LspTestClient } from '../helpers/lspClient';

const FIXTURES = join(__dirname, '..', 'fixtures', 'execution-role');

interface Row {
  file: string;
  rule: string;
  severity: string;
  message: string;
  range: unknown;
}

const SEVERITIES = ['', 'error', 'warning', 'information', 'hint'];

function taskDefinitions(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return taskDefinitions(full);
    return name === 'task-definition.json' ? [full] : [];
  });
}

test('the CLI over the fixture folder reports what the server reports for each task definition', async () => {
  const run = await cli(['--format', 'json', '.'], FIXTURES);
  assert.equal(run.code, 1, run.stderr);
  const reports = JSON.parse(run.stdout) as { file: string; diagnostics: Omit<Row, 'file'>[] }[];
  const fromCli: Row[] = reports
    .filter((r) => r.file.endsWith('task-definition.json'))
    .flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, rule: d.rule, severity: d.severity, message: d.message, range: d.range })));

  const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(FIXTURES).href, name: 'fixtures' }] });
  const fromServer: Row[] = [];
  try {
    await client.nextRefresh();
    for (const file of taskDefinitions(FIXTURES).sort()) {
      const uri = pathToFileURL(file).href;
      await client.open(uri, readFileSync(file, 'utf8'));
      const diagnostics = await client.diagnostics(uri);
      for (const d of diagnostics) {
        fromServer.push({
          file: relative(FIXTURES, file),
          rule: String(d.code),
          severity: SEVERITIES[d.severity ?? 1],
          message: typeof d.message === 'string' ? d.message : d.message.value,
          range: d.range,
        });
      }
    }
  } finally {
    await client.shutdown();
  }
  const order = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
  assert.ok(
    fromCli.some((r) => r.rule === 'execution-role-permission'),
    'the fixtures hold execution-role findings',
  );
  assert.deepEqual(order(fromCli), order(fromServer));
});
