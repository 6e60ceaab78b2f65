// The CLI as CI pipelines use it: the built dist/cli.js, its exit codes and its three formats.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { CLI, cli, cliProcess } from '../helpers/cli';

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
  test('--format json: one entry per JSON file read, with kind and 0-based LSP ranges; node_modules skipped', async () => {
    const dir = workspace();
    const { code, stdout } = await cli(['--format', 'json', '.'], dir);
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

  test('a file named on the command line that is not valid JSON gets a syntax error', async () => {
    const dir = workspace();
    const { code, stdout } = await cli(['--format', 'json', 'other/broken.json'], dir);
    assert.equal(code, 1);
    const [report] = JSON.parse(stdout);
    assert.equal(report.diagnostics[0].rule, 'json-syntax');
    assert.equal(report.diagnostics[0].message, 'JSON syntax error: value expected (and 1 more after it)');
  });

  test('exit code 0 when nothing is wrong, and a stylish summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cli-'));
    writeFileSync(join(dir, 'task-definition.json'), JSON.stringify({ ...badTask, networkMode: 'awsvpc' }));
    const { code, stdout } = await cli(['task-definition.json'], dir);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /0 errors, 0 warnings, 0 notes in 1 file \(1 recognised\)/);
  });

  test('stylish output lists line:column, severity, message and rule', async () => {
    const { stdout } = await cli(['task-definition.json'], workspace());
    assert.match(
      stdout,
      /task-definition\.json {2}\(task-definition\)\n {2}6:18 {5}error {3}Fargate requires networkMode "awsvpc", not "bridge"\. {2}fargate-network-mode/,
    );
  });

  test('--format sarif: paths relative to the repository root (the folder with .git), never ../..', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'fargate-lint-repo-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'tools', 'ci'), { recursive: true });
    mkdirSync(join(repo, 'deploy'));
    writeFileSync(join(repo, 'deploy', 'task definition.json'), JSON.stringify(badTask, null, 2));
    const outside = mkdtempSync(join(tmpdir(), 'fargate-lint-outside-'));
    writeFileSync(join(outside, 'task-definition.json'), JSON.stringify(badTask, null, 2));
    const { stdout } = await cli(['--format', 'sarif', '../../deploy', join(outside, 'task-definition.json')], join(repo, 'tools', 'ci'));
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

  test('--format sarif writes SARIF 2.1.0 with 1-based regions and rule metadata', async () => {
    const { code, stdout } = await cli(['--format=sarif', 'task-definition.json'], workspace());
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

  test('bad usage exits 2 with the usage text', async () => {
    const dir = workspace();
    for (const args of [[], ['--format', 'xml', '.'], ['--frobnicate', '.'], ['does-not-exist.json']]) {
      const { code, stderr } = cliProcess(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /Usage: fargate-lint/);
    }
  });

  test('a reader that stops early (fargate-lint . | head) or is gone ends the output quietly, with the exit code of the findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cli-'));
    // JSON output of 1 MB, far more than a pipe holds (64 KiB): the CLI is still writing when the reader goes.
    // 100 files of 10 containers, each with two hints, rather than 1,000 files of one finding: as much output
    // for a fifth of the CPU.
    const containers = Array.from({ length: 10 }, (_, k) => ({ name: `app${k}`, image: 'nginx', essential: true }));
    const task = JSON.stringify({ ...badTask, containerDefinitions: containers }, null, 2);
    for (let i = 0; i < 100; i++) writeFileSync(join(dir, `task-${String(i).padStart(3, '0')}.json`), task);
    const cases = [
      { format: 'json', readFirst: true },
      { format: 'stylish', readFirst: false },
    ];
    for (const { format, readFirst } of cases) {
      const child = spawn(process.execPath, [CLI, '--format', format, '.'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // As `head -1` does: read a little and close; or close before anything is written.
      if (readFirst) child.stdout.once('data', () => child.stdout.destroy());
      else child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '', `--format ${format}: nothing on stderr`);
      assert.equal(code, 1, `--format ${format}: exit code 1 for the errors found`);
    }
  });

  test('a huge file is skipped with a diagnostic, not read into the analysis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cli-'));
    writeFileSync(join(dir, 'huge.json'), `[${'0,'.repeat(4.5 * 1024 * 1024)}0]`);
    const { code, stdout } = await cli(['--format', 'json', 'huge.json'], dir);
    assert.equal(code, 0);
    assert.deepEqual(
      JSON.parse(stdout)[0].diagnostics.map((d: { rule: string; message: string }) => [d.rule, d.message]),
      [['file-skipped', 'Skipped: the file is larger than 4 MB.']],
    );
  });

  test('services and AppSpecs in the folders it is given are checked against the task definitions beside them', async () => {
    const { code, stdout } = await cli(['--format', 'json', 'load-balancer', 'appspec'], join(__dirname, '..', 'fixtures', 'services'));
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as {
      file: string;
      kind: string;
      diagnostics: { rule: string; range: { start: { line: number } } }[];
    }[];
    assert.deepEqual(
      reports.map((r) => [
        r.file,
        r.kind,
        r.diagnostics.filter((d) => d.rule.startsWith('service-')).map((d) => `${d.rule}:${d.range.start.line + 1}`),
      ]),
      [
        [
          'load-balancer/service-definition.json',
          'ecs-service',
          ['service-load-balancer-container:11', 'service-load-balancer-container:15'],
        ],
        ['load-balancer/task-definition.json', 'task-definition', []],
        ['appspec/appspec.json', 'codedeploy-appspec', ['service-load-balancer-container:11']],
        ['appspec/taskdef.json', 'task-definition', []],
      ],
    );
  });
});

