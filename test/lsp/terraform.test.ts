// Protocol tests for Terraform modules (test/fixtures/terraform/<case>/), over LSP as an editor drives the
// server: the workspace folder is indexed from disk, documents are opened with HashiCorp's language id
// `terraform`. Every task-definition and IAM rule whose input exists in these files, with its range on the HCL
// node; the containers of file(), templatefile() and a heredoc; aws_iam_policy_document; hover, completion and
// quick fixes with the text after the fix.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient, positionOf, rangeOf, startFixtureWorkspace } from '../helpers/lspClient';

const FIXTURES = join(__dirname, '..', 'fixtures', 'terraform');
const uriOf = (...parts: string[]) => pathToFileURL(join(...parts)).href;
const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const markdown = (hover: Hover | null) => (hover?.contents as { value?: string } | undefined)?.value ?? '';

/** Diagnostics as [code, severity, range] in text order, without the information-level advice every container gets. */
const summary = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => !['readonly-root-filesystem', 'container-runs-as-root', 'iam-service-principal-without-source'].includes(String(d.code)))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => [d.code, d.severity, d.range]);

describe('Terraform over LSP', () => {
  let client: LspTestClient;
  let root: string;
  let stop: () => Promise<void>;
  // A copy: the quick-fix tests change files.
  before(async () => ({ client, root, stop } = await startFixtureWorkspace(FIXTURES, 'terraform')));
  after(() => stop());

  async function open(...parts: string[]) {
    const uri = uriOf(root, ...parts);
    const text = read(root, ...parts);
    await client.open(uri, text, parts[parts.length - 1].endsWith('.tf') ? 'terraform' : 'json');
    return { uri, text, diagnostics: await client.diagnostics(uri) };
  }

  test('jsonencode containers and the task-level blocks: every task-definition rule on its HCL node', async () => {
    const { text, diagnostics } = await open('task-definition', 'main.tf');
    assert.deepEqual(summary(diagnostics), [
      ['fargate-network-mode', 1, rangeOf(text, '"bridge"')],
      ['fargate-cpu-memory', 1, rangeOf(text, '4096')],
      ['fargate-ephemeral-storage', 1, rangeOf(text, '10')],
      ['efs-transit-encryption', 1, rangeOf(text, '"DISABLED"')],
      ['fargate-unsupported-parameter', 1, rangeOf(text, 'privileged')],
      ['awsvpc-host-port', 1, rangeOf(text, '8080')],
      ['mount-point-unknown-volume', 1, rangeOf(text, '"cache"')],
      ['duplicate-container-name', 1, rangeOf(text, '"web"', 3)],
      ['depends-on-unknown-container', 1, rangeOf(text, '"db"')],
    ]);
    const memory = diagnostics.find((d) => d.code === 'fargate-cpu-memory')!;
    assert.equal(memory.source, 'fargate-lint');
    assert.equal(memory.codeDescription?.href, 'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/fargate-cpu-memory.md');
    assert.equal((memory.data as { resource?: string }).resource, 'aws_ecs_task_definition.web');
  });

  test('hover on memory shows the Fargate size table; completion on memory offers the values for the cpu', async () => {
    const uri = uriOf(root, 'task-definition', 'main.tf');
    const text = client.text(uri);
    const hover = markdown(await client.hover(uri, positionOf(text, 'memory', 2)));
    assert.match(hover, /\*\*Fargate task sizes\*\*/);
    assert.match(hover, /This task asks for \*\*0\.25 vCPU\*\* \(256 CPU units\) and \*\*4 GB\*\* \(4096 MiB\): not a Fargate size\./);
    assert.match(hover, /Memory values for cpu 256: 512, 1024, 2048 MiB\./);
    const items = await client.completion(uri, positionOf(text, '4096', 1));
    assert.deepEqual(
      items.map((i) => [i.label, i.textEdit && 'range' in i.textEdit ? i.textEdit.newText : undefined]),
      [
        ['"512"', '512'],
        ['"1024"', '1024'],
        ['"2048"', '2048'],
      ],
    );
    assert.deepEqual(items[0].textEdit && 'range' in items[0].textEdit && items[0].textEdit.range, rangeOf(text, '4096'));
  });

  test('completion while typing `memory = "`: the values for the cpu, as HCL strings', async () => {
    const uri = uriOf(root, 'task-definition', 'typing.tf');
    const text = 'resource "aws_ecs_task_definition" "t" {\n  requires_compatibilities = ["FARGATE"]\n  cpu = "1024"\n  memory = "\n}\n';
    await client.open(uri, text, 'terraform');
    const items = await client.completion(uri, positionOf(text, 'memory = "', 10));
    assert.deepEqual(
      items.map((i) => (i.textEdit && 'range' in i.textEdit ? i.textEdit.newText : undefined)),
      ['"2048"', '"3072"', '"4096"', '"5120"', '"6144"', '"7168"', '"8192"'],
    );
    await client.close(uri);
  });

  test('quick fixes edit the HCL in place: memory, network_mode, privileged inside jsonencode', async () => {
    const uri = uriOf(root, 'task-definition', 'main.tf');
    const original = client.text(uri);
    const memory = await client.applyFix(uri, 'fargate-cpu-memory', /^Set memory to 2048/);
    assert.equal(memory, original.replace('memory                   = 4096', 'memory                   = 2048'));
    const network = await client.applyFix(uri, 'fargate-network-mode', 'Set networkMode to "awsvpc"');
    assert.equal(network, memory.replace('network_mode             = "bridge"', 'network_mode             = "awsvpc"'));
    const privileged = await client.applyFix(uri, 'fargate-unsupported-parameter', 'Remove "privileged"');
    assert.equal(privileged, network.replace('      privileged = true\n', ''));
    const codes = (await client.diagnostics(uri)).map((d) => d.code);
    for (const fixed of ['fargate-cpu-memory', 'fargate-network-mode', 'fargate-unsupported-parameter'])
      assert.ok(!codes.includes(fixed), fixed);
  });

  test('a missing network_mode is added as an attribute of the resource', async () => {
    const uri = uriOf(root, 'task-definition', 'no-network.tf');
    const text = [
      'resource "aws_ecs_task_definition" "t" {',
      '  family                   = "t"',
      '  requires_compatibilities = ["FARGATE"]',
      '  cpu                      = 256',
      '  memory                   = 512',
      '  container_definitions    = jsonencode([{ name = "a", image = "nginx", essential = true }])',
      '}',
      '',
    ].join('\n');
    await client.open(uri, text, 'terraform');
    const fixed = await client.applyFix(uri, 'fargate-network-mode', 'Set networkMode to "awsvpc"');
    assert.equal(fixed, text.replace('essential = true }])\n', 'essential = true }])\n  network_mode             = "awsvpc"\n'));
    await client.close(uri);
  });

  test('containers in file(), templatefile() and a heredoc: each finding where it is written, with the task-level values of the resource', async () => {
    const main = await open('containers-in-files', 'main.tf');
    assert.deepEqual(summary(main.diagnostics), [
      ['container-resources-exceed-task', 1, rangeOf(main.text, '"256"')],
      ['container-resources-exceed-task', 1, rangeOf(main.text, '512', 1)],
      ['container-resources-exceed-task', 1, rangeOf(main.text, '1024')],
      ['container-resources-exceed-task', 1, rangeOf(main.text, '${var.worker_memory}')],
      ['fargate-unsupported-parameter', 1, rangeOf(main.text, '"SYS_ADMIN"')],
    ]);
    // The heredoc's ${var.worker_memory} is the variable's default.
    assert.match(
      messageOf(main.diagnostics.find((d) => d.range.start.line === positionOf(main.text, '${var.worker_memory}').line)!),
      /memory 2048 MiB, more than the task's memory of 1024 MiB/,
    );
    const file = await open('containers-in-files', 'containers.json');
    assert.deepEqual(summary(file.diagnostics), [['awsvpc-host-port', 1, rangeOf(file.text, '81')]]);
    const template = await open('containers-in-files', 'templates', 'app.json.tpl');
    assert.deepEqual(summary(template.diagnostics), [
      ['container-resources-exceed-task', 1, rangeOf(template.text, '1024')],
      ['execution-role-required', 1, rangeOf(template.text, '"awslogs"')],
      ['awslogs-options', 1, rangeOf(template.text, '"options"')],
    ]);
    // Opened on its own, the template gets the resource's task-level values (its memory of 512).
    assert.match(
      messageOf(template.diagnostics.find((d) => d.code === 'container-resources-exceed-task')!),
      /more than the task's memory of 512 MiB/,
    );
  });

  test('aws_iam_policy_document, jsonencode and heredoc policies: the IAM rules on their HCL nodes', async () => {
    const { text, diagnostics } = await open('iam-policies', 'policies.tf');
    assert.deepEqual(summary(diagnostics), [
      ['iam-invalid-action', 2, rangeOf(text, '"s3:GetObjects"')],
      ['iam-pass-role-wildcard', 2, rangeOf(text, '"iam:PassRole"')],
      ['iam-invalid-condition-operator', 1, rangeOf(text, '"StringEqual"')],
      ['iam-star-action-star-resource', 2, rangeOf(text, '"*"', 1)],
      ['iam-invalid-action', 2, rangeOf(text, '"ec2:DescribeInstance"')],
      ['iam-invalid-action', 2, rangeOf(text, '"sts:AssumeRoles"')],
      ['iam-trust-policy-action', 1, rangeOf(text, '"sts:AssumeRoles"')],
    ]);
    const hover = markdown(await client.hover(uriOf(root, 'iam-policies', 'policies.tf'), positionOf(text, 's3:ListBucket', 4)));
    assert.match(hover, /ListBucket/);
  });

  test('a quick fix in an aws_iam_policy_document statement block: the condition operator', async () => {
    const uri = uriOf(root, 'iam-policies', 'policies.tf');
    const before = client.text(uri);
    const fixed = await client.applyFix(uri, 'iam-invalid-condition-operator', /StringEquals/);
    assert.equal(fixed, before.replace('test     = "StringEqual"', 'test     = "StringEquals"'));
  });
});

