// The contract every source keeps (server/src/sources/source.ts), checked the same way for each: add one
// entry to SOURCES for a new source (its parser, how a scalar is written, a few documents and edits).
//  - every finding of every rule is located inside the document;
//  - locate() of every written scalar of every subject lands on text that reads back as the model value (and
//    its key on the key), and a subject's location holds the locations of all its scalars;
//  - cursor() inside a scalar, or inside its key, gives back the model path (and onKey);
//  - edit() of set, insert, append, remove and rename gives text whose re-parse has the model the edit
//    describes, and nothing else changed;
//  - renderDocument(), where a source has it, writes each policy as a document that reads back as it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { analyze, subjectOf } from '../../../server/src/core/engine';
import type { JsonPath, ModelEdit, Subject } from '../../../server/src/core/model';
import { append, insert, remove, rename, set } from '../../../server/src/core/model';
import { hasUnknown } from '../../../server/src/core/unknown';
import { applyChanges } from '../../../server/src/service/edits';
import { nodeAssets } from '../../../server/src/node/assets';
import { prepareSources } from '../../../server/src/sources';
import { parse as parseYamlText } from 'yaml';
import { cloudFormationSource } from '../../../server/src/sources/cloudformation';
import { jsonSource } from '../../../server/src/sources/json';
import type { SourceDocument } from '../../../server/src/sources/source';
import { plain } from '../../helpers/documents';
import { terraformSource } from '../../../server/src/sources/terraform';
import type { TerraformSourceDocument } from '../../../server/src/sources/terraform/document';
import { terraformPlanSource } from '../../../server/src/sources/terraform-plan';
import { container, fargateTask } from '../../helpers/taskdefs';

interface ContractDocument {
  name: string;
  uri: string;
  text: string;
  /** Each is rendered alone against the document's text. */
  edits: ModelEdit[];
}

