// Entry point of the integration suite in VS Code for the Web: the browser's extension host (a web
// worker) loads this bundle (test-output/integration/web/index.js) as `extensionTestsPath` and calls
// run(). The same suite files as on the desktop (build.mjs lists them); mocha is its browser build, and
// `node:assert/strict` and `mocha` resolve to the small stand-ins next to this file.
import 'mocha/mocha.js';
import { testFiles } from 'virtual:integration-test-files';
import { OUTPUT_MARKER } from '../output-marker';

interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  grep(text: string): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number } };
}

const scope = globalThis as unknown as {
  mocha: BrowserMocha;
  Mocha: { reporters: { Base: { consoleLog: (...args: unknown[]) => void } } };
};

function report(...args: unknown[]): void {
  const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  // Mocha's reporters pass printf-style format strings; only %s and %d occur in them.
  const [format, ...rest] = args;
  const formatted =
    typeof format === 'string' && /%[sd]/.test(format)
      ? format.replace(/%[sd]/g, () => String(rest.shift() ?? '')) + rest.map((r) => ` ${String(r)}`).join('')
      : text;
  console.log(
    formatted
      .split('\n')
      .map((line) => OUTPUT_MARKER + line)
      .join('\n'),
  );
}

export async function run(): Promise<void> {
  const { mocha, Mocha } = scope;
  Mocha.reporters.Base.consoleLog = report;
  mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  for (const [, load] of testFiles) load();
  const { passed, failed } = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  report(`integration-web: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
  if (passed === 0) throw new Error('no integration test ran');
}
