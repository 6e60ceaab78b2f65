// The "Create execution-role policy" command's policy, written by the source of the document it is asked
// in: JSON for a task definition, the template's own YAML (unknown parts as the intrinsics that give them)
// or JSON for a CloudFormation template, a new .tf file for a Terraform module (its exact text for the
// module's own fixtures is asserted over LSP in test/lsp/terraform.test.ts).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { nodeAssets } from '../../server/src/node/assets';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { prepareSources } from '../../server/src/sources';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { container, fargateTask } from '../helpers/taskdefs';

function policyFor(uri: string, text: string, languageId: string, files: Record<string, string> = {}) {
  const workspace = new WorkspaceIndex(['file:///ws']);
  for (const [name, other] of Object.entries(files)) workspace.set(`file:///ws/${name}`, other, languageId);
  workspace.set(uri, text, languageId);
  const service = new FargateLintLanguageService({ workspace });
  return service.executionRolePolicy(TextDocument.create(uri, languageId, 1, text));
}

const TEMPLATE = [
  'Resources:',
  '  DbSecret:',
  '    Type: AWS::SecretsManager::Secret',
  '  TaskDef:',
  '    Type: AWS::ECS::TaskDefinition',
  '    Properties:',
  '      RequiresCompatibilities: [FARGATE]',
  '      NetworkMode: awsvpc',
  '      Cpu: 256',
  '      Memory: 512',
  '      ExecutionRoleArn: arn:aws:iam::123456789012:role/exec',
  '      ContainerDefinitions:',
  '        - Name: app',
  '          Image: nginx',
  '          Secrets:',
  '            - Name: DB',
  '              ValueFrom: !Ref DbSecret',
  '',
].join('\n');

test('a YAML template: the policy in YAML, the secret as !Ref DbSecret', () => {
  const result = policyFor('file:///ws/template.yaml', TEMPLATE, 'yaml');
  assert.equal(result.rendered?.language, 'yaml');
  const content = result.rendered!.content;
  assert.match(content, /^Version: '?2012-10-17'?\n/);
  assert.match(content, /\n {4}Action: secretsmanager:GetSecretValue\n {4}Resource: !Ref DbSecret\n/);
  // It reads back as the policy (the tag aside): YAML 1.1 as CloudFormation reads it.
  const read = parse(content, { version: '1.1', customTags: [{ tag: '!Ref', resolve: (v: string) => ({ Ref: v }) }] });
  assert.deepEqual(read.Statement.at(-1), {
    Sid: 'ExecutionRoleSecretSecretsmanager',
    Effect: 'Allow',
    Action: 'secretsmanager:GetSecretValue',
    Resource: { Ref: 'DbSecret' },
  });
});

test('a JSON template: the policy in JSON, the secret as {"Ref": "DbSecret"}', () => {
  const json = JSON.stringify(parse(TEMPLATE, { customTags: [{ tag: '!Ref', resolve: (v: string) => ({ Ref: v }) }] }), null, 2);
  const result = policyFor('file:///ws/template.json', json, 'json');
  assert.equal(result.rendered?.language, 'json');
  const policy = JSON.parse(result.rendered!.content);
  assert.deepEqual(policy.Statement.at(-1).Resource, { Ref: 'DbSecret' });
});

test('a task definition: the policy in JSON, as before', () => {
  const secret = { name: 'DB', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db' };
  const task = fargateTask([container('app', { secrets: [secret] })], { executionRoleArn: 'arn:aws:iam::123456789012:role/exec' });
  const text = JSON.stringify(task, null, 2);
  const result = policyFor('file:///ws/task.json', text, 'json');
  assert.equal(result.rendered?.language, 'json');
  assert.equal(result.rendered?.content, `${JSON.stringify(result.policy, null, 2)}\n`);
});

describe('a Terraform module: the policy as a new .tf file of the module', () => {
  before(() => prepareSources(nodeAssets));

  const TASK = (role: string) =>
    [
      'resource "aws_ecs_task_definition" "api" {',
      '  family                   = "api"',
      '  requires_compatibilities = ["FARGATE"]',
      '  network_mode             = "awsvpc"',
      '  cpu                      = 256',
      '  memory                   = 512',
      ...(role ? [`  execution_role_arn       = ${role}`] : []),
      '  container_definitions = jsonencode([{',
      '    name    = "api"',
      '    image   = "nginx"',
      '    secrets = [{ name = "DB", valueFrom = aws_secretsmanager_secret.db.arn }]',
      '  }])',
      '}',
      '',
      'resource "aws_secretsmanager_secret" "db" {',
      '  name = "db"',
      '}',
      '',
    ].join('\n');

  const POLICY = [
    '    Version   = "2012-10-17"',
    '    Statement = [',
    '      {',
    '        Sid      = "ExecutionRoleSecretSecretsmanager"',
    '        Effect   = "Allow"',
    '        Action   = "secretsmanager:GetSecretValue"',
    '        Resource = aws_secretsmanager_secret.db.arn',
    '      },',
    '    ]',
  ];

  /** The rendered file, checked to parse as part of the module. */
  function rendered(files: Record<string, string>) {
    const result = policyFor('file:///ws/main.tf', files['main.tf'], 'terraform', files);
    assert.equal(result.rendered?.language, 'terraform');
    const workspace = new WorkspaceIndex(['file:///ws']);
    for (const [name, text] of Object.entries(files)) workspace.set(`file:///ws/${name}`, text, 'terraform');
    workspace.set('file:///ws/execution-policy.tf', result.rendered!.content, 'terraform');
    assert.deepEqual(workspace.file('file:///ws/execution-policy.tf')?.syntaxProblems, []);
    return result.rendered!.content;
  }

  /** The file the command writes: a header, the resource's first lines, then its jsonencode policy. */
  const written = (...opening: string[]) =>
    [
      '# What the execution role of aws_ecs_task_definition.api needs (fargate-lint: Create execution-role policy).',
      ...opening,
      '  policy = jsonencode({',
      ...POLICY,
      '  })',
      '}',
      '',
    ].join('\n');

  test('a role ARN from a variable: the role name is its last segment', () => {
    const main = `variable "execution_role_arn" {\n  type = string\n}\n\n${TASK('var.execution_role_arn')}`;
    assert.equal(
      rendered({ 'main.tf': main }),
      written('resource "aws_iam_role_policy" "api_execution" {', '  role   = reverse(split("/", var.execution_role_arn))[0]'),
    );
  });

  test('a literal role ARN: the name; a label the module has taken gets a number', () => {
    const main = `${TASK('"arn:aws:iam::123456789012:role/api-exec"')}\nresource "aws_iam_role_policy" "api_execution" {\n  role   = "other"\n  policy = "{}"\n}\n`;
    const content = rendered({ 'main.tf': main });
    assert.match(content, /\nresource "aws_iam_role_policy" "api_execution_2" \{\n {2}role {3}= "api-exec"\n/);
  });

  test('no execution role: an aws_iam_policy to attach to it', () => {
    assert.equal(
      rendered({ 'main.tf': TASK('') }),
      written(
        '# The task definition names no execution role this module can tell: attach this policy to it',
        '# (aws_iam_role_policy_attachment).',
        'resource "aws_iam_policy" "api_execution" {',
      ),
    );
  });

  test("the module's indentation: tabs stay tabs", () => {
    const content = rendered({ 'main.tf': TASK('var.execution_role_arn').replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)) });
    assert.match(
      content,
      /\n\trole   = reverse\(split\("\/", var\.execution_role_arn\)\)\[0\]\n\tpolicy = jsonencode\(\{\n\t\tVersion   = "2012-10-17"\n/,
    );
  });
});
