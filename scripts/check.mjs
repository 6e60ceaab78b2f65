// `npm run check`: the type check (`npm run check-types`) and the lint (`npm run lint`: ESLint, prettier,
// knip) side by side rather than one after the other, since on two cores each leaves the other some CPU.
// Each check's output is printed when it ends (in full when it fails); the exit code is non-zero if either
// failed. `npm test` runs it first, then the test tiers; `npm run test:unit` (the build and the tests) does not.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function run(script) {
  const at = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ name: `npm run ${script}`, code: code ?? 1, output, time: seconds(at) }));
  });
}

const results = await Promise.all([run('check-types'), run('lint')]);
for (const check of results) {
  if (check.code !== 0) console.log(check.output.trimEnd());
  console.log(`${check.code === 0 ? '✔' : '✖'} ${check.name} (${check.time})`);
}
console.log(`check ${seconds(started)} in all`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
