// Which task definition a service or AppSpec runs (core/ecs-service/link.ts), and which services run a task
// definition: by family, family:revision or ARN, by the layout deploy tools use, and nothing when it is unsure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkedTaskDefinition, parseTaskDefinitionReference, servicesRunning } from '../../server/src/core/ecs-service/link';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { text } from '../helpers/documents';
import { appspec, service, webTask } from './rules/ecs-service/fixtures';

test('task definition references: family, family:revision, ARN; placeholders and other text are none', () => {
  assert.deepEqual(parseTaskDefinitionReference('web'), { family: 'web' });
  assert.deepEqual(parseTaskDefinitionReference('web:12'), { family: 'web', revision: 12 });
  assert.deepEqual(parseTaskDefinitionReference('arn:aws:ecs:eu-west-1:123456789012:task-definition/web_api-2:3'), {
    family: 'web_api-2',
    revision: 3,
  });
  for (const none of ['<TASK_DEFINITION>', '{{ must_env `TD` }}', 'arn:....', 'arn:aws:ecs:eu-west-1:1:service/x', 'web:latest', '', 7]) {
    assert.equal(parseTaskDefinitionReference(none), undefined, String(none));
  }
});

function workspaceOf(files: Record<string, unknown>): WorkspaceIndex {
  const workspace = new WorkspaceIndex(['file:///ws']);
  for (const [path, json] of Object.entries(files)) workspace.set(`file:///ws/${path}`, text(json));
  return workspace;
}

function linkOf(workspace: WorkspaceIndex, path: string) {
  const uri = `file:///ws/${path}`;
  const file = workspace.file(uri)!;
  const subject = file.model.subjects.find((s) => s.kind === 'service' || s.kind === 'appspec')!;
  const result = linkedTaskDefinition(subject, file.model, { uri, fileName: path.replace(/^.*\//, ''), workspace });
  return { by: result.link?.by, file: result.link?.uri?.replace('file:///ws/', ''), how: result.link?.how, why: result.why };
}

test('by family: the task definition in the same folder wins over one elsewhere', () => {
  const workspace = workspaceOf({
    'a/service.json': service(),
    'a/td.json': webTask(),
    'b/td.json': webTask(),
    'c/other.json': webTask({ family: 'other' }),
  });
  assert.deepEqual(linkOf(workspace, 'a/service.json'), { by: 'family', file: 'a/td.json', how: 'family web', why: undefined });
});

test('an AppSpec placeholder: taskdef.json beside it, as CodePipeline uses them; the hover says so', () => {
  const workspace = workspaceOf({
    'deploy/appspec.json': appspec(),
    'deploy/taskdef.json': webTask(),
    'deploy/taskdef-old.json': webTask({ family: 'old' }),
  });
  const link = linkOf(workspace, 'deploy/appspec.json');
  assert.equal(link.file, 'deploy/taskdef.json');
  assert.equal(link.by, 'layout');
  assert.match(
    link.how!,
    /^taskdef\.json beside this AppSpec \(CodePipeline registers it and puts its ARN in place of <TASK_DEFINITION>\)$/,
  );
});

test('ecspresso layout: ecs-service-def.json runs ecs-task-def.json; a lone task definition file is used too', () => {
  const { taskDefinition: _, ...unnamed } = service();
  const workspace = workspaceOf({
    'x/ecs-service-def.json': unnamed,
    'x/ecs-task-def.json': webTask({ family: '{{ must_env `APP` }}' }),
    'x/other-task.json': webTask(),
  });
  assert.equal(linkOf(workspace, 'x/ecs-service-def.json').file, 'x/ecs-task-def.json');
  const lone = workspaceOf({ 'y/service.json': unnamed, 'y/td.json': webTask() });
  assert.equal(linkOf(lone, 'y/service.json').file, 'y/td.json');
});

test('nothing is linked when it is unsure', () => {
  const { taskDefinition: _, ...unnamed } = service();
  // Two task definitions beside it, neither its partner by name.
  const two = workspaceOf({ 's/service.json': unnamed, 's/a.json': webTask(), 's/b.json': webTask({ family: 'b' }) });
  assert.match(linkOf(two, 's/service.json').why!, /2 task-definition files lie in the same folder/);
  // A literal family that is not in the workspace: the file beside it, of another family, is not it.
  const other = workspaceOf({ 's/service.json': service({ taskDefinition: 'api:2' }), 's/td.json': webTask() });
  assert.deepEqual(linkOf(other, 's/service.json'), {
    by: undefined,
    file: undefined,
    how: undefined,
    why: 'no task definition of family api is in the workspace',
  });
});

test('the services and AppSpecs that run a task definition', () => {
  const workspace = workspaceOf({
    'a/service.json': service({ enableExecuteCommand: true }),
    'a/appspec.json': appspec(),
    'a/taskdef.json': webTask(),
    'b/service.json': service({ taskDefinition: 'other' }),
  });
  const uri = 'file:///ws/a/taskdef.json';
  const task = workspace.file(uri)!.model.subjects[0];
  assert.deepEqual(
    servicesRunning(task, { uri, workspace })
      .map((u) => u.uri.replace('file:///ws/', ''))
      .sort(),
    ['a/appspec.json', 'a/service.json'],
  );
});
