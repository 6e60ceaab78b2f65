// Heavy and hostile inputs through the built CLI (`node dist/cli.js --format json`), one case at a time: the
// CPU time (user + system: steadier than wall time on a shared machine), the wall time and the peak memory
// (max RSS) of each run. The cases are the ones of issue 9 (quadratic wildcards, 20,000 statements, a 3.5 MB
// wildcard, 10,000 containers, 100,000 files, deep nesting, huge lines), written to a temporary folder and
// removed afterwards. The goal (issue 9 item 6): inputs within the quotas fast, any single file up to the
// 4 MB read cap in under 2 s. Figures only, no pass/fail. `npm run bench -- heavy` runs only this case.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const title = 'Heavy and hostile inputs (issue 9), the CLI per case';

/** A case that takes longer is stopped, and reported as such. */
const TIMEOUT_S = 120;

const ROLE = 'arn:aws:iam::123456789012:role/exec';

function taskDefinition(container = {}, extra = {}) {
  return {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    executionRoleArn: ROLE,
    containerDefinitions: [{ name: 'app', image: 'nginx', essential: true, ...container }],
    ...extra,
  };
}

function policy(statements) {
  return { Version: '2012-10-17', Statement: statements };
}

/** A task definition, its execution role's policy, and the fargate-lint.json that ties them. */
function withRole(folder, task, rolePolicy) {
  writeFileSync(join(folder, 'task-definition.json'), JSON.stringify(task));
  writeFileSync(join(folder, 'policy.json'), JSON.stringify(rolePolicy));
  writeFileSync(join(folder, 'fargate-lint.json'), JSON.stringify({ roles: { exec: { policies: ['policy.json'] } } }));
  return ['.'];
}

function manyStatements(count) {
  return Array.from({ length: count }, (_, i) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: ['s3:GetObject', 'logs:PutLogEvents'],
    Resource: `arn:aws:s3:::bucket-${i}/*`,
  }));
}

