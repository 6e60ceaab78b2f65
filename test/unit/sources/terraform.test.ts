// What the Terraform source makes of a module: ECS API names from the provider's (facts/aws-ecs-task-definition.json),
// container_definitions in each form, what is resolved (locals, variables through tfvars or a literal default,
// arguments of the module's resources, the ARNs they will have) and what stays unknown (with what hover says),
// IAM policies and roles with everything attached to them, and a module spread over several files.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { RoleInfo, Subject } from '../../../server/src/core/model';
import { replaceUnknown } from '../../../server/src/core/unknown';
import { nodeAssets } from '../../../server/src/node/assets';
import { WorkspaceIndex } from '../../../server/src/service/workspace';
import { type SourceDocument, prepareSources } from '../../../server/src/sources';
import { plain } from '../../helpers/documents';

before(() => prepareSources(nodeAssets));

/** The module of `files` (under file:///m/), as the workspace index parses it; the document of `name`. */
function moduleOf(files: Record<string, string>, name = Object.keys(files)[0]): { document: SourceDocument; workspace: WorkspaceIndex } {
  const workspace = new WorkspaceIndex(['file:///m']);
  for (const [file, text] of Object.entries(files)) workspace.set(`file:///m/${file}`, text);
  return { document: workspace.file(`file:///m/${name}`)!, workspace };
}

/** A value with its markers replaced by their descriptions in brackets. */
function described(document: SourceDocument, value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_, v) =>
    typeof v === 'string' ? replaceUnknown(v, (id) => `<${document.describeUnknown(id)}>`) : v,
  );
}

const subject = (document: SourceDocument, path: string) => document.model.subjects.find((s) => s.path.join('/') === path);
const task = (document: SourceDocument, address = 'aws_ecs_task_definition.app') => described(document, subject(document, address)?.value);

