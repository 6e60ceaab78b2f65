// Cold start of the language server on an IAM policy: starts the built server (`node dist/server.js --stdio`)
// as an editor would, opens a policy naming two services, and prints the time to the first diagnostics and
// the server's resident memory (RSS) then (diagnostics are pulled, as VS Code does); then hovers on actions of six services and prints the RSS again.
// For scale it also prints the RSS of a bare Node process before and after reading ALL of iam-data.
// Figures only, no pass/fail: timing depends on the machine. Run `npm run build` first; `--json` prints one
// JSON line instead of the table.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');
const SERVER = join(root, 'dist', 'server.js');
const DATA = join(root, 'dist', 'iam-data');

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Pull",
      "Effect": "Allow",
      "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      "Resource": "*"
    },
    {
      "Sid": "Logs",
      "Effect": "allow",
      "Action": ["logs:CreateLogStream", "logs:PutLogEvent"],
      "Resource": "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*"
    }
  ]
}
`;

const HOVERS = [
  'ecr:BatchGetImage',
  'logs:PutLogEvents',
  's3:GetObject',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameters',
  'kms:Decrypt',
];

/** Resident set size of a process in MiB (Linux /proc; elsewhere `ps`). */
function rssMiB(pid) {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  }
  const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return Number(ps.stdout.trim()) / 1024;
}

/** RSS of a bare Node process, and of one that has parsed every per-service file of iam-data. */
function referenceRss() {
  const script = `
    const fs = require('fs'), path = require('path');
    const rss = () => process.memoryUsage().rss / 1048576;
    const before = rss(); let files = 0;
    for (const folder of ['actions', 'resourceTypes', 'conditionKeys']) {
      const dir = path.join(${JSON.stringify(DATA)}, folder);
      for (const f of fs.readdirSync(dir)) { globalThis['k' + files++] = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); }
    }
    console.log(JSON.stringify({ before, after: rss(), files }));`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return JSON.parse(out.stdout);
}

export async function coldStart() {
  if (!existsSync(SERVER) || !existsSync(DATA)) throw new Error('dist/ is missing: run `npm run build` first');
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const uri = 'file:///bench/execution-role-policy.json';
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    // Pull diagnostics, as VS Code asks for them (a push-only client gets them after a 200 ms typing pause).
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] }, diagnostic: {} } },
  });
  const initialized = performance.now();
  await connection.sendNotification('initialized', {});
  const opened = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: POLICY } });
  const report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const first = { at: performance.now(), count: report.items.length };
  const rssAfterDiagnostics = rssMiB(child.pid);

  // Hover on actions of six services (four not yet loaded): each loads one more service file.
  const hovers = [];
  for (const action of HOVERS) {
    const text = `${POLICY.slice(0, POLICY.lastIndexOf(']'))}, {"Effect": "Allow", "Action": "${action}", "Resource": "*"}]\n}\n`;
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: hovers.length + 2 },
      contentChanges: [{ text }],
    });
    const offset = text.lastIndexOf(`"${action}"`) + 3;
    const before = text.slice(0, offset);
    const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
    const t = performance.now();
    const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    hovers.push({
      action,
      ms: performance.now() - t,
      ok: typeof hover?.contents?.value === 'string' && hover.contents.value.includes(action.split(':')[1]),
    });
  }
  const rssAfterHovers = rssMiB(child.pid);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();

  return {
    node: process.version,
    initializeMs: initialized - started,
    firstDiagnosticsMs: first.at - started,
    openToDiagnosticsMs: first.at - opened,
    diagnostics: first.count,
    rssAfterDiagnosticsMiB: rssAfterDiagnostics,
    rssAfterHoversMiB: rssAfterHovers,
    hovers,
    reference: referenceRss(),
  };
}

const f = (n) => n.toFixed(1);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await coldStart();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`cold start (${result.node}, server dist/server.js --stdio)`);
    console.log(`  spawn → initialize answered       ${f(result.initializeMs)} ms`);
    console.log(
      `  spawn → first diagnostics         ${f(result.firstDiagnosticsMs)} ms  (${result.diagnostics} diagnostics; ${f(result.openToDiagnosticsMs)} ms after didOpen)`,
    );
    console.log(`  server RSS after first diagnostics ${f(result.rssAfterDiagnosticsMiB)} MiB  (policy with 2 services)`);
    console.log(
      `  server RSS after hovers           ${f(result.rssAfterHoversMiB)} MiB  (${result.hovers.map((h) => h.action.split(':')[0]).join(', ')})`,
    );
    console.log(
      `  hover times                       ${result.hovers.map((h) => `${h.action.split(':')[0]} ${f(h.ms)} ms${h.ok ? '' : ' (no hover!)'}`).join(', ')}`,
    );
    console.log(
      `  for scale: bare node RSS ${f(result.reference.before)} MiB → ${f(result.reference.after)} MiB after parsing all ${result.reference.files} iam-data service files`,
    );
  }
}