interface SourceCase {
  name: string;
  parse(uri: string, text: string): SourceDocument;
  /** The value of a scalar as this syntax writes it (a quoted string, a number, true). */
  scalar(text: string): unknown;
  /** A written key names a model key (CloudFormation writes Cpu for cpu: compare without case there). */
  sameKey?(written: string, modelKey: string): boolean;
  /**
   * A model value the source cannot place on text of its own: one the syntax implies (aws_iam_policy_document's
   * Version), or one inside a bigger value (the JSON string a plan holds containers in). Default: none.
   */
  notWrittenAlone?(document: SourceDocument, path: JsonPath): boolean;
  /** The policy a rendered document holds, read back by this source (default: the document is the policy, a scalar). */
  readPolicy?(content: string): unknown;
  /** A policy as compared after it is read back (default: as it is). */
  comparable?(policy: unknown): unknown;
  documents: ContractDocument[];
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const TASK = fargateTask(
  [
    container('app', {
      essential: true,
      portMappings: [{ containerPort: 80 }],
      environment: [{ name: 'MODE', value: 'prod' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1' } },
    }),
    container('side', { essential: false, memory: 128 }),
  ],
  { executionRoleArn: 'arn:aws:iam::123456789012:role/exec', networkMode: 'bridge' },
);

const POLICY_TEXT = `{
  // inline arrays and a comment, as people write them
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Pull", "Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "*" },
    { "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:*:*:*", "Principal": "*" }
  ]
}
`;

const SOURCES: SourceCase[] = [
  {
    name: 'json',
    parse: (uri, text) => jsonSource.parse({ uri, text }),
    scalar: (text) => parseJsonc(text),
    documents: [
      {
        name: 'a task definition',
        uri: 'file:///ws/task-definition.json',
        text: pretty(TASK),
        edits: [
          set(['memory'], '1024'),
          set(['containerDefinitions', 0, 'user'], '1000'),
          set(['runtimePlatform', 'cpuArchitecture'], 'ARM64'),
          insert([], 'taskRoleArn', 'arn:aws:iam::123456789012:role/app', 0),
          append(['containerDefinitions', 0, 'portMappings'], { containerPort: 443 }),
          append(['containerDefinitions', 1, 'secrets'], { name: 'T', valueFrom: '/t' }),
          remove(['containerDefinitions', 1]),
          remove(['containerDefinitions', 0, 'logConfiguration', 'options', 'awslogs-region']),
          rename(['containerDefinitions', 0, 'environment'], 'secrets'),
        ],
      },
      {
        name: 'a policy with comments and inline arrays',
        uri: 'file:///ws/iam/policy.json',
        text: POLICY_TEXT,
        edits: [
          set(['Statement', 1, 'Effect'], 'Deny'),
          append(['Statement', 0, 'Action'], 'ecr:BatchCheckLayerAvailability'),
          append(['Statement'], { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: '*' }),
          remove(['Statement', 1, 'Principal']),
          remove(['Statement', 0, 'Action', 0]),
          rename(['Statement', 0, 'Sid'], 'Id'),
          insert(['Statement', 1], 'Sid', 'Logs', 0),
        ],
      },
      {
        name: 'a role file with tabs and CRLF',
        uri: 'file:///ws/iam/exec-role.json',
        text: JSON.stringify(
          {
            RoleName: 'exec',
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            },
            Policies: [
              {
                PolicyName: 'logs',
                PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
              },
            ],
          },
          null,
          '\t',
        ).replace(/\n/g, '\r\n'),
        edits: [
          append(['Policies'], { PolicyName: 'more', PolicyDocument: { Version: '2012-10-17', Statement: [] } }),
          set(['AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'Service'], 'ecs.amazonaws.com'),
          remove(['Policies', 0, 'PolicyDocument', 'Statement', 0, 'Resource']),
        ],
      },
      {
        name: 'describe-task-definition output',
        uri: 'file:///ws/describe.json',
        text: pretty({ taskDefinition: { ...TASK, revision: 3, status: 'ACTIVE' }, tags: [] }),
        edits: [remove(['taskDefinition', 'revision']), set(['taskDefinition', 'cpu'], '512')],
      },
      {
        name: 'an ECS service definition',
        uri: 'file:///ws/ecs-service-def.json',
        text: pretty({
          serviceName: 'web',
          taskDefinition: 'web:3',
          launchType: '',
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }],
          loadBalancers: [
            {
              targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1',
              containerName: 'app',
              containerPort: 80,
            },
          ],
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: null, assignPublicIp: 'ENABLED' } },
        }),
        edits: [
          set(['loadBalancers', 0, 'containerPort'], 8080),
          remove(['launchType']),
          append(['capacityProviderStrategy'], { capacityProvider: 'FARGATE_SPOT', weight: 2 }),
        ],
      },
      {
        name: 'a CodeDeploy AppSpec for ECS',
        uri: 'file:///ws/appspec.json',
        text: pretty({
          version: 0.0,
          Resources: [
            {
              TargetService: {
                Type: 'AWS::ECS::Service',
                Properties: { TaskDefinition: '<TASK_DEFINITION>', LoadBalancerInfo: { ContainerName: 'app', ContainerPort: '80' } },
              },
            },
          ],
        }),
        edits: [
          set(['Resources', 0, 'TargetService', 'Properties', 'LoadBalancerInfo', 'ContainerPort'], 80),
          set(['Resources', 0, 'TargetService', 'Properties', 'PlatformVersion'], 'LATEST'),
        ],
      },
      {
        name: 'fargate-lint.json',
        uri: 'file:///ws/fargate-lint.json',
        text: pretty({ roles: { exec: { policies: ['iam/policy.json'] } } }),
        edits: [append(['roles', 'exec', 'policies'], 'iam/more.json'), set(['roles', 'app'], { policies: [] })],
      },
    ],
  },
];

