// Protocol tests for services and AppSpecs: small workspaces under test/fixtures/services/<case>/, a service
// file (or an AppSpec) next to the task definition it runs, indexed from disk by the server as in an editor.
// Each service rule is seen on its case; completion and hover come from the linked task definition; editing the
// task definition re-checks the service. Cases that change files run on a copy in a temporary folder; for
// aws_ecs_service, the HCL after the network-configuration removal and the ECS Exec fixes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, positionOf, rangeOf, startFixtureWorkspace } from '../helpers/lspClient';

const FIXTURES = join(__dirname, '..', 'fixtures', 'services');
const uriOf = (...parts: string[]) => pathToFileURL(join(...parts)).href;
const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');
/** The service rules' diagnostics, in document order. */
const ours = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => String(d.code).startsWith('service-'))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const markdown = (hover: unknown) => (hover as { contents?: { value?: string } } | null)?.contents?.value ?? '';

async function openFile(client: LspTestClient, root: string, ...path: string[]) {
  const uri = uriOf(root, ...path);
  const text = read(root, ...path);
  await client.open(uri, text, /\.ya?ml$/.test(uri) ? 'yaml' : uri.endsWith('.tf') ? 'terraform' : 'json');
  return { uri, text, diagnostics: ours(await client.diagnostics(uri)) };
}

