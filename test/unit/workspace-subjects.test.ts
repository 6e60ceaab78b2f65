// The cross-file lookups (the role lookup, the ECS service links, the customer managed policies) read the
// workspace's subjects from one walk per view and version (core/workspace-subjects.ts). A stale list would be
// wrong here: a renamed role still found, a deleted project file still applied, the index's older copy of
// the open document seen beside its own model (withOwnModel), or the file order (first match wins) lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectConfigsFor, resolveRole } from '../../server/src/core/execution-role/resolve-role';
import { withOwnModel } from '../../server/src/core/workspace';
import { workspaceSubjects } from '../../server/src/core/workspace-subjects';
import { WorkspaceIndex } from '../../server/src/service/workspace';

const role = (name: string, actions: string[] = ['logs:CreateLogStream']) =>
  JSON.stringify({
    RoleName: name,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    Policies: [
      { PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } },
    ],
  });
const task = (family: string) => JSON.stringify({ family, containerDefinitions: [{ name: 'app', image: 'nginx' }] });

test('a role renamed or deleted is no longer found at the next version of the index', () => {
  const index = new WorkspaceIndex(['file:///ws']);
  index.set('file:///ws/a/exec.json', role('exec'));
  index.set('file:///ws/b/task.json', task('web'));
  assert.equal(resolveRole('exec', index)?.descriptions[0].uri, 'file:///ws/a/exec.json');
  index.set('file:///ws/a/exec.json', role('renamed'));
  assert.equal(resolveRole('exec', index), undefined);
  assert.equal(resolveRole('renamed', index)?.descriptions.length, 1);
  index.set('file:///ws/c/exec.json', role('renamed', ['s3:GetObject']));
  assert.deepEqual(
    resolveRole('renamed', index)?.descriptions.map((d) => d.uri),
    ['file:///ws/a/exec.json', 'file:///ws/c/exec.json'],
  );
  index.delete('file:///ws/a/exec.json');
  assert.deepEqual(
    resolveRole('renamed', index)?.descriptions.map((d) => d.uri),
    ['file:///ws/c/exec.json'],
  );
});

test('project files and role subjects keep the order of the files', () => {
  const index = new WorkspaceIndex(['file:///ws']);
  index.set('file:///ws/exec.json', role('exec'));
  index.set('file:///ws/fargate-lint.json', JSON.stringify({ roles: { exec: { policies: ['extra.json'] } } }));
  index.set(
    'file:///ws/extra.json',
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
  );
  index.set('file:///ws/z/exec.json', role('exec'));
  // The index lists files in the order they were set: a role, the project file, another role.
  assert.deepEqual(
    resolveRole('exec', index)?.descriptions.map((d) => `${d.origin} ${d.uri}`),
    ['role file:///ws/exec.json', 'project-config file:///ws/fargate-lint.json', 'role file:///ws/z/exec.json'],
  );
  assert.deepEqual(
    projectConfigsFor(index, 'file:///ws/task.json').map((f) => f.uri),
    ['file:///ws/fargate-lint.json'],
  );
  index.delete('file:///ws/fargate-lint.json');
  assert.deepEqual(projectConfigsFor(index, 'file:///ws/task.json'), []);
  assert.deepEqual(
    resolveRole('exec', index)?.descriptions.map((d) => d.origin),
    ['role', 'role'],
  );
});

