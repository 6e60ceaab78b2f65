import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fargateNetworkMode } from '../../../../server/src/core/rules/task-definition/fargate-network-mode';
import { fixedText } from '../../../helpers/documents';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const task = (extra: Record<string, unknown>) => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx' }],
  ...extra,
});

ruleTester(fargateNetworkMode, {
  valid: [
    { name: 'awsvpc', json: task({ networkMode: 'awsvpc' }) },
    { name: 'EC2 with bridge', json: task({ requiresCompatibilities: ['EC2'], networkMode: 'bridge' }) },
    { name: 'EC2 without networkMode', json: task({ requiresCompatibilities: ['EC2'] }) },
    { name: 'no requiresCompatibilities', json: { family: 'x', networkMode: 'host', containerDefinitions: [] } },
    { name: 'placeholder', json: task({ networkMode: '{{networkmode}}' }) },
  ],
  invalid: [
    {
      name: 'bridge on Fargate',
      json: task({ networkMode: 'bridge' }),
      findings: [
        {
          path: ['networkMode'],
          message: 'not "bridge"',
          fix: { title: 'Set networkMode to "awsvpc"', output: task({ networkMode: 'awsvpc' }), safe: true },
        },
      ],
    },
    {
      name: 'host on Fargate with EC2',
      json: task({ requiresCompatibilities: ['EC2', 'FARGATE'], networkMode: 'host' }),
      findings: [{ path: ['networkMode'], fixes: ['Set networkMode to "awsvpc"'] }],
    },
    {
      name: 'missing networkMode defaults to bridge',
      json: task({}),
      findings: [
        {
          path: ['requiresCompatibilities'],
          message: 'sets none',
          fix: { title: 'Set networkMode to "awsvpc"', output: task({ networkMode: 'awsvpc' }), safe: true },
          target: 'key',
        },
      ],
    },
    {
      name: 'null networkMode',
      json: task({ networkMode: null }),
      findings: [{ path: ['requiresCompatibilities'], target: 'key', fixes: ['Set networkMode to "awsvpc"'] }],
    },
  ],
});

test('fargate-network-mode: the inserted networkMode goes last, indented like its siblings', () => {
  const { document, findings, fixesOf } = findingsOf(fargateNetworkMode, task({}));
  assert.match(fixedText(fixesOf(findings[0])[0], document), /\n {2}"networkMode": "awsvpc"\n\}$/);
});
