// The npm package as a user installs it: `npm pack` of the project (what `npm publish` would upload),
// installed from the tarball into an empty folder with --offline, then the CLI run with npx and the
// language server started as an editor would. The package must hold only what runs (bundles, IAM data,
// schemas, rule docs, README, LICENSE, CHANGELOG) and need nothing from the registry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from '../helpers/lspClient';
import { installOffline, packProject } from '../helpers/pack';

const ROOT = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** What may be in the package: the bundles, the IAM data, the HCL parser's WebAssembly and licence, schemas, rule docs and the three documents. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^dist\/(cli|server|client)\.js$/,
  /^dist\/browser\/(client|server)\.js$/,
  /^dist\/iam-data\/[\w./-]+\.(json|txt)$/,
  /^dist\/(web-tree-sitter|tree-sitter-terraform)\.wasm$/,
  /^dist\/tree-sitter-hcl\.LICENSE$/,
  /^schemas\/[\w.-]+\.(json|md)$/,
  /^docs\/rules\/[a-z0-9-]+\.md$/,
];

describe('the npm package', () => {
  let tarball: string;
  let files: { path: string; size: number }[];
  let installed: string;
  const temps: string[] = [];

  before(() => {
    const packed = packProject();
    ({ tarball, files } = packed);
    installed = installOffline(tarball);
    temps.push(packed.folder, installed);
  });

  after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('holds only the bundles, the IAM data, schemas, rule docs, README, LICENSE and CHANGELOG', () => {
    const unexpected = files.map((f) => f.path).filter((path) => !ALLOWED.some((pattern) => pattern.test(path)));
    assert.deepEqual(unexpected, []);
    for (const required of ['dist/cli.js', 'dist/server.js', 'dist/iam-data/serviceNames.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      assert.ok(
        files.some((f) => f.path === required),
        `${required} is missing from the package`,
      );
    }
    assert.ok(!files.some((f) => f.path.endsWith('.map') || f.path.startsWith('test/') || f.path.startsWith('server/')));
  });

  test('declares no runtime dependencies, so installing it fetches nothing', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'node_modules', 'fargate-lint', 'package.json'), 'utf8'));
    assert.equal(pkg.dependencies, undefined);
    const lock = JSON.parse(readFileSync(join(installed, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    assert.deepEqual(Object.keys(lock.packages).sort(), ['', 'node_modules/fargate-lint']);
  });

  test('npx fargate-lint --version and --help', () => {
    const versionRun = spawnSync('npx', ['--offline', 'fargate-lint', '--version'], { cwd: installed, encoding: 'utf8' });
    assert.equal(versionRun.status, 0, versionRun.stderr);
    assert.equal(versionRun.stdout, `${version}\n`);
    const help = spawnSync('npx', ['--offline', 'fargate-lint', '--help'], { cwd: installed, encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: fargate-lint \[options\] PATH\.\.\./);
  });

  test('npx fargate-lint checks a file: the finding, its rule, exit code 1', () => {
    const task = {
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'bridge',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'nginx', essential: true }],
    };
    writeFileSync(join(installed, 'task-definition.json'), JSON.stringify(task, null, 2));
    const run = spawnSync('npx', ['--offline', 'fargate-lint', '--format', 'json', 'task-definition.json'], {
      cwd: installed,
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stderr);
    const [report] = JSON.parse(run.stdout) as { kind: string; diagnostics: { rule: string; severity: string }[] }[];
    assert.equal(report.kind, 'task-definition');
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule),
      ['fargate-network-mode'],
    );
  });

  test('the installed fargate-lint-server speaks LSP on stdio and reads its IAM data from the package', async () => {
    const server = join(installed, 'node_modules', 'fargate-lint', 'dist', 'server.js');
    const client = await LspTestClient.start({ server, pull: false });
    try {
      const uri = 'file:///work/policy.json';
      const pushed = client.nextPushedDiagnostics(uri);
      await client.open(
        uri,
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }] }),
      );
      assert.deepEqual(
        (await pushed).map((d) => d.code),
        ['iam-invalid-action'],
      );
    } finally {
      await client.shutdown();
    }
    const bin = readFileSync(join(installed, 'node_modules', '.bin', 'fargate-lint-server'), 'utf8');
    assert.match(bin, /^#!\/usr\/bin\/env node/);
  });
});