test("an analysis's view has its own model first and never the index's older copy of the document", () => {
  const index = new WorkspaceIndex(['file:///ws']);
  index.set('file:///ws/roles.json', role('old-name'));
  index.set('file:///ws/other.json', role('other'));
  index.set('file:///ws/task.json', task('web'));
  assert.equal(workspaceSubjects(index).rolesNamed('old-name').length, 1);
  const edited = index.file('file:///ws/roles.json')!;
  const renamed = new WorkspaceIndex(['file:///ws']);
  renamed.set('file:///ws/roles.json', role('new-name'));
  const ownModel = renamed.file('file:///ws/roles.json')!.model;
  const view = withOwnModel({ uri: edited.uri, workspace: index }, ownModel).workspace!;
  const subjects = workspaceSubjects(view);
  assert.deepEqual(subjects.rolesNamed('old-name'), []);
  assert.deepEqual(
    subjects.rolesNamed('new-name').map((e) => e.file.model),
    [ownModel],
  );
  assert.deepEqual(
    subjects.ofKind('role').map((e) => e.file.uri),
    ['file:///ws/roles.json', 'file:///ws/other.json'],
  );
  assert.equal(subjects.ofKind('role')[0].file.model, ownModel);
  assert.deepEqual(
    subjects.ofKind('task-definition').map((e) => e.file.uri),
    ['file:///ws/task.json'],
  );
  // The same answers as a walk over the view itself.
  const walked = [...view.files()].flatMap((f) => f.model.subjects.filter((s) => s.kind === 'role').map(() => f.uri));
  assert.deepEqual(
    subjects.ofKind('role').map((e) => e.file.uri),
    walked,
  );
  // The next version of the index: the view made then sees it.
  index.set('file:///ws/more.json', role('new-name'));
  const next = workspaceSubjects(withOwnModel({ uri: edited.uri, workspace: index }, ownModel).workspace!);
  assert.deepEqual(
    next.rolesNamed('new-name').map((e) => e.file.uri),
    ['file:///ws/roles.json', 'file:///ws/more.json'],
  );
});

test('after files change in place, the lists are those a walk from scratch makes', () => {
  const index = new WorkspaceIndex(['file:///ws']);
  const uris = Array.from({ length: 6 }, (_, i) => `file:///ws/f${i}.json`);
  uris.forEach((uri, i) => index.set(uri, i % 2 ? role(i === 3 ? 'b' : 'a') : task(`fam${i}`)));
  index.set('file:///ws/fargate-lint.json', JSON.stringify({ roles: {} }));
  // An unversioned view of the same files is walked on every call.
  const fresh = () => {
    const files = [...index.files()];
    return workspaceSubjects({ roots: index.roots, files: () => files, file: (u) => files.find((f) => f.uri === u) });
  };
  const same = (label: string) => {
    const patched = workspaceSubjects(index);
    const walked = fresh();
    const show = (list: readonly { file: { uri: string }; subject: { path: unknown } }[]) =>
      list.map((e) => `${e.file.uri} ${JSON.stringify(e.subject.path)}`);
    for (const kind of ['task-definition', 'role', 'service', 'appspec'] as const) {
      assert.deepEqual(show(patched.ofKind(kind)), show(walked.ofKind(kind)), `${label}: ${kind}`);
    }
    for (const name of ['a', 'b', 'c'])
      assert.deepEqual(show(patched.rolesNamed(name)), show(walked.rolesNamed(name)), `${label}: role ${name}`);
    assert.deepEqual(
      patched.projectConfigs.map((c) => c.file.uri),
      walked.projectConfigs.map((c) => c.file.uri),
      `${label}: project files`,
    );
    return patched;
  };
  const withName = (label: string, name = 'a') =>
    same(label)
      .rolesNamed(name)
      .map((e) => e.file.uri);
  assert.deepEqual(withName('first'), ['file:///ws/f1.json', 'file:///ws/f5.json']);
  // The middle role takes the name a: it is listed between the other two.
  index.set('file:///ws/f3.json', role('a'));
  assert.deepEqual(withName('renamed'), ['file:///ws/f1.json', 'file:///ws/f3.json', 'file:///ws/f5.json']);
  assert.deepEqual(withName('renamed', 'b'), []);
  // Three files at once: a task definition becomes a role, a role something else, the project file changes.
  index.set('file:///ws/f0.json', role('c'));
  index.set('file:///ws/f5.json', JSON.stringify({ other: true }));
  index.set('file:///ws/fargate-lint.json', JSON.stringify({ roles: { a: { policies: [] } } }));
  assert.deepEqual(
    same('three changed')
      .ofKind('task-definition')
      .map((e) => e.file.uri),
    ['file:///ws/f2.json', 'file:///ws/f4.json'],
  );
  assert.deepEqual(withName('three changed', 'c'), ['file:///ws/f0.json']);
  index.set('file:///ws/f5.json', role('a'));
  index.set('file:///ws/f2.json', task('other'));
  assert.deepEqual(withName('back'), ['file:///ws/f1.json', 'file:///ws/f3.json', 'file:///ws/f5.json']);
});