describe('services and AppSpecs over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(FIXTURES).href, name: 'services' }] });
    await client.nextRefresh();
  });
  after(() => client.shutdown());

  test('service-load-balancer-container: a port and a container the task definition does not have, with fixes', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'load-balancer', 'service-definition.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [
        ['service-load-balancer-container', 1, rangeOf(text, '8080')],
        ['service-load-balancer-container', 1, rangeOf(text, '"exporter"')],
      ],
    );
    assert.equal(
      messageOf(diagnostics[0]),
      'Container "web" of task definition web (task-definition.json) has no container port 8080: its ports are 80. The load balancer must use one of them, or ECS rejects the service.',
    );
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, uriOf(FIXTURES, 'load-balancer', 'task-definition.json'));
    const actions = await client.codeActions(uri, diagnostics[1].range, [diagnostics[1]]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Use container web', 'Use container metrics'],
    );
    await client.close(uri);
  });

  test('completion of containerName and containerPort from the linked task definition', async () => {
    const uri = uriOf(FIXTURES, 'load-balancer', 'service-definition.json');
    const text = read(FIXTURES, 'load-balancer', 'service-definition.json').replace('"containerName": "exporter"', '"containerName": ""');
    await client.open(uri, text);
    const names = await client.completion(uri, positionOf(text, '"containerName": ""', 18));
    assert.deepEqual(
      names.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['"web"', '80 (`http`)'],
        ['"metrics"', '9102'],
      ],
    );
    const ports = await client.completion(uri, positionOf(text, '8080', 1));
    assert.deepEqual(
      ports.map((i) => [i.label, i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : undefined]),
      [['80', '80']],
    );
    await client.close(uri);
  });

  test('hover on taskDefinition names the task definition it was linked to, with its size and platform; on containerPort, its ports', async () => {
    const { uri, text } = await openFile(client, FIXTURES, 'load-balancer', 'service-definition.json');
    const hover = markdown(await client.hover(uri, positionOf(text, '"web:3"', 2)));
    assert.match(
      hover,
      /^\*\*Task definition\*\*\n\nLinked to the task definition in `task-definition\.json` \(family `web`\), found by family web\./,
    );
    assert.match(hover, /\| 0\.25 vCPU, 0\.5 GB \(cpu 256, memory 512\) \| LINUX \/ X86_64 \| awsvpc \| FARGATE \|/);
    assert.match(hover, /- `web`: 80 \(`http`\)\n- `metrics`: 9102/);
    const port = markdown(await client.hover(uri, positionOf(text, '8080', 1)));
    assert.match(port, /^\*\*Ports of container `web`\*\* in the task definition in `task-definition\.json`\n\n80 \(`http`\)/);
    await client.close(uri);
  });

  test('an AppSpec whose ContainerPort is not in taskdef.json is an error; the fix makes it 80; the hover says how it was linked', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'appspec', 'appspec.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['service-load-balancer-container', 1, rangeOf(text, '8080')]],
    );
    assert.match(messageOf(diagnostics[0]), /the deployment fails when CodeDeploy shifts traffic to it/);
    const hover = markdown(await client.hover(uri, positionOf(text, '<TASK_DEFINITION>', 2)));
    assert.match(
      hover,
      /found by taskdef\.json beside this AppSpec \(CodePipeline registers it and puts its ARN in place of <TASK_DEFINITION>\)/,
    );
    const fixed = await client.applyFix(uri, 'service-load-balancer-container', 'Use port 80');
    assert.equal(fixed, text.replace('"ContainerPort": 8080', '"ContainerPort": 80'));
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
    await client.close(uri);
  });

  test('a YAML AppSpec: the port not in taskdef.json is an error on its YAML node; the fix keeps the YAML as written', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'appspec-yaml', 'appspec.yaml');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['service-load-balancer-container', 1, rangeOf(text, '8080')]],
    );
    assert.equal(
      messageOf(diagnostics[0]),
      'Container "orders" of task definition orders (taskdef.json) has no container port 8080: its ports are 3000. The load balancer must use one of them, or the deployment fails when CodeDeploy shifts traffic to it.',
    );
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, uriOf(FIXTURES, 'appspec-yaml', 'taskdef.json'));
    const fixed = await client.applyFix(uri, 'service-load-balancer-container', 'Use port 3000');
    assert.equal(fixed, text.replace('ContainerPort: 8080 #', 'ContainerPort: 3000 #'));
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
    await client.close(uri);
  });

  test('a YAML AppSpec: completion of ContainerName and ContainerPort from taskdef.json, hover on TaskDefinition', async () => {
    const uri = uriOf(FIXTURES, 'appspec-yaml', 'appspec.yaml');
    const text = read(FIXTURES, 'appspec-yaml', 'appspec.yaml');
    await client.open(uri, text, 'yaml');
    const names = await client.completion(uri, positionOf(text, "'orders'", 2));
    assert.deepEqual(
      names.map((i) => [i.label, i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : undefined]),
      [
        ['"orders"', "'orders'"],
        ['"log-router"', "'log-router'"],
      ],
    );
    const ports = await client.completion(uri, positionOf(text, '8080', 1));
    assert.deepEqual(
      ports.map((i) => [i.label, i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : undefined]),
      [['3000', '3000']],
    );
    const hover = markdown(await client.hover(uri, positionOf(text, '<TASK_DEFINITION>', 2)));
    assert.match(
      hover,
      /found by taskdef\.json beside this AppSpec \(CodePipeline registers it and puts its ARN in place of <TASK_DEFINITION>\)/,
    );
    await client.close(uri);
  });

  test('AWS::ECS::Service in a template: a load balancer port the task definition (by !Ref) lacks is an error on its YAML node', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'template', 'service.yaml');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['service-load-balancer-container', 1, rangeOf(text, '8080')]],
    );
    assert.equal(
      messageOf(diagnostics[0]),
      'Container "billing" of task definition TaskDefinition has no container port 8080: its ports are 80. The load balancer must use one of them, or ECS rejects the service.',
    );
    const hover = markdown(await client.hover(uri, positionOf(text, '!Ref TaskDefinition', 6)));
    assert.match(hover, /found by resource TaskDefinition/);
    const fixed = await client.applyFix(uri, 'service-load-balancer-container', 'Use port 80');
    assert.equal(fixed, text.replace('ContainerPort: 8080', 'ContainerPort: 80'));
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
    await client.close(uri);
  });

  test('AWS::ECS::Service in a template: a correct service is quiet; one written with intrinsics everywhere too', async () => {
    for (const file of ['correct.yaml', 'intrinsics.yaml']) {
      const { uri, diagnostics } = await openFile(client, FIXTURES, 'template', file);
      assert.deepEqual(diagnostics, [], file);
      await client.close(uri);
    }
  });

  test('aws_ecs_service in a Terraform module: a load balancer port the task definition (by .arn) lacks is an error on its HCL node, with the fixes', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'terraform', 'load-balancer', 'main.tf');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['service-load-balancer-container', 1, rangeOf(text, '8080')]],
    );
    assert.equal(
      messageOf(diagnostics[0]),
      'Container "orders" of task definition aws_ecs_task_definition.orders has no container port 8080: its ports are 80. The load balancer must use one of them, or ECS rejects the service.',
    );
    const hover = markdown(await client.hover(uri, positionOf(text, 'aws_ecs_task_definition.orders.arn', 4)));
    assert.match(hover, /found by resource aws_ecs_task_definition\.orders/);
    const actions = await client.codeActions(uri, diagnostics[0].range, diagnostics);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Use port 80', 'Add container port 8080 to container orders'],
    );
    const fixed = await client.applyFix(uri, 'service-load-balancer-container', 'Use port 80');
    assert.equal(fixed, text.replace('container_port   = 8080', 'container_port   = 80'));
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
    await client.close(uri);
  });

  test('aws_ecs_service in a Terraform module: a correct module is quiet; one whose service fields are var. and local. references too', async () => {
    for (const folder of ['correct', 'unknowns']) {
      const { uri, diagnostics } = await openFile(client, FIXTURES, 'terraform', folder, 'main.tf');
      assert.deepEqual(diagnostics, [], folder);
      await client.close(uri);
    }
  });

  test('service-network-configuration: awsvpc without one; bridge with one', async () => {
    const awsvpc = await openFile(client, FIXTURES, 'network', 'service-definition.json');
    assert.deepEqual(
      awsvpc.diagnostics.map((d) => [d.code, d.range]),
      [['service-network-configuration', rangeOf(awsvpc.text, '"worker"', 1)]],
    );
    const bridge = await openFile(client, FIXTURES, 'network', 'bridge-service.json');
    assert.deepEqual(
      bridge.diagnostics.map((d) => [d.code, d.range]),
      [['service-network-configuration', rangeOf(bridge.text, '"networkConfiguration"')]],
    );
    const fixed = await client.applyFix(bridge.uri, 'service-network-configuration', 'Remove networkConfiguration');
    assert.deepEqual(JSON.parse(fixed).networkConfiguration, undefined);
    assert.deepEqual(ours(await client.diagnostics(bridge.uri)), []);
    await client.close(awsvpc.uri);
    await client.close(bridge.uri);
  });

  test('service-platform-version: 1.3.0 with an EFS volume, related to the volume', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'platform', 'service-definition.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['service-platform-version', rangeOf(text, '"1.3.0"')]],
    );
    assert.equal(diagnostics[0].relatedInformation?.[0].message, 'EFS volumes (efsVolumeConfiguration) needs platform version 1.4.0');
    const fixed = await client.applyFix(uri, 'service-platform-version', 'Set platformVersion to LATEST');
    assert.equal(fixed, text.replace('"1.3.0"', '"LATEST"'));
    await client.close(uri);
  });

  test('service-launch-type: a launch type beside a strategy, FARGATE_SPOT for Windows, placement on Fargate', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'launch-type', 'service-definition.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [
        ['service-launch-type', rangeOf(text, '"FARGATE"')],
        ['service-launch-type', rangeOf(text, '"FARGATE_SPOT"')],
        ['service-launch-type', rangeOf(text, '"placementStrategy"')],
      ],
    );
    await client.close(uri);
  });

  test('service-health-check-grace: a grace period with nothing to apply it to', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'grace', 'service-definition.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['service-health-check-grace', 2, rangeOf(text, '120')]],
    );
    await client.close(uri);
  });

  test('service-deployment-configuration: stuck percentages, a half circuit breaker, and an AppSpec beside an ECS-controlled service', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'deployment', 'ecs-service.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [
        ['service-deployment-configuration', 2, rangeOf(text, '"ECS"')],
        ['service-deployment-configuration', 1, rangeOf(text, '100', 1)],
        ['service-deployment-configuration', 1, rangeOf(text, '"deploymentCircuitBreaker"')],
      ],
    );
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, uriOf(FIXTURES, 'deployment', 'appspec.json'));
    await client.close(uri);
  });

  test('service-connect-port-name: a port name the task definition does not give; completion offers its names', async () => {
    const { uri, text, diagnostics } = await openFile(client, FIXTURES, 'service-connect', 'service-definition.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['service-connect-port-name', rangeOf(text, '"http"')]],
    );
    const names = await client.completion(uri, positionOf(text, '"http"', 1));
    assert.deepEqual(
      names.map((i) => i.label),
      ['"orders-http"'],
    );
    await client.close(uri);
  });
});

