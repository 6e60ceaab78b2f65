// Installs what the offline integration runner needs, once per machine: Debian's chromium and libkrb5-dev
// (apt), Node 24 (from the npm registry, with its headers) and code-server (npm registry; its native modules
// are built against that Node). Everything lands in a cache folder outside the project, keyed by version,
// and is reused when present; the project itself stays on the machine's Node.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1'; // embeds VS Code 1.139.1; its payload gate is what we rely on
export const NODE_VERSION = '24.21.0'; // code-server 4.139.1 requires Node 24 (engines.node "24")
// The browser; Kerberos headers for the `kerberos` native module; openssl for the web phase's certificate.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'openssl'];
export const CHROMIUM = '/usr/bin/chromium';

const log = (message) => console.log(`[setup] ${message}`);

export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.FARGATE_LINT_CODE_SERVER_CACHE || join(base, 'fargate-lint', `code-server-${CODE_SERVER_VERSION}`);
}

function isInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === 'install ok installed';
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** apt-get installs chromium and libkrb5-dev when missing (as root, non-interactive). */
export function ensureDebianPackages() {
  const missing = APT_PACKAGES.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) {
    log(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`Debian packages missing: ${missing.join(', ')}. Install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', ...missing], { env });
}

/**
 * The environment without what `npm run` adds (npm_config_*, npm_package_*, ...): a nested npm would take
 * those as its own configuration, among them npm_config_user_agent naming Node 20, which code-server's
 * postinstall reads to check for Node 24.
 */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || (key === 'NODE' && env.NODE === process.execPath)) delete env[key];
  }
  return env;
}

/**
 * Runs npm in `dir`, its output going to `logFile`, printing a heartbeat with the latest line every 20 s;
 * on failure prints the tail of the log.
 */
async function npmInstall(dir, what, env) {
  const logFile = join(dir, 'install.log');
  const out = createWriteStream(logFile);
  const started = Date.now();
  let last = '';
  log(`installing ${what} into ${dir} (log: ${logFile})`);
  const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', '--loglevel=http'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk) => {
    out.write(chunk);
    // The latest step, not the compiler's warning excerpts ("|  ^~~~", "note: ...").
    const lines = chunk
      .toString()
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('|') && !/\b(warning|note):|In file included|^from |^\d+ \|/.test(l));
    if (lines.length) last = lines[lines.length - 1];
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const heartbeat = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`  ... ${what}: ${seconds}s, latest: ${last.slice(0, 140)}`);
  }, 20_000);
  const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? signal)));
  clearInterval(heartbeat);
  await new Promise((resolve) => out.end(resolve));
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n');
    throw new Error(`npm install of ${what} failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
  log(`  ${what} installed in ${Math.round((Date.now() - started) / 1000)}s`);
}

/**
 * Makes sure Node 24 and code-server are in the cache folder; returns the paths the runner needs.
 * A `.complete` marker is written last, so an interrupted install is started over.
 */
export async function ensureCodeServer() {
  const root = cacheDir();
  const nodeDir = join(root, 'node');
  const serverDir = join(root, 'server');
  const platformPackage = `node-${process.platform}-${process.arch}`;
  const nodeHome = join(nodeDir, 'node_modules', platformPackage);
  const paths = {
    root,
    node: join(nodeHome, 'bin', 'node'),
    entry: join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  const marker = join(root, '.complete');
  const ready = () => existsSync(marker) && existsSync(paths.node) && existsSync(paths.entry);
  if (ready()) {
    log(`code-server ${CODE_SERVER_VERSION} and Node ${NODE_VERSION} found in ${root}`);
    return paths;
  }
  const unlock = await lock(`${root}.lock`);
  try {
    if (ready()) return paths; // another run installed it while we waited
    await install(root, nodeDir, serverDir, nodeHome, platformPackage, paths);
    writeFileSync(
      marker,
      JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString() }) + '\n',
    );
    return paths;
  } finally {
    unlock();
  }
}

/** One install at a time per cache folder (two runs on one machine would otherwise wipe each other's). */
async function lock(dir) {
  mkdirSync(dirname(dir), { recursive: true });
  for (let waited = 0; ; waited += 5) {
    try {
      mkdirSync(dir, { recursive: false });
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const pid = Number(readFileSafe(join(dir, 'pid')));
      if (!pid || !isAlive(pid)) {
        log(`removing a stale install lock ${dir}`);
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (waited % 30 === 0) log(`another run (pid ${pid}) is installing code-server; waiting`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

function readFileSafe(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function install(root, nodeDir, serverDir, nodeHome, platformPackage, paths) {
  log(`code-server ${CODE_SERVER_VERSION} is not in the cache yet; installing (takes 3-6 minutes the first time)`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(nodeDir, { recursive: true });
  mkdirSync(serverDir, { recursive: true });

  // Node 24 binary and headers: the platform package that `npm install node@24` would fetch in its
  // preinstall script, taken directly so no install script needs approving.
  writeFileSync(
    join(nodeDir, 'package.json'),
    JSON.stringify({ private: true, dependencies: { [platformPackage]: NODE_VERSION } }, null, 2),
  );
  await npmInstall(nodeDir, `Node ${NODE_VERSION}`, cleanEnv());
  if (!existsSync(paths.node) || !existsSync(join(nodeHome, 'include', 'node', 'node.h'))) {
    throw new Error(`${platformPackage}@${NODE_VERSION} did not bring bin/node and include/node`);
  }

  // code-server: its postinstall runs `npm install` in lib/vscode, which builds native modules
  // (spdlog, sqlite3, node-pty, kerberos...) with node-gyp against Node 24's headers (npm_config_nodedir),
  // so nothing is downloaded but packages. npm must run on Node 24: the postinstall checks npm's user agent.
  writeFileSync(
    join(serverDir, 'package.json'),
    JSON.stringify(
      {
        private: true,
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // npm 11 runs dependency install scripts only when allowed here (lib/vscode has its own list).
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      null,
      2,
    ),
  );
  const env = {
    ...cleanEnv(),
    PATH: `${join(nodeHome, 'bin')}${delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeHome,
    npm_config_update_notifier: 'false',
  };
  await npmInstall(serverDir, `code-server ${CODE_SERVER_VERSION}`, env);
  if (!existsSync(paths.entry)) throw new Error(`code-server installed but ${paths.entry} is missing`);
}

// `node code-server-setup.mjs` installs everything without running the tests (e.g. to warm a cache).
if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDebianPackages();
  const paths = await ensureCodeServer();
  log(`ready: ${JSON.stringify(paths)}`);
}
