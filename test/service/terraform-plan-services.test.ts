// aws_ecs_service in plan and state JSON (`terraform show -json`): read as the .tf source reads it, so the
// service rules give the same ids on the same resource, and on every instance of a child module's for_each,
// each linked to the task definition of its own key. test/fixtures/terraform-plan/services-plan.json is real
// output of services-config/ (README.md there); the state is made from it in the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeAssets } from '../../server/src/node/assets';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { prepareSources } from '../../server/src/sources';
import { plain } from '../helpers/documents';

const DIR = join(__dirname, '..', 'fixtures', 'terraform-plan');
const PLAN = readFileSync(join(DIR, 'services-plan.json'), 'utf8');
const CONFIG = readFileSync(join(DIR, 'services-config', 'main.tf'), 'utf8');

async function analyse(uri: string, text: string, languageId: string) {
  const workspace = new WorkspaceIndex(['file:///ws']);
  workspace.set(uri, text, languageId);
  const service = new FargateLintLanguageService({ workspace });
  const textDocument = TextDocument.create(uri, languageId, 1, text);
  return { textDocument, document: workspace.file(uri)!, diagnostics: await service.validate(textDocument, DEFAULT_SETTINGS) };
}

/** The service rules' findings as [rule, severity, resource]. */
const services = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => String(d.code).startsWith('service-'))
    .map((d) => [d.code, d.severity, (d.data as { resource?: string }).resource]);

/** The range of the value after `"key":` at its n-th occurrence (0-based) in one-line JSON. */
function valueRange(textDocument: TextDocument, needle: string, index = 0) {
  let at = -1;
  for (let i = 0; i <= index; i++) at = textDocument.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const start = at + needle.indexOf(':') + 1;
  return { start: textDocument.positionAt(start), end: textDocument.positionAt(at + needle.length) };
}

describe('aws_ecs_service in Terraform plan and state JSON', () => {
  before(() => prepareSources(nodeAssets));

  test('a plan: the load balancer port and ECS Exec findings, each on its planned value, named by address', async () => {
    const { textDocument, diagnostics } = await analyse('file:///ws/services-plan.json', PLAN, 'json');
    const found = diagnostics.filter((d) => String(d.code).startsWith('service-'));
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, (d.data as { resource?: string }).resource, d.range]),
      [
        ['service-load-balancer-container', 1, 'aws_ecs_service.frontend', valueRange(textDocument, '"container_port":8080')],
        [
          'service-execute-command',
          1,
          'module.services.aws_ecs_service.this["shell"]',
          valueRange(textDocument, '"enable_execute_command":true'),
        ],
        [
          'service-load-balancer-container',
          1,
          'module.services.aws_ecs_service.this["web"]',
          valueRange(textDocument, '"container_port":8080', 1),
        ],
      ],
    );
    // Each instance is linked to the task definition of its own key (the same for_each), not the first one.
    assert.match(
      found[1].message as string,
      /ECS Exec needs a task role, and task definition module\.services\.aws_ecs_task_definition\.this\["shell"\] has no taskRoleArn/,
    );
    assert.match(
      found[2].message as string,
      /: Container "web" of task definition module\.services\.aws_ecs_task_definition\.this\["web"\] has no container port 8080: its ports are 80\./,
    );
  });

  test('the same ids as the .tf source on the same resource, and the same model of what the .tf file writes', async () => {
    const tf = await analyse('file:///ws/main.tf', CONFIG, 'terraform');
    const plan = await analyse('file:///ws/services-plan.json', PLAN, 'json');
    const root = (rows: unknown[][]) => rows.filter((r) => !String(r[2]).startsWith('module.'));
    assert.deepEqual(services(tf.diagnostics), [['service-load-balancer-container', 1, 'aws_ecs_service.frontend']]);
    assert.deepEqual(root(services(plan.diagnostics)), services(tf.diagnostics));
    // Every field the .tf file gives the service has the same value in the plan (which adds the provider's
    // defaults: deploymentConfiguration, schedulingStrategy, ...); assign_public_ip = false is DISABLED in both.
    const ofService = (document: typeof tf.document) =>
      plain(document.model.subjects.find((s) => s.kind === 'service' && s.resource === 'aws_ecs_service.frontend')!.value) as Record<
        string,
        unknown
      >;
    const written = ofService(tf.document);
    const planned = ofService(plan.document);
    assert.deepEqual(
      Object.keys(written).sort(),
      ['cluster', 'desiredCount', 'launchType', 'loadBalancers', 'networkConfiguration', 'serviceName', 'taskDefinition'].sort(),
    );
    for (const key of Object.keys(written).filter((k) => k !== 'taskDefinition')) assert.deepEqual(planned[key], written[key], key);
    assert.deepEqual(planned.networkConfiguration, {
      awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], assignPublicIp: 'DISABLED' },
    });
    // The provider's "" for an unset string (elb_name) is no value.
    assert.deepEqual(planned.loadBalancers, [
      {
        containerName: 'frontend',
        containerPort: 8080,
        targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/frontend/0123456789abcdef',
      },
    ]);
  });

  test('a state: task_definition is the ARN, which links the service to the task definition of that ARN', async () => {
    const plan = JSON.parse(PLAN);
    const root = plan.planned_values.root_module;
    const arnOf = (family: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:1`;
    const resources = [root, ...root.child_modules].flatMap(
      (m: { resources: { type: string; values: Record<string, unknown> }[] }) => m.resources,
    );
    for (const r of resources) if (r.type === 'aws_ecs_task_definition') r.values.arn = arnOf(r.values.family as string);
    for (const r of resources) if (r.type === 'aws_ecs_service') r.values.task_definition = arnOf(r.values.name as string);
    const state = JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: { root_module: root } }, null, 2);
    const { diagnostics } = await analyse('file:///ws/state.json', state, 'json');
    assert.deepEqual(services(diagnostics), [
      ['service-load-balancer-container', 1, 'aws_ecs_service.frontend'],
      ['service-execute-command', 1, 'module.services.aws_ecs_service.this["shell"]'],
      ['service-load-balancer-container', 1, 'module.services.aws_ecs_service.this["web"]'],
    ]);
  });
});
