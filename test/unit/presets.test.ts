// Presets through the language service, as the editor drives it: the `fargateLint.preset` setting, a
// fargate-lint.json "preset", which of them wins, and per-rule settings over both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, type Settings, normalizeSettings } from '../../server/src/service/settings';

const task = JSON.stringify({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx', essential: true }],
});
const TASK_URI = 'vscode-vfs://github/acme/infra/services/web/task-definition.json';

async function severities(settings: Settings, config?: unknown): Promise<string[]> {
  const workspace = new WorkspaceIndex(['vscode-vfs://github/acme/infra']);
  if (config !== undefined) workspace.set('vscode-vfs://github/acme/infra/fargate-lint.json', JSON.stringify(config));
  const service = new FargateLintLanguageService({ workspace });
  const diagnostics = await service.validate(TextDocument.create(TASK_URI, 'json', 1, task), settings);
  return diagnostics.map((d) => `${String(d.code)}/${d.severity}`);
}

// LSP severities: 1 error, 2 warning, 3 information, 4 hint.
test('by default the hardening rules are hints', async () => {
  assert.deepEqual(await severities(DEFAULT_SETTINGS), ['readonly-root-filesystem/4', 'container-runs-as-root/4']);
});

test('the strict setting raises them to warnings together', async () => {
  assert.deepEqual(await severities(normalizeSettings({ preset: 'strict' })), ['readonly-root-filesystem/2', 'container-runs-as-root/2']);
});

test('a fargate-lint.json above the file asks for strict, in any URI scheme (here github.dev)', async () => {
  assert.deepEqual(await severities(DEFAULT_SETTINGS, { preset: 'strict' }), ['readonly-root-filesystem/2', 'container-runs-as-root/2']);
  // A preset only raises: the project's strict wins over the setting's default, and the reverse.
  assert.deepEqual(await severities(normalizeSettings({ preset: 'strict' }), { preset: 'default' }), [
    'readonly-root-filesystem/2',
    'container-runs-as-root/2',
  ]);
});

test('a per-rule setting wins over the preset', async () => {
  const settings = normalizeSettings({ preset: 'strict', rules: { 'container-runs-as-root': 'off', 'readonly-root-filesystem': 'error' } });
  assert.deepEqual(await severities(settings, { preset: 'strict' }), ['readonly-root-filesystem/1']);
});

test('an unknown preset in the settings is the default', () => {
  assert.equal(normalizeSettings({ preset: 'paranoid' }).preset, 'default');
});

test('one index, its fargate-lint.json added, changed and removed between validations: each validation sees the current one', async () => {
  const workspace = new WorkspaceIndex(['vscode-vfs://github/acme/infra']);
  const service = new FargateLintLanguageService({ workspace });
  const config = 'vscode-vfs://github/acme/infra/fargate-lint.json';
  let version = 0;
  const severities = async () =>
    (await service.validate(TextDocument.create(TASK_URI, 'json', ++version, task), DEFAULT_SETTINGS)).map(
      (d) => `${String(d.code)}/${d.severity}`,
    );
  assert.deepEqual(await severities(), ['readonly-root-filesystem/4', 'container-runs-as-root/4']);
  workspace.set(config, JSON.stringify({ preset: 'strict' }));
  assert.deepEqual(await severities(), ['readonly-root-filesystem/2', 'container-runs-as-root/2']);
  workspace.set(config, JSON.stringify({ preset: 'default' }));
  assert.deepEqual(await severities(), ['readonly-root-filesystem/4', 'container-runs-as-root/4']);
  workspace.set(config, JSON.stringify({ preset: 'strict' }));
  assert.deepEqual(await severities(), ['readonly-root-filesystem/2', 'container-runs-as-root/2']);
  workspace.delete(config);
  assert.deepEqual(await severities(), ['readonly-root-filesystem/4', 'container-runs-as-root/4']);
});
