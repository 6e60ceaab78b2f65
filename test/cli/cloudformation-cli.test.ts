// The CLI on CloudFormation templates: which files a folder walk reads (.yaml, .yml, .template, .json
// templates, cdk.out but not its asset folders), YAML syntax problems, and the resource's logical id in
// --format json and SARIF.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../helpers/cli';

const TEMPLATE = `Resources:
  WebTask:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: bridge
      Cpu: 256
      Memory: 512
      ContainerDefinitions:
        - Name: app
          Image: nginx
          User: '1000'
          ReadonlyRootFilesystem: true
`;

const cdkTemplate = (memory: string) =>
  JSON.stringify(
    {
      Resources: {
        TaskDef54694570: {
          Type: 'AWS::ECS::TaskDefinition',
          Metadata: { 'aws:cdk:path': 'Stack/TaskDef/Resource' },
          Properties: {
            RequiresCompatibilities: ['FARGATE'],
            NetworkMode: 'awsvpc',
            Cpu: '256',
            Memory: memory,
            ContainerDefinitions: [{ Name: 'web', Image: 'nginx', Essential: true, User: '1000', ReadonlyRootFilesystem: true }],
          },
        },
      },
    },
    null,
    1,
  );

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cfn-'));
  writeFileSync(join(dir, 'web.yaml'), TEMPLATE);
  writeFileSync(join(dir, 'web.template'), TEMPLATE.replace('WebTask', 'LegacyTask'));
  writeFileSync(join(dir, 'broken.yml'), `${TEMPLATE}      Family: 'web\n`);
  writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
  mkdirSync(join(dir, 'cdk.out', 'asset.0123abcd'), { recursive: true });
  writeFileSync(join(dir, 'cdk.out', 'Stack.template.json'), cdkTemplate('4096'));
  writeFileSync(join(dir, 'cdk.out', 'asset.0123abcd', 'Nested.template.json'), cdkTemplate('8192'));
  return dir;
}

interface Report {
  file: string;
  kind: string;
  diagnostics: { rule: string; severity: string; resource?: string; range: { start: { line: number } } }[];
}

test('a folder walk reads .yaml, .yml, .template and cdk.out templates, not cdk.out/asset.*, nothing from other YAML', async () => {
  const { code, stdout } = await cli(['--format', 'json', '.'], workspace());
  assert.equal(code, 1);
  const reports = JSON.parse(stdout) as Report[];
  assert.deepEqual(
    reports.map((r) => [r.file, r.kind, r.diagnostics.map((d) => `${d.rule}/${d.severity}/${d.resource ?? ''}`)]),
    [
      ['broken.yml', 'cloudformation-template', ['fargate-network-mode/error/WebTask', 'yaml-syntax/warning/']],
      ['cdk.out/Stack.template.json', 'cloudformation-template', ['fargate-cpu-memory/error/TaskDef54694570']],
      ['docker-compose.yml', 'unknown', []],
      ['web.template', 'cloudformation-template', ['fargate-network-mode/error/LegacyTask']],
      ['web.yaml', 'cloudformation-template', ['fargate-network-mode/error/WebTask']],
    ],
  );
  assert.equal(reports[4].diagnostics[0].range.start.line, 5);
});

test('SARIF carries the logical id of the resource as a logical location', async () => {
  const { stdout } = await cli(['--format', 'sarif', 'web.yaml'], workspace());
  const sarif = JSON.parse(stdout);
  const [result] = sarif.runs[0].results;
  assert.equal(result.ruleId, 'fargate-network-mode');
  assert.deepEqual(result.locations[0].logicalLocations, [{ fullyQualifiedName: 'WebTask', kind: 'resource' }]);
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 6, startColumn: 20, endLine: 6, endColumn: 26 });
});