describe('services: edits across files', () => {
  let root: string;
  let client: LspTestClient;
  let stop: () => Promise<void>;
  before(async () => ({ client, root, stop } = await startFixtureWorkspace(FIXTURES, 'tmp')));
  after(() => stop());

  test('editing the task definition re-checks the service at once', async () => {
    const service = await openFile(client, root, 'load-balancer', 'service-definition.json');
    assert.equal(service.diagnostics.length, 2);
    const task = await openFile(client, root, 'load-balancer', 'task-definition.json');
    const refreshed = client.nextRefresh();
    const definition = JSON.parse(task.text);
    definition.containerDefinitions[0].portMappings.push({ containerPort: 8080 });
    definition.containerDefinitions.push({
      name: 'exporter',
      image: 'prom/statsd-exporter:v0.26.0',
      portMappings: [{ containerPort: 9102 }],
    });
    await client.change(task.uri, JSON.stringify(definition, null, 2));
    await refreshed;
    assert.deepEqual(ours(await client.diagnostics(service.uri)), []);
  });

  test('service-execute-command: the task role lacks the ssmmessages actions; the fix adds them to its policy file', async () => {
    const { uri, text, diagnostics } = await openFile(client, root, 'exec', 'service-definition.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['service-execute-command', 1, rangeOf(text, 'true')]],
    );
    const [action] = await client.codeActions(uri, diagnostics[0].range, diagnostics);
    assert.equal(action.title, 'Add the ECS Exec actions to the policy of task role shellTaskRole (task-policy.json)');
    const policyUri = uriOf(root, 'exec', 'iam', 'task-policy.json');
    await client.open(policyUri, read(root, 'exec', 'iam', 'task-policy.json'));
    const policy = JSON.parse(await client.applyEdit(policyUri, action.edit!));
    assert.deepEqual(policy.Statement[1], {
      Sid: 'EcsExec',
      Effect: 'Allow',
      Action: [
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ],
      Resource: '*',
    });
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
  });

  test('readonly-root-filesystem on a task definition run with ECS Exec says to keep the root writable', async () => {
    const { uri } = await openFile(client, root, 'exec', 'task-definition.json');
    const hint = (await client.diagnostics(uri)).find((d) => d.code === 'readonly-root-filesystem');
    assert.equal(hint?.severity, 4);
    assert.match(
      messageOf(hint!),
      /keeps a writable root file system, which ECS Exec needs: service shell \(service-definition\.json\) turns on execute command/,
    );
  });
});

