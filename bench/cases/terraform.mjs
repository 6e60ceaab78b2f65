// Terraform figures (issue 12):
//  - the analysis of a generated 3,000-line module in process, as the server does it for one edit: the
//    workspace index takes the new text (parsed incrementally, the module's model rebuilt), then the
//    document is validated (rules, the execution-role lookup, diagnostics). Warm, after a one-character edit
//    inside a task definition (goal: under 50 ms); and the first parse of the module;
//  - the CLI over ../shared/corpus/terraform/: one process per MANIFEST entry (each entry is a module), and
//    the same modules in one process (the analysis alone, without Node's start).
// Figures only, no pass/fail.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { run } from '../../server/src/cli/main.ts';
import { nodeAssets } from '../../server/src/node/assets.ts';
import { FargateLintLanguageService } from '../../server/src/service/languageService.ts';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings.ts';
import { WorkspaceIndex } from '../../server/src/service/workspace.ts';
import { prepareSources } from '../../server/src/sources/index.ts';

export const title = 'Terraform (issue 12)';

const SERVICES = 27;

/** A module as people write them: per service a task definition, its execution role, policies, a secret, logs. */
function generatedModule(services = SERVICES) {
  const lines = ['variable "env" {', '  default = "prod"', '}', '', 'locals {', '  tags = { env = var.env, team = "platform" }', '}', ''];
  for (let i = 1; i <= services; i++) {
    lines.push(
      `resource "aws_ecs_task_definition" "app${i}" {`,
      `  family                   = "app${i}-\${var.env}"`,
      '  requires_compatibilities = ["FARGATE"]',
      '  network_mode             = "awsvpc"',
      '  cpu                      = 512',
      '  memory                   = 1024',
      `  execution_role_arn       = aws_iam_role.exec${i}.arn`,
      `  task_role_arn            = aws_iam_role.task${i}.arn`,
      '',
      '  runtime_platform {',
      '    operating_system_family = "LINUX"',
      '    cpu_architecture        = "ARM64"',
      '  }',
      '',
      '  container_definitions = jsonencode([',
      '    {',
      `      name      = "app${i}"`,
      `      image     = "\${aws_ecr_repository.app${i}.repository_url}:1.4.2"`,
      '      essential = true',
      '      cpu       = 256',
      '      memory    = 512',
      '      user      = "1000"',
      '      portMappings = [',
      '        { containerPort = 8080, protocol = "tcp" }',
      '      ]',
      '      environment = [',
      '        { name = "ENV", value = var.env },',
      '        { name = "PORT", value = "8080" },',
      '      ]',
      '      secrets = [',
      `        { name = "DB_PASSWORD", valueFrom = aws_ssm_parameter.db${i}.arn },`,
      `        { name = "API_KEY", valueFrom = "\${aws_secretsmanager_secret.api${i}.arn}:key::" },`,
      '      ]',
      '      logConfiguration = {',
      '        logDriver = "awslogs"',
      '        options = {',
      `          "awslogs-group"         = aws_cloudwatch_log_group.app${i}.name`,
      '          "awslogs-region"        = "eu-west-1"',
      '          "awslogs-stream-prefix" = "app"',
      '        }',
      '      }',
      '      healthCheck = {',
      '        command  = ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]',
      '        interval = 30',
      '        timeout  = 5',
      '        retries  = 3',
      '      }',
      '    },',
      '    {',
      '      name      = "envoy"',
      '      image     = "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod"',
      '      essential = true',
      '      user      = "1337"',
      '      memory    = 256',
      '    },',
      '  ])',
      '',
      '  tags = local.tags',
      '}',
      '',
      `resource "aws_ecr_repository" "app${i}" {`,
      `  name = "app${i}"`,
      '}',
      '',
      `resource "aws_cloudwatch_log_group" "app${i}" {`,
      `  name              = "/ecs/app${i}"`,
      '  retention_in_days = 30',
      '}',
      '',
      `resource "aws_ssm_parameter" "db${i}" {`,
      `  name  = "/app${i}/db-password"`,
      '  type  = "SecureString"',
      '  value = "change-me"',
      '}',
      '',
      `resource "aws_secretsmanager_secret" "api${i}" {`,
      `  name = "app${i}/api-key"`,
      '}',
      '',
      `resource "aws_iam_role" "exec${i}" {`,
      `  name               = "app${i}-exec"`,
      '  assume_role_policy = data.aws_iam_policy_document.assume.json',
      '}',
      '',
      `resource "aws_iam_role" "task${i}" {`,
      `  name               = "app${i}-task"`,
      '  assume_role_policy = data.aws_iam_policy_document.assume.json',
      '}',
      '',
      `resource "aws_iam_role_policy_attachment" "exec${i}" {`,
      `  role       = aws_iam_role.exec${i}.name`,
      '  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"',
      '}',
      '',
      `data "aws_iam_policy_document" "secrets${i}" {`,
      '  statement {',
      '    sid       = "Parameters"',
      '    actions   = ["ssm:GetParameters"]',
      `    resources = [aws_ssm_parameter.db${i}.arn]`,
      '  }',
      '',
      '  statement {',
      '    sid       = "Secrets"',
      '    actions   = ["secretsmanager:GetSecretValue"]',
      `    resources = [aws_secretsmanager_secret.api${i}.arn]`,
      '  }',
      '}',
      '',
      `resource "aws_iam_role_policy" "secrets${i}" {`,
      `  name   = "secrets"`,
      `  role   = aws_iam_role.exec${i}.id`,
      `  policy = data.aws_iam_policy_document.secrets${i}.json`,
      '}',
      '',
    );
  }
  lines.push(
    'data "aws_iam_policy_document" "assume" {',
    '  statement {',
    '    actions = ["sts:AssumeRole"]',
    '    principals {',
    '      type        = "Service"',
    '      identifiers = ["ecs-tasks.amazonaws.com"]',
    '    }',
    '    condition {',
    '      test     = "StringEquals"',
    '      variable = "aws:SourceAccount"',
    '      values   = ["123456789012"]',
    '    }',
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** One edit as the server handles it: the index takes the text, then the document is validated. */
async function analyseModule() {
  await prepareSources(nodeAssets);
  const uri = 'file:///bench/tf/main.tf';
  const base = generatedModule();
  const workspace = new WorkspaceIndex(['file:///bench/tf']);
  const service = new FargateLintLanguageService({ workspace });
  let version = 0;
  const edit = async (text) => {
    const t = performance.now();
    workspace.set(uri, text, 'terraform');
    const diagnostics = await service.validate(TextDocument.create(uri, 'terraform', ++version, text), DEFAULT_SETTINGS);
    return { ms: performance.now() - t, diagnostics };
  };
  const first = await edit(base);
  // Typing in the middle of the module: one character more each time, in a container's environment value.
  const at = base.indexOf('value = "8080"', Math.floor(base.length / 2)) + 'value = "80'.length;
  const warm = [];
  let text = base;
  for (let i = 0; i < 40; i++) {
    text = text.slice(0, at) + String(i % 10) + text.slice(at);
    const { ms } = await edit(text);
    if (i >= 5) warm.push(ms);
  }
  return { lines: base.split('\n').length, first, warm };
}

function corpusEntries(root) {
  const shared = process.env.FARGATE_LINT_SHARED ?? join(root, '..', 'shared');
  const corpus = join(shared, 'corpus', 'terraform');
  const manifest = join(corpus, 'MANIFEST.tsv');
  if (!existsSync(manifest)) return undefined;
  const entries = readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0])
    .filter(Boolean);
  return { corpus, entries };
}

