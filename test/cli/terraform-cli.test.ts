// The CLI on Terraform: a module folder (its .tf files, the JSON files it reads with file()), plan and state JSON
// with a child module, and the formats carrying the resource address.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, cliProcess } from '../helpers/cli';

const FIXTURES = join(__dirname, '..', 'fixtures');

interface Report {
  file: string;
  kind: string;
  diagnostics: {
    rule: string;
    severity: string;
    message: string;
    range: { start: { line: number; character: number } };
    resource?: string;
  }[];
}

const errors = (reports: Report[]) =>
  reports.flatMap((r) =>
    r.diagnostics.filter((d) => d.severity === 'error').map((d) => [r.file, d.range.start.line + 1, d.rule, d.resource]),
  );

describe('fargate-lint CLI on Terraform', () => {
  test('a JSON file that is none of ours alone is read with the module that reads it, in one thread and in workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-tf-'));
    writeFileSync(
      join(dir, 'main.tf'),
      [
        'resource "aws_ecs_task_definition" "t" {',
        '  family                   = "t"',
        '  cpu                      = 256',
        '  memory                   = 512',
        '  network_mode             = "awsvpc"',
        '  requires_compatibilities = ["FARGATE"]',
        '  container_definitions    = templatefile("${path.module}/defs.json", { image = "nginx", extra = "" })',
        '}',
        '',
      ].join('\n'),
    );
    // Not JSON until the template is filled in: alone, the CLI reads nothing in it.
    writeFileSync(join(dir, 'defs.json'), '[{"name": "a", "image": "${image}", "essential": true, "privileged": true}${extra}]\n');
    const alone = JSON.parse((await cli(['--format', 'json', 'defs.json'], dir)).stdout) as Report[];
    assert.deepEqual(
      alone.map((r) => r.kind),
      ['unknown'],
    );
    for (const jobs of ['1', '2']) {
      const reports = JSON.parse(cliProcess(['--format', 'json', '--jobs', jobs, '.'], dir).stdout) as Report[];
      assert.deepEqual(
        reports.map((r) => [r.file, r.kind]),
        [
          ['defs.json', 'terraform'],
          ['main.tf', 'terraform'],
        ],
      );
      assert.deepEqual(errors(reports), [['defs.json', 1, 'fargate-unsupported-parameter', 'aws_ecs_task_definition.t']]);
    }
  });

  test('a module folder: its .tf files and the files they read, each finding in the file that holds it, with the address', async () => {
    const { code, stdout } = await cli(['--format', 'json', 'containers-in-files'], join(FIXTURES, 'terraform'));
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as Report[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.kind]),
      [
        ['containers-in-files/containers.json', 'terraform'],
        ['containers-in-files/main.tf', 'terraform'],
        ['containers-in-files/templates/app.json.tpl', 'terraform'],
      ],
    );
    assert.deepEqual(errors(reports), [
      ['containers-in-files/containers.json', 7, 'awsvpc-host-port', 'aws_ecs_task_definition.from_file'],
      ['containers-in-files/main.tf', 6, 'container-resources-exceed-task', 'aws_ecs_task_definition.from_file'],
      ['containers-in-files/main.tf', 16, 'container-resources-exceed-task', 'aws_ecs_task_definition.from_template'],
      ['containers-in-files/main.tf', 29, 'container-resources-exceed-task', 'aws_ecs_task_definition.heredoc'],
      ['containers-in-files/main.tf', 36, 'container-resources-exceed-task', 'aws_ecs_task_definition.heredoc'],
      ['containers-in-files/main.tf', 37, 'fargate-unsupported-parameter', 'aws_ecs_task_definition.heredoc'],
      ['containers-in-files/templates/app.json.tpl', 6, 'container-resources-exceed-task', 'aws_ecs_task_definition.from_template'],
      ['containers-in-files/templates/app.json.tpl', 9, 'execution-role-required', 'aws_ecs_task_definition.from_template'],
      ['containers-in-files/templates/app.json.tpl', 10, 'awslogs-options', 'aws_ecs_task_definition.from_template'],
    ]);
  });

  test('a .tf file named alone (as a pre-commit hook passes it) is read with its module, and only it is reported', async () => {
    const { code, stdout } = await cli(['--format', 'json', 'main.tf'], join(FIXTURES, 'terraform', 'execution-role', 'missing'));
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as Report[];
    assert.deepEqual(
      reports.map((r) => r.file),
      ['main.tf'],
    );
    // The role and its policies are in iam.tf, which was read but is not reported.
    assert.deepEqual(errors(reports), [['main.tf', 17, 'execution-role-permission', 'aws_ecs_task_definition.app']]);
    assert.match(
      reports[0].diagnostics.find((d) => d.severity === 'error')!.message,
      /execution role aws_iam_role\.exec \(role app-exec\) lacks ssm:GetParameters/,
    );
  });

  test('stylish output: the resource leads the message, the line ends with the rule id', async () => {
    const { stdout } = await cli(['main.tf'], join(FIXTURES, 'terraform', 'execution-role', 'missing'));
    assert.match(stdout, /^main\.tf {2}\(terraform\)$/m);
    assert.match(stdout, /^ {2}17:45 +error +aws_ecs_task_definition\.app: execution role .+\) {2}execution-role-permission$/m);
  });

  test('a module full of var., local., each., dynamic and for_each: nothing to report', async () => {
    const { code, stdout } = await cli(['unknowns'], join(FIXTURES, 'terraform'));
    assert.equal(code, 0);
    assert.match(stdout, /0 errors, 0 warnings, 0 notes in 2 files \(2 recognised\)/);
  });

  test('a broken .tf file gets hcl-syntax, and what precedes the break is still checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-tf-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "aws_ecs_task_definition" "t" {\n  requires_compatibilities = ["FARGATE"]\n  network_mode = "host"\n  cpu = 256\n  memory = \n',
    );
    const { code, stdout } = await cli(['--format', 'json', '.'], dir);
    assert.equal(code, 1);
    const [report] = JSON.parse(stdout) as Report[];
    assert.deepEqual(
      report.diagnostics.map((d) => [d.rule, d.range.start.line + 1]),
      [
        ['fargate-network-mode', 3],
        ['hcl-syntax', 6],
      ],
    );
  });

  test('plan JSON with a child module: the invalid size and the missing permission, named by resource address', async () => {
    const { code, stdout } = await cli(['--format', 'json', 'plan.json'], join(FIXTURES, 'terraform-plan'));
    assert.equal(code, 1);
    const [report] = JSON.parse(stdout) as Report[];
    assert.equal(report.kind, 'terraform-plan');
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.rule, d.resource, d.message]),
      [
        [
          'fargate-cpu-memory',
          'module.ecs.aws_ecs_task_definition.this["api"]',
          'module.ecs.aws_ecs_task_definition.this["api"]: Fargate has no task size with cpu 256 (0.25 vCPU) and memory 4096 (4 GB). For cpu 256 memory must be one of 512, 1024, 2048. Memory 4096 needs cpu 512, 1024, 2048.',
        ],
        [
          'execution-role-permission',
          'module.ecs.aws_ecs_task_definition.this["worker"]',
          'module.ecs.aws_ecs_task_definition.this["worker"]: execution role app-exec lacks ssm:GetParameters on arn:aws:ssm:us-east-1:123456789012:parameter/app/db (needed to inject secret DB into container worker)',
        ],
      ],
    );
  });

  test('SARIF names the resource as a logical location; stylish prints it once', async () => {
    const dir = join(FIXTURES, 'terraform-plan');
    const sarif = JSON.parse((await cli(['--format', 'sarif', 'plan.json'], dir)).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'fargate-cpu-memory');
    assert.deepEqual(result.locations[0].logicalLocations, [
      { fullyQualifiedName: 'module.ecs.aws_ecs_task_definition.this["api"]', kind: 'resource' },
    ]);
    const stylish = (await cli(['plan.json'], dir)).stdout;
    assert.equal(stylish.split('\n').filter((l) => l.includes('this["api"]') && l.includes('fargate-cpu-memory')).length, 1);
    assert.doesNotMatch(stylish, /fargate-cpu-memory {2}module\.ecs/);
  });

  test('state JSON: the same resources, from values', async () => {
    const { stdout } = await cli(['--format', 'json', 'state.json'], join(FIXTURES, 'terraform-plan'));
    const [report] = JSON.parse(stdout) as Report[];
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.rule, d.resource]),
      [
        ['fargate-cpu-memory', 'module.ecs.aws_ecs_task_definition.this["api"]'],
        ['execution-role-permission', 'module.ecs.aws_ecs_task_definition.this["worker"]'],
      ],
    );
  });

  test('the .tf files of a folder next to JSON task definitions: both are read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-tf-'));
    cpSync(join(FIXTURES, 'terraform', 'task-definition'), join(dir, 'tf'), { recursive: true });
    writeFileSync(
      join(dir, 'task-definition.json'),
      JSON.stringify({
        family: 'x',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'a', image: 'nginx', essential: true }],
      }),
    );
    const reports = JSON.parse((await cli(['--format', 'json', '.'], dir)).stdout) as Report[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.kind]),
      [
        ['task-definition.json', 'task-definition'],
        ['tf/main.tf', 'terraform'],
      ],
    );
  });
});
