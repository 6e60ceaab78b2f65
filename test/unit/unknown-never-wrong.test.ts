// "Unknown is never wrong", as a property: take valid subjects (the test builders and a few documents shaped
// like the corpus's), replace any one value (scalar, array or object) by an unknown marker, or put a marker
// into any string, and no rule may report an error. A source writes a marker wherever it cannot resolve a
// value (a CloudFormation Ref to a parameter, a Terraform var.x), so this is what keeps templates free of
// false errors. As in a template, a subject keeps its kind whatever its content: the kind comes from where
// it is written (AssumeRolePolicyDocument is a trust policy), not from what the marker hides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import type { JsonPath } from '../../server/src/core/json';
import type { Model } from '../../server/src/core/model';
import type { AnyRule } from '../../server/src/core/rule';
import { serviceRules } from '../../server/src/core/rules/ecs-service';
import { executionRoleRules } from '../../server/src/core/rules/execution-role';
import { iamRules } from '../../server/src/core/rules/iam';
import { taskDefinitionRules } from '../../server/src/core/rules/task-definition';
import { unknownMarker } from '../../server/src/core/unknown';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { parseDocument } from '../../server/src/sources';
import { documentOf, text } from '../helpers/documents';
import { container, ec2Task, fargateTask } from '../helpers/taskdefs';
import { TRUST, config, policy, task } from './rules/execution-role/fixtures';
import { ECS_EXEC_STATEMENT, appspec, service, webTask } from './rules/ecs-service/fixtures';

const RULES: readonly AnyRule[] = [...taskDefinitionRules, ...iamRules, ...executionRoleRules, ...serviceRules];
const MARKER = unknownMarker('Ref Unknown');

interface Fixture {
  name: string;
  json: unknown;
  fileName?: string;
  /** Other workspace files (under file:///ws/), for the execution-role rules. */
  files?: Record<string, unknown>;
  /** Mutate this other file (a policy the execution role uses) instead of the document itself. */
  mutate?: string;
}

