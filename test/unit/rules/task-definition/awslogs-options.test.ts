import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awslogsOptions } from '../../../../server/src/core/rules/task-definition/awslogs-options';
import { fixedText } from '../../../helpers/documents';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const OPTIONS = ['containerDefinitions', 0, 'logConfiguration', 'options'];
const opt = (name: string) => [...OPTIONS, name];
const fargate = (options: unknown, extra: Record<string, unknown> = {}) => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    { name: 'app', image: 'nginx', logConfiguration: { logDriver: 'awslogs', ...(options === undefined ? {} : { options }) } },
  ],
  ...extra,
});
const ec2 = (options: unknown) => ({ ...fargate(options), requiresCompatibilities: ['EC2'] });
const full = { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'ecs' };

ruleTester(awslogsOptions, {
  valid: [
    { name: 'the three required options on Fargate', json: fargate(full) },
    { name: 'group and region on EC2 (cfn-lint E3046 case)', json: ec2({ 'awslogs-group': 'foo', 'awslogs-region': 'us-east-1' }) },
    {
      name: 'every documented option, with valid values',
      json: fargate({
        ...full,
        'awslogs-create-group': 'true',
        'awslogs-datetime-format': '%Y-%m-%d',
        mode: 'non-blocking',
        'max-buffer-size': '25m',
      }),
    },
    {
      name: 'create-group read as Docker reads booleans',
      json: fargate({ ...full, 'awslogs-create-group': 'True', 'awslogs-multiline-pattern': '^\\[' }),
    },
    { name: 'mode blocking', json: fargate({ ...full, mode: 'blocking' }) },
    { name: 'placeholder values are not judged', json: fargate({ ...full, mode: '{{mode}}', 'awslogs-create-group': '${CREATE}' }) },
    {
      name: 'other drivers are not ours',
      json: {
        ...fargate(undefined),
        containerDefinitions: [{ name: 'a', image: 'b', logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'x' } } }],
      },
    },
    {
      name: 'container-definitions array, launch type unknown: no stream prefix needed',
      json: [
        {
          name: 'a',
          image: 'b',
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1' } },
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'no options at all (cfn-lint E3046 case): reported on the driver, the fix writes all three',
      json: fargate(undefined, {
        containerDefinitions: [
          { name: 'app', image: '111122223333.dkr.ecr.ap-south-1.amazonaws.com/app', logConfiguration: { logDriver: 'awslogs' } },
        ],
      }),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          message: 'needs the options awslogs-group, awslogs-region and awslogs-stream-prefix (required on Fargate) (container "app")',
          fix: {
            title: 'Add awslogs-group "/ecs/web", awslogs-region "ap-south-1", awslogs-stream-prefix "ecs"',
            output: fargate(undefined, {
              containerDefinitions: [
                {
                  name: 'app',
                  image: '111122223333.dkr.ecr.ap-south-1.amazonaws.com/app',
                  logConfiguration: {
                    logDriver: 'awslogs',
                    options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'ap-south-1', 'awslogs-stream-prefix': 'ecs' },
                  },
                },
              ],
            }),
          },
        },
      ],
    },
    {
      name: 'EC2 without options: group and region only, placeholder Region said in the title',
      json: ec2(undefined),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          message: 'awslogs-group and awslogs-region (container',
          fix: {
            title: 'Add awslogs-group "/ecs/web", awslogs-region "us-east-1" (placeholder Region: check it)',
            output: ec2({ 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1' }),
          },
        },
      ],
    },
    {
      name: 'stream prefix missing on Fargate: reported on the options key, added next to the others',
      json: fargate({ 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1' }),
      findings: [
        {
          path: OPTIONS,
          message: 'needs the option awslogs-stream-prefix (required on Fargate)',
          fix: {
            title: 'Add awslogs-stream-prefix "ecs"',
            output: fargate({ 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'ecs' }),
          },
          target: 'key',
        },
      ],
    },
    {
      name: "the Region comes from another container's awslogs-region first",
      json: {
        ...fargate({ 'awslogs-group': 'g', 'awslogs-stream-prefix': 'ecs' }),
        containerDefinitions: [
          {
            name: 'app',
            image: 'nginx',
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-stream-prefix': 'ecs' } },
          },
          {
            name: 'side',
            image: 'x',
            secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-west-2:111122223333:parameter/a' }],
            logConfiguration: { logDriver: 'awslogs', options: { ...full, 'awslogs-region': 'ca-central-1' } },
          },
        ],
      },
      findings: [
        {
          path: OPTIONS,
          fix: {
            title: 'Add awslogs-region "ca-central-1"',
            output: {
              ...fargate({}),
              containerDefinitions: [
                {
                  name: 'app',
                  image: 'nginx',
                  logConfiguration: {
                    logDriver: 'awslogs',
                    options: { 'awslogs-group': 'g', 'awslogs-stream-prefix': 'ecs', 'awslogs-region': 'ca-central-1' },
                  },
                },
                {
                  name: 'side',
                  image: 'x',
                  secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-west-2:111122223333:parameter/a' }],
                  logConfiguration: { logDriver: 'awslogs', options: { ...full, 'awslogs-region': 'ca-central-1' } },
                },
              ],
            },
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'an empty group counts as missing',
      json: fargate({ ...full, 'awslogs-group': '' }),
      findings: [
        { path: OPTIONS, message: 'awslogs-group', fix: { title: 'Add awslogs-group "/ecs/web"', output: fargate(full) }, target: 'key' },
      ],
    },
    {
      name: 'a misspelt option: error with a rename fix',
      json: fargate({ 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefx': 'ecs' }),
      findings: [
        { path: OPTIONS, target: 'key', fixes: ['Add awslogs-stream-prefix "ecs"'] },
        {
          path: opt('awslogs-stream-prefx'),
          message: 'did you mean "awslogs-stream-prefix"?',
          target: 'key',
          fixes: ['Rename "awslogs-stream-prefx" to "awslogs-stream-prefix"', 'Remove the option "awslogs-stream-prefx"'],
        },
      ],
    },
    {
      name: 'an option of another driver (FireLens log_key, seen in a real registration error)',
      json: fargate({ ...full, log_key: 'log' }),
      findings: [
        {
          path: opt('log_key'),
          message: 'Log driver awslogs disallows options',
          fix: { title: 'Remove the option "log_key"', output: fargate(full) },
          target: 'key',
        },
      ],
    },
    {
      name: 'Docker-only options and awslogs-endpoint are warnings',
      json: fargate({ ...full, 'awslogs-endpoint': 'https://logs.example', tag: '{{.Name}}' }),
      findings: [
        {
          path: opt('awslogs-endpoint'),
          severity: 'warning',
          message: 'seen rejecting this one',
          fix: { title: 'Remove the option "awslogs-endpoint"', output: fargate({ ...full, tag: '{{.Name}}' }) },
          target: 'key',
        },
        { path: opt('tag'), severity: 'warning', message: 'ECS does not document', target: 'key', fixes: ['Remove the option "tag"'] },
      ],
    },
    {
      name: 'mode must be blocking or non-blocking',
      json: fargate({ ...full, mode: 'Blocking' }),
      findings: [
        {
          path: opt('mode'),
          message: 'mode must be "non-blocking" or "blocking", not "Blocking"',
          fix: { title: 'Set mode to "blocking"', output: fargate({ ...full, mode: 'blocking' }) },
        },
      ],
    },
    {
      name: 'create-group must be a boolean Docker reads',
      json: fargate({ ...full, 'awslogs-create-group': 'yes' }),
      findings: [
        {
          path: opt('awslogs-create-group'),
          message: 'must be "true" or "false", not "yes"',
          fixes: [
            { title: 'Set awslogs-create-group to "true"', output: fargate({ ...full, 'awslogs-create-group': 'true' }) },
            'Set awslogs-create-group to "false"',
          ],
        },
      ],
    },
    {
      name: 'datetime format and multiline pattern together: reported on the second, the fix removes it',
      json: fargate({ ...full, 'awslogs-multiline-pattern': '^INFO', 'awslogs-datetime-format': '%Y' }),
      findings: [
        {
          path: opt('awslogs-datetime-format'),
          message: 'cannot be used together',
          fixes: [
            { title: 'Remove the option "awslogs-datetime-format"', output: fargate({ ...full, 'awslogs-multiline-pattern': '^INFO' }) },
            'Remove the option "awslogs-multiline-pattern"',
          ],
          target: 'key',
        },
      ],
    },
  ],
});

test('awslogs-options: the rename fix changes only the key', () => {
  const json = fargate({ 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefx': 'app' });
  const { document, findings, fixesOf } = findingsOf(awslogsOptions, json);
  const misspelt = findings.find((f) => f.path.includes('awslogs-stream-prefx'))!;
  const fixes = fixesOf(misspelt);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [
      ['Rename "awslogs-stream-prefx" to "awslogs-stream-prefix"', true],
      ['Remove the option "awslogs-stream-prefx"', false],
    ],
  );
  assert.equal(fixedText(fixes[0], document), document.text.replace('"awslogs-stream-prefx"', '"awslogs-stream-prefix"'));
});

test('awslogs-options: no fix is marked safe (the values are guesses)', () => {
  const { findings, fixesOf } = findingsOf(awslogsOptions, fargate({ mode: 'x', foo: 'y' }));
  const fixes = findings.flatMap((f) => fixesOf(f));
  assert.ok(fixes.length >= 3);
  assert.ok(fixes.every((f) => !f.safe));
});