describe('aws_ecs_service fixes over LSP: the HCL after each', () => {
  let client: LspTestClient;
  let root: string;
  let stop: () => Promise<void>;
  before(async () => ({ client, root, stop } = await startFixtureWorkspace(join(FIXTURES, 'terraform'), 'tfservice')));
  after(() => stop());

  test('service-network-configuration on aws_ecs_service: a bridge task; the fix removes the network_configuration block', async () => {
    const { uri, text, diagnostics } = await openFile(client, root, 'network-bridge', 'main.tf');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['service-network-configuration', 1, rangeOf(text, 'network_configuration', 1)]],
    );
    const fixed = await client.applyFix(uri, 'service-network-configuration', 'Remove networkConfiguration');
    assert.equal(fixed, text.replace('  network_configuration {\n    subnets = ["subnet-0a1b2c3d4e5f60718"]\n  }\n', ''));
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
    await client.close(uri);
  });

  test('service-execute-command on aws_ecs_service: the ECS Exec actions go into the jsonencode policy of the task role, initProcessEnabled into the container', async () => {
    const { uri, text, diagnostics } = await openFile(client, root, 'exec', 'main.tf');
    const exec = rangeOf(text, 'true', 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [
        ['service-execute-command', 1, exec],
        ['service-execute-command', 4, exec],
      ],
    );
    const iamUri = uriOf(root, 'exec', 'iam.tf');
    const iam = read(root, 'exec', 'iam.tf');
    await client.open(iamUri, iam, 'terraform');
    const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add the ECS Exec actions to the policy of task role aws_iam_role.task (role shell-task) (iam.tf)'],
    );
    assert.equal(
      await client.applyEdit(iamUri, actions[0].edit!),
      iam.replace(
        '      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::shell-data/*" }\n',
        [
          '      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::shell-data/*" },',
          '      {',
          '        Sid      = "EcsExec"',
          '        Effect   = "Allow"',
          '        Action   = [',
          '          "ssmmessages:CreateControlChannel",',
          '          "ssmmessages:CreateDataChannel",',
          '          "ssmmessages:OpenControlChannel",',
          '          "ssmmessages:OpenDataChannel",',
          '        ]',
          '        Resource = "*"',
          '      }',
          '',
        ].join('\n'),
      ),
    );
    const [init] = ours(await client.diagnostics(uri));
    assert.deepEqual([init.code, init.severity], ['service-execute-command', 4]);
    const fixed = await client.applyFix(uri, 'service-execute-command', 'Set initProcessEnabled in main.tf');
    assert.equal(
      fixed,
      text.replace(
        '      command   = ["sleep", "infinity"]\n',
        '      command   = ["sleep", "infinity"]\n      linuxParameters = {\n        initProcessEnabled = true\n      }\n',
      ),
    );
    assert.deepEqual(ours(await client.diagnostics(uri)), []);
    await client.close(iamUri);
    await client.close(uri);
  });
});