describe('aws_ecs_task_definition', () => {
  test('arguments and blocks take their ECS names; cpu and memory keep how they are written', () => {
    const { document } = moduleOf({
      'main.tf': `resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  cpu                      = 256
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  execution_role_arn       = "arn:aws:iam::123456789012:role/exec"
  pid_mode                 = null
  tags                     = { team = "web" }
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }
  ephemeral_storage {
    size_in_gib = 30
  }
  proxy_configuration {
    type           = "APPMESH"
    container_name = "envoy"
    properties     = { AppPorts = "8080" }
  }
  placement_constraints {
    type       = "memberOf"
    expression = "attribute:ecs.availability-zone in [eu-west-1a]"
  }
  volume {
    name      = "host"
    host_path = "/data"
  }
  volume {
    name = "efs"
    efs_volume_configuration {
      file_system_id     = "fs-1"
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = "fsap-1"
        iam             = "ENABLED"
      }
    }
  }
  container_definitions = jsonencode([{ name = "app", image = "nginx", essential = true, portMappings = [{ containerPort = 80 }] }])
}
`,
    });
    assert.equal(document.model.kind, 'terraform');
    assert.equal(document.model.label, 'Terraform: 1 task definition');
    assert.deepEqual(task(document), {
      family: 'app',
      cpu: 256,
      memory: '512',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      containerDefinitions: [{ name: 'app', image: 'nginx', essential: true, portMappings: [{ containerPort: 80 }] }],
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
      ephemeralStorage: { sizeInGiB: 30 },
      proxyConfiguration: { type: 'APPMESH', containerName: 'envoy', properties: [{ name: 'AppPorts', value: '8080' }] },
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone in [eu-west-1a]' }],
      volumes: [
        { name: 'host', host: { sourcePath: '/data' } },
        {
          name: 'efs',
          efsVolumeConfiguration: {
            fileSystemId: 'fs-1',
            transitEncryption: 'ENABLED',
            authorizationConfig: { accessPointId: 'fsap-1', iam: 'ENABLED' },
          },
        },
      ],
    });
    assert.equal(subject(document, 'aws_ecs_task_definition.app')?.resource, 'aws_ecs_task_definition.app');
  });

  test('container_definitions from a local, a variable default (JSON string), a heredoc, file(), templatefile() and template_file', () => {
    const { document } = moduleOf({
      'main.tf': `locals {
  app = { name = "app", image = "nginx", essential = true }
}
variable "containers_json" {
  default = "[{\\"name\\": \\"json\\", \\"image\\": \\"nginx\\"}]"
}
resource "aws_ecs_task_definition" "local" {
  family                = "a"
  container_definitions = jsonencode([local.app])
}
resource "aws_ecs_task_definition" "variable" {
  family                = "b"
  container_definitions = var.containers_json
}
resource "aws_ecs_task_definition" "heredoc" {
  family                = "c"
  container_definitions = <<EOF
[{"name": "h", "image": "\${local.app.image}", "memory": \${var.memory}}]
EOF
}
resource "aws_ecs_task_definition" "file" {
  family                = "d"
  container_definitions = file("\${path.module}/containers.json")
}
resource "aws_ecs_task_definition" "template" {
  family                = "e"
  container_definitions = templatefile("app.json.tpl", { image = "nginx:1", port = 80, unknown = each.value })
}
data "template_file" "legacy" {
  template = file("\${path.module}/app.json.tpl")
  vars     = { image = "busybox", port = 81 }
}
resource "aws_ecs_task_definition" "legacy" {
  family                = "f"
  container_definitions = data.template_file.legacy.rendered
}
variable "memory" {
  default = 256
}
`,
      'containers.json': '[{ "name": "file", "image": "nginx" }]',
      'app.json.tpl': '[{ "name": "t", "image": "${image}", "portMappings": [{ "containerPort": ${port} }], "command": ["${unknown}"] }]',
    });
    const containers = (address: string) => (task(document, address) as { containerDefinitions: unknown }).containerDefinitions;
    assert.deepEqual(containers('aws_ecs_task_definition.local'), [{ name: 'app', image: 'nginx', essential: true }]);
    assert.deepEqual(containers('aws_ecs_task_definition.variable'), [{ name: 'json', image: 'nginx' }]);
    assert.deepEqual(containers('aws_ecs_task_definition.heredoc'), [{ name: 'h', image: 'nginx', memory: 256 }]);
    assert.deepEqual(containers('aws_ecs_task_definition.file'), [{ name: 'file', image: 'nginx' }]);
    assert.deepEqual(containers('aws_ecs_task_definition.template'), [
      { name: 't', image: 'nginx:1', portMappings: [{ containerPort: 80 }], command: ['<each.value (one value per for_each element)>'] },
    ]);
    assert.deepEqual(containers('aws_ecs_task_definition.legacy'), [
      { name: 't', image: 'busybox', portMappings: [{ containerPort: 81 }], command: ['<unknown, which the template is not given>'] },
    ]);
    // Each value is placed where it is written: in the JSON file, in the template.
    const file = document.locate(['aws_ecs_task_definition.file', 'containerDefinitions', 0, 'image'], 'value');
    assert.deepEqual(file, { offset: 28, length: 7, uri: 'file:///m/containers.json' });
    const template = document.locate(
      ['aws_ecs_task_definition.template', 'containerDefinitions', 0, 'portMappings', 0, 'containerPort'],
      'value',
    );
    assert.equal(template?.uri, 'file:///m/app.json.tpl');
  });

  test('what stays unknown, and what hover says about it', () => {
    const { document } = moduleOf({
      'main.tf': `resource "aws_ecs_task_definition" "app" {
  for_each                 = var.tasks
  family                   = each.key
  cpu                      = var.cpu
  memory                   = var.memory
  network_mode             = var.public ? "bridge" : "awsvpc"
  requires_compatibilities = module.settings.launch_types
  execution_role_arn       = data.aws_iam_role.exec.arn
  task_role_arn            = aws_iam_role.missing.arn
  ipc_mode                 = upper(var.ipc)
  container_definitions    = jsonencode([for c in var.containers : c])
}
variable "cpu" {}
variable "memory" {
  default = null
}
variable "public" {
  default = false
}
data "aws_iam_role" "exec" {
  name = "ecsTaskExecutionRole"
}
`,
    });
    assert.deepEqual(task(document), {
      family: '<each.key (one value per for_each element)>',
      cpu: '<var.cpu, which has no default>',
      memory: '<var.memory, whose default is null>',
      networkMode: 'awsvpc',
      requiresCompatibilities: '<module.settings.launch_types (an output of module settings)>',
      // A role found by its literal name: the workspace is searched for it.
      executionRoleArn: 'arn:<PARTITION>:iam::<ACCOUNT_ID>:role/ecsTaskExecutionRole',
      taskRoleArn: '<aws_iam_role.missing.arn, which this module does not declare>',
      ipcMode: '<the result of upper()>',
      containerDefinitions: '<the result of a for expression>',
    });
  });

  test('terraform.tfvars and *.auto.tfvars set variables; another .tfvars file leaves a variable unknown', () => {
    const { document } = moduleOf({
      'main.tf': `resource "aws_ecs_task_definition" "app" {
  family = var.family
  cpu    = var.cpu
  memory = var.memory
}
variable "family" { default = "from-default" }
variable "cpu" { default = 256 }
variable "memory" { default = 512 }
`,
      'terraform.tfvars': 'cpu = 1024\n',
      'prod.auto.tfvars': 'family = "from-auto"\n',
      'prod.tfvars': 'memory = 8192\n',
    });
    assert.deepEqual(task(document), { family: 'from-auto', cpu: 1024, memory: '<var.memory, which prod.tfvars sets>' });
  });
});