const TF_TASK = `resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "bridge"
  cpu                      = 256
  memory                   = "512"

  runtime_platform {
    operating_system_family = "LINUX"
  }

  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-12345678"
      transit_encryption = "ENABLED"
    }
  }

  volume {
    name = "scratch"
  }

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "nginx:1.27"
      essential = true
      portMappings = [
        { containerPort = 80 }
      ]
      environment = [{ name = "MODE", value = "prod" }]
    },
    { name = "side", image = "busybox", essential = false, memory = 128 },
  ])
}
`;

const TF_IAM = `resource "aws_iam_role" "exec" {
  name               = "exec"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  inline_policy {
    name = "logs"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Sid = "Logs", Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "*" }
      ]
    })
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    sid     = "Ecs"
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
`;

const TF_HEREDOC = `resource "aws_ecs_task_definition" "worker" {
  family                   = "worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions    = <<-EOF
    [
      { "name": "worker", "image": "busybox", "essential": true, "command": ["sleep", "60"] }
    ]
  EOF
}
`;

/** HCL literals and JSON values (`"x"`, `256`, `true` read the same way as JSON), and HCL names. */
const hclScalar = (text: string) =>
  /^[A-Za-z_][A-Za-z0-9_-]*$/.test(text) && !['true', 'false', 'null'].includes(text) ? text : parseJsonc(text);
/** network_mode ~ networkMode, actions ~ Action, size_in_gib ~ sizeInGiB: the same words. */
const sameWords = (written: string, modelKey: string) => {
  const words = (k: string) => k.replace(/[_-]/g, '').toLowerCase().replace(/s$/, '');
  return words(written) === words(modelKey);
};

SOURCES.push({
  name: 'terraform',
  parse: (uri, text) => terraformSource.parse({ uri, text }),
  scalar: hclScalar,
  sameKey: sameWords,
  notWrittenAlone: (document, path) => (document as TerraformSourceDocument).isImplied(path),
  // A new .tf file of its own: the policy of the resource it writes.
  readPolicy: (content) => {
    const written = terraformSource.parse({ uri: 'file:///contract/rendered.tf', text: content });
    assert.deepEqual(written.syntaxProblems, [], content);
    return written.model.subjects.find((s) => s.kind === 'identity-policy')?.value;
  },
  // statement {} blocks take lists (`actions = ["logs:PutLogEvents"]`), which IAM reads as the one string.
  comparable: (policy) =>
    JSON.parse(JSON.stringify(policy), (key, v: unknown) =>
      ['Action', 'NotAction', 'Resource', 'NotResource'].includes(key) && Array.isArray(v) && v.length === 1 ? v[0] : v,
    ),
  documents: [
    {
      name: 'a task definition with jsonencode containers and blocks',
      uri: 'file:///tf/web/main.tf',
      text: TF_TASK,
      edits: [
        set(['aws_ecs_task_definition.web', 'memory'], '1024'),
        set(['aws_ecs_task_definition.web', 'networkMode'], 'awsvpc'),
        set(['aws_ecs_task_definition.web', 'taskRoleArn'], 'arn:aws:iam::123456789012:role/app'),
        set(['aws_ecs_task_definition.web', 'containerDefinitions', 0, 'user'], '1000'),
        set(['aws_ecs_task_definition.web', 'runtimePlatform', 'cpuArchitecture'], 'ARM64'),
        set(['aws_ecs_task_definition.web', 'ephemeralStorage', 'sizeInGiB'], 30),
        append(['aws_ecs_task_definition.web', 'containerDefinitions', 0, 'portMappings'], { containerPort: 443 }),
        append(['aws_ecs_task_definition.web', 'containerDefinitions', 1, 'secrets'], { name: 'T', valueFrom: '/t' }),
        remove(['aws_ecs_task_definition.web', 'containerDefinitions', 1]),
        remove(['aws_ecs_task_definition.web', 'containerDefinitions', 0, 'essential']),
        remove(['aws_ecs_task_definition.web', 'networkMode']),
        remove(['aws_ecs_task_definition.web', 'volumes', 0]),
        rename(['aws_ecs_task_definition.web', 'containerDefinitions', 0, 'environment'], 'secrets'),
      ],
    },
    {
      name: 'a role with an inline jsonencode policy and an aws_iam_policy_document trust policy',
      uri: 'file:///tf/iam/iam.tf',
      text: TF_IAM,
      edits: [
        append(['data.aws_iam_policy_document.assume', 'Statement'], {
          Sid: 'More',
          Effect: 'Allow',
          Action: 'sts:TagSession',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
        }),
        set(['data.aws_iam_policy_document.assume', 'Statement', 0, 'Principal', 'Service'], 'ecs.amazonaws.com'),
        set(['data.aws_iam_policy_document.assume', 'Statement', 0, 'Effect'], 'Deny'),
        rename(['data.aws_iam_policy_document.assume', 'Statement', 0, 'Condition', 'StringEquals'], 'StringLike'),
        remove(['data.aws_iam_policy_document.assume', 'Statement', 0, 'Sid']),
        append(['aws_iam_role.exec', 'inline_policy', 0, 'policy', 'Statement'], {
          Effect: 'Allow',
          Action: 'ssm:GetParameters',
          Resource: '*',
        }),
        append(['aws_iam_role.exec', 'inline_policy', 0, 'policy', 'Statement', 0, 'Action'], 'logs:CreateLogStream'),
        remove(['aws_iam_role.exec', 'inline_policy', 0, 'policy', 'Statement', 0, 'Sid']),
        insert(
          ['aws_iam_role.exec', 'inline_policy', 0, 'policy', 'Statement', 0],
          'Condition',
          { Bool: { 'aws:SecureTransport': 'true' } },
          0,
        ),
      ],
    },
    {
      name: 'containers in a heredoc',
      uri: 'file:///tf/worker/main.tf',
      text: TF_HEREDOC,
      edits: [
        set(['aws_ecs_task_definition.worker', 'containerDefinitions', 0, 'image'], 'busybox:1.36'),
        append(['aws_ecs_task_definition.worker', 'containerDefinitions', 0, 'command'], 'more'),
        remove(['aws_ecs_task_definition.worker', 'containerDefinitions', 0, 'essential']),
        set(['aws_ecs_task_definition.worker', 'containerDefinitions', 0, 'user'], '1000'),
      ],
    },
  ],
});

