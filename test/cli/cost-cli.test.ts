// The CLI's prices: --cost (a table), --cost --base REF (Markdown against a git revision, tested on a
// repository made here), and the task definitions' sizes and prices in --format json and SARIF.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli } from '../helpers/cli';

const task = (family: string, cpu: string, memory: string, extra: Record<string, unknown> = {}) => ({
  family,
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu,
  memory,
  containerDefinitions: [{ name: 'app', image: 'nginx', essential: true, user: '101', readonlyRootFilesystem: true }],
  ...extra,
});

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-cost-'));
  write(dir, files);
  return dir;
}

function write(dir: string, files: Record<string, unknown>) {
  for (const [name, json] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    if (json === undefined) rmSync(join(dir, name));
    else writeFileSync(join(dir, name), typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  }
}

function git(dir: string, ...args: string[]) {
  const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

describe('fargate-lint --cost', () => {
  test('a table of the task definitions with size, platform, Region and monthly price, and the total', async () => {
    const dir = folder({
      'web.json': task('web', '1024', '2048'),
      'infra/worker.json': task('worker', '512', '1024', { runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' } }),
      'infra/broken-size.json': task('batch', '256', '4096'),
      'policy.json': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
    });
    const { code, stdout } = await cli(['--cost', '.'], dir);
    assert.equal(code, 0);
    // 0.5 × 0.03238 + 1 × 0.00356 = 0.01975 USD per hour = 14.42 USD per month.
    assert.equal(
      stdout,
      [
        'Fargate cost on demand, 730 hours a month, prices of 2026-06-17',
        '',
        'file                    task definition  size             platform      Region     USD/month',
        'infra/broken-size.json  batch            —                —             —          not priced: 0.25 vCPU with 4 GB is not a Fargate size.',
        'infra/worker.json       worker           0.5 vCPU / 1 GB  LINUX/ARM64   us-east-1      14.42',
        'web.json                web              1 vCPU / 2 GB    LINUX/X86_64  us-east-1      36.04',
        'total (3 task definitions, 2 priced)                                                   50.46',
        '',
        'Not included: Savings Plans, Fargate Spot, load balancers, NAT gateways, data transfer.',
        '',
      ].join('\n'),
    );
  });

  test('--cost-region sets the Region a task definition without one is priced in', async () => {
    const dir = folder({ 'web.json': task('web', '1024', '2048') });
    const { stdout } = await cli(['--cost', '--cost-region', 'sa-east-1', 'web.json'], dir);
    assert.match(stdout, /web\.json +web +1 vCPU \/ 2 GB +LINUX\/X86_64 +sa-east-1 +61\.90\n/);
  });

  test('bad usage: --base without --cost, --cost with --no-cost or --format, a Region that is no Region', async () => {
    const dir = folder({ 'web.json': task('web', '1024', '2048') });
    for (const args of [
      ['--base', 'HEAD', 'web.json'],
      ['--cost', '--no-cost', 'web.json'],
      ['--cost', '--format', 'json', 'web.json'],
      ['--cost', '--cost-region', 'Mars', 'web.json'],
    ]) {
      const { code, stderr } = await cli(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^fargate-lint: /);
    }
  });
});

describe('fargate-lint --format json and sarif carry the prices', () => {
  const dir = folder({
    'web.json': task('web', '1024', '2048', {
      networkMode: 'bridge',
      ephemeralStorage: { sizeInGiB: 30 },
    }),
    'describe.json': { taskDefinition: task('api', '256', '512') },
  });

  test('--format json: taskDefinitions with path, family, size, platform, Region and prices', async () => {
    const { code, stdout } = await cli(['--format', 'json', '.'], dir);
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as { file: string; taskDefinitions?: unknown[]; diagnostics: Record<string, unknown>[] }[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.taskDefinitions]),
      [
        [
          'describe.json',
          [
            {
              path: ['taskDefinition'],
              family: 'api',
              cpu: 256,
              memory: 512,
              size: '0.25 vCPU / 0.5 GB',
              platform: 'LINUX/X86_64',
              region: 'us-east-1',
              regionReason: 'default us-east-1',
              hourlyUsd: 0.012343,
              monthlyUsd: 9.01,
            },
          ],
        ],
        [
          'web.json',
          [
            {
              path: [],
              family: 'web',
              cpu: 1024,
              memory: 2048,
              size: '1 vCPU / 2 GB',
              platform: 'LINUX/X86_64',
              region: 'us-east-1',
              regionReason: 'default us-east-1',
              extraStorageGb: 10,
              hourlyUsd: 0.05048,
              monthlyUsd: 36.85,
            },
          ],
        ],
      ],
    );
    assert.deepEqual(Object.keys(reports[1].diagnostics[0]), ['rule', 'severity', 'message', 'range']);
  });

  test('SARIF: run properties list every task definition, a result carries its task definition', async () => {
    const { stdout } = await cli(['--format', 'sarif', '.'], dir);
    const run = JSON.parse(stdout).runs[0];
    assert.equal(run.properties.pricesAsOf, '2026-06-17');
    assert.equal(run.properties.hoursPerMonth, 730);
    assert.deepEqual(
      run.properties.taskDefinitions.map((t: Record<string, unknown>) => [
        t.artifact,
        t.family,
        t.size,
        t.platform,
        t.region,
        t.monthlyUsd,
      ]),
      [
        ['describe.json', 'api', '0.25 vCPU / 0.5 GB', 'LINUX/X86_64', 'us-east-1', 9.01],
        ['web.json', 'web', '1 vCPU / 2 GB', 'LINUX/X86_64', 'us-east-1', 36.85],
      ],
    );
    const networkMode = run.results.find((r: { ruleId: string }) => r.ruleId === 'fargate-network-mode');
    assert.deepEqual(networkMode.properties, {
      taskDefinition: { family: 'web', size: '1 vCPU / 2 GB', platform: 'LINUX/X86_64', region: 'us-east-1', monthlyUsd: 36.85 },
    });
  });

  test('--no-cost leaves them out', async () => {
    const json = JSON.parse((await cli(['--format', 'json', '--no-cost', '.'], dir)).stdout) as Record<string, unknown>[];
    assert.ok(json.every((r) => !('taskDefinitions' in r)));
    assert.equal(JSON.parse((await cli(['--format', 'sarif', '--no-cost', '.'], dir)).stdout).runs[0].properties, undefined);
  });
});

describe('fargate-lint --cost --base REF', () => {
  /** A repository whose first commit has web (0.5 vCPU / 1 GB), api and old; the work tree changes them. */
  function repository(): string {
    const dir = folder({
      'infra/web.json': task('web', '512', '1024'),
      'infra/api.json': task('api', '256', '512'),
      'infra/old.json': task('old', '256', '512'),
      'README.md': 'not JSON',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'first');
    write(dir, {
      'infra/web.json': task('web', '1024', '2048'),
      'infra/new.json': task('new', '1024', '2048', { runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' } }),
      'infra/old.json': undefined,
    });
    return dir;
  }

  test('the change per task definition and in total, as Markdown; new and removed files included', async () => {
    const dir = repository();
    const { code, stdout, stderr } = await cli(['--cost', '--base', 'HEAD', 'infra'], dir);
    assert.equal(code, 0, stderr);
    assert.equal(
      stdout,
      [
        '### Fargate cost: `HEAD` → this change',
        '',
        'On demand, 730 hours a month, prices of 2026-06-17. Not included: Savings Plans, Fargate Spot, load balancers, NAT gateways, data transfer.',
        '',
        '| task definition | size | before | after | change |',
        '|---|---|---:|---:|---:|',
        '| `infra/api.json` api | 0.25 vCPU / 0.5 GB (LINUX/X86_64, us-east-1) | 9.01 USD | 9.01 USD | ±0.00 USD |',
        '| `infra/new.json` new | new: 1 vCPU / 2 GB (LINUX/ARM64, us-east-1) | — | 28.84 USD | +28.84 USD |',
        '| `infra/old.json` old | removed: 0.25 vCPU / 0.5 GB (LINUX/X86_64, us-east-1) | 9.01 USD | — | −9.01 USD |',
        '| `infra/web.json` web | 0.5 vCPU / 1 GB (LINUX/X86_64, us-east-1) → 1 vCPU / 2 GB (LINUX/X86_64, us-east-1) | 18.02 USD | 36.04 USD | +18.02 USD |',
        '| **total** | | **36.04 USD** | **73.89 USD** | **+37.85 USD** |',
        '',
      ].join('\n'),
    );
  });

  test('a file named on the command line, from a subfolder, compared with a branch name', async () => {
    const dir = repository();
    git(dir, 'branch', 'base');
    const { code, stdout } = await cli(['--cost', '--base', 'base', 'web.json'], join(dir, 'infra'));
    assert.equal(code, 0);
    assert.match(
      stdout,
      /\| `infra\/web\.json` web \| .* \| 18\.02 USD \| 36\.04 USD \| \+18\.02 USD \|\n\| \*\*total\*\* \| \| \*\*18\.02 USD\*\* \| \*\*36\.04 USD\*\* \| \*\*\+18\.02 USD\*\* \|/,
    );
  });

  test('refuses a revision that is an option or unknown, a path outside the repository, and a folder that is no repository', async () => {
    const dir = repository();
    const outside = folder({ 'x.json': task('x', '256', '512') });
    const cases: [string[], string, RegExp][] = [
      [['--cost', '--base', '--output=/tmp/x', 'infra'], dir, /not a git revision: --output=\/tmp\/x/],
      [['--cost', '--base', 'HEAD;rm', 'infra'], dir, /not a git revision/],
      [['--cost', '--base', 'no-such-branch', 'infra'], dir, /no-such-branch is not a commit of the repository/],
      [['--cost', '--base', 'HEAD', join(outside, 'x.json')], dir, /is not inside the git repository/],
      [['--cost', '--base', 'HEAD', 'x.json'], outside, /--base needs a git repository/],
    ];
    for (const [args, cwd, message] of cases) {
      const { code, stderr } = await cli(args, cwd);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
    }
  });
});
