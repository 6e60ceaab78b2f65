#!/usr/bin/env node
// Runs the integration suite in a real VS Code without internet: code-server (VS Code 1.139.1's server,
// from the npm registry) with Debian's Chromium driven by playwright-core. The workbench honours a
// `payload` URL parameter with extensionDevelopmentPath/extensionTestsPath when the server is started with
// `--vscode-option enable-smoke-test-driver`; the suite's result comes back through
// window.codeAutomationExit(code), its console output through window.codeAutomationLog(type, args).
// A second phase opens the fixture again (extension loaded, no tests) and takes the README screenshots.
//
// Usage: node test/integration/runners/run-code-server.mjs [--no-screenshots] [--timeout=SECONDS]
// Environment: FARGATE_LINT_VSIX (test this .vsix instead of building one), FARGATE_LINT_TEST_GREP (run only
// matching tests), FARGATE_LINT_VERBOSE=1 (echo code-server and browser output), XDG_CACHE_HOME or
// FARGATE_LINT_CODE_SERVER_CACHE (where code-server is installed).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, ensureCodeServer, ensureDebianPackages } from './code-server-setup.mjs';
import { ROOT, prepare, writeUserSettings } from './prepare.mjs';
import { takeScreenshots } from './screenshots.mjs';

const argv = process.argv.slice(2);
const screenshots = !argv.includes('--no-screenshots');
const timeoutArg = argv.find((a) => a.startsWith('--timeout='));
const TIMEOUT_MS = Number(timeoutArg?.split('=')[1] ?? process.env.FARGATE_LINT_INTEGRATION_TIMEOUT ?? 900) * 1000;
const verbose = process.env.FARGATE_LINT_VERBOSE === '1';
const started = Date.now();
const OUTPUT_MARKER = '[fargate-lint-suite] '; // see test/integration/index.ts

const log = (message) => console.log(`[code-server runner] ${message}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

// Everything this run started, stopped by cleanup() on success, failure, timeout and Ctrl-C alike.
const state = { server: undefined, context: undefined, temps: [], cleanups: [] };

async function cleanup() {
  if (state.context) {
    await Promise.race([state.context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    state.context = undefined;
  }
  if (state.server && state.server.exitCode === null && state.server.signalCode === null) {
    const server = state.server;
    const exited = new Promise((r) => server.once('exit', r));
    killGroup(server.pid, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!stopped) killGroup(server.pid, 'SIGKILL');
  }
  state.server = undefined;
  for (const fn of state.cleanups.splice(0)) fn();
  for (const dir of state.temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** code-server runs in its own process group (detached): the signal reaches its extension host and the language server too. */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping code-server and the browser`);
    cleanup().finally(() => process.exit(130));
  });
}