const EXEC_POLICY = policy(
  { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
  {
    Effect: 'Allow',
    Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
    Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/web',
  },
  {
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*',
  },
  { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/web/*' },
  { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-*' },
);
const SECRETS = [
  { name: 'TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/web/token' },
  { name: 'DB', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::' },
];

const SERVICE_TASK = webTask({ volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] }, [
  {
    name: 'web',
    image: 'nginx',
    essential: true,
    portMappings: [{ containerPort: 80, name: 'http' }],
    healthCheck: { command: ['CMD-SHELL', 'true'] },
    readonlyRootFilesystem: true,
    user: '1000',
  },
]);
const { launchType: _launchType, ...SERVICE_BASE } = service({
  platformVersion: '1.4.0',
  healthCheckGracePeriodSeconds: 30,
  deploymentController: { type: 'ECS' },
  deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
  serviceConnectConfiguration: { enabled: true, namespace: 'internal', services: [{ portName: 'http', clientAliases: [{ port: 80 }] }] },
});
const SERVICE = {
  ...SERVICE_BASE,
  capacityProviderStrategy: [
    { capacityProvider: 'FARGATE', base: 1, weight: 1 },
    { capacityProvider: 'FARGATE_SPOT', weight: 2 },
  ],
};

const FIXTURES: Fixture[] = [
  { name: 'the smallest Fargate task definition', json: fargateTask() },
  {
    name: 'a Fargate service task with a sidecar, health check, volumes and logs',
    json: fargateTask(
      [
        container('app', {
          image: 'public.ecr.aws/nginx/nginx:1.27',
          essential: true,
          cpu: 128,
          memory: 256,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
          environment: [{ name: 'MODE', value: 'prod' }],
          mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }],
          dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
          healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'], interval: 30, timeout: 5, retries: 3 },
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'app' },
          },
          user: '1000',
          readonlyRootFilesystem: true,
          ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }],
        }),
        container('init', {
          image: 'busybox:1.36',
          essential: false,
          command: ['sh', '-c', 'true'],
          user: '1000',
          readonlyRootFilesystem: true,
        }),
      ],
      {
        cpu: '512',
        memory: '1024',
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
        ephemeralStorage: { sizeInGiB: 30 },
        volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', transitEncryption: 'ENABLED' } }],
        tags: [{ key: 'team', value: 'web' }],
        executionRoleArn: 'arn:aws:iam::123456789012:role/execRole',
      },
    ),
  },
  {
    name: 'an EC2 task definition',
    json: ec2Task([container('app', { memory: 256, portMappings: [{ containerPort: 80, hostPort: 8080 }] })]),
  },
  { name: 'describe-task-definition output', json: { taskDefinition: fargateTask() } },
  { name: 'bare container definitions', json: [container('app', { essential: true, memory: 256 })] },
  {
    name: 'an identity policy with conditions and a resource list',
    json: policy(
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'],
      },
      {
        Sid: 'Tagged',
        Effect: 'Allow',
        Action: 'ec2:StartInstances',
        Resource: 'arn:aws:ec2:eu-west-1:123456789012:instance/*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'web' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      },
      {
        Effect: 'Deny',
        NotAction: ['iam:*'],
        NotResource: 'arn:aws:s3:::secret/*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ),
  },
  {
    name: 'a role trust policy for ECS tasks with a confused-deputy condition',
    json: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:eu-west-1:123456789012:*' },
            StringEquals: { 'aws:SourceAccount': '123456789012' },
          },
        },
      ],
    },
  },
  {
    name: 'a secret resource policy',
    json: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/execRole' },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'a role file with its trust policy and an inline policy',
    json: {
      RoleName: 'execRole',
      AssumeRolePolicyDocument: TRUST,
      Policies: [{ PolicyName: 'exec', PolicyDocument: EXEC_POLICY }],
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    },
  },
  {
    name: 'a task definition whose execution role is in the workspace (ECR, logs, SSM and Secrets Manager)',
    json: task({ secrets: SECRETS }),
    files: { 'fargate-lint.json': config(['iam/exec-policy.json']), 'iam/exec-policy.json': EXEC_POLICY, 'iam/trust.json': TRUST },
  },
  {
    name: 'the same task definition, with the unknown in its execution role policy',
    json: task({ secrets: SECRETS }),
    files: { 'fargate-lint.json': config(['iam/exec-policy.json']), 'iam/exec-policy.json': EXEC_POLICY, 'iam/trust.json': TRUST },
    mutate: 'iam/exec-policy.json',
  },
  {
    name: 'the same task definition, with the unknown in its execution role trust policy',
    json: task({ secrets: SECRETS }),
    files: { 'fargate-lint.json': config(['iam/exec-policy.json']), 'iam/exec-policy.json': EXEC_POLICY, 'iam/trust.json': TRUST },
    mutate: 'iam/trust.json',
  },
  {
    name: 'a service beside its task definition (load balancer, network, strategy, deployment, Service Connect)',
    json: SERVICE,
    fileName: 'service.json',
    files: { 'task-definition.json': SERVICE_TASK },
  },
  {
    name: 'the same service, with the unknown in its task definition',
    json: SERVICE,
    fileName: 'service.json',
    files: { 'task-definition.json': SERVICE_TASK },
    mutate: 'task-definition.json',
  },
  {
    name: 'a CodeDeploy AppSpec beside taskdef.json',
    json: appspec({
      PlatformVersion: '1.4.0',
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], AssignPublicIp: 'DISABLED' } },
      CapacityProviderStrategy: [{ Base: 1, CapacityProvider: 'FARGATE', Weight: 1 }],
    }),
    fileName: 'appspec.json',
    files: { 'taskdef.json': SERVICE_TASK },
  },
  {
    name: 'a service with ECS Exec whose task role is in the workspace, with the unknown in the task role policy',
    json: service({ enableExecuteCommand: true }),
    fileName: 'service.json',
    files: {
      'task-definition.json': webTask({ taskRoleArn: 'arn:aws:iam::123456789012:role/appRole' }, [
        {
          name: 'web',
          image: 'nginx',
          essential: true,
          portMappings: [{ containerPort: 80 }],
          linuxParameters: { initProcessEnabled: true },
        },
      ]),
      'fargate-lint.json': { roles: { appRole: { policies: ['iam/app.json'] } } },
      'iam/app.json': policy(ECS_EXEC_STATEMENT),
    },
    mutate: 'iam/app.json',
  },
];

/** Every path of a value, the root included. */
function* paths(value: unknown, path: JsonPath = []): Generator<JsonPath> {
  yield path;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* paths(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* paths(v, [...path, k]);
}

function valueAt(root: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

function replaced(root: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
  return copy;
}

/** The document with one value unknown: replaced by a marker, or, for a string, with a marker inside it. */
function* mutations(json: unknown): Generator<{ where: string; json: unknown }> {
  for (const path of paths(json)) {
    if (path.length === 0) continue;
    const value = valueAt(json, path);
    yield { where: `${JSON.stringify(path)} = marker`, json: replaced(json, path, MARKER) };
    if (typeof value === 'string') {
      const middle = Math.floor(value.length / 2);
      yield {
        where: `${JSON.stringify(path)} with a marker inside`,
        json: replaced(json, path, `${value.slice(0, middle)}${MARKER}${value.slice(middle)}`),
      };
    }
  }
}

/**
 * The model of a mutated document as a template source would build it: the subjects of the valid one, same
 * kinds and paths, with their values (or the marker that replaced them) from the mutated value.
 */
function mutatedModel(valid: Model, json: unknown): Model {
  const reread = documentOf(json).model;
  const subjects = valid.subjects.map((subject) => {
    let value: unknown = json;
    for (const segment of subject.path) {
      if (typeof value !== 'object' || value === null) break;
      value = (value as Record<string | number, unknown>)[segment];
    }
    const role = reread.subjects.find((s) => s.kind === 'role' && JSON.stringify(s.path) === JSON.stringify(subject.path))?.role;
    return { ...subject, value, role: subject.role && role };
  });
  return { ...valid, value: json, subjects };
}

function errorsOf(fixture: Fixture, mutated?: unknown): string[] {
  const root = 'file:///ws';
  const uri = `${root}/${fixture.fileName ?? 'task-definition.json'}`;
  const own = mutated !== undefined && !fixture.mutate ? mutated : fixture.json;
  let workspace: WorkspaceIndex | undefined;
  if (fixture.files) {
    workspace = new WorkspaceIndex([root]);
    for (const [path, file] of Object.entries(fixture.files)) {
      workspace.set(`${root}/${path}`, text(mutated !== undefined && fixture.mutate === path ? mutated : file));
    }
    workspace.set(uri, text(own));
  }
  const valid = documentOf(fixture.json, fixture.fileName, uri);
  const model = own === fixture.json ? valid.model : mutatedModel(valid.model, own);
  const context = { uri: fixture.files ? uri : undefined, fileName: fixture.fileName, workspace };
  return analyze(model, { document: context, rules: RULES })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.ruleId} at ${JSON.stringify(f.path)}: ${f.message}`);
}

for (const fixture of FIXTURES) {
  test(`unknown is never wrong: ${fixture.name}`, () => {
    assert.deepEqual(errorsOf(fixture), [], 'the fixture itself is valid');
    const added: string[] = [];
    let count = 0;
    for (const mutation of mutations(fixture.mutate ? fixture.files![fixture.mutate] : fixture.json)) {
      count++;
      for (const error of errorsOf(fixture, mutation.json)) added.push(`${mutation.where}: ${error}`);
    }
    assert.ok(count > 5, `${count} mutations`);
    assert.deepEqual(added, []);
  });
}

// --- Templates: the same property through the CloudFormation source ----------------------------------------
// A valid template, then each written value (scalar, list or map) replaced by an intrinsic the template cannot
// resolve (`!ImportValue`), and each string given an unknown part (`!Sub` with `${AWS::Region}` in it): the
// source turns them into markers, and no rule may report an error.

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Repository:
    Type: AWS::ECR::Repository
  DbSecret:
    Type: AWS::SecretsManager::Secret
  ExecRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
      Policies:
        - PolicyName: secrets
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [ssm:GetParameters]
                Resource: arn:aws:ssm:eu-west-1:123456789012:parameter/web/*
  SecretPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: db
      Roles: [!Ref ExecRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: secretsmanager:GetSecretValue
            Resource: !Ref DbSecret
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      Cpu: '512'
      Memory: '1024'
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      ExecutionRoleArn: !GetAtt ExecRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2
          Essential: true
          Memory: 512
          PortMappings:
            - ContainerPort: 8080
          Secrets:
            - Name: TOKEN
              ValueFrom: arn:aws:ssm:eu-west-1:123456789012:parameter/web/token
            - Name: DB
              ValueFrom: !Ref DbSecret
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: /ecs/web
              awslogs-region: eu-west-1
              awslogs-stream-prefix: app
          User: '1000'
          ReadonlyRootFilesystem: true
        - Name: init
          Image: busybox:1.36
          Essential: false
          DependsOn: []
`;

const TEMPLATE_URI = 'file:///ws/template.yaml';

function templateErrors(text: string): string[] {
  const document = parseDocument({ uri: TEMPLATE_URI, text });
  // Still read as a template (the source did not throw and fall back to an unanalysed document).
  assert.equal(document.model.kind, 'cloudformation-template', text);
  return analyze(document.model, { document: { uri: TEMPLATE_URI, fileName: 'template.yaml' }, rules: RULES })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.ruleId} at ${JSON.stringify(f.path)}: ${f.message}`);
}

/** Every written value of every subject, once each, by where it is written (the whole value, tag included). */
function writtenValues(): { path: string; offset: number; length: number; text: string; scalar: boolean }[] {
  const document = parseDocument({ uri: TEMPLATE_URI, text: TEMPLATE });
  const seen = new Set<string>();
  const found: { path: string; offset: number; length: number; text: string; scalar: boolean }[] = [];
  for (const subject of document.model.subjects) {
    for (const path of paths(subject.value)) {
      const value = valueAt(subject.value, path);
      const span = document.locate([...subject.path, ...path], 'value', subject);
      if (!span || seen.has(`${span.offset}:${span.length}`)) continue;
      seen.add(`${span.offset}:${span.length}`);
      const written = TEMPLATE.slice(span.offset, span.offset + span.length);
      found.push({
        path: JSON.stringify([...subject.path, ...path]),
        ...span,
        text: written,
        scalar: typeof value !== 'object' || value === null,
      });
    }
  }
  return found;
}

test('unknown is never wrong in a template: any written value an unresolved intrinsic, any string partly unknown', () => {
  assert.deepEqual(templateErrors(TEMPLATE), [], 'the template itself is valid');
  const added: string[] = [];
  let count = 0;
  const mutate = (where: string, offset: number, length: number, replacement: string) => {
    count++;
    const text = `${TEMPLATE.slice(0, offset)}${replacement}${TEMPLATE.slice(offset + length)}`;
    for (const error of templateErrors(text)) added.push(`${where}: ${error}`);
  };
  for (const value of writtenValues()) {
    if (value.text.startsWith('!') || value.text === '') continue;
    mutate(`${value.path} = !ImportValue`, value.offset, value.length, `!ImportValue unknown-${count}`);
    const plain = value.text.replace(/^['"]|['"]$/g, '');
    if (value.scalar && plain.length > 1 && !/[{}[\]'\n]/.test(plain)) {
      const middle = Math.floor(plain.length / 2);
      mutate(
        `${value.path} with an unknown part`,
        value.offset,
        value.length,
        `!Sub '${plain.slice(0, middle)}\${AWS::Region}${plain.slice(middle)}'`,
      );
    }
  }
  assert.ok(count > 60, `${count} mutations`);
  assert.deepEqual(added, []);
});