function manySecrets(count) {
  const secrets = Array.from({ length: count }, (_, i) => ({
    name: `S${i}`,
    valueFrom: `arn:aws:ssm:eu-west-1:123456789012:parameter/app/p${i}`,
  }));
  return taskDefinition({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1', secrets });
}

const CASES = [
  {
    name: 'at the quotas: a 64 KiB task definition of 10 containers, a 10,240-character policy',
    make: (folder) => {
      const padding = 'x'.repeat(5_500);
      const containers = Array.from({ length: 10 }, (_, i) => ({
        name: `c${i}`,
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1',
        essential: i === 0,
        environment: [{ name: 'NOTE', value: padding }],
        secrets: [{ name: `S${i}`, valueFrom: `arn:aws:ssm:eu-west-1:123456789012:parameter/app/p${i}` }],
      }));
      const statements = manyStatements(80);
      return withRole(folder, { ...taskDefinition(), containerDefinitions: containers }, policy(statements));
    },
  },
  {
    name: 'wildcard: 80 KB environment-file ARN against an 80 KB *a*a…*b resource',
    make: (folder) =>
      withRole(
        folder,
        taskDefinition({ environmentFiles: [{ value: `arn:aws:s3:::bucket/${'a'.repeat(80_000)}`, type: 's3' }] }),
        policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'*a'.repeat(40_000)}*b` }]),
      ),
  },
  {
    name: 'wildcard: 2,000-character SSM secret against a 2 MB policy',
    make: (folder) =>
      withRole(
        folder,
        taskDefinition({
          secrets: [{ name: 'S', valueFrom: `arn:aws:ssm:eu-west-1:123456789012:parameter/${'a'.repeat(2_000)}` }],
        }),
        policy([
          {
            Effect: 'Allow',
            Action: 'ssm:GetParameters',
            Resource: Array.from({ length: 1_000 }, (_, i) => `arn:aws:ssm:*:*:parameter/${'*a'.repeat(1_000)}*b${i}`),
          },
        ]),
      ),
  },
  {
    name: 'policy with 20,000 statements',
    make: (folder) => {
      return withRole(folder, taskDefinition(), policy(manyStatements(20_000)));
    },
  },
  {
    name: 'one 3.5 MB action wildcard',
    make: (folder) => {
      writeFileSync(
        join(folder, 'policy.json'),
        JSON.stringify(policy([{ Effect: 'Allow', Action: `s3:${'*a'.repeat(1_750_000)}`, Resource: '*' }])),
      );
      return ['policy.json'];
    },
  },
  {
    name: 'one 3.5 MB action name (no wildcard)',
    make: (folder) => {
      writeFileSync(
        join(folder, 'policy.json'),
        JSON.stringify(policy([{ Effect: 'Allow', Action: `s3:Get${'a'.repeat(3_500_000)}`, Resource: '*' }])),
      );
      return ['policy.json'];
    },
  },
  {
    name: '10,000 containers chained by dependsOn',
    make: (folder) => {
      const containers = Array.from({ length: 10_000 }, (_, i) => ({
        name: `c${i}`,
        image: 'nginx',
        essential: i === 0,
        ...(i > 0 ? { dependsOn: [{ containerName: `c${i - 1}`, condition: 'START' }] } : {}),
      }));
      writeFileSync(join(folder, 'task-definition.json'), JSON.stringify({ ...taskDefinition(), containerDefinitions: containers }));
      return ['task-definition.json'];
    },
  },
  {
    name: '100,000 files (10 task definitions, 99,990 policies)',
    make: (folder) => {
      writeFileSync(join(folder, 'fargate-lint.json'), JSON.stringify({ roles: { exec: { policies: ['p/0/0.json'] } } }));
      for (let i = 0; i < 10; i++) writeFileSync(join(folder, `task-definition-${i}.json`), JSON.stringify(taskDefinition()));
      for (let d = 0; d < 100; d++) {
        mkdirSync(join(folder, 'p', String(d)), { recursive: true });
        for (let i = 0; i < 1_000 && d * 1_000 + i < 99_990; i++) {
          const resource = `arn:aws:s3:::bucket-${d}-${i}/*`;
          writeFileSync(
            join(folder, 'p', String(d), `${i}.json`),
            JSON.stringify(policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }])),
          );
        }
      }
      return ['.'];
    },
  },
  {
    name: '4 MB policy (34,000 statements)',
    make: (folder) => {
      writeFileSync(join(folder, 'policy.json'), JSON.stringify(policy(manyStatements(34_000))));
      return ['policy.json'];
    },
  },
  {
    name: '3.5 MB task definition (40,000 secrets)',
    make: (folder) => {
      writeFileSync(join(folder, 'task-definition.json'), JSON.stringify(manySecrets(40_000)));
      return ['task-definition.json'];
    },
  },
  {
    name: 'both, the role check across them (budgeted: the rest is unknown)',
    make: (folder) => withRole(folder, manySecrets(40_000), policy(manyStatements(34_000))),
  },
  {
    name: '50,000-deep nesting, next to a task definition',
    make: (folder) => {
      writeFileSync(join(folder, 'deep.json'), `${'['.repeat(50_000)}${']'.repeat(50_000)}`);
      writeFileSync(join(folder, 'task-definition.json'), JSON.stringify(taskDefinition()));
      return ['deep.json', 'task-definition.json'];
    },
  },
  {
    name: '3.5 MB environment value on one line',
    make: (folder) => {
      const task = taskDefinition({ environment: [{ name: 'DB_PASSWORD', value: `x${'Ab1!'.repeat(875_000)}` }] });
      writeFileSync(join(folder, 'task-definition.json'), JSON.stringify(task));
      return ['task-definition.json'];
    },
  },
];

/** Runs the CLI with a preload that reports its peak memory and CPU time on exit. */
function runCli(cli, folder, args) {
  const preload = join(folder, '..', `rss-${process.pid}.cjs`);
  writeFileSync(
    preload,
    `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, '\\nMAXRSS ' + u.maxRSS + ' CPU ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });`,
  );
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', preload, cli, '--format', 'json', ...args], {
    cwd: folder,
    encoding: 'utf8',
    timeout: TIMEOUT_S * 1000,
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(preload, { force: true });
  const usage = /MAXRSS (\d+) CPU (\d+)/.exec(result.stderr ?? '');
  return {
    seconds,
    timedOut: result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM',
    exitCode: result.status,
    maxRssMiB: usage ? Number(usage[1]) / 1024 : undefined,
    cpuSeconds: usage ? Number(usage[2]) / 1e6 : undefined,
  };
}

export async function measure({ root }) {
  const cli = join(root, 'dist', 'cli.js');
  const rows = [];
  for (const c of CASES) {
    const base = mkdtempSync(join(tmpdir(), 'fargate-lint-heavy-'));
    const folder = join(base, 'case');
    mkdirSync(folder);
    let r;
    try {
      r = runCli(cli, folder, c.make(folder));
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
    const memory = r.maxRssMiB === undefined ? '' : `, peak ${r.maxRssMiB.toFixed(0)} MiB`;
    rows.push({
      name: c.name,
      value: r.timedOut ? `> ${TIMEOUT_S}` : (r.cpuSeconds ?? 'failed'),
      unit: 's CPU',
      note: r.timedOut ? 'stopped' : `wall ${r.seconds.toFixed(2)} s${memory}, exit ${r.exitCode ?? '-'}`,
    });
  }
  return rows;
}
