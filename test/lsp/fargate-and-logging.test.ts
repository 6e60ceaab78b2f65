// Protocol tests for the Fargate/awsvpc rules: exact ranges, every kind of quick fix applied through the
// server, Fix all, and the hover and completion of log options, log drivers and runtimePlatform.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { LspTestClient, positionOf, rangeOf } from '../helpers/lspClient';

const MY_RULES = new Set([
  'fargate-task-size-required',
  'fargate-unsupported-parameter',
  'fargate-log-driver',
  'awslogs-options',
  'awsvpc-host-port',
  'fargate-windows-platform',
  'fargate-windows-unsupported',
  'fargate-ephemeral-storage',
]);

const TEN = `{
  "family": "iis",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "1024",
  "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "ARM64" },
  "pidMode": "host",
  "placementConstraints": [{ "type": "memberOf", "expression": "attribute:ecs.os-type == windows" }],
  "ephemeralStorage": { "sizeInGiB": 201 },
  "containerDefinitions": [
    {
      "name": "web",
      "image": "mcr.microsoft.com/windows/servercore/iis",
      "privileged": true,
      "user": "ContainerUser",
      "portMappings": [{ "containerPort": 8080, "hostPort": 80 }],
      "logConfiguration": {
        "logDriver": "awslogs",
        "options": { "awslogs-group": "/ecs/iis", "awslogs-region": "eu-west-1" }
      }
    },
    {
      "name": "agent",
      "image": "mcr.microsoft.com/windows/nanoserver",
      "essential": false,
      "logConfiguration": { "logDriver": "syslog" }
    }
  ]
}
`;

/** A Fargate task definition written as AWS writes them (two-space JSON). */
const fargate = (containers: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  ...extra,
  containerDefinitions: containers,
});
const pretty = (json: unknown) => `${JSON.stringify(json, null, 2)}\n`;
const app = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx', ...extra });

/** The same, as text, for completion and hover tests that need a gap or a one-line container. */
const FARGATE = (containers: string, extra = '') => `{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "512",${extra}
  "containerDefinitions": [
${containers}
  ]
}
`;

/** The range of `needle` at its first occurrence after `after`. */
function rangeAfter(text: string, after: string, needle: string): Range {
  const offset = text.indexOf(needle, text.indexOf(after) + after.length);
  return rangeOf(text.slice(0, offset) + needle, needle, text.slice(0, offset).split(needle).length - 1);
}

