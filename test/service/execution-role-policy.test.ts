// The "Create execution-role policy" command's policy, written by the source of the document it is asked
// in: JSON for a task definition, the template's own YAML (unknown parts as the intrinsics that give them)
// or JSON for a CloudFormation template.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { container, fargateTask } from '../helpers/taskdefs';

function policyFor(uri: string, text: string, languageId: string) {
  const workspace = new WorkspaceIndex(['file:///ws']);
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
