// The CLI as CI pipelines use it: the built dist/cli.js, its exit codes and its three formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const badTask = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'bridge',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx', essential: true, user: '101', readonlyRootFilesystem: true }],
};

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cli-'));
  writeFileSync(join(dir, 'task-definition.json'), JSON.stringify(badTask, null, 2));
  mkdirSync(join(dir, 'other'));
  writeFileSync(join(dir, 'other', 'settings-like.json'), '{"editor": true}');
  writeFileSync(join(dir, 'other', 'broken.json'), '{"a": ');
  writeFileSync(join(dir, 'other', 'binary.json'), Buffer.from([0x7b, 0x00, 0x01, 0x02]));
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules', 'task-definition.json'), JSON.stringify(badTask));
  return dir;
}

describe('fargate-lint CLI', () => {
  test('--format json: one entry per JSON file read, with kind and 0-based LSP ranges; node_modules skipped', () => {
    const dir = workspace();
    const { code, stdout } = cli(['--format', 'json', '.'], dir);
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as {
      file: string;
      kind: string;
      diagnostics: { rule: string; severity: string; range: unknown }[];
    }[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.kind, r.diagnostics.map((d) => `${d.rule}/${d.severity}`)]),
      [
        ['other/binary.json', 'unknown', ['file-skipped/warning']],
        ['other/broken.json', 'unknown', []],
        ['other/settings-like.json', 'unknown', []],
        ['task-definition.json', 'task-definition', ['fargate-network-mode/error']],
      ],
    );
    assert.deepEqual(reports[3].diagnostics[0].range, { start: { line: 5, character: 17 }, end: { line: 5, character: 25 } });
  });

  test('a file named on the command line that is not valid JSON gets a syntax error', () => {
    const dir = workspace();
    const { code, stdout } = cli(['--format', 'json', 'other/broken.json'], dir);
    assert.equal(code, 1);
    const [report] = JSON.parse(stdout);
    assert.equal(report.diagnostics[0].rule, 'json-syntax');
    assert.equal(report.diagnostics[0].message, 'JSON syntax error: value expected (and 1 more after it)');
  });

  test('exit code 0 when nothing is wrong, and a stylish summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cli-'));
    writeFileSync(join(dir, 'task-definition.json'), JSON.stringify({ ...badTask, networkMode: 'awsvpc' }));
    const { code, stdout } = cli(['task-definition.json'], dir);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /0 errors, 0 warnings, 0 notes in 1 JSON files \(1 recognised\)/);
  });

  test('stylish output lists line:column, severity, message and rule', () => {
    const { stdout } = cli(['task-definition.json'], workspace());
    assert.match(
      stdout,
      /task-definition\.json {2}\(task-definition\)\n {2}6:18 {5}error {3}Fargate requires networkMode "awsvpc", not "bridge"\. {2}fargate-network-mode/,
    );
  });

  test('--format sarif: paths relative to the repository root (the folder with .git), never ../..', () => {
    const repo = mkdtempSync(join(tmpdir(), 'fargate-lint-repo-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'tools', 'ci'), { recursive: true });
    mkdirSync(join(repo, 'deploy'));
    writeFileSync(join(repo, 'deploy', 'task definition.json'), JSON.stringify(badTask, null, 2));
    const outside = mkdtempSync(join(tmpdir(), 'fargate-lint-outside-'));
    writeFileSync(join(outside, 'task-definition.json'), JSON.stringify(badTask, null, 2));
    const { stdout } = cli(['--format', 'sarif', '../../deploy', join(outside, 'task-definition.json')], join(repo, 'tools', 'ci'));
    const sarif = JSON.parse(stdout);
    assert.deepEqual(sarif.runs[0].originalUriBaseIds, { SRCROOT: { uri: `${pathToFileURL(repo).href}/` } });
    const locations = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => r.locations[0].physicalLocation.artifactLocation,
    );
    assert.deepEqual(locations, [
      { uri: 'deploy/task%20definition.json', uriBaseId: 'SRCROOT' },
      { uri: pathToFileURL(join(outside, 'task-definition.json')).href },
    ]);
  });

  test('--format sarif writes SARIF 2.1.0 with 1-based regions and rule metadata', () => {
    const { code, stdout } = cli(['--format=sarif', 'task-definition.json'], workspace());
    assert.equal(code, 1);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'fargate-lint');
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      ['fargate-network-mode'],
    );
    assert.equal(
      run.tool.driver.rules[0].helpUri,
      'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/fargate-network-mode.md',
    );
    assert.deepEqual(run.results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'task-definition.json', uriBaseId: 'SRCROOT' },
      region: { startLine: 6, startColumn: 18, endLine: 6, endColumn: 26 },
    });
    assert.equal(run.results[0].level, 'error');
  });

  test('bad usage exits 2 with the usage text', () => {
    const dir = workspace();
    for (const args of [[], ['--format', 'xml', '.'], ['--frobnicate', '.'], ['does-not-exist.json']]) {
      const { code, stderr } = cli(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /Usage: fargate-lint/);
    }
  });

  test('a huge file is skipped with a diagnostic, not read into the analysis', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cli-'));
    writeFileSync(join(dir, 'huge.json'), `[${'0,'.repeat(4.5 * 1024 * 1024)}0]`);
    const { code, stdout } = cli(['--format', 'json', 'huge.json'], dir);
    assert.equal(code, 0);
    assert.deepEqual(
      JSON.parse(stdout)[0].diagnostics.map((d: { rule: string; message: string }) => [d.rule, d.message]),
      [['file-skipped', 'Skipped: the file is larger than 4 MB.']],
    );
  });
});
