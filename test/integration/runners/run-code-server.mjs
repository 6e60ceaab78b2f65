#!/usr/bin/env node
// Runs the integration suite in a real VS Code without internet: code-server (VS Code 1.139.1's server,
// from the npm registry) with Debian's Chromium driven by playwright-core. The workbench honours a
// `payload` URL parameter with extensionDevelopmentPath/extensionTestsPath when the server is started with
// `--vscode-option enable-smoke-test-driver`; the suite's result comes back through
// window.codeAutomationExit(code), its console output through window.codeAutomationLog(type, args).
// The suite runs twice: in the server's Node extension host (the desktop extension, `main`), then in the
// browser's web worker extension host (VS Code for the Web, `browser`), with the extension served over
// HTTPS from another origin as vscode.dev and github.dev serve it. A last phase opens the fixture again
// (extension loaded, no tests) and takes the README screenshots.
//
// Usage: node test/integration/runners/run-code-server.mjs [--no-screenshots] [--no-web] [--web-only] [--timeout=SECONDS]
// Environment: FARGATE_LINT_VSIX (test this .vsix instead of building one), FARGATE_LINT_TEST_GREP (run only
// matching tests), FARGATE_LINT_VERBOSE=1 (echo code-server and browser output), XDG_CACHE_HOME or
// FARGATE_LINT_CODE_SERVER_CACHE (where code-server is installed).
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { buildWebSuite } from '../build.mjs';
import { CHROMIUM, ensureCodeServer, ensureDebianPackages } from './code-server-setup.mjs';
import { serveOverHttps } from './extension-host.mjs';
import { FIXTURE_WORKSPACE, ROOT, prepare, writeUserSettings } from './prepare.mjs';
import { takeScreenshots } from './screenshots.mjs';

const argv = process.argv.slice(2);
const webOnly = argv.includes('--web-only');
const screenshots = !argv.includes('--no-screenshots') && !webOnly;
const web = !argv.includes('--no-web');
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
  // Paths on this machine become vscode-remote:// URIs of the server; values that are URLs already stay.
  const isPath = (key, value) => (key.endsWith('Path') || key === 'openFile') && value.startsWith('/');
  const payload = entries.map(([key, value]) => [key, isPath(key, value) ? remote(value) : value]);
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
    // The web phase serves the extension over HTTPS with a certificate made for the run.
    ignoreHTTPSErrors: true,
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

// The page calls these two for whichever suite runs; each run sets its own handlers.
const automation = { log: () => undefined, exit: () => undefined };

async function exposeAutomation(context) {
  await context.exposeFunction('codeAutomationLog', (type, args) => automation.log(type, args));
  await context.exposeFunction('codeAutomationExit', (code, logs) => automation.exit(code, logs));
}

