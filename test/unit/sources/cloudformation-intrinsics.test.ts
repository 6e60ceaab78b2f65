// Every intrinsic function the issue lists (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::FindInMap,
// Fn::ImportValue, Fn::Select, Fn::Split, Fn::Base64, Fn::GetAZs, Fn::Cidr), in short tags and long forms,
// around Cpu, Memory, NetworkMode, Image, the role ARNs and the secrets of test/fixtures/cloudformation/
// intrinsics.yaml: no rule may report an error, and what the template resolves is resolved.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core/engine';
import { replaceUnknown } from '../../../server/src/core/unknown';
import { parseDocument } from '../../../server/src/sources';

const FILE = join(__dirname, '..', '..', 'fixtures', 'cloudformation', 'intrinsics.yaml');
const text = readFileSync(FILE, 'utf8');
const document = parseDocument({ uri: 'file:///ws/intrinsics.yaml', text });
const described = (value: unknown) => replaceUnknown(JSON.stringify(value), (id) => document.describeUnknown(id));

test('the template uses every intrinsic, in both forms', () => {
  for (const fn of ['Ref', 'GetAtt', 'Sub', 'Join', 'If', 'FindInMap', 'ImportValue', 'Select', 'Split', 'Base64', 'GetAZs', 'Cidr']) {
    assert.ok(text.includes(`!${fn} `) || text.includes(`!${fn}\n`), `short form !${fn}`);
  }
  for (const long of ['Fn::ImportValue:', 'Fn::Sub:', '"Fn::Join"', '"Ref"']) assert.ok(text.includes(long), long);
});

test('no intrinsic causes an error, whatever the rule', () => {
  assert.deepEqual(document.syntaxProblems, []);
  const { findings } = analyze(document.model, { document: { uri: document.uri, fileName: document.fileName } });
  const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${JSON.stringify(f.path)}: ${f.message}`);
  assert.deepEqual(errors, []);
});

test('what the template resolves: FindInMap by an AllowedValues parameter, Fn::If with the condition it implies, Defaults', () => {
  const tasks = document.model.subjects.filter((s) => s.kind === 'task-definition' && s.resource === 'TaskDef');
  // IsProd is !Equals [Env, prod]: the combinations that contradict it are left out.
  assert.deepEqual(
    tasks.map((s) => s.variant?.choices),
    [
      { Env: 'dev', IsProd: 'false', UseArm: 'true' },
      { Env: 'dev', IsProd: 'false', UseArm: 'false' },
      { Env: 'prod', IsProd: 'true', UseArm: 'true' },
      { Env: 'prod', IsProd: 'true', UseArm: 'false' },
    ],
  );
  const sizes = tasks.map((s) => {
    const value = s.value as Record<string, unknown>;
    return [value.cpu, value.memory, value.networkMode];
  });
  assert.deepEqual(sizes, [
    ['256', '512', 'awsvpc'],
    ['256', '512', 'awsvpc'],
    ['1024', '2048', 'awsvpc'],
    ['1024', '2048', 'awsvpc'],
  ]);
  const [dev] = tasks;
  const containers = (dev.value as { containerDefinitions: Record<string, unknown>[] }).containerDefinitions;
  assert.equal(containers[0].cpu, 128, 'Fn::Select of Fn::Split of a literal');
  assert.equal(containers[1].memory, 256, "the parameter's Default, as the API's integer");
  assert.equal((dev.value as Record<string, unknown>).taskRoleArn, undefined, 'AWS::NoValue leaves the property out');
});

test('what it does not resolve is an unknown marker described as the template writes it', () => {
  const other = document.model.subjects.find((s) => s.resource === 'OtherTask')!;
  assert.equal(
    described(other.value),
    JSON.stringify({
      cpu: 'parameter CpuParam (no Default)',
      memory: '256',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      executionRoleArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/parameter RoleName (no Default)',
      taskRoleArn: '!ImportValue shared-task-role-arn',
      containerDefinitions: [
        {
          name: '${AWS::StackName}',
          image: 'parameter ImageTag (no Default)',
          secrets: [{ name: 'DB', valueFrom: 'parameter SecretArn (no Default)' }],
        },
      ],
    }),
  );
});
