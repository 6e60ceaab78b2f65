// The Fargate/awsvpc rules must tolerate any JSON: every value of a rich task definition is replaced in turn
// by null, the wrong type or an empty container, and no rule may throw (nor its fixes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import type { JsonPath } from '../../server/src/core/json';
import { documentOf, fixContextOf } from '../helpers/documents';
import { taskDefinitionRules } from '../../server/src/core/rules/task-definition';

const RICH = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
  pidMode: 'host',
  ipcMode: 'task',
  placementConstraints: [{ type: 'memberOf' }],
  runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL', cpuArchitecture: 'ARM64' },
  ephemeralStorage: { sizeInGiB: 10 },
  volumes: [
    { name: 'v', host: { sourcePath: '/x' }, dockerVolumeConfiguration: { scope: 'task' }, efsVolumeConfiguration: { fileSystemId: 'fs' } },
  ],
  containerDefinitions: [
    {
      name: 'app',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app',
      cpu: 256,
      memory: 512,
      privileged: true,
      user: 'u',
      links: ['db'],
      portMappings: [{ containerPort: 80, hostPort: 81 }],
      linuxParameters: { devices: [{ hostPath: '/dev/x' }], capabilities: { add: ['NET_ADMIN'] }, maxSwap: 1 },
      resourceRequirements: [{ type: 'GPU', value: '1' }],
      firelensConfiguration: { type: 'fluentbit', options: { 'config-file-type': 's3', 'config-file-value': 'arn' } },
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': 'g', mode: 'x', foo: 'y', 'awslogs-datetime-format': 'a', 'awslogs-multiline-pattern': 'b' },
      },
    },
    { name: 'side', image: 'x', logConfiguration: { logDriver: 'json-file' } },
  ],
};

const ODD: unknown[] = [null, [], {}, 'x', 0, -1, true, [null], [[]], { a: null }];

function* paths(value: unknown, path: JsonPath = []): Generator<JsonPath> {
  yield path;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* paths(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* paths(v, [...path, k]);
}

function replaced(value: unknown, path: JsonPath, by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), by);
  return copy;
}

test('no Fargate/awsvpc rule throws on odd values anywhere, and every fix of a finding can be computed', () => {
  let documents = 0;
  for (const path of paths(RICH)) {
    for (const by of ODD) {
      const document = documentOf(JSON.stringify(replaced(RICH, path, by)));
      const errors: string[] = [];
      const { findings } = analyze(document.model, {
        rules: taskDefinitionRules,
        onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`),
      });
      assert.deepEqual(errors, [], `${JSON.stringify(path)} = ${JSON.stringify(by)}`);
      for (const f of findings) {
        const rule = taskDefinitionRules.find((r) => r.meta.id === f.ruleId)!;
        assert.doesNotThrow(() => rule.fix?.(fixContextOf(document, f)), `${f.ruleId} fix at ${JSON.stringify(f.path)}`);
      }
      documents++;
    }
  }
  assert.ok(documents > 500, String(documents));
});
