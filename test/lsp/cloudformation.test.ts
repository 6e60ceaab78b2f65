// Protocol tests for CloudFormation templates, YAML and JSON (a CDK synth, a SAM template): the built server
// as an editor starts it. The rules report with their own ids on the right YAML or JSON node; quick fixes
// and Fix all edit the template in place; a fix in another resource (the execution role's policy) edits
// that resource; hover and completion work in YAML; other YAML files get nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, positionOf, rangeOf } from '../helpers/lspClient';

/** Diagnostics in document order, as an editor lists them. */
const inOrder = (diagnostics: Diagnostic[]) =>
  [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
/** The range of `value` written right after `prefix`. */
function valueRange(text: string, prefix: string, value: string) {
  const { start } = rangeOf(text, `${prefix}${value}`);
  return {
    start: { line: start.line, character: start.character + prefix.length },
    end: { line: start.line, character: start.character + prefix.length + value.length },
  };
}
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 1);
const markdown = (hover: unknown) => (hover as { contents?: { value?: string } } | null)?.contents?.value ?? '';

const WEB = `AWSTemplateFormatVersion: '2010-09-09'
Description: A Fargate service with the mistakes people make
Resources:
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      RequiresCompatibilities: [FARGATE]
      NetworkMode: bridge # copied from the EC2 stack
      Cpu: 256
      Memory: '4096'
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Privileged: true
          PortMappings:
            - ContainerPort: 8080
              HostPort: 80
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: /ecs/web
              awslogs-region: eu-west-1
`;

/** Execution role and task definition in one template: the role lacks the secrets' permissions. */
const SECRETS = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: web/db
  ExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: ecs-tasks.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
      Policies:
        - PolicyName: secrets # ours
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: kms:Decrypt
                Resource: '*'
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ExecutionRoleArn: !GetAtt ExecutionRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Secrets:
            - Name: API_TOKEN
              ValueFrom: arn:aws:ssm:eu-west-1:123456789012:parameter/web/token
            - Name: DB_PASSWORD
              ValueFrom: !Ref DbSecret
`;

/** What `cdk synth` writes to cdk.out: long-form intrinsics, a DefaultPolicy for the execution role. */
const CDK = `${JSON.stringify(
  {
    Resources: {
      TaskDefTaskRole1EDB4A67: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
            Version: '2012-10-17',
          },
        },
        Metadata: { 'aws:cdk:path': 'Stack/TaskDef/TaskRole/Resource' },
      },
      TaskDefExecutionRoleB4775C97: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Action: 'sts:AssumeRole',
                Effect: 'Allow',
                Principal: { Service: { 'Fn::Join': ['', ['ecs-tasks.', { Ref: 'AWS::URLSuffix' }]] } },
              },
            ],
            Version: '2012-10-17',
          },
        },
        Metadata: { 'aws:cdk:path': 'Stack/TaskDef/ExecutionRole/Resource' },
      },
      TaskDefExecutionRoleDefaultPolicyA8A86BA1: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyDocument: {
            Statement: [
              {
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Effect: 'Allow',
                Resource: { 'Fn::GetAtt': ['TaskDefwebLogGroup7A5A1F0B', 'Arn'] },
              },
            ],
            Version: '2012-10-17',
          },
          PolicyName: 'TaskDefExecutionRoleDefaultPolicyA8A86BA1',
          Roles: [{ Ref: 'TaskDefExecutionRoleB4775C97' }],
        },
        Metadata: { 'aws:cdk:path': 'Stack/TaskDef/ExecutionRole/DefaultPolicy/Resource' },
      },
      TaskDefwebLogGroup7A5A1F0B: { Type: 'AWS::Logs::LogGroup', UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain' },
      TaskDef54694570: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          ContainerDefinitions: [
            {
              Essential: true,
              Image: {
                'Fn::Sub': '123456789012.dkr.ecr.eu-west-1.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-123456789012-eu-west-1:abc123',
              },
              LogConfiguration: {
                LogDriver: 'awslogs',
                Options: {
                  'awslogs-group': { Ref: 'TaskDefwebLogGroup7A5A1F0B' },
                  'awslogs-stream-prefix': 'web',
                  'awslogs-region': 'eu-west-1',
                },
              },
              Name: 'web',
              PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }],
            },
          ],
          Cpu: '256',
          ExecutionRoleArn: { 'Fn::GetAtt': ['TaskDefExecutionRoleB4775C97', 'Arn'] },
          Family: 'StackTaskDef',
          Memory: '4096',
          NetworkMode: 'awsvpc',
          RequiresCompatibilities: ['FARGATE'],
          TaskRoleArn: { 'Fn::GetAtt': ['TaskDefTaskRole1EDB4A67', 'Arn'] },
        },
        Metadata: { 'aws:cdk:path': 'Stack/TaskDef/Resource' },
      },
    },
  },
  null,
  1,
)}\n`;

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  ContainerCpu:
    Type: Number
    Default: 512
  ContainerMemory:
    Type: Number
    Default: 512
Resources:
  Notifier:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
  Worker:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities:
        - FARGATE
      NetworkMode: awsvpc
      Cpu: !Ref ContainerCpu
      Memory: !Ref ContainerMemory
      ContainerDefinitions:
        - Name: worker
          Image: public.ecr.aws/docker/library/python:3.12
          Essential: false
`;

