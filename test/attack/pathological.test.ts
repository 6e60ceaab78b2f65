// Inputs an attacker or an unlucky user writes (issue 9): deep nesting, huge lines and policies, adversarial
// wildcards, binary files, FIFOs, symlinks, devices, `__proto__` keys, terminal escapes. Each case says
// what must happen, and bounds work by sizes or steps, never by time (timing is bench/heavy-inputs.mjs).
// Files go to a temporary folder; the CLI runs in-process (run()) or, where a read could block, as dist/cli.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { run } from '../../server/src/cli/main';
import type { FileReport } from '../../server/src/cli/report';
import { MAX_MESSAGE_LENGTH } from '../../server/src/core/messages';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { nodeAssets } from '../../server/src/node/assets';
import { parseDocument, prepareSources } from '../../server/src/sources';
import { parseJson } from '../../server/src/sources/json/parse';
import { MAX_NESTING_DEPTH, tooDeepAt } from '../../server/src/sources/text';
import { config, policy, task, TRUST } from '../unit/rules/execution-role/fixtures';

/** A temporary folder with these files (objects are written as JSON). */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-attack-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** The CLI in-process, in `cwd`, with --format json. */
async function cli(cwd: string, ...paths: string[]): Promise<{ code: number; reports: FileReport[]; stderr: string }> {
  let out = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(
      ['--format', 'json', ...(paths.length ? paths : ['.'])],
      (t) => (out += t),
      (t) => (stderr += t),
    );
    return { code, reports: code === 2 ? [] : (JSON.parse(out) as FileReport[]), stderr };
  } finally {
    process.chdir(before);
  }
}

/** The built CLI as a child process, for reads that would block or fill memory if they went wrong. */
function cliProcess(cwd: string, ...args: string[]): { code: number | null; reports: FileReport[]; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  assert.equal(result.error, undefined, 'the CLI finished');
  return { code: result.status, reports: result.status === 2 ? [] : (JSON.parse(result.stdout) as FileReport[]), stderr: result.stderr };
}

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

const rulesOf = (reports: FileReport[], file: string) => reports.find((r) => r.file === file)?.diagnostics.map((d) => d.rule);
const messagesOf = (reports: FileReport[], file: string) => reports.find((r) => r.file === file)?.diagnostics.map((d) => d.message);

