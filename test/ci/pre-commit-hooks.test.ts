// .pre-commit-hooks.yaml: the fields pre-commit reads, checked against what pre-commit accepts, and each
// hook's entry run as pre-commit runs it (the entry, then the matching file names) with the CLI that the
// packed package installs (pre-commit's `language: node` installs the repository with npm pack).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { installOffline, packProject } from '../helpers/pack';
import { container, fargateTask } from '../helpers/taskdefs';

const ROOT = join(__dirname, '..', '..');

interface Hook {
  id: string;
  name: string;
  description?: string;
  entry: string;
  language: string;
  files?: string;
  types?: string[];
  pass_filenames?: boolean;
  always_run?: boolean;
  require_serial?: boolean;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
/** The keys a hook definition may have (pre-commit's MANIFEST_HOOK_DICT). */
const KNOWN_KEYS = new Set([
  'id',
  'name',
  'entry',
  'language',
  'alias',
  'files',
  'exclude',
  'types',
  'types_or',
  'exclude_types',
  'additional_dependencies',
  'args',
  'always_run',
  'fail_fast',
  'pass_filenames',
  'description',
  'language_version',
  'log_file',
  'minimum_pre_commit_version',
  'require_serial',
  'stages',
  'verbose',
]);

const bad = fargateTask([container('app')], { networkMode: 'bridge' });

describe('.pre-commit-hooks.yaml', () => {
  let bin: string;
  let repo: string;
  const temps: string[] = [];

  before(() => {
    const packed = packProject();
    const installed = installOffline(packed.tarball);
    bin = join(installed, 'node_modules', '.bin');
    repo = mkdtempSync(join(tmpdir(), 'fargate-lint-repo-'));
    temps.push(packed.folder, installed, repo);
    writeFileSync(join(repo, 'task-definition.json'), JSON.stringify(bad, null, 2));
    writeFileSync(join(repo, 'good.json'), JSON.stringify({ ...bad, networkMode: 'awsvpc' }, null, 2));
    writeFileSync(join(repo, 'template.yaml'), 'Resources: {}\n');
    writeFileSync(join(repo, 'main.tf'), 'resource "aws_ecs_cluster" "main" { name = "main" }\n');
    writeFileSync(join(repo, 'README.md'), '# not checked\n');
  });

  after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** What pre-commit would run: the entry split like a shell would, then the file names when it passes them. */
  function runHook(hook: Hook, staged: string[]) {
    const files = hook.files ? staged.filter((f) => new RegExp(hook.files!).test(f)) : staged;
    const [command, ...args] = hook.entry.split(' ');
    const argv = [...args, ...(hook.pass_filenames === false ? [] : files)];
    const result = spawnSync(join(bin, command), argv, { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { files, status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  test('two node hooks with the fields pre-commit knows', () => {
    assert.deepEqual(
      hooks.map((h) => h.id),
      ['fargate-lint', 'fargate-lint-all'],
    );
    for (const hook of hooks) {
      assert.deepEqual(
        Object.keys(hook).filter((key) => !KNOWN_KEYS.has(key)),
        [],
        hook.id,
      );
      assert.equal(hook.language, 'node', `${hook.id}: installed from this repository with npm`);
      assert.ok(hook.name && hook.entry.startsWith('fargate-lint'), hook.id);
      assert.ok(
        JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin[hook.entry.split(' ')[0]],
        `${hook.id}: its entry is a bin of the package`,
      );
    }
  });

  test('fargate-lint runs on *.json, *.yaml, *.yml and *.tf and nothing else', () => {
    const pattern = new RegExp(hooks[0].files!);
    for (const name of ['task-definition.json', 'infra/policy.json', 'template.yaml', 'stack.yml', 'main.tf'])
      assert.ok(pattern.test(name), name);
    for (const name of ['README.md', 'main.tf.bak', 'json', 'Dockerfile', 'x.tfvars']) assert.ok(!pattern.test(name), name);
  });

  test('the fargate-lint hook fails the commit on an error in a staged file, and passes a YAML file that is no template and the clean Terraform one', () => {
    const run = runHook(hooks[0], ['task-definition.json', 'good.json', 'template.yaml', 'main.tf', 'README.md']);
    assert.deepEqual(run.files, ['task-definition.json', 'good.json', 'template.yaml', 'main.tf']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /task-definition\.json {2}\(task-definition\)\n {2}6:18 {5}error {3}Fargate requires networkMode "awsvpc"/);
    assert.doesNotMatch(run.stdout, /template\.yaml|main\.tf|good\.json/);
    assert.equal(runHook(hooks[0], ['good.json', 'template.yaml']).status, 0);
  });

  test('the fargate-lint-all hook checks the whole repository without file names', () => {
    const run = runHook(hooks[1], []);
    assert.equal(run.status, 1, run.stderr);
    // template.yaml (`Resources: {}`) is read and is no template; main.tf is read as a Terraform module: three
    // files, two recognised.
    assert.match(run.stdout, /1 errors, .* in 4 files \(3 recognised\)/);
  });
});