describe('CloudFormation templates over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.shutdown());

  test('a YAML template: each rule on its own node, with its id and docs link', async () => {
    const uri = 'file:///ws/web.yaml';
    await client.open(uri, WEB, 'yaml');
    const found = inOrder(errors(await client.diagnostics(uri)));
    assert.deepEqual(
      found.map((d) => [d.code, d.range, d.source]),
      [
        ['fargate-network-mode', rangeOf(WEB, 'bridge'), 'fargate-lint'],
        ['fargate-cpu-memory', rangeOf(WEB, "'4096'"), 'fargate-lint'],
        ['fargate-unsupported-parameter', rangeOf(WEB, 'Privileged'), 'fargate-lint'],
        ['awsvpc-host-port', valueRange(WEB, 'HostPort: ', '80'), 'fargate-lint'],
        ['execution-role-required', rangeOf(WEB, 'awslogs', 0), 'fargate-lint'],
        ['awslogs-options', rangeOf(WEB, 'Options'), 'fargate-lint'],
      ],
    );
    assert.equal(found[1].codeDescription?.href, 'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/fargate-cpu-memory.md');
    assert.match(messageOf(found[5]), /awslogs-stream-prefix/);
    assert.deepEqual((found[1].data as { resource?: string }).resource, 'TaskDefinition');
  });

  test('quick fixes edit the YAML in place, keeping the comment; Fix all applies the safe ones', async () => {
    const uri = 'file:///ws/fix.yaml';
    await client.open(uri, WEB, 'yaml');
    const fixed = await client.applyFix(uri, 'fargate-network-mode', 'Set networkMode to "awsvpc"');
    assert.equal(fixed, WEB.replace('NetworkMode: bridge # copied', 'NetworkMode: awsvpc # copied'));
    const [fixAll] = await client.codeActions(uri, rangeOf(fixed, 'Resources'), [], ['source.fixAll']);
    assert.ok(fixAll?.edit, 'Fix all is offered');
    const after = await client.applyEdit(uri, fixAll.edit);
    // The host port matches the container port; nothing else changed but what the safe fixes say.
    assert.match(after, /ContainerPort: 8080\n {14}HostPort: 8080\n/);
    assert.ok(after.startsWith("AWSTemplateFormatVersion: '2010-09-09'\nDescription: A Fargate service"), after);
  });

  test('the execution role in the same template: missing grants found, and the fix adds a statement to its policy', async () => {
    const uri = 'file:///ws/secrets.yaml';
    await client.open(uri, SECRETS, 'yaml');
    const found = (await client.diagnostics(uri)).filter((d) => d.code === 'execution-role-permission');
    assert.deepEqual(
      found.map((d) => [d.severity, d.range]),
      [
        [1, rangeOf(SECRETS, 'arn:aws:ssm:eu-west-1:123456789012:parameter/web/token')],
        [1, rangeOf(SECRETS, '!Ref DbSecret')],
      ],
    );
    assert.equal(
      messageOf(found[0]),
      'execution role ExecutionRole lacks ssm:GetParameters on arn:aws:ssm:eu-west-1:123456789012:parameter/web/token (needed to inject secret API_TOKEN into container app)',
    );
    assert.equal(
      messageOf(found[1]),
      'execution role ExecutionRole lacks secretsmanager:GetSecretValue on arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:web/db-?????? (needed to inject secret DB_PASSWORD into container app)',
    );
    const fixed = await client.applyFix(
      uri,
      'execution-role-permission',
      /^Add secretsmanager:GetSecretValue to the policy of role ExecutionRole/,
    );
    assert.equal(
      fixed,
      SECRETS.replace(
        "                Resource: '*'\n",
        [
          "                Resource: '*'",
          '              - Sid: ExecutionRoleSecretSecretsmanager',
          '                Effect: Allow',
          '                Action: secretsmanager:GetSecretValue',
          '                Resource: !Ref DbSecret',
          '',
        ].join('\n'),
      ),
    );
    const left = (await client.diagnostics(uri)).filter((d) => d.code === 'execution-role-permission');
    assert.deepEqual(
      left.map((d) => d.range),
      [rangeOf(fixed, 'arn:aws:ssm:eu-west-1:123456789012:parameter/web/token')],
    );
  });

  test('a CDK-synth JSON template in cdk.out: the same rules on the JSON nodes, its DefaultPolicy read with the role', async () => {
    const uri = 'file:///ws/cdk.out/Stack.template.json';
    await client.open(uri, CDK, 'json');
    const found = inOrder(errors(await client.diagnostics(uri)));
    const imageStart = CDK.indexOf('{', CDK.indexOf('"Image"'));
    const image = CDK.slice(imageStart, CDK.indexOf('}', CDK.indexOf('abc123"', imageStart)) + 1);
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [
        ['execution-role-permission', rangeOf(CDK, image)],
        ['fargate-cpu-memory', rangeOf(CDK, '"4096"')],
      ],
    );
    assert.match(messageOf(found[0]), /^execution role TaskDefExecutionRoleB4775C97 lacks ecr:GetAuthorizationToken on \*; /);
    const fixed = await client.applyFix(uri, 'fargate-cpu-memory', /^Set memory to 2048/);
    assert.equal(fixed, CDK.replace('"Memory": "4096"', '"Memory": "2048"'));
  });

  test('a SAM template: its ECS resources are checked, parameters through their Default', async () => {
    const uri = 'file:///ws/sam/template.yaml';
    await client.open(uri, SAM, 'yaml');
    const found = inOrder(errors(await client.diagnostics(uri)));
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [
        ['fargate-cpu-memory', rangeOf(SAM, '!Ref ContainerMemory')],
        ['essential-container', rangeOf(SAM, 'ContainerDefinitions')],
      ],
    );
  });

  test('hover and completion in YAML: the size table on Cpu and Memory, IAM actions, valid memory values', async () => {
    const uri = 'file:///ws/assist.yaml';
    await client.open(uri, SECRETS, 'yaml');
    const cpu = markdown(await client.hover(uri, positionOf(SECRETS, "Cpu: '256'", 1)));
    assert.match(cpu, /\*\*Fargate task sizes\*\*/);
    assert.match(cpu, /This task asks for \*\*0\.25 vCPU\*\* \(256 CPU units\) and \*\*0\.5 GB\*\* \(512 MiB\): a valid Fargate size\./);
    const memory = markdown(await client.hover(uri, positionOf(SECRETS, "'512'", 2)));
    assert.match(memory, /Memory values for cpu 256: 512, 1024, 2048 MiB\./);
    const action = markdown(await client.hover(uri, positionOf(SECRETS, 'kms:Decrypt', 3)));
    assert.match(action, /^\*\*kms:Decrypt\*\* — AWS Key Management Service/);
    const values = await client.completion(uri, positionOf(SECRETS, "'512'", 1));
    assert.deepEqual(
      values.map((i) => (i.textEdit as { newText: string }).newText),
      ["'512'", "'1024'", "'2048'"],
    );
    const actions = await client.completion(uri, positionOf(SECRETS, 'kms:Decrypt', 4));
    assert.ok(
      actions.some((i) => (i.textEdit as { newText: string }).newText === 'kms:GenerateDataKey'),
      'KMS actions, as YAML',
    );
    const modes = await client.completion(uri, positionOf(SECRETS, 'NetworkMode: awsvpc', 14));
    assert.deepEqual(
      modes.map((i) => [(i.textEdit as { newText: string }).newText, i.preselect ?? false]),
      [
        ['awsvpc', true],
        ['bridge', false],
        ['host', false],
        ['none', false],
      ],
    );
  });

  test('hover on Cpu with parameters: which combinations work', async () => {
    const text = SAM.replace(
      '    Type: Number\n    Default: 512\n  ContainerMemory',
      '    Type: Number\n    AllowedValues: [512, 1024]\n  ContainerMemory',
    ).replace(
      '  ContainerMemory:\n    Type: Number\n    Default: 512',
      '  ContainerMemory:\n    Type: Number\n    AllowedValues: [512, 1024]',
    );
    const uri = 'file:///ws/sam/params.yaml';
    await client.open(uri, text, 'yaml');
    const hover = markdown(await client.hover(uri, positionOf(text, 'Cpu: !Ref', 1)));
    assert.match(
      hover,
      /\*\*Combinations\*\*: this task definition's values depend on parameter ContainerCpu, parameter ContainerMemory\./,
    );
    assert.match(hover, /\| 512 \| 1024 \| 512 \| 1024 \| ✓ valid \|/);
    assert.match(hover, /\| 1024 \| 1024 \| 1024 \| 1024 \| ✗ not a size \|/);
    // Cpu 1024 fails with either memory, memory 512 with either cpu: those branches are errors.
    const found = errors(await client.diagnostics(uri)).filter((d) => d.code === 'fargate-cpu-memory');
    assert.deepEqual(found.map(messageOf), [
      'Fargate has no task size with cpu 1024 (1 vCPU) and memory 512 (0.5 GB). For cpu 1024 memory must be one of 2048, 3072, 4096, 5120, 6144, 7168, 8192. Memory 512 needs cpu 256. (when parameter ContainerCpu is 1024, or when parameter ContainerMemory is 512)',
    ]);
  });

  test('YAML that is no template gets nothing, and a template without problems gets no error', async () => {
    const workflow = 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
    await client.open('file:///ws/.github/workflows/ci.yml', workflow, 'yaml');
    assert.deepEqual(await client.diagnostics('file:///ws/.github/workflows/ci.yml'), []);
    assert.equal(await client.hover('file:///ws/.github/workflows/ci.yml', positionOf(workflow, 'runs-on', 2)), null);
  });
});