describe('the execution role inside a Terraform module, over LSP', () => {
  let client: LspTestClient;
  let root: string;
  let stop: () => Promise<void>;
  before(async () => ({ client, root, stop } = await startFixtureWorkspace(join(FIXTURES, 'execution-role'), 'roles')));
  after(() => stop());

  const ours = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => /^execution-role|^task-role/.test(String(d.code)));

  async function openMain(name: string) {
    const uri = uriOf(root, name, 'main.tf');
    const text = read(root, name, 'main.tf');
    await client.open(uri, text, 'terraform');
    return { uri, text, diagnostics: await client.diagnostics(uri) };
  }

  test('a missing ssm:GetParameters for aws_ssm_parameter.db.arn is an error; the managed policy covers the ECR pull and the logs', async () => {
    const { uri, text, diagnostics } = await openMain('missing');
    const found = ours(diagnostics);
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, d.range]),
      [['execution-role-permission', 1, rangeOf(text, 'aws_ssm_parameter.db.arn')]],
    );
    assert.equal(
      messageOf(found[0]),
      'execution role aws_iam_role.exec (role app-exec) lacks ssm:GetParameters on arn:PARTITION:ssm:REGION:ACCOUNT_ID:parameter/app/db-password (needed to inject secret DB_PASSWORD into container app)',
    );
    // The hover on the role lists where its policies are.
    const role = markdown(await client.hover(uri, positionOf(text, 'aws_iam_role.exec.arn', 3)));
    assert.match(role, /AWS managed policy AmazonECSTaskExecutionRolePolicy/);
    assert.match(role, /policy aws_iam_role_policy\.exec_extra in iam\.tf/);
  });

  test('the quick fix adds the statement to the jsonencode policy of the role, in the other file of the module', async () => {
    const uri = uriOf(root, 'missing', 'main.tf');
    const iamUri = uriOf(root, 'missing', 'iam.tf');
    const iam = read(root, 'missing', 'iam.tf');
    await client.open(iamUri, iam, 'terraform');
    const [diagnostic] = ours(await client.diagnostics(uri));
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add ssm:GetParameters to the policy of role aws_iam_role.exec (role app-exec) (iam.tf)'],
    );
    const fixed = await client.applyEdit(iamUri, actions[0].edit!);
    assert.equal(
      fixed,
      iam.replace(
        '      { Effect = "Allow", Action = ["kms:Decrypt"], Resource = "*" }\n',
        [
          '      { Effect = "Allow", Action = ["kms:Decrypt"], Resource = "*" },',
          '      {',
          '        Sid      = "ExecutionRoleSecretSsm"',
          '        Effect   = "Allow"',
          '        Action   = "ssm:GetParameters"',
          '        Resource = aws_ssm_parameter.db.arn',
          '      }',
          '',
        ].join('\n'),
      ),
    );
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
  });

  test('the quick fix adds a statement block to the aws_iam_policy_document of the role', async () => {
    const uri = uriOf(root, 'granted', 'main.tf');
    const iamUri = uriOf(root, 'granted', 'iam.tf');
    const iam = read(root, 'granted', 'iam.tf').replace('actions   = ["ssm:GetParameters"]', 'actions   = ["kms:Decrypt"]');
    await client.open(iamUri, iam, 'terraform');
    await client.open(uri, read(root, 'granted', 'main.tf'), 'terraform');
    const [diagnostic] = ours(await client.diagnostics(uri));
    assert.equal(diagnostic?.code, 'execution-role-permission');
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add ssm:GetParameters to the policy of role aws_iam_role.exec (role app-exec) (iam.tf)'],
    );
    const fixed = await client.applyEdit(iamUri, actions[0].edit!);
    assert.equal(
      fixed,
      iam.replace(
        '    resources = [aws_ssm_parameter.db.arn]\n  }\n}\n\nresource "aws_iam_role_policy"',
        [
          '    resources = [aws_ssm_parameter.db.arn]',
          '  }',
          '',
          '  statement {',
          '    sid       = "ExecutionRoleSecretSsm"',
          '    effect    = "Allow"',
          '    actions   = ["ssm:GetParameters"]',
          '    resources = [aws_ssm_parameter.db.arn]',
          '  }',
          '}',
          '',
          'resource "aws_iam_role_policy"',
        ].join('\n'),
      ),
    );
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
    await client.close(iamUri);
    await client.close(uri);
  });

  test('the same grant through data.aws_iam_policy_document is quiet', async () => {
    const { diagnostics } = await openMain('granted');
    assert.deepEqual(ours(diagnostics), []);
  });

  test('a trust policy naming ecs.amazonaws.com is flagged by execution-role-trust', async () => {
    const { text, diagnostics } = await openMain('trust');
    const found = ours(diagnostics);
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, d.range]),
      [['execution-role-trust', 1, rangeOf(text, 'aws_iam_role.exec.arn')]],
    );
    assert.match(messageOf(found[0]), /it trusts ecs\.amazonaws\.com instead/);
  });
});

