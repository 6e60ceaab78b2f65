// The general task-definition rules never throw: every value of a rich task definition is replaced, one at
// a time, by values of every JSON type, and each rule must run to the end on each variant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { documentOf } from '../helpers/documents';
import { taskDefinitionRules } from '../../server/src/core/rules/task-definition';

const RICH = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
  taskRoleArn: 'arn:aws:iam::123456789012:role/app',
  executionRoleArn: 'arn:aws:iam::123456789012:role/app',
  containerDefinitions: [
    {
      name: 'app',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1',
      cpu: 512,
      memory: 1024,
      memoryReservation: 512,
      essential: true,
      startTimeout: 30,
      stopTimeout: 30,
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
      environment: [{ name: 'DB_PASSWORD', value: 'hunter2-prod' }],
      environmentFiles: [{ value: 'arn:aws:s3:::bucket/app.env', type: 's3' }],
      secrets: [{ name: 'TOKEN', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:t-AbCdEf:k::' }],
      mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }],
      volumesFrom: [{ sourceContainer: 'init' }],
      dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
      healthCheck: { command: ['CMD-SHELL', 'true'], interval: 30, timeout: 5, retries: 3, startPeriod: 0 },
      logConfiguration: {
        logDriver: 'splunk',
        options: { 'awslogs-region': 'eu-west-1' },
        secretOptions: [{ name: 's', valueFrom: '/x' }],
      },
      user: '1000',
      readonlyRootFilesystem: true,
    },
    { name: 'init', image: 'busybox', essential: false, portMappings: [{ containerPort: 80 }] },
  ],
  volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { iam: 'ENABLED' } } }],
};

const REPLACEMENTS: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [null], [1], ['x'], { a: null }];

function* paths(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* paths(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* paths(v, [...path, k]);
}

function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const segment of path.slice(0, -1)) at = at[segment] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

test('no task-definition rule throws on any value of the wrong type or shape', () => {
  const errors: string[] = [];
  let runs = 0;
  for (const path of paths(RICH)) {
    for (const value of REPLACEMENTS) {
      for (const wrap of [
        (x: unknown) => x,
        (x: unknown) => ({ taskDefinition: x }),
        (x: unknown) => (x as { containerDefinitions?: unknown } | null)?.containerDefinitions,
      ]) {
        const json = wrap(replaced(RICH, path, value));
        if (json === undefined) continue;
        analyze(documentOf(JSON.stringify(json)).model, {
          rules: taskDefinitionRules,
          onRuleError: (rule, error) => errors.push(`${rule} at ${JSON.stringify(path)} = ${JSON.stringify(value)}: ${String(error)}`),
        });
        runs++;
      }
    }
  }
  assert.ok(runs > 1000, `only ${runs} variants`);
  assert.deepEqual(errors.slice(0, 10), []);
});
