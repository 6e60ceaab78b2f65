// `npm run test:unit`: the build, then the type check, the lint (eslint, prettier, knip) and every test
// file (test/run-tests.mjs) side by side rather than one after the other: on two cores the checks use the
// CPU while tests wait on the servers and CLIs they start. The tests print as they run; each check's
// output is printed when it ends (in full when it fails). The exit code is non-zero if any step failed.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const build = spawnSync(npm, ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function run(command, args, { capture }) {
  const at = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code) => resolve({ name: [command, ...args].join(' '), code: code ?? 1, output, time: seconds(at) }));
  });
}

const checks = [run(npm, ['run', '--silent', 'check-types'], { capture: true }), run(npm, ['run', '--silent', 'lint'], { capture: true })];
const tests = await run(process.execPath, ['test/run-tests.mjs', ...process.argv.slice(2)], { capture: false });
const results = await Promise.all(checks);
console.log('');
for (const check of results) {
  if (check.code !== 0) console.log(check.output.trimEnd());
  console.log(`${check.code === 0 ? '✔' : '✖'} ${check.name} (${check.time})`);
}
console.log(`${tests.code === 0 ? '✔' : '✖'} tests (${tests.time}); test:unit ${seconds(started)} in all`);
process.exit([tests, ...results].some((r) => r.code !== 0) ? 1 : 0);