describe('fargate-lint CLI options', () => {
  /** A task with no AWS-rejected mistake, whose one container has no user and a writable root file system. */
  const hardeningOnly = { ...badTask, networkMode: 'awsvpc', containerDefinitions: [{ name: 'app', image: 'nginx', essential: true }] };
  const warningOnly = {
    ...hardeningOnly,
    containerDefinitions: [
      {
        ...hardeningOnly.containerDefinitions[0],
        user: '101',
        readonlyRootFilesystem: true,
        environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
      },
    ],
  };

  function folderWith(files: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cli-'));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    return dir;
  }

  const rulesOf = (stdout: string) =>
    (JSON.parse(stdout) as { diagnostics: { rule: string; severity: string }[] }[]).flatMap((r) =>
      r.diagnostics.map((d) => `${d.rule}/${d.severity}`),
    );

  test('--version prints the version of package.json; --help the options; both exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(cliProcess(['--version'], tmpdir()), { code: 0, stdout: `${version}\n`, stderr: '' });
    const help = cliProcess(['--help'], tmpdir());
    assert.equal(help.code, 0);
    for (const option of [
      '--format stylish|json|sarif',
      '--severity error|warning|info|hint',
      '--fail-on error|warning|never',
      '--preset default|strict',
      '--version',
      '--help',
    ]) {
      assert.ok(help.stdout.includes(option), option);
    }
  });

  test('hints: kept in json and sarif, left out of stylish unless --severity hint, and counted in its summary', async () => {
    const dir = folderWith({ 'task-definition.json': hardeningOnly });
    assert.deepEqual(rulesOf((await cli(['--format', 'json', '.'], dir)).stdout), [
      'readonly-root-filesystem/hint',
      'container-runs-as-root/hint',
    ]);
    const sarif = JSON.parse((await cli(['--format', 'sarif', '.'], dir)).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}/${r.level}`),
      ['readonly-root-filesystem/note', 'container-runs-as-root/note'],
    );
    const stylish = await cli(['.'], dir);
    assert.equal(stylish.code, 0);
    assert.doesNotMatch(stylish.stdout, /readonly-root-filesystem/);
    assert.match(
      stylish.stdout,
      /0 errors, 0 warnings, 0 notes in 1 file \(1 recognised\); 2 below info not shown \(--severity hint shows all\)/,
    );
    assert.match(
      (await cli(['--severity', 'hint', '.'], dir)).stdout,
      /hint {4}Container "app" can write to its root file system.*readonly-root-filesystem/,
    );
    assert.deepEqual(rulesOf((await cli(['--format', 'json', '--severity', 'warning', '.'], dir)).stdout), []);
  });

  test('--fail-on: error by default, warning fails on warnings too, never always exits 0', async () => {
    const warnings = folderWith({ 'task-definition.json': warningOnly });
    assert.equal((await cli(['.'], warnings)).code, 0);
    assert.equal((await cli(['--fail-on', 'warning', '.'], warnings)).code, 1);
    assert.equal((await cli(['--fail-on=error', '.'], warnings)).code, 0);
    const errors = folderWith({ 'task-definition.json': badTask });
    assert.equal((await cli(['.'], errors)).code, 1);
    assert.equal((await cli(['--fail-on', 'never', '.'], errors)).code, 0);
    // Only what is reported can fail the run.
    assert.equal((await cli(['--fail-on', 'warning', '--severity', 'error', '.'], warnings)).code, 0);
    assert.equal((await cli(['--fail-on', 'sometimes', '.'], warnings)).code, 2);
  });

  test('the strict preset raises the hardening rules to warnings: --preset strict, or "preset" in fargate-lint.json', async () => {
    const strictRules = ['readonly-root-filesystem/warning', 'container-runs-as-root/warning'];
    const plain = folderWith({ 'task-definition.json': hardeningOnly });
    assert.deepEqual(rulesOf((await cli(['--format', 'json', '--preset', 'strict', '.'], plain)).stdout), strictRules);
    assert.equal((await cli(['--preset', 'strict', '--fail-on', 'warning', '.'], plain)).code, 1);

    const project = folderWith({ 'fargate-lint.json': { preset: 'strict' }, 'services/web/task-definition.json': hardeningOnly });
    const reports = JSON.parse((await cli(['--format', 'json', '.'], project)).stdout) as {
      file: string;
      diagnostics: { rule: string; severity: string }[];
    }[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.diagnostics.map((d) => `${d.rule}/${d.severity}`)]),
      [
        ['fargate-lint.json', []],
        ['services/web/task-definition.json', strictRules],
      ],
    );
    // A fargate-lint.json in a sibling folder does not apply.
    const sibling = folderWith({ 'other/fargate-lint.json': { preset: 'strict' }, 'web/task-definition.json': hardeningOnly });
    const web = (
      JSON.parse((await cli(['--format', 'json', '.'], sibling)).stdout) as {
        file: string;
        diagnostics: { rule: string; severity: string }[];
      }[]
    ).find((r) => r.file === 'web/task-definition.json')!;
    assert.deepEqual(
      web.diagnostics.map((d) => `${d.rule}/${d.severity}`),
      ['readonly-root-filesystem/hint', 'container-runs-as-root/hint'],
    );
    // A preset it does not know is a schema error in fargate-lint.json, and changes nothing.
    const unknown = folderWith({ 'fargate-lint.json': { preset: 'paranoid' }, 'task-definition.json': hardeningOnly });
    assert.deepEqual(rulesOf((await cli(['--format', 'json', '.'], unknown)).stdout), [
      'project-config-schema/error',
      'readonly-root-filesystem/hint',
      'container-runs-as-root/hint',
    ]);
  });

  test('files named on the command line (as a pre-commit hook passes them): Terraform read as its module, YAML read as a template or nothing', async () => {
    const template =
      'Resources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: bridge\n';
    const dir = folderWith({
      'other.yaml': 'Resources: {}\n',
      'template.yaml': template,
      'main.tf': 'resource "x" "y" {}\n',
      'task-definition.json': badTask,
    });
    const { code, stdout } = await cli(['--format', 'json', 'other.yaml', 'template.yaml', 'main.tf', 'task-definition.json'], dir);
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as { file: string; kind: string; diagnostics: { rule: string }[] }[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.kind, r.diagnostics.some((d) => d.rule === 'fargate-network-mode')]),
      [
        ['other.yaml', 'unknown', false],
        ['template.yaml', 'cloudformation-template', true],
        ['main.tf', 'terraform', false],
        ['task-definition.json', 'task-definition', true],
      ],
    );
    assert.deepEqual(reports.find((r) => r.file === 'other.yaml')!.diagnostics, []);
  });
});