describe('"Create execution-role policy" in a Terraform module, over LSP', () => {
  let client: LspTestClient;
  let root: string;
  let stop: () => Promise<void>;
  before(async () => ({ client, root, stop } = await startFixtureWorkspace(join(FIXTURES, 'execution-role'), 'policy')));
  after(() => stop());

  const permissions = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'execution-role-permission');
  const policyFor = async (uri: string) =>
    (await client.connection.sendRequest('fargateLint/executionRolePolicy', { uri })) as {
      content?: string;
      language?: string;
      role?: string;
    };

  /** The rendered file written into the module as a new .tf file: it parses, and gets no error or warning. */
  async function addToModule(folder: string, content: string) {
    const uri = uriOf(root, folder, 'execution-policy.tf');
    writeFileSync(join(root, folder, 'execution-policy.tf'), content);
    await client.open(uri, content, 'terraform');
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 1 || d.severity === 2 || d.code === 'hcl-syntax'),
      [],
    );
  }

  const STATEMENTS_JSONENCODE = [
    '      {',
    '        Sid      = "ExecutionRoleEcrImage"',
    '        Effect   = "Allow"',
    '        Action   = "ecr:GetAuthorizationToken"',
    '        Resource = "*"',
    '      },',
    '      {',
    '        Sid      = "ExecutionRoleEcrImage2"',
    '        Effect   = "Allow"',
    '        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]',
    '        Resource = "arn:aws:ecr:*:*:repository/app"',
    '      },',
    '      {',
    '        Sid      = "ExecutionRoleAwslogs"',
    '        Effect   = "Allow"',
    '        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]',
    '        Resource = "arn:*:logs:eu-west-1:*:log-group:/ecs/app:*"',
    '      },',
    '      {',
    '        Sid      = "ExecutionRoleSecretSsm"',
    '        Effect   = "Allow"',
    '        Action   = "ssm:GetParameters"',
    '        Resource = aws_ssm_parameter.db.arn',
    '      },',
  ];

  test('a module of jsonencode policies: an aws_iam_role_policy on aws_iam_role.exec; written into the module, the missing permission is gone', async () => {
    const uri = uriOf(root, 'missing', 'main.tf');
    await client.open(uri, read(root, 'missing', 'main.tf'), 'terraform');
    assert.equal(permissions(await client.diagnostics(uri)).length, 1);
    const result = await policyFor(uri);
    assert.equal(result.language, 'terraform');
    assert.equal(result.role, 'aws_iam_role.exec (role app-exec)');
    assert.equal(
      result.content,
      [
        '# What the execution role of aws_ecs_task_definition.app needs (fargate-lint: Create execution-role policy).',
        'resource "aws_iam_role_policy" "app_execution" {',
        '  role   = aws_iam_role.exec.name',
        '  policy = jsonencode({',
        '    Version   = "2012-10-17"',
        '    Statement = [',
        ...STATEMENTS_JSONENCODE,
        '    ]',
        '  })',
        '}',
        '',
      ].join('\n'),
    );
    await addToModule('missing', result.content!);
    assert.deepEqual(permissions(await client.diagnostics(uri)), []);
  });

  test('a module of aws_iam_policy_document: statement blocks in a new data source, attached by an aws_iam_role_policy', async () => {
    const uri = uriOf(root, 'granted', 'main.tf');
    const iamUri = uriOf(root, 'granted', 'iam.tf');
    // The role's document grants something else: the SSM parameter is missing.
    const iam = read(root, 'granted', 'iam.tf').replace('actions   = ["ssm:GetParameters"]', 'actions   = ["kms:Decrypt"]');
    writeFileSync(join(root, 'granted', 'iam.tf'), iam);
    await client.open(iamUri, iam, 'terraform');
    await client.open(uri, read(root, 'granted', 'main.tf'), 'terraform');
    assert.equal(permissions(await client.diagnostics(uri)).length, 1);
    const result = await policyFor(uri);
    const statement = (sid: string, actions: string, resources: string[]) => [
      '  statement {',
      `    sid       = "${sid}"`,
      '    effect    = "Allow"',
      `    actions   = ${actions}`,
      ...resources,
      '  }',
    ];
    assert.equal(
      result.content,
      [
        '# What the execution role of aws_ecs_task_definition.app needs (fargate-lint: Create execution-role policy).',
        'data "aws_iam_policy_document" "app_execution" {',
        ...statement('ExecutionRoleEcrImage', '["ecr:GetAuthorizationToken"]', ['    resources = ["*"]']),
        '',
        ...statement('ExecutionRoleEcrImage2', '["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]', [
          '    resources = ["arn:aws:ecr:*:*:repository/app"]',
        ]),
        '',
        ...statement('ExecutionRoleAwslogs', '["logs:CreateLogStream", "logs:PutLogEvents"]', [
          '    resources = ["arn:*:logs:eu-west-1:*:log-group:/ecs/app:*"]',
        ]),
        '',
        ...statement('ExecutionRoleSecretSsm', '["ssm:GetParameters"]', ['    resources = [aws_ssm_parameter.db.arn]']),
        '}',
        '',
        'resource "aws_iam_role_policy" "app_execution" {',
        '  role   = aws_iam_role.exec.name',
        '  policy = data.aws_iam_policy_document.app_execution.json',
        '}',
        '',
      ].join('\n'),
    );
    await addToModule('granted', result.content!);
    assert.deepEqual(permissions(await client.diagnostics(uri)), []);
  });
});

