// "Unknown is never wrong", on the Terraform source: take a valid module (a Fargate task definition whose
// execution role, in another file of the module, grants everything it needs), make any one expression of it
// unknown (`var.not_given`, a variable without a default), put an unknown interpolation into any string, or
// turn any block into a `dynamic` block, and no rule may report an error. This is what keeps modules full of
// variables, for_each and dynamic blocks free of false errors.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { nodeAssets } from '../../server/src/node/assets';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { prepareSources } from '../../server/src/sources';
import { parseHcl } from '../../server/src/sources/terraform/hcl/parser';
import type { Block, Body, Expr } from '../../server/src/sources/terraform/hcl/syntax';

const MAIN = `resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.exec.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-12345678"
      transit_encryption = "ENABLED"
    }
  }

  container_definitions = jsonencode([
    {
      name                   = "app"
      image                  = "\${aws_ecr_repository.app.repository_url}:1.4.2"
      essential              = true
      cpu                    = 256
      memory                 = 512
      user                   = "1000"
      readonlyRootFilesystem = true
      portMappings           = [{ containerPort = 8080, protocol = "tcp" }]
      environment            = [{ name = "MODE", value = "prod" }]
      mountPoints            = [{ sourceVolume = "data", containerPath = "/data" }]
      dependsOn              = [{ containerName = "init", condition = "SUCCESS" }]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = aws_ssm_parameter.db.arn },
        { name = "API_KEY", valueFrom = "\${aws_secretsmanager_secret.api.arn}:key::" },
      ]
      healthCheck = { command = ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"], interval = 30, timeout = 5, retries = 3 }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.app.name
          "awslogs-region"        = "eu-west-1"
          "awslogs-stream-prefix" = "app"
        }
      }
    },
    {
      name                   = "init"
      image                  = "public.ecr.aws/docker/library/busybox:1.36"
      essential              = false
      user                   = "1000"
      readonlyRootFilesystem = true
      command                = ["sh", "-c", "true"]
    },
  ])
}

resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/ecs/app"
}

resource "aws_ssm_parameter" "db" {
  name = "/app/db-password"
  type = "SecureString"
}

resource "aws_secretsmanager_secret" "api" {
  name = "app/api"
}
`;

const IAM = `resource "aws_iam_role" "exec" {
  name               = "app-exec"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["123456789012"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "exec" {
  role       = aws_iam_role.exec.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "secrets" {
  statement {
    sid       = "Parameters"
    actions   = ["ssm:GetParameters"]
    resources = [aws_ssm_parameter.db.arn]
  }
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.api.arn]
  }
}

resource "aws_iam_role_policy" "secrets" {
  name   = "secrets"
  role   = aws_iam_role.exec.id
  policy = data.aws_iam_policy_document.secrets.json
}

resource "aws_iam_role" "task" {
  name = "app-task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
      }
    ]
  })
}
`;

const FILES = { 'main.tf': MAIN, 'iam.tf': IAM };
type FileName = keyof typeof FILES;

function errorsOf(texts: Record<FileName, string>): string[] {
  const workspace = new WorkspaceIndex(['file:///m']);
  for (const [name, text] of Object.entries(texts)) workspace.set(`file:///m/${name}`, text);
  const errors: string[] = [];
  for (const document of workspace.files()) {
    const context = { uri: document.uri, fileName: document.fileName, workspace };
    for (const finding of analyze(document.model, { document: context }).findings) {
      if (finding.severity !== 'error') continue;
      const location = document.locate(finding.path, finding.target);
      // Each finding once: in the document that holds it.
      if (location?.uri === undefined)
        errors.push(`${document.fileName}: ${finding.ruleId} at ${JSON.stringify(finding.path)}: ${finding.message}`);
    }
  }
  return errors;
}

/** The ranges of every expression of the file (attribute values, object values, list items, interpolations). */
function expressions(body: Body): { start: number; end: number; string: boolean }[] {
  const found: { start: number; end: number; string: boolean }[] = [];
  const visit = (expr: Expr) => {
    found.push({ ...expr.range, string: expr.kind === 'string' });
    if (expr.kind === 'tuple') expr.items.forEach(visit);
    if (expr.kind === 'object') for (const entry of expr.entries) visit(entry.value);
    if (expr.kind === 'call') expr.args.forEach(visit);
    if (expr.kind === 'template') for (const part of expr.parts) if (part.kind === 'interpolation' && part.expr) visit(part.expr);
  };
  const walk = (b: Body) => {
    for (const attribute of b.attributes) visit(attribute.expr);
    for (const block of b.blocks) walk(block.body);
  };
  walk(body);
  return found;
}

function blocks(body: Body, inside = false): Block[] {
  return body.blocks.flatMap((b) => [...(inside ? [b] : []), ...blocks(b.body, true)]);
}

/** The module with one thing in one file made unknown. */
function* mutations(): Generator<{ where: string; texts: Record<FileName, string> }> {
  for (const name of Object.keys(FILES) as FileName[]) {
    const text = FILES[name];
    const hcl = parseHcl(text)!;
    const replace = (start: number, end: number, by: string) => ({ ...FILES, [name]: text.slice(0, start) + by + text.slice(end) });
    for (const range of expressions(hcl.body)) {
      const written = JSON.stringify(text.slice(range.start, range.end)).slice(0, 60);
      yield { where: `${name}: ${written} = var.not_given`, texts: replace(range.start, range.end, 'var.not_given') };
      if (range.string && range.end - range.start > 2) {
        const middle = Math.floor((range.start + range.end) / 2);
        yield { where: `${name}: ${written} with \${var.not_given} inside`, texts: replace(middle, middle, '${var.not_given}') };
      }
    }
    for (const block of blocks(hcl.body)) {
      const content = text.slice(block.open!.end, block.close!.start);
      const dynamic = `dynamic "${block.type}" {\n for_each = var.not_given\n content {${content}}\n}`;
      yield { where: `${name}: block ${block.type} made dynamic`, texts: replace(block.range.start, block.range.end, dynamic) };
    }
  }
}

before(() => prepareSources(nodeAssets));

test('unknown is never wrong, on a Terraform module: any expression unknown, any block dynamic, no error', () => {
  assert.deepEqual(errorsOf(FILES), [], 'the module itself is valid');
  const added: string[] = [];
  let count = 0;
  for (const mutation of mutations()) {
    count++;
    for (const error of errorsOf(mutation.texts)) added.push(`${mutation.where}: ${error}`);
  }
  assert.ok(count > 150, `${count} mutations`);
  assert.deepEqual(added, []);
});