describe('Fargate/awsvpc rules over LSP', () => {
  let client: LspTestClient;
  let n = 0;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.shutdown());

  const open = async (text: string) => {
    const uri = `file:///ws/fargate/${++n}/task-definition.json`;
    await client.open(uri, text);
    return uri;
  };
  const mine = async (uri: string) =>
    (await client.diagnostics(uri)).filter((d) => d.source === 'fargate-lint' && MY_RULES.has(String(d.code)));

  /** Applies the fix titled `title` offered for a `code` diagnostic; returns the new text, that diagnostic, and the diagnostics after it. */
  async function applyFix(
    uri: string,
    code: string,
    title: string | RegExp,
  ): Promise<{ text: string; after: Diagnostic[]; before: Diagnostic }> {
    const candidates = (await mine(uri)).filter((d) => d.code === code);
    assert.ok(candidates.length, `no ${code} diagnostic`);
    const offered: string[] = [];
    for (const diagnostic of candidates) {
      const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
      offered.push(...actions.map((a) => a.title));
      const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
      if (!action?.edit) continue;
      const text = await client.applyEdit(uri, action.edit);
      return { text, after: await mine(uri), before: diagnostic };
    }
    assert.fail(`no action ${title}; got ${offered.join(' | ')}`);
  }

  test('a task definition breaking ten Fargate rules gets ten diagnostics in one pass, each at the offending key or value', async () => {
    const uri = await open(TEN);
    const diagnostics = await mine(uri);
    const got = diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range }));
    const error = 1;
    assert.deepEqual(got, [
      { code: 'fargate-task-size-required', severity: error, range: rangeOf(TEN, '"requiresCompatibilities"') },
      { code: 'fargate-unsupported-parameter', severity: error, range: rangeOf(TEN, '"privileged"') },
      { code: 'fargate-unsupported-parameter', severity: error, range: rangeOf(TEN, '"host"') },
      { code: 'fargate-unsupported-parameter', severity: error, range: rangeOf(TEN, '"placementConstraints"') },
      { code: 'fargate-log-driver', severity: error, range: rangeOf(TEN, '"syslog"') },
      { code: 'awslogs-options', severity: error, range: rangeOf(TEN, '"options"') },
      { code: 'awsvpc-host-port', severity: error, range: rangeAfter(TEN, '"hostPort": ', '80') },
      { code: 'fargate-windows-platform', severity: error, range: rangeOf(TEN, '"ARM64"') },
      { code: 'fargate-windows-unsupported', severity: error, range: rangeOf(TEN, '"user"') },
      { code: 'fargate-ephemeral-storage', severity: error, range: rangeOf(TEN, '201') },
    ]);
    // Every diagnostic carries the rule id, the docs link and the data its quick fix needs.
    for (const d of diagnostics) {
      assert.equal(d.codeDescription?.href, `https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/${d.code}.md`);
      assert.ok(d.data, String(d.code));
    }
  });

  test('fargate-task-size-required: the fix inserts the smallest size, and the diagnostic is gone', async () => {
    const json = {
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      containerDefinitions: [app({ memory: 1536 }), app({ name: 'side', cpu: 300 })],
    };
    const text = pretty(json);
    const uri = await open(text);
    const {
      text: fixed,
      after,
      before,
    } = await applyFix(
      uri,
      'fargate-task-size-required',
      'Add cpu "512" and memory "2048" (0.5 vCPU, 2 GB: the smallest size that fits the containers)',
    );
    assert.deepEqual(before.range, rangeOf(text, '"requiresCompatibilities"'));
    assert.equal(fixed, pretty({ ...json, cpu: '512', memory: '2048' }));
    assert.deepEqual(after, []);
  });

  test('fargate-unsupported-parameter: remove a key, an array item, or set pidMode to "task"; one-line objects stay on one line', async () => {
    const text = `{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "512",
  "pidMode": "host",
  "containerDefinitions": [
    { "name": "app", "image": "nginx", "privileged": true, "linuxParameters": { "capabilities": { "add": ["SYS_PTRACE", "NET_ADMIN"] } } }
  ]
}
`;
    const uri = await open(text);
    assert.deepEqual(
      (await mine(uri)).map((d) => d.range),
      [rangeOf(text, '"privileged"'), rangeOf(text, '"NET_ADMIN"'), rangeOf(text, '"host"')],
    );
    let step = await applyFix(uri, 'fargate-unsupported-parameter', 'Remove "privileged"');
    let expected = text.replace(' "privileged": true,', '');
    assert.equal(step.text, expected);
    step = await applyFix(uri, 'fargate-unsupported-parameter', 'Remove "NET_ADMIN" from linuxParameters.capabilities.add');
    expected = expected.replace('["SYS_PTRACE", "NET_ADMIN"]', '["SYS_PTRACE"]');
    assert.equal(step.text, expected);
    step = await applyFix(uri, 'fargate-unsupported-parameter', 'Set pidMode to "task"');
    assert.equal(step.text, expected.replace('"pidMode": "host"', '"pidMode": "task"'));
    assert.deepEqual(step.after, []);
  });

  test('fargate-log-driver: switching to awslogs takes the Region from the ECR image', async () => {
    const image = '111122223333.dkr.ecr.eu-north-1.amazonaws.com/app:1';
    const text = pretty(fargate([app({ image, logConfiguration: { logDriver: 'json-file', options: { 'max-size': '10m' } } })]));
    const uri = await open(text);
    const {
      text: fixed,
      after,
      before,
    } = await applyFix(
      uri,
      'fargate-log-driver',
      'Send the logs to CloudWatch Logs instead (awslogs, group "/ecs/web", Region eu-north-1)',
    );
    assert.deepEqual(before.range, rangeOf(text, '"json-file"'));
    const options = { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-north-1', 'awslogs-stream-prefix': 'ecs' };
    assert.equal(fixed, pretty(fargate([app({ image, logConfiguration: { logDriver: 'awslogs', options } })])));
    assert.deepEqual(after, []);
  });

  test('awslogs-options: add the missing options, rename a misspelt one, fix a value, drop one of an exclusive pair', async () => {
    const options = {
      'awslogs-group': 'g',
      'awslogs-stream-prefx': 'ecs',
      mode: 'Blocking',
      'awslogs-multiline-pattern': '^x',
      'awslogs-datetime-format': '%Y',
    };
    const json = (o: Record<string, string>) => fargate([app({ logConfiguration: { logDriver: 'awslogs', options: o } })]);
    const text = pretty(json(options));
    const uri = await open(text);
    assert.deepEqual(
      (await mine(uri)).map((d) => [String(d.message).slice(0, 40), d.range]),
      [
        ['The awslogs log driver needs the options', rangeOf(text, '"options"')],
        ['ECS does not take the awslogs option "aw', rangeOf(text, '"awslogs-stream-prefx"')],
        ['mode must be "non-blocking" or "blocking', rangeOf(text, '"Blocking"')],
        ['awslogs-datetime-format and awslogs-mult', rangeOf(text, '"awslogs-datetime-format"')],
      ],
    );
    let step = await applyFix(uri, 'awslogs-options', 'Rename "awslogs-stream-prefx" to "awslogs-stream-prefix"');
    const { 'awslogs-group': group, 'awslogs-stream-prefx': prefix, ...rest } = options;
    const renamed = { 'awslogs-group': group, 'awslogs-stream-prefix': prefix, ...rest };
    assert.equal(step.text, pretty(json(renamed)));
    step = await applyFix(uri, 'awslogs-options', 'Add awslogs-region "us-east-1" (placeholder Region: check it)');
    assert.equal(step.text, pretty(json({ ...renamed, 'awslogs-region': 'us-east-1' })));
    step = await applyFix(uri, 'awslogs-options', 'Set mode to "blocking"');
    assert.equal(step.text, pretty(json({ ...renamed, mode: 'blocking', 'awslogs-region': 'us-east-1' })));
    step = await applyFix(uri, 'awslogs-options', 'Remove the option "awslogs-datetime-format"');
    const { 'awslogs-datetime-format': _dropped, ...kept } = { ...renamed, mode: 'blocking', 'awslogs-region': 'us-east-1' };
    assert.equal(step.text, pretty(json(kept)));
    assert.deepEqual(step.after, []);
  });

  test('awsvpc-host-port: set hostPort to containerPort, or remove hostPort 0', async () => {
    const json = (mappings: unknown[]) => fargate([app({ portMappings: mappings })]);
    const text = pretty(
      json([
        { containerPort: 8080, hostPort: 80 },
        { containerPort: 9090, hostPort: 0 },
      ]),
    );
    const uri = await open(text);
    assert.deepEqual(
      (await mine(uri)).map((d) => d.range),
      [rangeAfter(text, '"hostPort": ', '80'), rangeAfter(text, '"containerPort": 9090,\n          "hostPort": ', '0')],
    );
    let step = await applyFix(uri, 'awsvpc-host-port', 'Set hostPort to 8080 (the containerPort)');
    assert.equal(
      step.text,
      pretty(
        json([
          { containerPort: 8080, hostPort: 8080 },
          { containerPort: 9090, hostPort: 0 },
        ]),
      ),
    );
    step = await applyFix(uri, 'awsvpc-host-port', 'Remove hostPort');
    assert.equal(step.text, pretty(json([{ containerPort: 8080, hostPort: 8080 }, { containerPort: 9090 }])));
    assert.deepEqual(step.after, []);
  });

  test('fargate-windows-platform and fargate-windows-unsupported: set the OS and architecture, remove user', async () => {
    const json = (platform: Record<string, string>, container: Record<string, unknown>) =>
      fargate([{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis', ...container }], {
        cpu: '1024',
        memory: '2048',
        runtimePlatform: platform,
      });
    const text = pretty(json({ operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL', cpuArchitecture: 'ARM64' }, { user: 'ContainerUser' }));
    const uri = await open(text);
    assert.deepEqual(
      (await mine(uri)).map((d) => d.range),
      [rangeOf(text, '"WINDOWS_SERVER_2016_FULL"'), rangeOf(text, '"ARM64"'), rangeOf(text, '"user"')],
    );
    let step = await applyFix(uri, 'fargate-windows-platform', 'Set operatingSystemFamily to "WINDOWS_SERVER_2019_FULL"');
    assert.equal(
      step.text,
      pretty(json({ operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL', cpuArchitecture: 'ARM64' }, { user: 'ContainerUser' })),
    );
    step = await applyFix(uri, 'fargate-windows-platform', 'Set cpuArchitecture to "X86_64"');
    assert.equal(
      step.text,
      pretty(json({ operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL', cpuArchitecture: 'X86_64' }, { user: 'ContainerUser' })),
    );
    step = await applyFix(uri, 'fargate-windows-unsupported', 'Remove "user"');
    assert.equal(step.text, pretty(json({ operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL', cpuArchitecture: 'X86_64' }, {})));
    assert.deepEqual(step.after, []);
  });

  test('fargate-ephemeral-storage: 201 is set to 200, 20 is removed', async () => {
    const json = (storage?: unknown) => fargate([app()], storage === undefined ? {} : { ephemeralStorage: storage });
    const text = pretty(json({ sizeInGiB: 201 }));
    const uri = await open(text);
    let step = await applyFix(uri, 'fargate-ephemeral-storage', 'Set sizeInGiB to 200');
    assert.deepEqual(step.before.range, rangeOf(text, '201'));
    assert.equal(step.text, pretty(json({ sizeInGiB: 200 })));
    assert.deepEqual(step.after, []);
    await client.change(uri, pretty(json({ sizeInGiB: 20 })));
    step = await applyFix(uri, 'fargate-ephemeral-storage', 'Remove ephemeralStorage (the task gets the default 20 GiB)');
    assert.equal(step.text, pretty(json()));
    assert.deepEqual(step.after, []);
  });

  test('Fix all applies the safe fixes (host port, links, ephemeral 20) and leaves privileged for the user', async () => {
    const json = (container: Record<string, unknown>, extra: Record<string, unknown>) => fargate([app(container)], extra);
    const text = pretty(
      json(
        { privileged: true, links: ['db'], portMappings: [{ containerPort: 8080, hostPort: 80 }] },
        { ephemeralStorage: { sizeInGiB: 20 } },
      ),
    );
    const uri = await open(text);
    const actions = await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll'],
    );
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.fargateLint'],
    );
    const fixed = await client.applyEdit(uri, actions[0].edit!);
    assert.equal(fixed, pretty(json({ privileged: true, portMappings: [{ containerPort: 8080, hostPort: 8080 }] }, {})));
    assert.deepEqual(
      (await mine(uri)).map((d) => d.range),
      [rangeOf(fixed, '"privileged"')],
    );
  });

  test('completion of awslogs option keys: required ones first, the present ones left out', async () => {
    const text = FARGATE(
      '    { "name": "app", "image": "nginx", "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "g",  } } }',
    );
    const uri = await open(text);
    const items = await client.completion(uri, positionOf(text, '"g", ', 5));
    const labels = items.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 2), ['"awslogs-region"', '"awslogs-stream-prefix"']);
    assert.ok(!labels.includes('"awslogs-group"'));
    assert.ok(labels.indexOf('"mode"') < labels.indexOf('"awslogs-endpoint"'), 'documented options before undocumented ones');
    assert.equal(items[1].labelDetails?.description, 'required on Fargate');
    const mode = items.find((i) => i.label === '"mode"')!;
    assert.deepEqual(mode.textEdit as unknown, {
      range: { start: positionOf(text, '"g", ', 5), end: positionOf(text, '"g", ', 5) },
      newText: '"mode": "${1|non-blocking,blocking|}"',
    });
    assert.equal(mode.insertTextFormat, 2);
  });

  test('completion of an option key adds a comma before a following property, and renames an existing key alone', async () => {
    const text = FARGATE(
      '    { "name": "app", "image": "nginx", "logConfiguration": { "logDriver": "awslogs", "options": {  "awslogs-group": "g", "awslogs-regoin": "eu-west-1" } } }',
    );
    const uri = await open(text);
    const before = await client.completion(uri, positionOf(text, '"options": {  ', 13));
    assert.equal(
      (before.find((i) => i.label === '"awslogs-stream-prefix"')!.textEdit as { newText: string }).newText,
      '"awslogs-stream-prefix": "$1",',
    );
    const rename = await client.completion(uri, positionOf(text, '"awslogs-regoin"', 3));
    const region = rename.find((i) => i.label === '"awslogs-region"')!;
    assert.deepEqual(region.textEdit as unknown, { range: rangeOf(text, '"awslogs-regoin"'), newText: '"awslogs-region"' });
    assert.equal(region.insertTextFormat, 1);
  });

  test('completion of splunk and awsfirelens option keys', async () => {
    const text = FARGATE(
      '    { "name": "a", "image": "x", "logConfiguration": { "logDriver": "splunk", "options": {  } } },\n    { "name": "b", "image": "y", "logConfiguration": { "logDriver": "awsfirelens", "options": {  } } }',
    );
    const uri = await open(text);
    const splunk = await client.completion(uri, positionOf(text, '"options": {  }', 13, 0));
    assert.deepEqual(
      splunk.slice(0, 2).map((i) => i.label),
      ['"splunk-url"', '"splunk-token"'],
    );
    const firelens = await client.completion(uri, positionOf(text, '"options": {  }', 13, 1));
    assert.equal(firelens[0].label, '"Name"');
    assert.ok(firelens.some((i) => i.label === '"log-driver-buffer-limit"'));
  });

  test('completion of logDriver: only the three Fargate drivers in a Fargate task, all eight on EC2', async () => {
    const text = FARGATE('    { "name": "app", "image": "nginx", "logConfiguration": { "logDriver": "json-file" } }');
    const uri = await open(text);
    const items = await client.completion(uri, positionOf(text, '"json-file"', 1));
    assert.deepEqual(
      items.map((i) => i.label),
      ['"awslogs"', '"awsfirelens"', '"splunk"'],
    );
    assert.deepEqual((items[0].textEdit as { range: Range }).range, rangeOf(text, '"json-file"'));
    const ec2 = text.replace('["FARGATE"]', '["EC2"]');
    const uri2 = await open(ec2);
    assert.equal((await client.completion(uri2, positionOf(ec2, '"json-file"', 1))).length, 8);
  });

  test('completion of runtimePlatform: Fargate systems first, ARM64 marked Linux only', async () => {
    const text = FARGATE(
      '    { "name": "app", "image": "nginx" }',
      '\n  "runtimePlatform": { "operatingSystemFamily": "", "cpuArchitecture": "" },',
    );
    const uri = await open(text);
    const os = await client.completion(uri, positionOf(text, '""', 1, 0));
    assert.deepEqual(
      os.slice(0, 5).map((i) => i.label),
      ['"LINUX"', '"WINDOWS_SERVER_2022_CORE"', '"WINDOWS_SERVER_2022_FULL"', '"WINDOWS_SERVER_2019_CORE"', '"WINDOWS_SERVER_2019_FULL"'],
    );
    assert.equal(os[5].labelDetails?.description, 'EC2; not documented for Fargate');
    assert.equal(os[os.length - 1].labelDetails?.description, 'EC2 only');
    const arch = await client.completion(uri, positionOf(text, '""', 1, 1));
    assert.deepEqual(
      arch.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['"X86_64"', 'the default'],
        ['"ARM64"', 'Graviton, Linux only'],
      ],
    );
  });

  test('hover on an awslogs option key says what it does and whether Fargate requires it', async () => {
    const text = FARGATE(
      '    { "name": "app", "image": "nginx", "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-stream-prefix": "ecs", "log_key": "x" } } }',
    );
    const uri = await open(text);
    const hover = await client.hover(uri, positionOf(text, '"awslogs-stream-prefix"', 3));
    const markdown = (hover?.contents as { value: string }).value;
    assert.match(markdown, /^\*\*awslogs-stream-prefix\*\*: option of the `awslogs` log driver \(required on Fargate\)/);
    assert.match(markdown, /prefix\/container-name\/task-id/);
    const unknown = await client.hover(uri, positionOf(text, '"log_key"', 3));
    assert.match((unknown?.contents as { value: string }).value, /not an option ECS takes for the `awslogs` log driver/);
  });

  test('hover on a logDriver value shows where each driver runs', async () => {
    const text = FARGATE('    { "name": "app", "image": "nginx", "logConfiguration": { "logDriver": "gelf" } }');
    const uri = await open(text);
    const markdown = ((await client.hover(uri, positionOf(text, '"gelf"', 2)))?.contents as { value: string }).value;
    assert.match(markdown, /\| \*\*gelf\*\* ◀ \| no \(EC2 only\) \|/);
    assert.match(markdown, /This task targets Fargate, which does not support `gelf`/);
  });
});