/** Starts code-server on 127.0.0.1 with a free port; resolves with its base URL once it listens. */
async function startCodeServer(paths, workspacePath, temp) {
  const userData = join(temp, 'user-data');
  const extensions = join(temp, 'extensions');
  mkdirSync(extensions, { recursive: true });
  writeUserSettings(userData);
  const config = join(temp, 'config.yaml');
  writeFileSync(config, 'auth: none\n');
  const logFile = join(temp, 'code-server.log');
  const out = createWriteStream(logFile);
  const args = [
    paths.entry,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--vscode-option',
    'enable-smoke-test-driver',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--config',
    config,
    workspacePath,
  ];
  log(`starting code-server: ${paths.node} ${args.join(' ')}`);
  const server = spawn(paths.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  state.server = server;
  state.cleanups.push(() => out.end());
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not report its address within 60 s')), 60_000);
    const onData = (chunk) => {
      out.write(chunk);
      if (verbose) process.stdout.write(`[code-server] ${chunk}`);
      const match = /HTTP server listening on (https?:\/\/[^\s]+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${code ?? signal}); log:\n${tail(logFile)}`));
    });
  });
  return { url, logFile };
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The workbench URL that opens `folder` with our payload (paths as vscode-remote:// URIs of this server). */
export function workbenchUrl(base, folder, entries) {
  const authority = new URL(base).host;
  const remote = (path) => `vscode-remote://${authority}${path}`;
  const payload = entries.map(([key, value]) => [key, key.endsWith('Path') || key === 'openFile' ? remote(value) : value]);
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function launchBrowser(temp) {
  const profile = join(temp, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network but loopback: keep Chromium from trying (and logging) connections.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 760 },
    // Our own handlers stop the browser, code-server and the temporary folders together.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    deviceScaleFactor: 1,
  });
  state.context = context;
  return context;
}

async function runSuite(context, url) {
  let summary;
  // The suite's own lines (mocha's report) carry OUTPUT_MARKER and are printed; the workbench's other
  // console messages go to test-output/integration/workbench.log (and to the terminal with FARGATE_LINT_VERBOSE=1).
  const workbenchLog = createWriteStream(join(ROOT, 'test-output', 'integration', 'workbench.log'));
  state.cleanups.push(() => workbenchLog.end());
  const result = new Promise((resolve) => {
    context.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        if (line.startsWith(OUTPUT_MARKER)) {
          const own = line.slice(OUTPUT_MARKER.length);
          if (/^integration: \d+ passed, \d+ failed$/.test(own)) summary = own;
          console.log(own);
        } else {
          workbenchLog.write(`[${type}] ${line}\n`);
          if (verbose) console.log(`[workbench] ${line}`);
        }
      }
    });
    context.exposeFunction('codeAutomationExit', (code, logs) => {
      saveLogs(logs);
      resolve(code);
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (verbose) page.on('console', (m) => console.log(`[browser] ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));
  log(`opening the workbench with the suite (${elapsed()})`);
  await page.goto(url);
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      console.error(`[code-server runner] the suite did not finish within ${TIMEOUT_MS / 1000} s`);
      resolve(1);
    }, TIMEOUT_MS);
  });
  const code = await Promise.race([result, timeout]);
  clearTimeout(timer);
  return { code: typeof code === 'number' ? code : 1, summary, page };
}

/** VS Code hands over its logs (window, extension host, ...) with the exit code; keep them for debugging. */
function saveLogs(logs) {
  if (!Array.isArray(logs)) return;
  const dir = join(ROOT, 'test-output', 'integration', 'logs');
  rmSync(dir, { recursive: true, force: true });
  for (const { relativePath, contents } of logs) {
    const file = join(dir, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
}

async function main() {
  log('checking the tools (first run: Debian packages, Node 24 and code-server into a cache folder)');
  ensureDebianPackages();
  const paths = await ensureCodeServer();
  const prepared = await prepare();
  state.cleanups.push(prepared.cleanup);
  const temp = mkdtempSync(join(tmpdir(), 'fargate-lint-code-server-'));
  state.temps.push(temp);

  const { url: base, logFile } = await startCodeServer(paths, prepared.workspacePath, temp);
  log(`code-server listens on ${base} (${elapsed()})`);
  const context = await launchBrowser(temp);
  const url = workbenchUrl(base, prepared.workspacePath, [
    ['extensionDevelopmentPath', prepared.extensionPath],
    ['extensionTestsPath', prepared.testsPath],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]);
  const { code, summary, page } = await runSuite(context, url);
  log(`the suite exited with ${code} (${elapsed()})`);
  if (code !== 0) console.error(`[code-server runner] code-server log (last lines):\n${tail(logFile)}`);

  if (code === 0 && screenshots) {
    // The pictures document the product; the suite above is what proves it. A picture that could not be
    // taken keeps its committed version and is reported, without failing the run.
    try {
      const files = await takeScreenshots(page, base, prepared, { workbenchUrl, log });
      log(`screenshots written: ${files.join(', ')} (${elapsed()})`);
    } catch (error) {
      console.error(`[code-server runner] WARNING: screenshots not taken, docs/images left as they were: ${error.stack ?? error}`);
    }
  }
  return { code: code !== 0 ? 1 : 0, summary };
}

let exitCode = 1;
let summary;
try {
  ({ code: exitCode, summary } = await main());
} catch (error) {
  console.error(`[code-server runner] ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  await cleanup();
}
log(`done in ${elapsed()}, exit code ${exitCode}`);
console.log(summary ?? 'integration: the suite did not report a result');
process.exit(exitCode);
