// action.yml, run as GitHub's runner runs a composite action: each step's script in bash with
// `-eo pipefail`, its `env` evaluated from the inputs, the runner's files (GITHUB_OUTPUT, GITHUB_PATH) and
// folders (RUNNER_TEMP, GITHUB_ACTION_PATH) set, and PATH extended by what a step added to GITHUB_PATH.
// The CLI is installed from the project's own packed tarball (the `package` input), offline.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { packProject } from '../helpers/pack';
import { container, fargateTask } from '../helpers/taskdefs';

const ROOT = join(__dirname, '..', '..');

interface Step {
  name: string;
  id?: string;
  shell: string;
  env?: Record<string, string>;
  run: string;
}

interface Action {
  inputs: Record<string, { description: string; required?: boolean; default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.x }}` and `${{ github.action_path }}`, the only expressions the action uses. */
function evaluate(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([a-z-]+)$/.exec(expression);
    if (input) return inputs[input[1]] ?? '';
    if (expression === 'github.action_path') return ROOT;
    throw new Error(`expression the test does not know: ${expression}`);
  });
}

interface Run {
  status: number;
  log: string;
  outputs: Record<string, string>;
}

/**
 * Runs the action's steps in order in `workspace`, stopping at the first failing one, as the runner does.
 * RUNNER_TEMP is kept from one run to the next, as it is between the steps of one job.
 */
function runAction(workspace: string, runner: string, given: Record<string, string>): Run {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, given[name] ?? spec.default]));
  const githubOutput = join(runner, 'output');
  const githubPath = join(runner, 'path');
  writeFileSync(githubOutput, '');
  writeFileSync(githubPath, '');
  let log = '';
  let status = 0;
  for (const step of action.runs.steps) {
    const script = join(runner, `${step.id ?? 'step'}.sh`);
    writeFileSync(script, step.run);
    const added = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PATH: [...added.reverse(), process.env.PATH].join(':'),
      RUNNER_TEMP: runner,
      GITHUB_OUTPUT: githubOutput,
      GITHUB_PATH: githubPath,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: workspace,
      npm_config_offline: 'true',
      NO_COLOR: '1',
    };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = evaluate(value, inputs);
    assert.equal(step.shell, 'bash');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
    log += `${result.stdout}${result.stderr}`;
    status = result.status ?? 1;
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(
    readFileSync(githubOutput, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status, log, outputs };
}

const secret = { environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }] };
const badTask = fargateTask([container('app', secret)], { networkMode: 'bridge' });

describe('action.yml', () => {
  let tarball: string;
  let packFolder: string;
  let workspace: string;
  let runner: string;
  const run = (inputs: Record<string, string>) => runAction(workspace, runner, { package: tarball, ...inputs });

  before(() => {
    ({ tarball, folder: packFolder } = packProject());
    runner = mkdtempSync(join(tmpdir(), 'fargate-lint-runner-'));
    workspace = mkdtempSync(join(tmpdir(), 'fargate-lint-workspace-'));
    mkdirSync(join(workspace, 'infra'));
    writeFileSync(join(workspace, 'infra', 'task-definition.json'), JSON.stringify(badTask, null, 2));
    mkdirSync(join(workspace, 'ok'));
    writeFileSync(join(workspace, 'ok', 'task-definition.json'), JSON.stringify(fargateTask([container('app', secret)]), null, 2));
  });

  after(() => [packFolder, workspace, runner].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('a composite action with the inputs paths, format, fail-on (and output, package); no input pasted into a script', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'format', 'fail-on', 'output', 'package']);
    assert.deepEqual(Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default])), {
      paths: '.',
      format: 'sarif',
      'fail-on': 'error',
      output: 'fargate-lint.sarif',
      package: '',
    });
    for (const step of action.runs.steps) assert.doesNotMatch(step.run, /\$\{\{/, `step "${step.name}" must read inputs from env`);
    assert.equal(action.outputs.report.value, '${{ steps.check.outputs.report }}');
  });

  test('defaults: writes SARIF for code scanning, prints the findings, fails on an error', () => {
    const defaults = run({});
    assert.equal(defaults.status, 1, defaults.log);
    assert.equal(defaults.outputs.report, 'fargate-lint.sarif');
    const sarif = JSON.parse(readFileSync(join(workspace, 'fargate-lint.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    assert.deepEqual(
      results.filter((r) => r.level === 'error').map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}`),
      ['fargate-network-mode infra/task-definition.json'],
    );
    assert.match(defaults.log, /6:18 {5}error {3}Fargate requires networkMode "awsvpc", not "bridge"\. {2}fargate-network-mode/);
  });

  test('fail-on: never passes with errors (the report is still written); warning fails on a warning alone', () => {
    const never = run({ 'fail-on': 'never', output: 'never.sarif' });
    assert.equal(never.status, 0, never.log);
    assert.ok(existsSync(join(workspace, 'never.sarif')));
    assert.equal(run({ paths: 'ok' }).status, 0);
    assert.equal(run({ paths: 'ok', 'fail-on': 'warning' }).status, 1);
  });

  test('paths separated by new lines, format json and stylish', () => {
    const json = run({
      paths: 'ok\ninfra/task-definition.json',
      format: 'json',
      output: 'report.json',
      'fail-on': 'never',
    });
    assert.equal(json.status, 0, json.log);
    const reports = JSON.parse(readFileSync(join(workspace, 'report.json'), 'utf8')) as { file: string }[];
    assert.deepEqual(reports.map((r) => r.file).sort(), ['infra/task-definition.json', 'ok/task-definition.json']);
    const stylish = run({ format: 'stylish', paths: 'ok' });
    assert.equal(stylish.status, 0, stylish.log);
    assert.equal(stylish.outputs.report, '');
    assert.match(stylish.log, /warning Plain-text secret: DB_PASSWORD/);
  });

  test('a path with a glob character is passed as it is, not expanded', () => {
    const glob = run({ paths: 'infra/*' });
    assert.equal(glob.status, 2, 'the CLI gets the literal "infra/*" and rejects it as a missing path');
    assert.match(glob.log, /no such file or folder: infra\/\*/);
  });
});