describe('the HCL parser loads when the first Terraform file reaches the server', () => {
  const LOADED = /^loaded the HCL parser/;

  test('found by the scan before the parser has loaded: the module is kept and read, and its role checked', async () => {
    // The scan parses the first .tf file it finds right after the load starts, so with a stand-in: a scan
    // that judged it (none of ours) or an index that kept it would lose the module and its role.
    const root = mkdtempSync(join(tmpdir(), 'fargate-lint-terraform-load-'));
    cpSync(join(FIXTURES, 'execution-role', 'missing'), root, { recursive: true });
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'load' }] });
    try {
      await client.nextRefresh();
      const uri = uriOf(root, 'main.tf');
      const text = read(root, 'main.tf');
      await client.open(uri, text, 'terraform');
      const roles = (await client.diagnostics(uri)).filter((d) => /^execution-role/.test(String(d.code)));
      assert.deepEqual(
        roles.map((d) => [d.code, d.range]),
        [['execution-role-permission', rangeOf(text, 'aws_ssm_parameter.db.arn')]],
      );
      assert.equal(client.logs.filter((m) => LOADED.test(m)).length, 1);
    } finally {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a workspace without Terraform never loads it; the first Terraform document opened does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fargate-lint-no-terraform-'));
    cpSync(join(__dirname, '..', 'fixtures', 'execution-role', 'missing'), root, { recursive: true });
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'json' }] });
    try {
      await client.nextRefresh();
      const taskUri = uriOf(root, 'task-definition.json');
      const taskText = read(root, 'task-definition.json');
      await client.open(taskUri, taskText);
      assert.ok((await client.diagnostics(taskUri)).some((d) => d.code === 'execution-role-permission'));
      assert.match(markdown(await client.hover(taskUri, positionOf(taskText, '"memory"', 2))), /Fargate/);
      assert.deepEqual(
        client.logs.filter((m) => /HCL parser/.test(m)),
        [],
      );
      // A Terraform document the scan did not see (not on disk): its requests wait for the load, then see the real parse.
      const tfUri = uriOf(root, 'new.tf');
      const tf = read(FIXTURES, 'task-definition', 'main.tf');
      await client.open(tfUri, tf, 'terraform');
      const codes = (await client.diagnostics(tfUri)).map((d) => d.code);
      assert.ok(codes.includes('fargate-network-mode'), codes.join(', '));
      assert.equal(client.logs.filter((m) => LOADED.test(m)).length, 1);
    } finally {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