describe('IAM', () => {
  test('aws_iam_policy_document: statement blocks as an IAM policy, as the provider writes its JSON', () => {
    const { document } = moduleOf({
      'iam.tf': `data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["web"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["iam:*"]
    not_resources = ["*"]
  }
}
`,
    });
    const policy = subject(document, 'data.aws_iam_policy_document.p');
    assert.equal(policy?.kind, 'identity-policy');
    // Model objects have no prototype (sources/source.ts): compared as plain data.
    assert.deepEqual(plain(policy?.value), {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::c/*'],
          Principal: { AWS: ['arn:aws:iam::123456789012:root', 'arn:aws:iam::210987654321:root'] },
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'web' } },
        },
        { Effect: 'Deny', NotAction: 'iam:*', NotResource: '*' },
      ],
    });
  });

  test('source_policy_documents and override_policy_documents merge by sid, as the provider documents', () => {
    const { document } = moduleOf({
      'iam.tf': `data "aws_iam_policy_document" "base" {
  statement {
    sid     = "A"
    actions = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid     = "B"
    actions = ["s3:PutObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "override" {
  statement {
    sid     = "B"
    actions = ["s3:DeleteObject"]
    resources = ["*"]
  }
  statement {
    actions = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
  statement {
    sid     = "A"
    actions = ["s3:ListBucket"]
    resources = ["*"]
  }
  statement {
    actions = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}
`,
    });
    const merged = subject(document, 'data.aws_iam_policy_document.merged')?.value as { Statement: { Sid?: string; Action: string }[] };
    assert.deepEqual(
      merged.Statement.map((s) => [s.Sid, s.Action]),
      [
        ['A', 's3:ListBucket'],
        ['B', 's3:DeleteObject'],
        [undefined, 'logs:PutLogEvents'],
        [undefined, 'sqs:SendMessage'],
      ],
    );
    // The merged statements are placed on the blocks that write them.
    const b = document.locate(['data.aws_iam_policy_document.merged', 'Statement', 1, 'Action'], 'value')!;
    assert.equal(document.text.slice(b.offset, b.offset + b.length), '"s3:DeleteObject"');
  });

  test('a role: its trust policy, inline_policy, aws_iam_role_policy, aws_iam_policy attachments and managed ARNs, over the files of the module', () => {
    const { document } = moduleOf(
      {
        'main.tf': 'resource "aws_ecs_task_definition" "app" {\n  family = "app"\n  execution_role_arn = aws_iam_role.exec.arn\n}\n',
        'role.tf': `resource "aws_iam_role" "exec" {
  name                = "exec"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/CloudWatchLogsFullAccess", aws_iam_policy.extra.arn]
  inline_policy {
    name   = "inline"
    policy = data.aws_iam_policy_document.inline.json
  }
}
`,
        'policies.tf': `data "aws_iam_policy_document" "inline" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "logs" {
  role   = aws_iam_role.exec.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "logs:*", Resource = "*" }] })
}
resource "aws_iam_policy" "extra" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ssm:*", Resource = "*" }] })
}
resource "aws_iam_policy" "attached" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ecr:*", Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.exec.name
  policy_arn = aws_iam_policy.attached.arn
}
resource "aws_iam_role_policy_attachment" "b" {
  role       = "exec"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}
`,
      },
      'main.tf',
    );
    const role = document.model.subjects.find((s) => s.kind === 'role') as Subject & { role: RoleInfo };
    assert.equal(described(document, role.role.name), '<aws_iam_role.exec (role exec)>');
    assert.deepEqual([role.role.trust?.label, role.role.trust?.uri], ['trust policy', 'file:///m/role.tf']);
    assert.deepEqual(
      role.role.policies.map((p) => [p.label, p.uri, p.editable]),
      [
        ['inline policy inline', 'file:///m/policies.tf', true],
        ['managed policy aws_iam_policy.extra', 'file:///m/policies.tf', true],
        ['policy aws_iam_role_policy.logs', 'file:///m/policies.tf', true],
        ['managed policy aws_iam_policy.attached', 'file:///m/policies.tf', true],
      ],
    );
    assert.deepEqual(role.role.managedPolicyArns, [
      'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    assert.equal(role.role.complete, true);
    // The task definition's role ARN names the same marker as the role: it resolves inside the module.
    const arn = (subject(document, 'aws_ecs_task_definition.app')?.value as { executionRoleArn: string }).executionRoleArn;
    assert.ok(arn.endsWith(`:role/${role.role.name}`));
  });

  test('a role the module hands out (an output) or a policy attached to a role it cannot tell: the role may have more policies', () => {
    const role = (files: Record<string, string>) => moduleOf(files).document.model.subjects.find((s) => s.kind === 'role')!.role!;
    const base = 'resource "aws_iam_role" "exec" {\n  assume_role_policy = "{}"\n}\n';
    assert.equal(role({ 'a.tf': base }).complete, true);
    assert.equal(role({ 'a.tf': base, 'outputs.tf': 'output "arn" {\n  value = aws_iam_role.exec.arn\n}\n' }).complete, false);
    assert.equal(
      role({
        'a.tf': `${base}resource "aws_iam_role_policy_attachment" "x" {\n  role = var.role\n  policy_arn = "arn:aws:iam::aws:policy/x"\n}\n`,
      }).complete,
      false,
    );
    assert.equal(
      role({
        'a.tf': base,
        'outputs.tf': 'output "arn" {\n  value = aws_iam_role.exec.arn\n}\n',
        'x.tf': 'resource "aws_iam_role_policy_attachments_exclusive" "x" {\n  role_name = aws_iam_role.exec.name\n  policy_arns = []\n}\n',
      }).complete,
      true,
    );
  });

  test('ARNs of the module resources a task definition and a policy both name compare equal', () => {
    const { document } = moduleOf({
      'main.tf': `resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{ name = "a", image = "\${aws_ecr_repository.app.repository_url}:1", secrets = [
    { name = "P", valueFrom = aws_ssm_parameter.db.arn },
    { name = "S", valueFrom = "\${aws_secretsmanager_secret.db.arn}:password::" },
  ] }])
}
resource "aws_ecr_repository" "app" { name = "app" }
resource "aws_ssm_parameter" "db" { name = "/app/db" }
resource "aws_secretsmanager_secret" "db" { name = "app/db" }
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["ssm:GetParameters", "secretsmanager:GetSecretValue"]
    resources = [aws_ssm_parameter.db.arn, aws_secretsmanager_secret.db.arn]
  }
}
`,
    });
    const container = (task(document) as { containerDefinitions: { image: string; secrets: { valueFrom: string }[] }[] })
      .containerDefinitions[0];
    assert.equal(container.image, '<ACCOUNT_ID>.dkr.ecr.<REGION>.amazonaws.com/app:1');
    assert.equal(container.secrets[0].valueFrom, 'arn:<PARTITION>:ssm:<REGION>:<ACCOUNT_ID>:parameter/app/db');
    assert.equal(container.secrets[1].valueFrom, 'arn:<PARTITION>:secretsmanager:<REGION>:<ACCOUNT_ID>:secret:app/db-<SUFFIX>:password::');
    const policy = described(document, subject(document, 'data.aws_iam_policy_document.p')?.value) as {
      Statement: { Resource: string[] }[];
    };
    assert.deepEqual(policy.Statement[0].Resource, [
      'arn:<PARTITION>:ssm:<REGION>:<ACCOUNT_ID>:parameter/app/db',
      'arn:<PARTITION>:secretsmanager:<REGION>:<ACCOUNT_ID>:secret:app/db-<SUFFIX>',
    ]);
  });
});

describe('a module over several files', () => {
  test("a child module reading ${path.root}/x.json: the file, in a folder above the module, becomes the module's", () => {
    const workspace = new WorkspaceIndex(['file:///r']);
    workspace.set('file:///r/containers.json', '[{"name": "a", "image": "nginx", "privileged": true}]');
    workspace.set(
      'file:///r/modules/task/main.tf',
      'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = file("${path.root}/containers.json")\n}\n',
    );
    const json = workspace.file('file:///r/containers.json')!;
    assert.equal(json.model.kind, 'terraform');
    assert.deepEqual(
      json.model.subjects.map((s) => s.resource),
      ['aws_ecs_task_definition.t'],
    );
  });

  test('the lazy index drops the parses a change makes stale: a file() target, a new reader elsewhere, a reader gone', () => {
    const workspace = new WorkspaceIndex(['file:///r']);
    const json = 'file:///r/containers.json';
    const tf = 'file:///r/modules/task/main.tf';
    workspace.set(json, '[{"name": "a", "image": "nginx"}]');
    // Parsed on its own before any module mentions it.
    assert.equal(workspace.file(json)!.model.kind, 'container-definitions');
    workspace.set(
      tf,
      'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = file("${path.root}/containers.json")\n}\n',
    );
    assert.equal(workspace.file(json)!.model.kind, 'terraform');
    const image = () =>
      (workspace.file(tf)!.model.subjects[0].value as { containerDefinitions: { image: string }[] }).containerDefinitions[0].image;
    assert.equal(image(), 'nginx');
    // The file() target changes: the module's document is parsed again when next asked for, not before.
    const before = workspace.file(tf);
    workspace.set(json, '[{"name": "a", "image": "httpd"}]');
    assert.notEqual(workspace.file(tf), before);
    assert.equal(image(), 'httpd');
    // A file nobody reads keeps its parse across changes of the module.
    workspace.set('file:///r/other.json', '{"Version": "2012-10-17", "Statement": []}');
    const other = workspace.file('file:///r/other.json');
    workspace.set(tf, 'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n}\n');
    assert.equal(workspace.file('file:///r/other.json'), other);
    // The reader is gone: the JSON file is read on its own again.
    assert.equal(workspace.file(json)!.model.kind, 'container-definitions');
  });

  test('a file coming into a folder drops only the parses that listed files like it (a JSON file watches .tf files, a module .tf and .tfvars)', () => {
    const workspace = new WorkspaceIndex(['file:///r']);
    const json = 'file:///r/a/policy.json';
    workspace.set(json, '{"Version": "2012-10-17", "Statement": []}');
    const alone = workspace.file(json)!;
    assert.equal(alone.model.kind, 'iam-policy');
    // Another JSON file, here and in the folder above (both listed for .tf files): the parse stands.
    workspace.set('file:///r/a/other.json', '{"Version": "2012-10-17", "Statement": []}');
    workspace.set('file:///r/b.json', '{}');
    assert.equal(workspace.file(json), alone);
    // A module file (any case) above it that reads it: parsed again, as the module's.
    workspace.set('file:///r/MAIN.TF', 'resource "aws_iam_policy" "p" {\n  policy = file("${path.module}/a/policy.json")\n}\n');
    const referenced = workspace.file(json)!;
    assert.notEqual(referenced, alone);
    assert.equal(referenced.model.kind, 'terraform');
    // The module's .tf file: a JSON file coming does not drop its parse, a .tfvars file does.
    const tf = workspace.file('file:///r/MAIN.TF')!;
    workspace.set('file:///r/c.json', '{}');
    assert.equal(workspace.file('file:///r/MAIN.TF'), tf);
    workspace.set('file:///r/terraform.tfvars', 'x = 1\n');
    assert.notEqual(workspace.file('file:///r/MAIN.TF'), tf);
    // The module gone: the JSON file is read on its own again.
    workspace.delete('file:///r/MAIN.TF');
    assert.equal(workspace.file(json)!.model.kind, 'iam-policy');
  });

  test('each document holds the subjects written in it, and every role; a change of one file is seen by the others', () => {
    const files = {
      'main.tf': 'resource "aws_ecs_task_definition" "app" {\n  family = "app"\n  memory = var.memory\n}\n',
      'variables.tf': 'variable "memory" {\n  default = 512\n}\n',
      'iam.tf': 'resource "aws_iam_role" "exec" {\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })\n}\n',
    };
    const { workspace } = moduleOf(files);
    const kinds = (name: string) => workspace.file(`file:///m/${name}`)!.model.subjects.map((s) => `${s.kind} ${s.path.join('/')}`);
    assert.deepEqual(kinds('main.tf'), ['task-definition aws_ecs_task_definition.app', 'role aws_iam_role.exec']);
    assert.deepEqual(kinds('iam.tf'), ['trust-policy aws_iam_role.exec/assume_role_policy', 'role aws_iam_role.exec']);
    assert.deepEqual(kinds('variables.tf'), ['role aws_iam_role.exec']);
    workspace.set('file:///m/variables.tf', 'variable "memory" {\n  default = 2048\n}\n');
    assert.equal((workspace.file('file:///m/main.tf')!.model.subjects[0].value as { memory: number }).memory, 2048);
    // A JSON file that a module reads becomes the module's once the module is there.
    workspace.set('file:///m/containers.json', '[{"name": "a", "image": "nginx"}]');
    assert.equal(workspace.file('file:///m/containers.json')!.model.kind, 'container-definitions');
    workspace.set(
      'file:///m/main.tf',
      'resource "aws_ecs_task_definition" "app" {\n  family = "app"\n  container_definitions = file("containers.json")\n}\n',
    );
    assert.equal(workspace.file('file:///m/containers.json')!.model.kind, 'terraform');
    assert.deepEqual(
      workspace.file('file:///m/containers.json')!.model.subjects.map((s) => s.path.join('/')),
      ['aws_ecs_task_definition.app', 'aws_iam_role.exec'],
    );
  });
});

describe('aws_ecs_service', () => {
  const TASK = `resource "aws_ecs_task_definition" "web" {
  family = "web"
}
`;

  test('arguments and blocks take their CreateService names; deployment_* and network_configuration move where ECS has them', () => {
    const { document } = moduleOf({
      'main.tf': `${TASK}
resource "aws_ecs_service" "web" {
  name                               = "web"
  task_definition                    = aws_ecs_task_definition.web.arn
  desired_count                      = "2"
  enable_execute_command             = "true"
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 50
  force_new_deployment               = true
  deployment_circuit_breaker {
    enable   = "false"
    rollback = false
  }
  deployment_configuration {
    strategy = "ROLLING"
  }
  network_configuration {
    subnets          = ["subnet-1"]
    assign_public_ip = true
  }
  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"
    container_name   = "web"
    container_port   = "80"
  }
  ordered_placement_strategy {
    type  = "spread"
    field = "instanceId"
  }
  service_connect_configuration {
    enabled = true
    service {
      port_name = "http"
      client_alias {
        port = 80
      }
    }
  }
}
`,
    });
    const service = subject(document, 'aws_ecs_service.web')!;
    assert.equal(service.kind, 'service');
    assert.equal(service.name, 'web');
    assert.equal(service.taskDefinitionResource, 'aws_ecs_task_definition.web');
    const { taskDefinition, ...rest } = described(document, service.value) as Record<string, unknown>;
    assert.equal(typeof taskDefinition, 'string');
    assert.deepEqual(rest, {
      serviceName: 'web',
      desiredCount: 2,
      enableExecuteCommand: true,
      deploymentConfiguration: {
        strategy: 'ROLLING',
        maximumPercent: 200,
        minimumHealthyPercent: 50,
        deploymentCircuitBreaker: { enable: false, rollback: false },
      },
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'ENABLED' } },
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
          containerName: 'web',
          containerPort: 80,
        },
      ],
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
      serviceConnectConfiguration: { enabled: true, services: [{ portName: 'http', clientAliases: [{ port: 80 }] }] },
    });
  });

  test('task_definition links by .arn, .family, a local or a string of references to one task definition; not by a variable or a conditional', () => {
    const cases: [string, string | undefined][] = [
      ['aws_ecs_task_definition.web.arn', 'aws_ecs_task_definition.web'],
      ['aws_ecs_task_definition.web.arn_without_revision', 'aws_ecs_task_definition.web'],
      ['aws_ecs_task_definition.web.family', 'aws_ecs_task_definition.web'],
      ['local.task', 'aws_ecs_task_definition.web'],
      ['"${aws_ecs_task_definition.web.family}:${aws_ecs_task_definition.web.revision}"', 'aws_ecs_task_definition.web'],
      ['var.task_definition_arn', undefined],
      ['var.on ? aws_ecs_task_definition.web.arn : var.task_definition_arn', undefined],
      ['aws_ecs_task_definition.other.arn', undefined],
      ['aws_ecs_task_definition.web.tags', undefined],
    ];
    for (const [expr, expected] of cases) {
      const { document } = moduleOf({
        'main.tf': `${TASK}
locals {
  task = aws_ecs_task_definition.web.arn
}
resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = ${expr}
}
`,
      });
      assert.equal(subject(document, 'aws_ecs_service.web')?.taskDefinitionResource, expected, expr);
    }
  });
});
