import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fargateUnsupportedParameter } from '../../../../server/src/core/rules/task-definition/fargate-unsupported-parameter';
import { parameterEntries } from '../../../../server/src/core/taskdef/fargate-parameters';
import { unknownMarker } from '../../../../server/src/core/unknown';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx', essential: true, ...extra });
const task = (containerExtra: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [container(containerExtra)],
  ...extra,
});
const at = (...path: (string | number)[]) => ['containerDefinitions', 0, ...path];

ruleTester(fargateUnsupportedParameter, {
  valid: [
    { name: 'a plain Fargate task', json: task() },
    {
      name: 'nulls, false and empty values mean "not used" (console exports, describe output)',
      json: task(
        {
          privileged: false,
          disableNetworking: false,
          links: [],
          dnsServers: null,
          dnsSearchDomains: [],
          dockerSecurityOptions: null,
          extraHosts: [],
          hostname: null,
          resourceRequirements: [],
          linuxParameters: {
            devices: [],
            tmpfs: null,
            sharedMemorySize: null,
            maxSwap: null,
            swappiness: null,
            capabilities: { add: [], drop: ['ALL'] },
          },
          firelensConfiguration: null,
        },
        {
          placementConstraints: [],
          ipcMode: null,
          pidMode: null,
          volumes: [
            { name: 'v', host: {} },
            { name: 'w', host: { sourcePath: null }, dockerVolumeConfiguration: null },
          ],
        },
      ),
    },
    { name: 'SYS_PTRACE may be added', json: task({ linuxParameters: { capabilities: { add: ['SYS_PTRACE'] } } }) },
    {
      name: 'CAP_SYS_PTRACE (the spelling of the Fargate page) too',
      json: task({ linuxParameters: { capabilities: { add: ['CAP_SYS_PTRACE'] } } }),
    },
    { name: 'pidMode task', json: task({}, { pidMode: 'task' }) },
    {
      name: 'initProcessEnabled and drop are fine',
      json: task({ linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['NET_RAW'] } } }),
    },
    {
      name: 'an inference accelerator or memory requirement is not a GPU',
      json: task({ resourceRequirements: [{ type: 'InferenceAccelerator', value: 'dev1' }] }),
    },
    {
      name: 'FireLens with a file config',
      json: task({
        firelensConfiguration: { type: 'fluentbit', options: { 'config-file-type': 'file', 'config-file-value': '/extra.conf' } },
      }),
    },
    { name: 'EFS volume', json: task({}, { volumes: [{ name: 'efs', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] }) },
    {
      name: 'EC2 task with every EC2 feature',
      json: { ...task({ privileged: true, links: ['db'] }, { pidMode: 'host', ipcMode: 'host' }), requiresCompatibilities: ['EC2'] },
    },
    { name: 'no requiresCompatibilities', json: { family: 'x', containerDefinitions: [container({ privileged: true })] } },
    { name: 'container-definitions array (launch type unknown)', json: [container({ privileged: true })] },
    { name: 'placeholder value', json: task({ hostname: '{{HOSTNAME}}' }) },
    {
      name: 'a list whose items are all unknown (a Terraform dynamic block, which may make none) is not known to be used',
      json: task(
        { links: [unknownMarker('dynamic "links"')] },
        { placementConstraints: [unknownMarker('dynamic "placement_constraints"')] },
      ),
    },
    { name: "wrong types are the schema's business", json: task({ linuxParameters: 'x', resourceRequirements: 'GPU' }) },
  ],
  invalid: [
    {
      name: 'privileged true',
      json: task({ privileged: true }),
      findings: [
        {
          path: at('privileged'),
          message: 'Fargate runs no privileged containers (container "app"): a privileged container gets root access',
          fix: { title: 'Remove "privileged"', output: task({}) },
          target: 'key',
        },
      ],
    },
    {
      name: 'links',
      json: task({ links: ['db'] }),
      findings: [
        {
          path: at('links'),
          message: 'links only work with the bridge network mode',
          fix: { title: 'Remove "links"', output: task(), safe: true },
          target: 'key',
        },
      ],
    },
    {
      name: 'disableNetworking true',
      json: task({ disableNetworking: true }),
      findings: [{ path: at('disableNetworking'), target: 'key', fixes: ['Remove "disableNetworking"'] }],
    },
    {
      name: 'dnsServers',
      json: task({ dnsServers: ['10.0.0.2'] }),
      findings: [{ path: at('dnsServers'), message: 'DHCP options', target: 'key', fixes: ['Remove "dnsServers"'] }],
    },
    {
      name: 'dnsSearchDomains',
      json: task({ dnsSearchDomains: ['corp'] }),
      findings: [{ path: at('dnsSearchDomains'), target: 'key', fixes: ['Remove "dnsSearchDomains"'] }],
    },
    {
      name: 'dockerSecurityOptions',
      json: task({ dockerSecurityOptions: ['label:type:x'] }),
      findings: [{ path: at('dockerSecurityOptions'), target: 'key', fixes: ['Remove "dockerSecurityOptions"'] }],
    },
    {
      name: 'extraHosts',
      json: task({ extraHosts: [{ hostname: 'db', ipAddress: '10.0.0.9' }] }),
      findings: [{ path: at('extraHosts'), target: 'key', fixes: ['Remove "extraHosts"'] }],
    },
    {
      name: 'hostname (Fargate means awsvpc)',
      json: task({ hostname: 'web-1' }),
      findings: [{ path: at('hostname'), message: 'awsvpc', target: 'key', fixes: ['Remove "hostname"'] }],
    },
    {
      name: 'a GPU requirement is reported on its item and removed alone',
      json: task({
        resourceRequirements: [
          { type: 'InferenceAccelerator', value: 'x' },
          { type: 'GPU', value: '1' },
        ],
      }),
      findings: [
        {
          path: at('resourceRequirements', 1),
          message: 'Fargate has no GPUs',
          fix: {
            title: 'Remove the GPU entry from resourceRequirements',
            output: task({ resourceRequirements: [{ type: 'InferenceAccelerator', value: 'x' }] }),
          },
        },
      ],
    },
    {
      name: 'linuxParameters devices, sharedMemorySize, tmpfs, maxSwap, swappiness: one finding each',
      json: task({
        linuxParameters: {
          devices: [{ hostPath: '/dev/fuse' }],
          sharedMemorySize: 64,
          tmpfs: [{ containerPath: '/tmp', size: 64 }],
          maxSwap: 0,
          swappiness: 60,
        },
      }),
      findings: [
        {
          path: at('linuxParameters', 'devices'),
          fix: {
            title: 'Remove "devices"',
            output: task({
              linuxParameters: { sharedMemorySize: 64, tmpfs: [{ containerPath: '/tmp', size: 64 }], maxSwap: 0, swappiness: 60 },
            }),
          },
          target: 'key',
        },
        { path: at('linuxParameters', 'sharedMemorySize'), target: 'key', fixes: ['Remove "sharedMemorySize"'] },
        { path: at('linuxParameters', 'tmpfs'), target: 'key', fixes: ['Remove "tmpfs"'] },
        { path: at('linuxParameters', 'maxSwap'), message: 'no swap space', target: 'key', fixes: ['Remove "maxSwap"'] },
        { path: at('linuxParameters', 'swappiness'), target: 'key', fixes: ['Remove "swappiness"'] },
      ],
    },
    {
      name: 'capabilities other than SYS_PTRACE, each on its item',
      json: task({ linuxParameters: { capabilities: { add: ['SYS_PTRACE', 'NET_ADMIN', 'CAP_SYS_PTRACE', 'SYS_ADMIN'] } } }),
      findings: [
        {
          path: at('linuxParameters', 'capabilities', 'add', 1),
          message: 'only kernel capability a container may add is SYS_PTRACE ("NET_ADMIN" in container "app")',
          fix: {
            title: 'Remove "NET_ADMIN" from linuxParameters.capabilities.add',
            output: task({ linuxParameters: { capabilities: { add: ['SYS_PTRACE', 'CAP_SYS_PTRACE', 'SYS_ADMIN'] } } }),
          },
        },
        {
          path: at('linuxParameters', 'capabilities', 'add', 3),
          message: '"SYS_ADMIN"',
          fixes: ['Remove "SYS_ADMIN" from linuxParameters.capabilities.add'],
        },
      ],
    },
    {
      name: 'pidMode host, with "task" as the alternative fix',
      json: task({}, { pidMode: 'host' }),
      findings: [
        {
          path: ['pidMode'],
          message: 'Fargate does not support pidMode "host": ',
          fixes: ['Remove "pidMode"', { title: 'Set pidMode to "task"', output: task({}, { pidMode: 'task' }) }],
        },
      ],
    },
    {
      name: 'ipcMode, any value',
      json: task({}, { ipcMode: 'none' }),
      findings: [{ path: ['ipcMode'], target: 'key', fixes: ['Remove "ipcMode"'] }],
    },
    {
      name: 'placementConstraints',
      json: task({}, { placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }] }),
      findings: [
        {
          path: ['placementConstraints'],
          message: 'AWS places Fargate tasks',
          fix: { title: 'Remove "placementConstraints"', output: task(), safe: true },
          target: 'key',
        },
      ],
    },
    {
      name: 'placementConstraints of the wrong type still count as set (cfn-lint E3048 case)',
      json: task({}, { placementConstraints: 'foo' }),
      findings: [{ path: ['placementConstraints'], target: 'key', fixes: ['Remove "placementConstraints"'] }],
    },
    {
      name: 'host.sourcePath and dockerVolumeConfiguration, per volume',
      json: task(
        {},
        {
          volumes: [
            { name: 'data', host: { sourcePath: '/data' } },
            { name: 'docker', dockerVolumeConfiguration: { scope: 'task', driver: 'local' } },
          ],
        },
      ),
      findings: [
        {
          path: ['volumes', 0, 'host', 'sourcePath'],
          message: '(volume "data")',
          fix: {
            title: 'Remove "sourcePath"',
            output: task(
              {},
              {
                volumes: [
                  { name: 'data', host: {} },
                  { name: 'docker', dockerVolumeConfiguration: { scope: 'task', driver: 'local' } },
                ],
              },
            ),
          },
          target: 'key',
        },
        {
          path: ['volumes', 1, 'dockerVolumeConfiguration'],
          message: 'Fargate does not support Docker volumes (volume "docker")',
          target: 'key',
          fixes: ['Remove "dockerVolumeConfiguration"'],
        },
      ],
    },
    {
      name: 'FireLens config from S3: both config-file options are removed',
      json: task({
        firelensConfiguration: {
          type: 'fluentbit',
          options: { 'config-file-type': 's3', 'config-file-value': 'arn:aws:s3:::b/extra.conf', 'enable-ecs-log-metadata': 'true' },
        },
      }),
      findings: [
        {
          path: at('firelensConfiguration', 'options', 'config-file-type'),
          message: 'Invalid arn syntax',
          fix: {
            title: 'Remove "config-file-type" and "config-file-value"',
            output: task({ firelensConfiguration: { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } } }),
          },
        },
      ],
    },
    {
      name: 'FARGATE with EC2 is still checked',
      json: task({ privileged: true }, { requiresCompatibilities: ['EC2', 'FARGATE'] }),
      findings: [{ path: at('privileged'), target: 'key', fixes: ['Remove "privileged"'] }],
    },
    {
      name: 'on Windows, the parts of linuxParameters are left to fargate-windows-unsupported, which reports the block',
      json: task(
        { privileged: true, linuxParameters: { maxSwap: 0, capabilities: { add: ['NET_ADMIN'] } } },
        { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, cpu: '1024', memory: '2048' },
      ),
      findings: [{ path: at('privileged'), target: 'key', fixes: ['Remove "privileged"'] }],
    },
  ],
});

