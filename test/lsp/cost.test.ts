// Protocol tests for what a task size costs: the hover on cpu and memory, the code lens above cpu, the
// cost settings, and fargate-right-size with its fix, through the built server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, positionOf, range } from '../helpers/lspClient';

type Json = Record<string, unknown>;

/** A Fargate task definition as AWS writes them (two-space JSON). */
const task = (extra: Json = {}, container: Json = {}) =>
  `${JSON.stringify(
    {
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1024',
      memory: '2048',
      ...extra,
      containerDefinitions: [{ name: 'app', image: 'nginx', ...container }],
    },
    null,
    2,
  )}\n`;
const awslogs = (region: string) => ({
  logConfiguration: {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '/ecs/web', 'awslogs-region': region, 'awslogs-stream-prefix': 'web' },
  },
});

describe('cost', () => {
  let client: LspTestClient;
  let n = 0;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.shutdown());

  async function hoverOn(text: string, needle = '"memory"'): Promise<string> {
    const uri = `file:///ws/cost${++n}/task-definition.json`;
    await client.open(uri, text);
    const hover = await client.hover(uri, positionOf(text, needle, 2));
    return (hover?.contents as { value: string }).value;
  }

  test('hover on memory of 1 vCPU / 2 GB Linux x86 without a Region: us-east-1 prices, the ARM64 and Spot lines, below the size table', async () => {
    const markdown = await hoverOn(task());
    assert.ok(markdown.indexOf('**Cost: ') > markdown.indexOf('| cpu | vCPU |'), 'the cost comes below the size table');
    assert.match(
      markdown,
      /\*\*Cost: 0\.04937 USD per hour, 36\.04 USD per month\*\* on demand, LINUX\/X86_64 in \*\*us-east-1\*\* \(default us-east-1\)\./,
    );
    assert.match(markdown, /- 1 vCPU × 0\.04048 \+ 2 GB × 0\.004445 USD per hour/);
    // 1 × 0.03238 + 2 × 0.00356 = 0.0395 USD per hour = 28.84 USD per month.
    assert.match(markdown, /- ARM64 \(Graviton\): 28\.84 USD per month, 7\.20 USD \(20%\) less, .*the images must be built for arm64/);
    assert.match(markdown, /- Fargate Spot: about 10\.81–18\.02 USD per month \(50%–70% less; the price moves/);
    assert.match(markdown, /- Not included: Savings Plans \(they lower the price\), load balancers, NAT gateways, data transfer\./);
    assert.match(markdown, /Prices of 2026-06-17 \(`fargate-pricing\.json`\)\. A month is 730 hours;/);
  });

  test('the same on cpu, and on the cpu value', async () => {
    assert.match(await hoverOn(task(), '"cpu"'), /36\.04 USD per month/);
    assert.match(await hoverOn(task(), '"1024"'), /36\.04 USD per month/);
  });

  test('an ARM64 task shows the ARM rate, and no ARM64 line', async () => {
    const markdown = await hoverOn(task({ runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' } }));
    assert.match(markdown, /\*\*Cost: 0\.0395 USD per hour, 28\.84 USD per month\*\* on demand, LINUX\/ARM64 in \*\*us-east-1\*\*/);
    assert.match(markdown, /- 1 vCPU × 0\.03238 \+ 2 GB × 0\.00356 USD per hour/);
    assert.doesNotMatch(markdown, /ARM64 \(Graviton\)/);
    assert.match(markdown, /Fargate Spot: about/);
  });

  test('a Windows task includes the licence fee, and Spot is not offered', async () => {
    const markdown = await hoverOn(
      task({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } }),
    );
    // 1 × 0.09148 + 1 × 0.046 + 2 × 0.01005 = 0.15758 USD per hour.
    assert.match(markdown, /\*\*Cost: 0\.15758 USD per hour, 115\.03 USD per month\*\* on demand, WINDOWS\/X86_64 in \*\*us-east-1\*\*/);
    assert.match(markdown, /- 1 vCPU × 0\.09148 \+ 2 GB × 0\.01005 USD per hour/);
    assert.match(markdown, /- Windows licence fee: 1 vCPU × 0\.046 USD per hour/);
    assert.match(markdown, /- Fargate Spot does not run Windows tasks\./);
    assert.doesNotMatch(markdown, /ARM64 \(Graviton\)/);
  });

  test('awslogs-region picks a Region the table has', async () => {
    const markdown = await hoverOn(task({}, awslogs('sa-east-1')));
    // 1 × 0.0696 + 2 × 0.0076 = 0.0848 USD per hour.
    assert.match(
      markdown,
      /\*\*Cost: 0\.0848 USD per hour, 61\.90 USD per month\*\* on demand, LINUX\/X86_64 in \*\*sa-east-1\*\* \(from awslogs-region\)\./,
    );
    assert.match(markdown, /- 1 vCPU × 0\.0696 \+ 2 GB × 0\.0076 USD per hour/);
  });

  test('awslogs-region naming a Region the table lacks says so and shows us-east-1', async () => {
    const markdown = await hoverOn(task({}, awslogs('eu-west-3')));
    assert.match(
      markdown,
      /36\.04 USD per month\*\* on demand, LINUX\/X86_64 in \*\*us-east-1\*\* \(eu-west-3 has no price in the table: shown for us-east-1\)\./,
    );
  });

  test('30 GiB of ephemeral storage adds its cost', async () => {
    const markdown = await hoverOn(task({ ephemeralStorage: { sizeInGiB: 30 } }));
    // 10 GB × 0.000111 = 0.00111 USD per hour = 0.81 USD per month, on top of 0.04937.
    assert.match(markdown, /\*\*Cost: 0\.05048 USD per hour, 36\.85 USD per month\*\*/);
    assert.match(markdown, /- Ephemeral storage: 10 GB above the 20 GB included × 0\.000111 USD per hour = 0\.81 USD per month/);
  });

  test('no price for a size Fargate does not offer, nor for a placeholder', async () => {
    assert.match(
      await hoverOn(task({ memory: '4096', cpu: '256' })),
      /\*\*Cost\*\*: Not priced: 0\.25 vCPU with 4 GB is not a Fargate size\./,
    );
    assert.match(
      await hoverOn(task({ cpu: '{{cpu}}' })),
      /\*\*Cost\*\*: Not priced: cpu "\{\{cpu\}\}" is not known until it is filled in\./,
    );
  });

  test('the code lens above the task cpu', async () => {
    const text = task();
    const uri = 'file:///ws/lens/task-definition.json';
    await client.open(uri, text);
    const lenses = await client.codeLenses(uri);
    assert.deepEqual(
      lenses.map((l) => [l.range, l.command?.title]),
      [[range(6, 2, 6, 7), '≈ $36.04/month (us-east-1, on-demand)']],
    );
  });

  test('no code lens for a task definition without a Fargate size', async () => {
    const uri = 'file:///ws/lens2/task-definition.json';
    await client.open(uri, task({ cpu: '256', memory: '4096' }));
    assert.deepEqual(await client.codeLenses(uri), []);
  });

  test('fargate-right-size: a hint on cpu, its fix sets the smallest size that fits, and Fix all leaves it', async () => {
    const text = task({}, { cpu: 256, memory: 512 });
    const uri = 'file:///ws/right-size/task-definition.json';
    await client.open(uri, text);
    const hint = (await client.diagnostics(uri)).find((d) => d.code === 'fargate-right-size');
    assert.ok(hint);
    assert.equal(hint.severity, 4);
    assert.deepEqual(hint.range, range(6, 9, 6, 15));
    assert.match(
      String(hint.message),
      /they fit in 0\.25 vCPU \/ 0\.5 GB, smaller than this task's 1 vCPU \/ 2 GB, 27\.03 USD per month less/,
    );
    const fixAll = await client.codeActions(uri, range(0, 0, 0, 0), [], ['source.fixAll']);
    assert.deepEqual(fixAll, [], 'a smaller task is not a safe fix');
    const fixed = await client.applyFix(
      uri,
      'fargate-right-size',
      'Set cpu to 256 and memory to 512, the smallest size that fits the containers (≈ $9.01/month)',
    );
    assert.equal(fixed, text.replace('"cpu": "1024"', '"cpu": "256"').replace('"memory": "2048"', '"memory": "512"'));
    assert.equal((await client.diagnostics(uri)).filter((d) => d.code === 'fargate-right-size').length, 0);
  });

  describe('settings', () => {
    let configured: LspTestClient;
    before(async () => {
      configured = await LspTestClient.start({ settings: { cost: { region: 'sa-east-1' } } });
    });
    after(() => configured.shutdown());

    test('fargateLint.cost.region is the default Region', async () => {
      const text = task();
      const uri = 'file:///ws/settings1/task-definition.json';
      await configured.open(uri, text);
      const markdown = ((await configured.hover(uri, positionOf(text, '"memory"', 2)))?.contents as { value: string }).value;
      assert.match(
        markdown,
        /61\.90 USD per month\*\* on demand, LINUX\/X86_64 in \*\*sa-east-1\*\* \(default sa-east-1, from fargateLint\.cost\.region\)\./,
      );
      assert.deepEqual(
        (await configured.codeLenses(uri)).map((l) => l.command?.title),
        ['≈ $61.90/month (sa-east-1, on-demand)'],
      );
    });

    test('a Region in the file wins over the setting', async () => {
      const text = task({}, awslogs('us-east-1'));
      const uri = 'file:///ws/settings2/task-definition.json';
      await configured.open(uri, text);
      assert.deepEqual(
        (await configured.codeLenses(uri)).map((l) => l.command?.title),
        ['≈ $36.04/month (us-east-1, on-demand)'],
      );
    });

    test('fargateLint.cost.codeLens: false removes the lens and keeps the hover; the client is told to ask again', async () => {
      const text = task();
      const uri = 'file:///ws/settings3/task-definition.json';
      await configured.open(uri, text);
      const refreshes = configured.codeLensRefreshCount;
      await configured.setSettings({ cost: { codeLens: false } });
      assert.deepEqual(await configured.codeLenses(uri), []);
      assert.ok(configured.codeLensRefreshCount > refreshes, 'workspace/codeLens/refresh after a settings change');
      const markdown = ((await configured.hover(uri, positionOf(text, '"memory"', 2)))?.contents as { value: string }).value;
      assert.match(markdown, /36\.04 USD per month/);
    });

    test('fargateLint.cost.enabled: false removes the hover cost, the lens and the prices in messages and fix titles', async () => {
      const text = task({}, { cpu: 256, memory: 512 });
      const uri = 'file:///ws/settings4/task-definition.json';
      await configured.open(uri, text);
      await configured.setSettings({ cost: { enabled: false } });
      const markdown = ((await configured.hover(uri, positionOf(text, '"memory"', 2)))?.contents as { value: string }).value;
      assert.match(markdown, /Fargate task sizes/);
      assert.doesNotMatch(markdown, /USD|Cost/);
      assert.deepEqual(await configured.codeLenses(uri), []);
      const hint = (await configured.diagnostics(uri)).find((d) => d.code === 'fargate-right-size')!;
      assert.doesNotMatch(String(hint.message), /USD/);
      const actions = await configured.codeActions(uri, hint.range, [hint]);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Set cpu to 256 and memory to 512, the smallest size that fits the containers'],
      );
    });
  });
});