export async function measure({ root }) {
  const rows = [];
  const module = await analyseModule();
  rows.push({
    name: `generated module, ${module.lines} lines (${SERVICES} task definitions, ${SERVICES * 2} roles): first analysis`,
    value: module.first.ms,
    unit: 'ms',
    note: `parse of the whole file, model, rules, ${module.first.diagnostics.length} diagnostics`,
  });
  rows.push({
    name: 'the same module after a one-character edit, warm (median of 35)',
    value: median(module.warm),
    unit: 'ms',
    note: `incremental parse, module model, rules and diagnostics of the document; goal < 50 ms; max ${Math.max(...module.warm).toFixed(1)} ms`,
  });

  const found = corpusEntries(root);
  if (!found) {
    rows.push({ name: 'CLI over ../shared/corpus/terraform', value: 'skipped', unit: '', note: 'the corpus is not next to the checkout' });
    return rows;
  }
  const { corpus, entries } = found;
  const cli = join(root, 'dist', 'cli.js');
  const perEntry = [];
  const started = performance.now();
  for (const entry of entries) {
    const t = performance.now();
    spawnSync(process.execPath, [cli, '--format', 'json', entry], { cwd: corpus, encoding: 'utf8' });
    perEntry.push(performance.now() - t);
  }
  const total = performance.now() - started;
  rows.push({
    name: `CLI over the Terraform corpus, one process per module (${entries.length} modules)`,
    value: total / 1000,
    unit: 's',
    note: `median ${median(perEntry).toFixed(0)} ms per module, Node's start and the parser's WebAssembly included`,
  });
  const inProcess = [];
  const cwd = process.cwd();
  process.chdir(corpus);
  try {
    for (const entry of entries) {
      const t = performance.now();
      await run(
        ['--format', 'json', entry],
        () => undefined,
        () => undefined,
      );
      inProcess.push(performance.now() - t);
    }
  } finally {
    process.chdir(cwd);
  }
  rows.push({
    name: 'the same modules in one process',
    value: inProcess.reduce((a, b) => a + b, 0) / 1000,
    unit: 's',
    note: `median ${median(inProcess).toFixed(1)} ms per module: read, parse, model, rules, report`,
  });
  return rows;
}