const safeOf = (json: unknown) => {
  const { findings, fixesOf } = findingsOf(fargateUnsupportedParameter, json);
  return findings.map((f) => fixesOf(f)[0]?.safe);
};

test('fargate-unsupported-parameter: Fix all removes only harmless parameters, and only when the task targets nothing but Fargate', () => {
  const json = task(
    { links: ['db'], privileged: true, linuxParameters: { maxSwap: 0, swappiness: 10 } },
    { placementConstraints: [{ type: 'memberOf' }] },
  );
  // privileged, links, maxSwap, swappiness, placementConstraints
  assert.deepEqual(safeOf(json), [false, true, true, true, true]);
  assert.deepEqual(safeOf({ ...json, requiresCompatibilities: ['FARGATE', 'EC2'] }), [false, false, false, false, false]);
});

test("fargate-unsupported-parameter: every table entry names a rule and a reason, and the issue's list is covered", () => {
  const entries = parameterEntries('fargate');
  for (const e of entries) assert.ok(e.rule.length > 10 && e.why.length > 10, e.id);
  const ids = entries.map((e) => e.id).sort();
  assert.deepEqual(ids, [
    'capabilities-add',
    'devices',
    'disableNetworking',
    'dnsSearchDomains',
    'dnsServers',
    'dockerSecurityOptions',
    'dockerVolumeConfiguration',
    'extraHosts',
    'firelens-s3-config',
    'gpu',
    'hostname',
    'ipcMode',
    'links',
    'maxSwap',
    'pidMode-host',
    'placementConstraints',
    'privileged',
    'sharedMemorySize',
    'sourcePath',
    'swappiness',
    'tmpfs',
  ]);
});