async function runSuite(context, url, label, page = context.pages()[0]) {
  let summary;
  // The suite's own lines (mocha's report) carry OUTPUT_MARKER and are printed; the workbench's other
  // console messages go to test-output/integration/<label>-workbench.log (and to the terminal with FARGATE_LINT_VERBOSE=1).
  const workbenchLog = createWriteStream(join(ROOT, 'test-output', 'integration', `${label}-workbench.log`));
  state.cleanups.push(() => workbenchLog.end());
  const result = new Promise((resolve) => {
    automation.log = (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        if (line.startsWith(OUTPUT_MARKER)) {
          const own = line.slice(OUTPUT_MARKER.length);
          const counts = /^integration(?:-web)?: (\d+) passed, (\d+) failed$/.exec(own);
          if (counts) summary = { passed: Number(counts[1]), failed: Number(counts[2]) };
          console.log(own);
        } else {
          workbenchLog.write(`[${type}] ${line}\n`);
          if (verbose) console.log(`[workbench] ${line}`);
        }
      }
    };
    automation.exit = (code, logs) => {
      saveLogs(logs, label);
      resolve(code);
    };
  });
  page ??= await context.newPage();
  if (verbose) page.on('console', (m) => console.log(`[browser] ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));
  log(`opening the workbench with the ${label} suite (${elapsed()})`);
  await page.goto(url);
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      console.error(`[code-server runner] the ${label} suite did not finish within ${TIMEOUT_MS / 1000} s`);
      resolve(1);
    }, TIMEOUT_MS);
  });
  const code = await Promise.race([result, timeout]);
  clearTimeout(timer);
  return { code: typeof code === 'number' ? code : 1, summary, page };
}

/**
 * The suite in the browser's extension host: the unpacked package and the web suite bundle served over
 * HTTPS, the extension loaded from there as a web extension, and a fresh copy of the fixture workspace,
 * read through the client (workspace.fs) as on github.dev.
 *
 * VS Code's web workbench takes a web extension under development (and its test runner) only from its
 * construction options, `developmentOptions.extensions` and `developmentOptions.extensionTestsPath`, not
 * from the payload (that is for the server's own extension host). code-server renders those options into
 * a meta tag of the workbench page, so a script that runs before the page's own adds the two entries to
 * that tag as soon as it is parsed: the options @vscode/test-web's own server writes into its page.
 */
async function runWebSuite(context, base, prepared, temp) {
  const testsPath = await buildWebSuite();
  const workspacePath = join(temp, 'workspace-web');
  cpSync(FIXTURE_WORKSPACE, workspacePath, { recursive: true });
  // VS Code runs a test runner in the extension host of the extension whose folder holds it, so the suite
  // is served from inside the extension's URL space (not written into the unpacked package).
  const host = await serveOverHttps(
    { '/extension/.integration-suite': dirname(testsPath), '/extension': prepared.extensionPath },
    temp,
    (m) => (verbose ? log(`extension host: ${m}`) : undefined),
  );
  state.cleanups.push(() => void host.close());
  log(`serving the extension at ${host.url}/extension (${elapsed()})`);
  const { host: authority } = new URL(host.url);
  const developmentOptions = {
    extensions: [{ scheme: 'https', authority, path: '/extension' }],
    extensionTestsPath: { scheme: 'https', authority, path: '/extension/.integration-suite/index.js' },
  };
  // A page of its own, so that the other phases see the workbench as code-server serves it.
  const page = await context.newPage();
  await page.addInitScript((extra) => {
    const observer = new MutationObserver(() => {
      const meta = document.getElementById('vscode-workbench-web-configuration');
      const settings = meta?.getAttribute('data-settings');
      if (!meta || !settings) return;
      observer.disconnect();
      const parsed = JSON.parse(settings);
      parsed.developmentOptions = { ...parsed.developmentOptions, ...extra };
      meta.setAttribute('data-settings', JSON.stringify(parsed));
    });
    observer.observe(document, { childList: true, subtree: true });
  }, developmentOptions);
  const url = workbenchUrl(base, workspacePath, [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]);
  return runSuite(context, url, 'web', page);
}

/** VS Code hands over its logs (window, extension host, ...) with the exit code; keep them for debugging. */
function saveLogs(logs, label) {
  if (!Array.isArray(logs)) return;
  const dir = join(ROOT, 'test-output', 'integration', `${label}-logs`);
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
  await exposeAutomation(context);
  const runs = [];
  let page;
  if (!webOnly) {
    const url = workbenchUrl(base, prepared.workspacePath, [
      ['extensionDevelopmentPath', prepared.extensionPath],
      ['extensionTestsPath', prepared.testsPath],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    const run = await runSuite(context, url, 'node');
    log(`the suite (Node extension host) exited with ${run.code} (${elapsed()})`);
    runs.push(run);
    page = run.page;
  }
  if (web) {
    const run = await runWebSuite(context, base, prepared, temp);
    log(`the suite (browser extension host) exited with ${run.code} (${elapsed()})`);
    runs.push(run);
    // The screenshots use the desktop build's page: the web page adds the web build to the workbench.
    await run.page.close().catch(() => undefined);
  }
  const failed = runs.some((r) => r.code !== 0);
  if (failed) console.error(`[code-server runner] code-server log (last lines):\n${tail(logFile)}`);

  if (!failed && screenshots) {
    // The pictures document the product; the suite above is what proves it. A picture that could not be
    // taken keeps its committed version and is reported, without failing the run.
    try {
      const files = await takeScreenshots(page, base, prepared, { workbenchUrl, log });
      log(`screenshots written: ${files.join(', ')} (${elapsed()})`);
    } catch (error) {
      console.error(`[code-server runner] WARNING: screenshots not taken, docs/images left as they were: ${error.stack ?? error}`);
    }
  }
  // One closing line for both runs; a run that reported nothing counts as one failure.
  const passed = runs.reduce((n, r) => n + (r.summary?.passed ?? 0), 0);
  const failures = runs.reduce((n, r) => n + (r.summary ? r.summary.failed : 1), 0);
  return { code: failed ? 1 : 0, summary: `integration: ${passed} passed, ${failures} failed` };
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
