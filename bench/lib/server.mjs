// An LSP client for the benchmark: starts the built server (`node dist/server.js --stdio`) as an editor
// would, and reads the server process's resident memory and CPU time from /proc (Linux).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

/** Resident set size in MiB, and the peak so far (VmHWM); undefined off Linux. */
export function memory(pid) {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const text = readFileSync(status, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** User + system CPU time of a process in ms (from /proc/<pid>/stat, in clock ticks of 10 ms); undefined off Linux. */
export function cpuMs(pid) {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  const fields = readFileSync(stat, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // After the command name: state is field 3, utime 14, stime 15 (1-based, man proc).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Samples `read()` every `ms` until stopped; `stop()` returns the largest value seen. */
export function sampleMax(read, ms = 20) {
  let max = 0;
  const tick = () => {
    const value = read();
    if (value !== undefined && value > max) max = value;
  };
  tick();
  const timer = setInterval(tick, ms);
  return () => {
    clearInterval(timer);
    tick();
    return max;
  };
}

export async function startServer(root, { pull = true, workspaceFolders = null, progress = false, onLog, nodeArgs = [] } = {}) {
  const server = join(root, 'dist', 'server.js');
  if (!existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const pushed = new Map();
  const pushWaiters = [];
  const pushListeners = [];
  const progressEvents = [];
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('$/progress', (params) => progressEvents.push({ at: performance.now(), ...params }));
  connection.onNotification('window/logMessage', (params) => onLog?.(params.message, performance.now()));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    pushed.set(params.uri, params);
    for (const listener of pushListeners) listener(params);
    for (let i = pushWaiters.length - 1; i >= 0; i--) {
      if (pushWaiters[i].test(params)) pushWaiters.splice(i, 1)[0].resolve(params);
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: workspaceFolders?.[0]?.uri ?? null,
    workspaceFolders,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: true } },
      window: { workDoneProgress: progress },
      textDocument: { hover: { contentFormat: ['markdown'] }, ...(pull ? { diagnostic: {} } : {}) },
    },
  });
  await connection.sendNotification('initialized', {});
  const versions = new Map();
  return {
    child,
    pid: child.pid,
    started,
    connection,
    progressEvents,
    open(uri, text) {
      versions.set(uri, 1);
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    },
    /** Sends content changes (full text or ranges) as the next version; returns that version. */
    change(uri, contentChanges) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      return version;
    },
    async diagnostics(uri) {
      const report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      return report.items;
    },
    /** Calls `listener` with every publishDiagnostics. */
    onPush(listener) {
      pushListeners.push(listener);
    },
    /** The next pushed diagnostics that pass `test`. */
    nextPush(test) {
      return new Promise((resolve) => pushWaiters.push({ test, resolve }));
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        // the server is gone already
      }
      connection.dispose();
      child.kill();
    },
  };
}

/** Median and 95th percentile of a list of numbers. */
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Line and character of `offset` in `text`. */
export function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