/** Validates documents through the language service with a workspace of all of them. */
async function validateAll(files: Record<string, string>) {
  const workspace = new WorkspaceIndex(['file:///ws']);
  const documents = Object.entries(files).map(([name, text]) =>
    TextDocument.create(`file:///ws/${name}`, name.endsWith('.yaml') ? 'yaml' : name.endsWith('.tf') ? 'terraform' : 'json', 1, text),
  );
  for (const d of documents) workspace.set(d.uri, d.getText(), d.languageId);
  const errors: string[] = [];
  const service = new FargateLintLanguageService({ workspace, onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
  const results: Record<string, { code: string; message: string }[]> = {};
  const fixTitles: string[] = [];
  for (const d of documents) {
    const diagnostics = await service.validate(d, DEFAULT_SETTINGS);
    results[d.uri.slice('file:///ws/'.length)] = diagnostics.map((x) => ({ code: String(x.code), message: String(x.message) }));
    fixTitles.push(...(await service.codeActions(d, { diagnostics }, DEFAULT_SETTINGS)).map((a) => a.title));
  }
  return { results, errors, fixTitles };
}

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

// The Terraform source's parser (WebAssembly) is loaded once, as the server and the CLI do before the first document.
before(() => prepareSources(nodeAssets));

/** The start of the templates below: Resources, and a Fargate task definition TaskDef with container app on port 80. */
const TEMPLATE_TASK_DEFINITION = [
  'Resources:',
  '  TaskDef:',
  '    Type: AWS::ECS::TaskDefinition',
  '    Properties:',
  '      RequiresCompatibilities: [FARGATE]',
  '      NetworkMode: awsvpc',
  '      Cpu: "256"',
  '      Memory: "512"',
  '      ContainerDefinitions:',
  '        - Name: app',
  '          Image: nginx',
  '          PortMappings: [{ ContainerPort: 80 }]',
];

describe('deep nesting', () => {
  test(`a document nested up to ${MAX_NESTING_DEPTH} levels is parsed; one level more is not, with a problem at the bracket`, () => {
    assert.deepEqual(parseJson(deep(MAX_NESTING_DEPTH)).syntaxProblems, []);
    const tooDeep = parseJson(`  ${deep(MAX_NESTING_DEPTH + 1)}`);
    assert.equal(tooDeep.value, undefined);
    assert.deepEqual(tooDeep.syntaxProblems, [
      {
        offset: 2 + MAX_NESTING_DEPTH,
        length: 1,
        message: `Nested more than ${MAX_NESTING_DEPTH} levels deep: fargate-lint does not analyse this file`,
        ruleId: 'json-syntax',
      },
    ]);
    // Brackets inside strings and comments do not count.
    assert.deepEqual(parseJson(`{"a": "${'['.repeat(1000)}" /* ${'{'.repeat(1000)} */}`).syntaxProblems, []);
  });

  test('the depth scan skips strings (escaped quotes included) and comments, and its kept answer is for the text and the limit asked', () => {
    const levels = (n: number, inside = '') => `${'['.repeat(n)}${inside}${']'.repeat(n)}`;
    // An escaped quote does not end a string; an escaped backslash before the quote does.
    assert.equal(tooDeepAt(levels(2, '"\\" [[[ \\\\"'), 3), -1);
    assert.equal(tooDeepAt(levels(2, '"\\\\" [['), 3), 8);
    assert.equal(tooDeepAt(levels(2, '// [[[ \n 1'), 3), -1);
    assert.equal(tooDeepAt(levels(2, '/* [[[ */'), 3), -1);
    assert.equal(tooDeepAt('"[[[[', 3), -1);
    // The same text asked again, then another text of the same length, then the same text with another limit.
    const deeper = levels(5);
    assert.equal(tooDeepAt(deeper, 4), 4);
    assert.equal(tooDeepAt(deeper, 4), 4);
    assert.equal(tooDeepAt(levels(4, '  '), 4), -1);
    assert.equal(tooDeepAt(deeper, 5), -1);
    assert.equal(tooDeepAt(deeper, 2), 2);
  });

  test('the CLI reports a 50,000-deep file as skipped and analyses the files after it', async () => {
    const dir = folder({ 'a-deep.json': deep(50_000), 'task-definition.json': task({ extra: { networkMode: 'bridge' } }) });
    const { code, reports } = await cli(dir);
    assert.equal(code, 1);
    assert.deepEqual(messagesOf(reports, 'a-deep.json'), [`Skipped: the file is nested more than ${MAX_NESTING_DEPTH} levels deep.`]);
    assert.ok(rulesOf(reports, 'task-definition.json')?.includes('fargate-network-mode'));
  });

  test('the language service says so on the file, and the other files of the workspace still count', async () => {
    const { results, errors } = await validateAll({
      'a-deep.json': `{"containerDefinitions": ${deep(50_000)}}`,
      'fargate-lint.json': JSON.stringify(config(['iam/policy.json'])),
      'iam/trust.json': JSON.stringify(TRUST),
      'iam/policy.json': JSON.stringify(policy({ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' })),
      'task-definition.json': JSON.stringify(task()),
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(results['a-deep.json'], [
      { code: 'file-skipped', message: `Skipped: the file is nested more than ${MAX_NESTING_DEPTH} levels deep.` },
    ]);
    assert.deepEqual(
      results['task-definition.json'].filter((d) => d.code.startsWith('execution-role')),
      [],
    );
  });
});

describe('__proto__ and other inherited names', () => {
  const grants = policy({ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' });

  test('a CloudFormation template: __proto__ and constructor as logical ids and property names are data', async () => {
    const template = [
      'Resources:',
      '  __proto__:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      RequiresCompatibilities: [FARGATE]',
      '      NetworkMode: bridge',
      '      Cpu: "256"',
      '      Memory: "512"',
      '      constructor: x',
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: nginx',
      '          __proto__: { Essential: false }',
      '',
    ].join('\n');
    // Read as written: the logical id is a key of Resources, constructor is not looked up in the name table (it
    // became "undefined"), and __proto__ is a property of the container (it was lost, setting its prototype).
    const document = parseDocument({ uri: 'file:///ws/template.yaml', text: template, languageId: 'yaml' });
    assert.deepEqual(Object.keys((document.model.value as { Resources: object }).Resources), ['__proto__']);
    const value = document.model.subjects[0].value as Record<string, unknown> & { containerDefinitions: object[] };
    assert.equal(value.constructor, 'x');
    assert.equal(value.undefined, undefined);
    assert.deepEqual(Object.keys(value.containerDefinitions[0]), ['name', 'image', '__proto__']);
    const { results, errors } = await validateAll({ 'template.yaml': template });
    assert.deepEqual(errors, []);
    const codes = results['template.yaml'].map((d) => d.code);
    assert.ok(codes.includes('fargate-network-mode'), codes.join(', '));
    assert.ok(results['template.yaml'].every((d) => !d.message.includes('[object Object]')));
  });

  test('template services and YAML AppSpecs: __proto__ as a logical id, a resource name and a key are data', async () => {
    const template = [
      ...TEMPLATE_TASK_DEFINITION,
      '  __proto__:',
      '    Type: AWS::ECS::Service',
      '    Properties:',
      '      LaunchType: FARGATE',
      '      TaskDefinition: !Ref TaskDef',
      '      __proto__: { LaunchType: EC2 }',
      '      LoadBalancers:',
      '        - ContainerName: constructor',
      '          ContainerPort: 80',
      '          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1',
      '',
    ].join('\n');
    const document = parseDocument({ uri: 'file:///ws/template.yaml', text: template, languageId: 'yaml' });
    assert.deepEqual(
      document.model.subjects.map((s) => s.kind),
      ['task-definition', 'service'],
    );
    const appspec = [
      'version: 0.0',
      'Resources:',
      '  - __proto__:',
      '      Type: AWS::ECS::Service',
      '      Properties:',
      '        TaskDefinition: arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1',
      '        LoadBalancerInfo: { ContainerName: toString, ContainerPort: 80 }',
      '',
    ].join('\n');
    const { results, errors } = await validateAll({ 'template.yaml': template, 'appspec.yaml': appspec });
    assert.deepEqual(errors, []);
    // The service's container "constructor" is not in the task definition: found as missing, not inherited.
    const templateCodes = results['template.yaml'].map((d) => d.code);
    assert.ok(templateCodes.includes('service-load-balancer-container'), templateCodes.join(', '));
    for (const d of [...results['template.yaml'], ...results['appspec.yaml']]) assert.doesNotMatch(d.message, /\[object Object\]/);
  });

  test('Terraform: __proto__ as a resource name and a key, and a label with control characters, are data', async () => {
    const module = [
      'resource "aws_ecs_task_definition" "__proto__" {',
      '  family                   = "web"',
      '  requires_compatibilities = ["FARGATE"]',
      '  network_mode             = "bridge"',
      '  cpu                      = 256',
      '  memory                   = 512',
      '  constructor              = "x"',
      '  toString                 = "y"',
      '  container_definitions    = jsonencode([{ name = "app", image = "nginx", __proto__ = { essential = false } }])',
      '}',
      '',
      'resource "aws_iam_role" "\u001b]0;PWNED\u0007" {',
      '  name               = "constructor"',
      '  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })',
      '  inline_policy {',
      '    name   = "p"',
      '    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:Get\u001b[2J", Resource = "*" }] })',
      '  }',
      '}',
      '',
    ].join('\n');
    const document = parseDocument({ uri: 'file:///ws/main.tf', text: module, languageId: 'terraform' });
    assert.ok(
      document.model.subjects.some((s) => s.kind === 'task-definition'),
      document.model.subjects.map((s) => s.kind).join(', '),
    );
    // Arguments the mapping does not have are not looked up in what its tables inherit (constructor, toString).
    const taskValue = document.model.subjects.find((s) => s.kind === 'task-definition')!.value as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(taskValue).filter((k) => /function|constructor|toString/.test(k)),
      [],
    );
    const { results, errors, fixTitles } = await validateAll({ 'main.tf': module });
    assert.deepEqual(errors, []);
    const codes = results['main.tf'].map((d) => d.code);
    assert.ok(codes.includes('fargate-network-mode'), codes.join(', '));
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
    for (const text of [...results['main.tf'].map((d) => d.message), ...fixTitles]) {
      assert.doesNotMatch(text, /\[object Object\]/);
      assert.doesNotMatch(text, unsafe);
    }
  });

  test('{"__proto__": {"roles": ...}} in fargate-lint.json configures nothing', async () => {
    const { results, errors } = await validateAll({
      'fargate-lint.json': JSON.stringify({ ['__proto__']: config(['policy.json'], undefined, 'trust.json') }),
      'trust.json': JSON.stringify(TRUST),
      'policy.json': JSON.stringify(grants),
      'task-definition.json': JSON.stringify(task()),
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      results['task-definition.json'].filter((d) => d.code.startsWith('execution-role')).map((d) => d.code),
      ['execution-role-not-in-workspace'],
    );
  });

  test('a role named __proto__ (a name IAM allows) is found and checked like any other', async () => {
    const { results, errors } = await validateAll({
      'fargate-lint.json': JSON.stringify(config(['policy.json'], undefined, 'trust.json', '__proto__')),
      'trust.json': JSON.stringify(TRUST),
      'policy.json': JSON.stringify(grants),
      'task-definition.json': JSON.stringify(task({ role: '__proto__' })),
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      results['task-definition.json'].filter((d) => d.code.startsWith('execution-role')),
      [],
    );
  });

  test('roles and keys named like Object.prototype members are not found where the file has none', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const { results, errors } = await validateAll({
        'fargate-lint.json': JSON.stringify(config(['policy.json'], undefined, 'trust.json', 'other')),
        'policy.json': JSON.stringify(grants),
        'task-definition.json': JSON.stringify(task({ role: name, container: { logConfiguration: { logDriver: name, options: {} } } })),
      });
      assert.deepEqual(errors, [], name);
      const codes = results['task-definition.json'].map((d) => d.code);
      assert.ok(codes.includes('execution-role-not-in-workspace'), `${name}: ${codes.join(', ')}`);
      assert.ok(codes.includes('fargate-log-driver'), `${name}: ${codes.join(', ')}`);
    }
  });

  test('__proto__ keys are keys like any other, and no message says [object Object]', async () => {
    const proto = (value: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as unknown;
    const { results, errors } = await validateAll({
      'policy.json': `{"Version": "2012-10-17", "__proto__": {"Sid": 1}, "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "__proto__": {"a": 1}, "Condition": {"__proto__": {"aws:x": "1"}}}]}`,
      'details.json': JSON.stringify({
        RoleDetailList: [],
        Policies: [{ PolicyName: proto(1), Arn: {}, PolicyVersionList: [{ Document: grants, IsDefaultVersion: true }] }],
        UserDetailList: [{ UserPolicyList: [{ PolicyName: { a: 1 }, PolicyDocument: grants }] }],
      }),
      'task-definition.json': `{"family": "web", "__proto__": {"cpu": "1"}, "containerDefinitions": [{"name": "app", "image": "nginx", "essential": true, "dependsOn": [{"containerName": {"__proto__": 1}, "condition": "HEALTHY"}]}]}`,
    });
    assert.deepEqual(errors, []);
    const policyMessages = results['policy.json'].map((d) => d.message);
    assert.ok(policyMessages.includes('"__proto__" is not a policy element. A policy has only the elements Version, Id and Statement.'));
    assert.ok(policyMessages.some((m) => m.startsWith('"__proto__" is not a condition operator')));
    const all = Object.values(results).flatMap((r) => r.map((d) => d.message));
    assert.deepEqual(
      all.filter((m) => m.includes('[object Object]')),
      [],
    );
  });
});

describe('files that are not regular files, and files too large', { skip: process.platform === 'win32' && 'POSIX file types' }, () => {
  function special(): string {
    const dir = folder({
      'ok.json': task(),
      'big.json': `{"a": "${'x'.repeat(4 * 1024 * 1024)}"}`,
      'binary.json': Buffer.from([0x7b, 0, 1, 2]),
    });
    spawnSync('mkfifo', [join(dir, 'fifo.json')]);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    symlinkSync('loop.json', join(dir, 'loop.json'));
    symlinkSync('missing.json', join(dir, 'dangling.json'));
    symlinkSync('ok.json', join(dir, 'link.json'));
    return dir;
  }
  const skippedMessages = (reports: FileReport[]) =>
    Object.fromEntries(
      reports.filter((r) => r.diagnostics.some((d) => d.rule === 'file-skipped')).map((r) => [r.file, r.diagnostics[0].message]),
    );

  test('named on the command line: a FIFO, /dev/zero, a link loop and a dangling link are skipped, saying what they are', () => {
    const dir = special();
    const { code, reports } = cliProcess(
      dir,
      'fifo.json',
      'zero.json',
      'loop.json',
      'dangling.json',
      'big.json',
      'binary.json',
      'link.json',
      'ok.json',
    );
    assert.equal(code, 0);
    assert.deepEqual(skippedMessages(reports), {
      'fifo.json': 'Skipped: the file is a FIFO (named pipe), not a regular file.',
      'zero.json': 'Skipped: the file is a character device, not a regular file.',
      'loop.json': 'Skipped: the file is a symbolic link loop.',
      'dangling.json': 'Skipped: the file is a symbolic link to a file that does not exist.',
      'big.json': 'Skipped: the file is larger than 4 MB.',
      'binary.json': 'Skipped: the file is not a text file.',
    });
    // A link to a regular file, named on the command line, is followed.
    assert.equal(reports.find((r) => r.file === 'link.json')?.kind, 'task-definition');
  });

  test('inside a folder: links are not followed and special files are not opened, and all are listed as skipped', () => {
    const dir = special();
    const { code, reports } = cliProcess(dir, '.');
    assert.equal(code, 0);
    const link = 'Skipped: the file is a symbolic link (links are followed only when named on the command line).';
    assert.deepEqual(skippedMessages(reports), {
      'big.json': 'Skipped: the file is larger than 4 MB.',
      'binary.json': 'Skipped: the file is not a text file.',
      'dangling.json': link,
      'fifo.json': 'Skipped: the file is a FIFO (named pipe), not a regular file.',
      'link.json': link,
      'loop.json': link,
      'zero.json': link,
    });
    assert.equal(reports.find((r) => r.file === 'ok.json')?.kind, 'task-definition');
  });
});

describe('terminal escapes in values and file names', () => {
  const evil = '\u001b]0;PWNED\u0007\u001b[2J\u0000\u009b31m\u202e';
  // Output lines end in newlines; nothing else below U+0020 may appear.
  const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

  test('stylish, json and sarif output carry no control characters, only their escapes', () => {
    const dir = folder({
      [`evil${evil.slice(0, 7)}.json`]: task({ container: { name: evil }, extra: { family: `web${evil}` } }),
      'policy.json': policy({ Effect: 'Allow', Action: `s3:Get${evil}`, Resource: '*' }),
    });
    const stylish = spawnSync(process.execPath, [CLI, '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.doesNotMatch(stylish.stdout, unsafe);
    assert.match(stylish.stdout, /\\u001b\]0;PWNED\\u0007\\u001b\[2J\\u0000\\u009b31m\\u202e/);
    assert.match(stylish.stdout, /^evil\\u001b\]0;PWN\.json {2}\(task-definition\)$/m);
    // --cost prints the families and the files: the family is the file's text too.
    const cost = spawnSync(process.execPath, [CLI, '--cost', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.doesNotMatch(cost.stdout, unsafe);
    assert.match(cost.stdout, /^evil\\u001b\]0;PWN\.json +web\\u001b\]0;PWNED/m);
    for (const format of ['json', 'sarif']) {
      const out = spawnSync(process.execPath, [CLI, '--format', format, '.'], { cwd: dir, encoding: 'utf8' }).stdout;
      const strings: string[] = [];
      JSON.parse(out, (_key, value: unknown) => (typeof value === 'string' && strings.push(value), value));
      assert.deepEqual(
        strings.filter((s) => unsafe.test(s)),
        [],
        format,
      );
    }
  });

  test('in YAML templates and AppSpecs too: a service and an AppSpec naming a container with escapes', async () => {
    const yamlEvil = JSON.stringify(evil);
    const template = [
      ...TEMPLATE_TASK_DEFINITION,
      '  Service:',
      '    Type: AWS::ECS::Service',
      '    Properties:',
      '      LaunchType: FARGATE',
      '      TaskDefinition: !Ref TaskDef',
      '      LoadBalancers:',
      `        - ContainerName: ${yamlEvil}`,
      '          ContainerPort: 80',
      '          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1',
      '',
    ].join('\n');
    const appspec = [
      'version: 0.0',
      'Resources:',
      `  - ${yamlEvil}:`,
      '      Type: AWS::ECS::Service',
      '      Properties:',
      '        TaskDefinition: arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1',
      `        LoadBalancerInfo: { ContainerName: ${yamlEvil}, ContainerPort: 80 }`,
      '',
    ].join('\n');
    const { results, fixTitles } = await validateAll({ 'template.yaml': template, 'appspec.yaml': appspec });
    const messages = Object.values(results).flatMap((r) => r.map((d) => d.message));
    assert.ok(
      results['template.yaml'].some((d) => d.code === 'service-load-balancer-container' && d.message.includes('\\u001b]0;PWNED')),
      JSON.stringify(results['template.yaml']),
    );
    assert.deepEqual(
      [...messages, ...fixTitles].filter((m) => unsafe.test(m)),
      [],
    );
  });

  test('the language service escapes them in every diagnostic and quick-fix title (the editor, any LSP client)', async () => {
    const { results, fixTitles } = await validateAll({
      'task-definition.json': JSON.stringify(
        task({ container: { name: evil, environment: [{ name: `DB_PASSWORD${evil}`, value: 'hunter2hunter2' }] } }),
      ),
      'policy.json': JSON.stringify(policy({ Effect: 'Allow', Action: `s3:Get${evil}`, Resource: `arn:aws:s3:::${evil}` })),
    });
    const messages = Object.values(results).flatMap((r) => r.map((d) => d.message));
    assert.ok(messages.length > 3);
    assert.deepEqual(
      messages.filter((m) => unsafe.test(m)),
      [],
    );
    assert.ok(messages.some((m) => m.includes('\\u001b]0;PWNED\\u0007')));
    assert.ok(
      fixTitles.some((t) => t.includes('\\u001b]0;PWNED\\u0007')),
      fixTitles.join('; '),
    );
    assert.deepEqual(
      fixTitles.filter((t) => unsafe.test(t)),
      [],
    );
  });
});

describe('numbers JSON readers cannot hold', () => {
  test('cpu 1e400 is reported as a number too large to represent, not as null', async () => {
    const text = JSON.stringify(task({ extra: { cpu: 0, memory: '512' } })).replace('"cpu":0', '"cpu":1e400');
    const { results } = await validateAll({ 'task-definition.json': text });
    const cpu = results['task-definition.json'].filter((d) => d.code === 'fargate-cpu-memory').map((d) => d.message);
    assert.equal(cpu.length, 1);
    assert.match(cpu[0], /^cpu Infinity \(a number too large to represent\) is not a CPU value/);
    assert.doesNotMatch(cpu[0], /null/);
  });
});

describe('huge inputs (beyond every quota): bounded output, the quota reported', () => {
  test('many files: validating each does not scan the whole workspace (its project files are found once per version)', async () => {
    class CountingIndex extends WorkspaceIndex {
      scans = 0;
      override files() {
        this.scans++;
        return super.files();
      }
    }
    const workspace = new CountingIndex(['file:///ws']);
    const documents = Array.from({ length: 500 }, (_, i) => {
      const text = JSON.stringify(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }));
      workspace.set(`file:///ws/p/${i}.json`, text);
      return TextDocument.create(`file:///ws/p/${i}.json`, 'json', 1, text);
    });
    workspace.set('file:///ws/fargate-lint.json', JSON.stringify({ preset: 'strict', roles: {} }));
    const service = new FargateLintLanguageService({ workspace });
    for (const document of documents) await service.validate(document, DEFAULT_SETTINGS);
    // 100,000 files made this a scan per file: 10^10 steps, minutes (bench/heavy-inputs.mjs).
    assert.ok(workspace.scans <= 5, `${workspace.scans} scans of the workspace for ${documents.length} files`);
  });

  test('a 3.5 MB value on one line: findings as usual, and no message longer than MAX_MESSAGE_LENGTH', async () => {
    const huge = `x${'Ab1!'.repeat(875_000)}`;
    const { results, errors } = await validateAll({
      'task-definition.json': JSON.stringify(
        task({ container: { name: huge.slice(0, 100_000), environment: [{ name: 'DB_PASSWORD', value: huge }] } }),
      ),
    });
    assert.deepEqual(errors, []);
    const found = results['task-definition.json'];
    assert.ok(found.some((d) => d.code === 'task-definition-size'));
    assert.ok(found.some((d) => d.code === 'container-name-format'));
    for (const d of found) assert.ok(d.message.length <= MAX_MESSAGE_LENGTH, `${d.code}: ${d.message.length} characters`);
  });

  test('a policy of 20,000 statements: one finding per real problem, the size reported as over every quota', async () => {
    const statements = Array.from({ length: 20_000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::b-${i}/*`,
    }));
    statements[7_000].Action = 's3:GetObjects';
    const { results, errors } = await validateAll({ 'policy.json': JSON.stringify(policy(...statements)) });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      results['policy.json'].map((d) => d.code),
      ['iam-invalid-action', 'iam-policy-size'],
    );
    assert.match(results['policy.json'][1].message, /over every quota of a policy you create/);
  });

  test('adversarial wildcards: an 80 KB *a*a…*b resource against an 80 KB environment-file ARN is decided (not granted)', async () => {
    const arn = `arn:aws:s3:::bucket/${'a'.repeat(80_000)}`;
    const { results, errors } = await validateAll({
      'fargate-lint.json': JSON.stringify(config(['policy.json'], undefined, 'trust.json')),
      'trust.json': JSON.stringify(TRUST),
      'policy.json': JSON.stringify(
        policy(
          { Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' },
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetBucketLocation'], Resource: `arn:aws:s3:::${'*a'.repeat(40_000)}*b` },
        ),
      ),
      'task-definition.json': JSON.stringify(task({ container: { environmentFiles: [{ value: arn, type: 's3' }] } })),
    });
    assert.deepEqual(errors, []);
    const permission = results['task-definition.json'].filter((d) => d.code === 'execution-role-permission');
    assert.equal(permission.length, 1);
    assert.match(permission[0].message, /^execution role execRole lacks s3:GetObject on arn:aws:s3:::bucket\/aaaa/);
  });
});
