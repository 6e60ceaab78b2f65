import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awsvpcHostPort } from '../../../../server/src/core/rules/task-definition/awsvpc-host-port';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const task = (portMappings: unknown[], extra: Record<string, unknown> = { networkMode: 'awsvpc' }) => ({
  family: 'web',
  ...extra,
  containerDefinitions: [{ name: 'app', image: 'nginx', portMappings }],
});
const HOST = (i: number) => ['containerDefinitions', 0, 'portMappings', i, 'hostPort'];

ruleTester(awsvpcHostPort, {
  valid: [
    { name: 'hostPort left out (cfn-lint E3053 case)', json: task([{ containerPort: 8080 }]) },
    {
      name: 'hostPort equal to containerPort, as describe output writes it',
      json: task([{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }]),
    },
    {
      name: 'bridge may map another port (cfn-lint E3053 case)',
      json: task([{ containerPort: 8080, hostPort: 80 }], { networkMode: 'bridge' }),
    },
    { name: 'bridge dynamic port 0', json: task([{ containerPort: 8080, hostPort: 0 }], { networkMode: 'bridge' }) },
    { name: 'no networkMode means bridge (EC2)', json: task([{ containerPort: 8080, hostPort: 80 }], {}) },
    { name: 'a port range without hostPort', json: task([{ containerPortRange: '8000-8010' }]) },
    { name: "wrong types are the schema's business", json: task([{ containerPort: 8080, hostPort: '80' }]) },
    {
      name: 'container-definitions array (mode unknown)',
      json: [{ name: 'a', image: 'b', portMappings: [{ containerPort: 1, hostPort: 2 }] }],
    },
  ],
  invalid: [
    {
      name: 'awsvpc with another hostPort (cfn-lint E3053 case)',
      json: task([{ containerPort: 8080, hostPort: 80 }]),
      findings: [
        {
          path: HOST(0),
          message: 'With networkMode "awsvpc", hostPort must be left out or equal containerPort 8080, not 80 (container "app")',
          fixes: [
            { title: 'Set hostPort to 8080 (the containerPort)', output: task([{ containerPort: 8080, hostPort: 8080 }]), safe: true },
            'Remove hostPort',
          ],
        },
      ],
    },
    {
      name: 'hostPort 0 under awsvpc: only bridge has dynamic ports; removing it is preferred',
      json: task([{ containerPort: 8080, hostPort: 0 }]),
      findings: [
        {
          path: HOST(0),
          message: 'only the bridge mode has',
          fixes: [
            { title: 'Remove hostPort', output: task([{ containerPort: 8080 }]), safe: true },
            'Set hostPort to 8080 (the containerPort)',
          ],
        },
      ],
    },
    {
      name: 'host mode has the same rule',
      json: task([{ containerPort: 80, hostPort: 8080 }], { networkMode: 'host' }),
      findings: [
        { path: HOST(0), message: 'With networkMode "host"', fixes: ['Set hostPort to 80 (the containerPort)', 'Remove hostPort'] },
      ],
    },
    {
      name: 'Fargate implies awsvpc even while networkMode is still wrong',
      json: task(
        [
          { containerPort: 80, hostPort: 81 },
          { containerPort: 443, hostPort: 443 },
          { containerPort: 9000, hostPort: 9001 },
        ],
        { requiresCompatibilities: ['FARGATE'], networkMode: 'bridge' },
      ),
      findings: [
        {
          path: HOST(0),
          message: 'With Fargate (which uses awsvpc)',
          fixes: ['Set hostPort to 80 (the containerPort)', 'Remove hostPort'],
        },
        { path: HOST(2), fixes: ['Set hostPort to 9000 (the containerPort)', 'Remove hostPort'] },
      ],
    },
  ],
});

test('awsvpc-host-port: both fixes are safe, the preferred one first', () => {
  const { findings, fixesOf } = findingsOf(awsvpcHostPort, task([{ containerPort: 8080, hostPort: 80 }]));
  const fixes = fixesOf(findings[0]);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.safe, f.isPreferred]),
    [
      ['Set hostPort to 8080 (the containerPort)', true, true],
      ['Remove hostPort', true, undefined],
    ],
  );
});