// A template as people write it: short tags and long forms, quotes of both kinds, flow and block lists,
// comments, a condition (two variants), a role with an inline policy and a separate AWS::IAM::Policy.
const TEMPLATE_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Parameters:
  Env:
    Type: String
Resources:
  ExecRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: logs # written by hand
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: '*'
  PullPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: pull
      Roles: [!Ref ExecRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - ecr:GetAuthorizationToken
            Resource: "*"
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      Cpu: 256
      Memory: !If [IsProd, 1024, '512']
      NetworkMode: bridge
      RequiresCompatibilities:
        - FARGATE
      ExecutionRoleArn: !GetAtt ExecRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Essential: "true"
          PortMappings:
            - ContainerPort: 80
          Environment:
            - { Name: MODE, Value: prod }
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: /ecs/web
              awslogs-region: eu-west-1
        - Name: side
          Image: busybox
          Essential: false
          Memory: 128
`;

const TEMPLATE_JSON = `${JSON.stringify(
  {
    Resources: {
      TaskDef: {
        Type: 'AWS::ECS::TaskDefinition',
        Metadata: { 'aws:cdk:path': 'Stack/TaskDef/Resource' },
        Properties: {
          Cpu: '256',
          Memory: '512',
          NetworkMode: 'awsvpc',
          RequiresCompatibilities: ['FARGATE'],
          ExecutionRoleArn: { 'Fn::GetAtt': ['ExecRole', 'Arn'] },
          ContainerDefinitions: [{ Name: 'web', Image: 'nginx', Essential: true, PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }] }],
        },
      },
      ExecRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
        },
      },
    },
  },
  null,
  1,
)}\n`;

const TASK_PATH = ['Resources', 'TaskDef', 'Properties'];

SOURCES.push({
  name: 'cloudformation',
  parse: (uri, text) => cloudFormationSource.parse({ uri, text }),
  scalar: (text) => parseYamlText(text),
  // The template writes Cpu where the model has cpu.
  sameKey: (written, modelKey) => written.toLowerCase() === modelKey.toLowerCase(),
  documents: [
    {
      name: 'a YAML template with a condition, a role and a separate policy',
      uri: 'file:///ws/template.yaml',
      text: TEMPLATE_YAML,
      edits: [
        set([...TASK_PATH, 'networkMode'], 'awsvpc'),
        set([...TASK_PATH, 'cpu'], '512'),
        set([...TASK_PATH, 'containerDefinitions', 0, 'user'], '1000'),
        set([...TASK_PATH, 'runtimePlatform', 'cpuArchitecture'], 'ARM64'),
        set([...TASK_PATH, 'containerDefinitions', 0, 'logConfiguration', 'options', 'awslogs-stream-prefix'], 'web'),
        insert(TASK_PATH, 'taskRoleArn', 'arn:aws:iam::123456789012:role/app', 0),
        append([...TASK_PATH, 'containerDefinitions', 0, 'portMappings'], { containerPort: 443 }),
        append([...TASK_PATH, 'containerDefinitions', 1, 'secrets'], { name: 'T', valueFrom: '/t' }),
        append([...TASK_PATH, 'requiresCompatibilities'], 'EC2'),
        remove([...TASK_PATH, 'containerDefinitions', 1]),
        remove([...TASK_PATH, 'containerDefinitions', 0, 'logConfiguration', 'options', 'awslogs-region']),
        remove([...TASK_PATH, 'networkMode']),
        rename([...TASK_PATH, 'containerDefinitions', 0, 'environment'], 'secrets'),
        append(['Resources', 'ExecRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement'], {
          Effect: 'Allow',
          Action: ['ssm:GetParameters'],
          Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/web/*',
        }),
        append(['Resources', 'ExecRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action'], 'logs:CreateLogGroup'),
        set(
          ['Resources', 'ExecRole', 'Properties', 'AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'Service'],
          'ecs.amazonaws.com',
        ),
        append(['Resources', 'PullPolicy', 'Properties', 'PolicyDocument', 'Statement', 0, 'Action'], 'ecr:BatchGetImage'),
      ],
    },
    {
      name: 'a CDK-synth JSON template',
      uri: 'file:///ws/cdk.out/Stack.template.json',
      text: TEMPLATE_JSON,
      edits: [
        set([...TASK_PATH, 'memory'], '1024'),
        set([...TASK_PATH, 'containerDefinitions', 0, 'user'], '1000'),
        append([...TASK_PATH, 'containerDefinitions', 0, 'portMappings'], { containerPort: 443 }),
        remove([...TASK_PATH, 'networkMode']),
        rename([...TASK_PATH, 'containerDefinitions', 0, 'essential'], 'privileged'),
        insert(TASK_PATH, 'family', 'web', 0),
      ],
    },
  ],
});

SOURCES.push({
  name: 'terraform-plan',
  parse: (uri, text) => terraformPlanSource.parse({ uri, text }),
  scalar: (text) => parseJsonc(text),
  sameKey: sameWords,
  // Containers and policies are JSON strings in a plan: their values sit inside the string.
  notWrittenAlone: (_document, path) =>
    path.includes('containerDefinitions') || path.some((s) => s === 'assume_role_policy' || s === 'policy'),
  documents: [
    {
      name: 'terraform show -json plan output with a child module',
      uri: 'file:///tf/plan.json',
      text: readFileSync(join(__dirname, '..', '..', 'fixtures', 'terraform-plan', 'plan.json'), 'utf8'),
      edits: [],
    },
  ],
});

/** Every path under `value` that holds a scalar, with the scalar. */
function* scalars(value: unknown, path: JsonPath = []): Generator<{ path: JsonPath; value: unknown }> {
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* scalars(value[i], [...path, i]);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* scalars(v, [...path, k]);
  else yield { path, value };
}

function valueAt(value: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
}

/** What an edit does to a model value, done on a copy: the model the re-parsed text must have. */
function applied(value: unknown, edit: ModelEdit): unknown {
  const copy = structuredClone(value);
  if (edit.op === 'text' || edit.op === 'create') throw new Error(`${edit.op} edits have no model meaning`);
  const parentOf = (path: JsonPath, create: boolean) => {
    let at = copy as Record<string | number, unknown>;
    for (const segment of path) {
      if (at[segment] === undefined && create) at[segment] = {};
      at = at[segment] as Record<string | number, unknown>;
    }
    return at;
  };
  const last = (path: JsonPath) => path[path.length - 1];
  switch (edit.op) {
    case 'set':
      parentOf(edit.path.slice(0, -1), true)[last(edit.path)] = edit.value;
      break;
    case 'insert': {
      const object = parentOf(edit.path, false);
      const entries = Object.entries(object);
      entries.splice(edit.index, 0, [edit.key, edit.value]);
      for (const key of Object.keys(object)) delete object[key];
      Object.assign(object, Object.fromEntries(entries));
      break;
    }
    case 'append': {
      const parent = parentOf(edit.path.slice(0, -1), true);
      const key = last(edit.path);
      parent[key] = [...((parent[key] as unknown[] | undefined) ?? []), edit.value];
      break;
    }
    case 'remove': {
      const parent = parentOf(edit.path.slice(0, -1), false);
      if (Array.isArray(parent)) parent.splice(Number(last(edit.path)), 1);
      else delete parent[last(edit.path)];
      break;
    }
    case 'rename': {
      const parent = parentOf(edit.path.slice(0, -1), false);
      const entries = Object.entries(parent).map(([k, v]): [string, unknown] => [k === last(edit.path) ? edit.key : k, v]);
      for (const key of Object.keys(parent)) delete parent[key];
      Object.assign(parent, Object.fromEntries(entries));
      break;
    }
  }
  return copy;
}

const inside = (span: { offset: number; length: number }, text: string) =>
  span.offset >= 0 && span.length >= 0 && span.offset + span.length <= text.length;
const within = (inner: { offset: number; length: number }, outer: { offset: number; length: number }) =>
  inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;

// The Terraform source parses with WebAssembly that loads first.
before(() => prepareSources(nodeAssets));

for (const source of SOURCES) {
  describe(`source contract: ${source.name}`, () => {
    for (const fixture of source.documents) {
      let parsed: SourceDocument | undefined;
      const parse = () => (parsed ??= source.parse(fixture.uri, fixture.text));
      const sameKey = source.sameKey ?? ((a: string, b: string) => a === b);
      const alone = (path: JsonPath) => !source.notWrittenAlone?.(parse(), path);

      test(`${fixture.name}: it is recognised, and every finding is located inside it`, () => {
        const document = parse();
        assert.notEqual(document.model.kind, 'unknown');
        assert.ok(document.model.subjects.length > 0);
        for (const finding of analyze(document.model).findings) {
          const subject = subjectOf(document.model, finding.subjectPath, finding.variant?.choices);
          for (const target of ['value', 'key', 'property'] as const) {
            const span = document.locate(finding.path, target, subject);
            assert.ok(span && inside(span, document.text), `${finding.ruleId} at ${JSON.stringify(finding.path)} (${target})`);
          }
        }
      });

      test(`${fixture.name}: model objects have no prototype, so a key such as __proto__ is data`, () => {
        const pending: unknown[] = [parse().model.value];
        while (pending.length) {
          const value = pending.pop();
          if (typeof value !== 'object' || value === null) continue;
          if (!Array.isArray(value)) assert.equal(Object.getPrototypeOf(value), null, JSON.stringify(value).slice(0, 80));
          pending.push(...Object.values(value));
        }
      });

      test(`${fixture.name}: locate() of every scalar lands on its text, and of its key on the key`, () => {
        const document = parse();
        const located = (subject: Subject, path: JsonPath, target: 'value' | 'key') => {
          const span = document.locate(path, target, subject);
          assert.ok(span && inside(span, document.text), `${JSON.stringify(path)} ${target}`);
          return span;
        };
        for (const subject of document.model.subjects) {
          const whole = located(subject, subject.path, 'value');
          for (const leaf of scalars(subject.value)) {
            if (hasUnknown(leaf.value)) continue;
            const path = [...subject.path, ...leaf.path];
            if (!alone(path)) continue;
            const span = located(subject, path, 'value');
            if (span.uri) continue;
            assert.ok(within(span, whole), `${JSON.stringify(path)} lies inside its subject`);
            const written = document.text.slice(span.offset, span.offset + span.length);
            assert.equal(String(source.scalar(written)), String(leaf.value), `${JSON.stringify(path)} is written as ${written}`);
            const last = path[path.length - 1];
            if (typeof last === 'string') {
              const key = located(subject, path, 'key');
              const keyText = String(source.scalar(document.text.slice(key.offset, key.offset + key.length)));
              assert.ok(sameKey(keyText, last), `the key of ${JSON.stringify(path)} is written ${keyText}`);
            }
          }
        }
      });

      test(`${fixture.name}: cursor() inside a scalar or its key gives back the model path`, () => {
        const document = parse();
        for (const subject of document.model.subjects) {
          for (const leaf of scalars(subject.value)) {
            if (hasUnknown(leaf.value)) continue;
            const path = [...subject.path, ...leaf.path];
            if (!alone(path)) continue;
            const span = document.locate(path, 'value', subject)!;
            if (span.uri) continue;
            const onValue = document.cursor(span.offset + Math.min(1, span.length - 1));
            assert.deepEqual(onValue?.path, path, `cursor in the value of ${JSON.stringify(path)}`);
            assert.equal(onValue?.onKey, false);
            assert.deepEqual(onValue?.relativePath, path.slice(onValue!.subject.path.length));
            if (typeof path[path.length - 1] === 'string') {
              const key = document.locate(path, 'key', subject)!;
              const onKey = document.cursor(key.offset + 1);
              assert.deepEqual(onKey?.path, path, `cursor in the key of ${JSON.stringify(path)}`);
              assert.equal(onKey?.onKey, true);
            }
          }
        }
      });

      test(`${fixture.name}: renderDocument() of each policy writes a document that reads back as the policy`, (t) => {
        const document = parse();
        if (!document.renderDocument) return t.skip('this source writes no documents');
        for (const subject of document.model.subjects) {
          if (!subject.kind.endsWith('-policy') || hasUnknown(JSON.stringify(subject.value))) continue;
          const rendered = document.renderDocument(subject.value);
          assert.ok(rendered, `${subject.kind} at ${JSON.stringify(subject.path)}`);
          const comparable = source.comparable ?? ((policy: unknown) => policy);
          const read = (source.readPolicy ?? source.scalar)(rendered.content);
          assert.deepEqual(plain(comparable(read)), plain(comparable(subject.value)));
        }
      });

      for (const edit of fixture.edits) {
        test(`${fixture.name}: edit ${edit.op} ${JSON.stringify('path' in edit ? edit.path : '')} re-parses to the model it describes`, () => {
          const document = parse();
          const changes = document.edit([edit]);
          assert.ok(changes && changes.length > 0, 'the edit is rendered');
          for (const change of changes) assert.ok(inside(change, document.text));
          const after = source.parse(fixture.uri, applyChanges(document.text, changes));
          assert.deepEqual(after.syntaxProblems, [], after.text);
          assert.deepEqual(plain(after.model.value), plain(applied(document.model.value, edit)));
          if (edit.op === 'set' || edit.op === 'append') assert.ok(valueAt(after.model.value, edit.path) !== undefined);
        });
      }
    }
  });
}
