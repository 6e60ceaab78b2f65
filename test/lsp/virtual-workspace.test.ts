// A workspace the server cannot read from disk (github.dev's vscode-vfs:, a remote repository): the
// client lists and reads its files (fargateLint/workspaceFiles, fargateLint/readFile), and the cross-file
// execution-role check works as on disk. Also the requests behind the editor commands.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, rangeOf } from '../helpers/lspClient';

const CASE = join(__dirname, '..', 'fixtures', 'execution-role', 'missing');
const ROOT = 'vscode-vfs://github/acme/infra';
const read = (...parts: string[]) => readFileSync(join(CASE, ...parts), 'utf8');
const TASK = read('task-definition.json');
const IMAGE = '"123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2"';

/** The fixture case as it would be in a GitHub repository opened on github.dev. */
const FILES = {
  [`${ROOT}/fargate-lint.json`]: read('fargate-lint.json'),
  [`${ROOT}/iam/execution-policy.json`]: read('iam', 'execution-policy.json'),
  [`${ROOT}/iam/trust.json`]: read('iam', 'trust.json'),
  [`${ROOT}/README.md`]: '# not JSON',
};
const TASK_URI = `${ROOT}/services/web/task-definition.json`;

const codes = (diagnostics: { code?: unknown }[]) => diagnostics.map((d) => String(d.code)).filter((c) => c.startsWith('execution-role'));

describe('a virtual workspace read through the client', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [{ uri: ROOT, name: 'infra' }], clientFiles: FILES });
    await client.nextRefresh();
  });
  after(() => client.shutdown());

  test('the role found through the client: the missing ECR permissions are an error on the image', async () => {
    await client.open(TASK_URI, TASK);
    const diagnostics = await client.diagnostics(TASK_URI);
    const permission = diagnostics.filter((d) => d.code === 'execution-role-permission');
    assert.deepEqual(
      permission.map((d) => d.range),
      [rangeOf(TASK, IMAGE)],
    );
    assert.deepEqual(
      permission[0].relatedInformation?.map((r) => r.location.uri),
      [`${ROOT}/iam/execution-policy.json`],
    );
  });

  test('its quick fix edits the policy file there: the fix guard asks the client what is at each URI', async () => {
    const [diagnostic] = (await client.diagnostics(TASK_URI)).filter((d) => d.code === 'execution-role-permission');
    const actions = await client.codeActions(TASK_URI, diagnostic.range, [diagnostic]);
    const add = actions.find((a) => a.title.startsWith('Add '));
    assert.ok(add, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    const targets = (add.edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : c.kind));
    assert.deepEqual(targets, [`${ROOT}/iam/execution-policy.json`]);
  });

  test('fargateLint/executionRolePolicy: the least-privilege policy as JSON text, for the role the task names', async () => {
    const result = (await client.connection.sendRequest('fargateLint/executionRolePolicy', { uri: TASK_URI })) as {
      content: string;
      language: string;
      role: string;
    };
    assert.equal(result.language, 'json');
    assert.equal(result.role, 'missingExecRole');
    const policy = JSON.parse(result.content);
    assert.deepEqual(
      policy.Statement.map((s: { Action: string | string[] }) => s.Action),
      [
        'ecr:GetAuthorizationToken',
        ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ],
    );
    const policyUri = `${ROOT}/iam/execution-policy.json`;
    await client.open(policyUri, FILES[policyUri]);
    const none = (await client.connection.sendRequest('fargateLint/executionRolePolicy', { uri: policyUri })) as {
      content?: string;
      reason: string;
    };
    assert.equal(none.content, undefined);
    assert.equal(none.reason, 'This file is not an ECS task definition.');
  });

  test('fargateLint/taskSizes: the size tables as Markdown, with prices', async () => {
    const { markdown } = (await client.connection.sendRequest('fargateLint/taskSizes')) as { markdown: string };
    assert.match(markdown, /^# Fargate task sizes\n/);
    assert.match(
      markdown,
      /\| 16384 \| 16 vCPU \(platform version 1\.4\.0 or later\) \| 32768–122880 \(steps of 8192\) \| 32 GB–120 GB \|/,
    );
    // With the on-demand price per month of the smallest and largest memory (us-east-1 by default).
    assert.ok(markdown.includes('| 256 | 0.25 vCPU | 512, 1024, 2048 | 0.5 GB, 1 GB, 2 GB | $9.01–$13.88 |'), markdown);
    assert.match(markdown, /Prices: on demand per month \(730 hours\) in us-east-1 \(default us-east-1\)/);
  });
});

test('a client that does not serve files: the virtual folder stays unread, and the role is not in the workspace', async () => {
  const client = await LspTestClient.start({ workspaceFolders: [{ uri: ROOT, name: 'infra' }] });
  try {
    await client.open(TASK_URI, TASK);
    assert.deepEqual(codes(await client.diagnostics(TASK_URI)), ['execution-role-not-in-workspace']);
  } finally {
    await client.shutdown();
  }
});

test('a policy reached through a symbolic link in the virtual workspace: the fix that would edit it is not offered', async () => {
  const client = await LspTestClient.start({
    workspaceFolders: [{ uri: ROOT, name: 'infra' }],
    clientFiles: FILES,
    clientLinks: [`${ROOT}/iam`],
  });
  try {
    await client.nextRefresh();
    await client.open(TASK_URI, TASK);
    const [diagnostic] = (await client.diagnostics(TASK_URI)).filter((d) => d.code === 'execution-role-permission');
    assert.ok(diagnostic, 'the check itself still works');
    const actions = await client.codeActions(TASK_URI, diagnostic.range, [diagnostic]);
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Add ')),
      [],
    );
  } finally {
    await client.shutdown();
  }
});

test('a file the client lists but does not read (a symbolic link): fargate-lint.json says why its policy is not checked', async () => {
  const policyUri = `${ROOT}/iam/execution-policy.json`;
  const { [policyUri]: _, ...files } = FILES;
  const client = await LspTestClient.start({
    workspaceFolders: [{ uri: ROOT, name: 'infra' }],
    clientFiles: files,
    clientSkipped: { [policyUri]: 'a symbolic link, which is not followed' },
  });
  try {
    await client.nextRefresh();
    const configUri = `${ROOT}/fargate-lint.json`;
    await client.open(configUri, FILES[configUri]);
    const config = (await client.diagnostics(configUri)).filter((d) => d.code === 'project-config-file');
    assert.deepEqual(
      config.map((d) => [d.message, d.range]),
      [
        [
          'The policy file "iam/execution-policy.json" of role missingExecRole is not read (it is a symbolic link, which is not followed), so the role\'s permissions are not checked.',
          rangeOf(FILES[configUri], '"iam/execution-policy.json"'),
        ],
      ],
    );
  } finally {
    await client.shutdown();
  }
});
