// The price table and what it makes of a task definition: the worked figures of the research notes, the
// platform, the Region and why, and the reasons a task gets no price.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import table from '../../server/src/core/facts/fargate-pricing.json';
import { costLenses } from '../../server/src/core/taskdef/cost-assist';
import { formatRate, perMonth, priceTask } from '../../server/src/core/taskdef/pricing';

type Json = Record<string, unknown>;
const task = (extra: Json = {}, container: Json = {}): Json => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
  containerDefinitions: [{ name: 'app', image: 'nginx', ...container }],
  ...extra,
});
const logsIn = (region: string) => ({ logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': region } } });

function cost(t: Json, options = {}) {
  const pricing = priceTask(t, options);
  assert.ok(pricing.cost, pricing.reason);
  return pricing.cost;
}

describe('the price table', () => {
  test('is dated and sourced, and every Region has Linux/X86_64 rates', () => {
    assert.match(table.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(table.checked, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(table.sources.length > 0);
    assert.equal(table.hoursPerMonth, 730);
    for (const [region, prices] of Object.entries(table.regions)) {
      assert.match(region, /^[a-z]{2}(-[a-z]+)+-\d$/);
      assert.ok((prices as Json)['LINUX/X86_64'], region);
    }
  });
});

describe('priceTask', () => {
  test('the worked checks: 1 vCPU / 2 GB = 0.04937 USD per hour, 36.04 per month; 0.25 vCPU / 0.5 GB = 9.01', () => {
    const big = cost(task());
    assert.equal(formatRate(big.hourly), '0.04937');
    assert.equal(big.monthly, 36.04);
    assert.equal(cost(task({ cpu: '.25 vcpu', memory: '0.5GB' })).monthly, 9.01);
  });

  test('half a cent rounds up, free of floating-point noise', () => {
    // 0.0395 × 730 = 28.835 exactly.
    assert.equal(perMonth(0.0395), 28.84);
  });

  test('the platform: ARM64, Windows with its licence fee', () => {
    assert.equal(cost(task({ runtimePlatform: { cpuArchitecture: 'ARM64' } })).context.platform, 'LINUX/ARM64');
    const windows = cost(task({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL', cpuArchitecture: 'X86_64' } }));
    assert.equal(windows.context.platform, 'WINDOWS/X86_64');
    assert.equal(formatRate(windows.licenceHourly), '0.046');
  });

  test('the Region: named in the file, else the setting, else us-east-1; a Region without prices says so', () => {
    const where = (t: Json, options = {}) => [cost(t, options).context.region, cost(t, options).context.regionReason];
    assert.deepEqual(where(task()), ['us-east-1', 'default us-east-1']);
    assert.deepEqual(where(task({}, logsIn('sa-east-1'))), ['sa-east-1', 'from awslogs-region']);
    assert.deepEqual(where(task(), { region: 'sa-east-1', regionSource: '--cost-region' }), [
      'sa-east-1',
      'default sa-east-1, from --cost-region',
    ]);
    assert.deepEqual(where(task({}, logsIn('us-east-1')), { region: 'sa-east-1' }), ['us-east-1', 'from awslogs-region']);
    assert.deepEqual(where(task({}, { image: '123456789012.dkr.ecr.sa-east-1.amazonaws.com/web:1' })), ['sa-east-1', 'from the ECR image']);
    assert.deepEqual(where(task({}, logsIn('eu-west-3'))), ['us-east-1', 'eu-west-3 has no price in the table: shown for us-east-1']);
    assert.deepEqual(where(task({}, logsIn('eu-west-3')), { region: 'sa-east-1' }), [
      'sa-east-1',
      'eu-west-3 has no price in the table: shown for sa-east-1',
    ]);
    // sa-east-1 has Linux prices only, and no storage price: the whole estimate moves to us-east-1.
    const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } };
    assert.deepEqual(where(task(windows, logsIn('sa-east-1'))), [
      'us-east-1',
      'sa-east-1 has no Windows price in the table: shown for us-east-1',
    ]);
    assert.deepEqual(where(task({ ephemeralStorage: { sizeInGiB: 50 } }, logsIn('sa-east-1'))), [
      'us-east-1',
      'sa-east-1 has no ephemeral-storage price in the table: shown for us-east-1',
    ]);
  });

  test('ephemeral storage above 20 GB is billed; an invalid size is not priced here', () => {
    assert.equal(cost(task({ ephemeralStorage: { sizeInGiB: 30 } })).context.extraStorageGb, 10);
    assert.equal(cost(task({ ephemeralStorage: { sizeInGiB: 20 } })).context.extraStorageGb, 0);
    assert.equal(cost(task({ ephemeralStorage: { sizeInGiB: 500 } })).context.extraStorageGb, 0);
    assert.match(cost(task({ ephemeralStorage: { sizeInGiB: '{{disk}}' } })).context.storageNote ?? '', /not known/);
  });

  test('no price, with a reason: EC2 only, a size Fargate lacks, unknown values, no size', () => {
    const reason = (t: Json) => priceTask(t).reason;
    assert.match(reason(task({ requiresCompatibilities: ['EC2'] })) ?? '', /does not name FARGATE/);
    assert.match(reason(task({ cpu: '256', memory: '4096' })) ?? '', /0\.25 vCPU with 4 GB is not a Fargate size/);
    assert.match(reason(task({ memory: '${var.memory}' })) ?? '', /memory "\$\{var\.memory\}" is not known/);
    assert.match(reason(task({ cpu: undefined })) ?? '', /needs a cpu and a memory value/);
    assert.match(
      reason(task({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, cpu: '512', memory: '1024' })) ?? '',
      /not a Fargate size/,
    );
  });

  test('a task that names no launch type is priced when it uses awsvpc, as if run on Fargate', () => {
    assert.equal(cost(task({ requiresCompatibilities: undefined })).assumedFargate, true);
    assert.match(priceTask(task({ requiresCompatibilities: undefined, networkMode: 'bridge' })).reason ?? '', /FARGATE/);
  });
});

describe('costLenses', () => {
  test('one lens per priced task definition, addressed by the model path of its cpu; none when costs are off', () => {
    const subjects = [{ kind: 'task-definition' as const, path: ['taskDefinition'], value: task() }];
    assert.deepEqual(costLenses(subjects, {}), [{ path: ['taskDefinition', 'cpu'], title: '≈ $36.04/month (us-east-1, on-demand)' }]);
    assert.deepEqual(costLenses(subjects, { enabled: false }), []);
    assert.deepEqual(costLenses([{ kind: 'task-definition', path: [], value: task({ cpu: '3' }) }], {}), []);
  });
});
