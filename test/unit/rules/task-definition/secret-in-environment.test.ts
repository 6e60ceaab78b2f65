import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretInEnvironment } from '../../../../server/src/core/rules/task-definition/secret-in-environment';
import { fixedText } from '../../../helpers/documents';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const env = (vars: Record<string, string>, extra: Record<string, unknown> = {}) =>
  fargateTask([container('app', { environment: Object.entries(vars).map(([name, value]) => ({ name, value })), ...extra })], {
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
  });
const at = (i: number) => ['containerDefinitions', 0, 'environment', i, 'value'];
const SSM = 'arn:aws:ssm:REGION:123456789012:parameter/web';

ruleTester(secretInEnvironment, {
  valid: [
    { name: 'ordinary variables', json: env({ NODE_ENV: 'production', PORT: '8080', LOG_LEVEL: 'info' }) },
    {
      name: 'names about a secret, not the secret',
      json: env({
        TOKEN_TYPE: 'Bearer',
        SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x',
        PASSWORD_MIN_LENGTH: '12',
        JWT_ACCESS_TOKEN_EXPIRATION_MS: '3600000',
        API_KEY_HEADER: 'X-Api-Key',
        DB_PASSWORD_PATH: '/db/pass',
      }),
    },
    { name: 'flags and numbers', json: env({ ENABLE_PASSWORD_AUTH: 'true', TOKEN_REFRESH: '30m', SECRET_ROTATION: '30' }) },
    {
      name: 'placeholder values',
      json: env({
        DB_PASSWORD: 'REPLACE_DATABASE_PASSWORD',
        WEBHOOK_SECRET: 'change-me',
        API_KEY: '<your-api-key>',
        GITHUB_TOKEN: '${github_token}',
        JWT_SECRET: 'xxxxxxxx',
        STRIPE_SECRET_KEY: 'your_stripe_key_here',
      }),
    },
    { name: 'empty value', json: env({ JASYPT_ENCRYPTOR_PASSWORD: '' }) },
    { name: 'AWS documentation example key', json: env({ AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' }) },
    {
      name: 'a URL without a password',
      json: env({ DATABASE_URL: 'postgres://db.internal:5432/app', TOKEN_URL: 'https://auth.example.com/token' }),
    },
    { name: 'the shell working directory', json: env({ PWD: '/app' }) },
    { name: 'environment empty (ECS default)', json: fargateTask([container('app', { environment: [] })]) },
    { name: 'value of the wrong type', json: fargateTask([container('app', { environment: [{ name: 'DB_PASSWORD', value: 1234 }] })]) },
  ],
  invalid: [
    {
      name: "password by name, moved to secrets with an SSM placeholder in the file's account",
      json: env({ NODE_ENV: 'production', DB_PASSWORD: 'hunter2-prod' }),
      findings: [
        {
          path: at(1),
          severity: 'warning',
          message: 'DB_PASSWORD is named like a secret (PASSWORD)',
          fix: {
            title: /^Move DB_PASSWORD to secrets/,
            output: env({ NODE_ENV: 'production' }, { secrets: [{ name: 'DB_PASSWORD', valueFrom: `${SSM}/DB_PASSWORD` }] }),
          },
        },
      ],
    },
    {
      name: 'secret names in several styles',
      json: env({
        JWT_SECRET: 's3cr3t-value',
        GITHUB_TOKEN: 'ghp_abcdefghijklmnop',
        OPENAI_API_KEY: 'sk-live-1234abcd',
        apiKey: 'k-9f8e7d',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz',
        SIGNING_KEY: 'q1w2e3r4',
      }),
      findings: [
        {
          path: at(0),
          fixes: [
            'Move JWT_SECRET to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/JWT_SECRET; create that parameter and let the execution role read it)',
          ],
        },
        {
          path: at(1),
          fixes: [
            'Move GITHUB_TOKEN to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/GITHUB_TOKEN; create that parameter and let the execution role read it)',
          ],
        },
        {
          path: at(2),
          fixes: [
            'Move OPENAI_API_KEY to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/OPENAI_API_KEY; create that parameter and let the execution role read it)',
          ],
        },
        {
          path: at(3),
          fixes: [
            'Move apiKey to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/apiKey; create that parameter and let the execution role read it)',
          ],
        },
        {
          path: at(4),
          fixes: [
            'Move AWS_SECRET_ACCESS_KEY to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/AWS_SECRET_ACCESS_KEY; create that parameter and let the execution role read it)',
          ],
        },
        {
          path: at(5),
          fixes: [
            'Move SIGNING_KEY to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/SIGNING_KEY; create that parameter and let the execution role read it)',
          ],
        },
      ],
    },
    {
      name: 'an access key ID in any variable',
      json: env({ SOME_ID: 'AKIAZZZZZZZZZZZZZZZZ' }),
      findings: [
        {
          path: at(0),
          message: 'an AWS access key ID',
          fixes: [
            'Move SOME_ID to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/SOME_ID; create that parameter and let the execution role read it)',
          ],
        },
      ],
    },
    {
      name: 'a temporary access key',
      json: env({ CREDS: 'ASIAZZZZZZZZZZZZZZZZ' }),
      findings: [
        {
          path: at(0),
          message: 'AWS temporary access key ID',
          fixes: [
            'Move CREDS to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/CREDS; create that parameter and let the execution role read it)',
          ],
        },
      ],
    },
    {
      name: 'a password inside a URL',
      json: env({ DATABASE_URL: 'postgres://app:pa55w0rd@db.internal:5432/app' }),
      findings: [
        {
          path: at(0),
          message: 'a URL with a password in it',
          fixes: [
            'Move DATABASE_URL to secrets (valueFrom arn:aws:ssm:REGION:123456789012:parameter/web/DATABASE_URL; create that parameter and let the execution role read it)',
          ],
        },
      ],
    },
    {
      name: 'secrets already present: the fix appends',
      json: env({ API_TOKEN: 'abc123xyz' }, { secrets: [{ name: 'OTHER', valueFrom: '/x' }] }),
      findings: [
        {
          path: at(0),
          fix: {
            title: /^Move API_TOKEN to secrets/,
            output: env(
              {},
              {
                secrets: [
                  { name: 'OTHER', valueFrom: '/x' },
                  { name: 'API_TOKEN', valueFrom: `${SSM}/API_TOKEN` },
                ],
              },
            ),
          },
        },
      ],
    },
    {
      name: 'secrets null: the fix replaces it',
      json: env({ API_TOKEN: 'abc123xyz' }, { secrets: null }),
      findings: [
        {
          path: at(0),
          fix: {
            title: /^Move API_TOKEN to secrets/,
            output: env({}, { secrets: [{ name: 'API_TOKEN', valueFrom: `${SSM}/API_TOKEN` }] }),
          },
        },
      ],
    },
    {
      name: 'already in secrets: the fix only removes the variable',
      json: env({ API_TOKEN: 'abc123xyz' }, { secrets: [{ name: 'API_TOKEN', valueFrom: '/web/API_TOKEN' }] }),
      findings: [
        {
          path: at(0),
          fix: {
            title: 'Remove API_TOKEN from environment (it is already in secrets)',
            output: env({}, { secrets: [{ name: 'API_TOKEN', valueFrom: '/web/API_TOKEN' }] }),
          },
        },
      ],
    },
  ],
});

test('secret-in-environment takes the Region from awslogs and the account from an ECR image', () => {
  const json = {
    family: 'api',
    containerDefinitions: [
      {
        name: 'app',
        image: '210987654321.dkr.ecr.eu-central-1.amazonaws.com/api:1',
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-3' } },
        environment: [{ name: 'DB_PASSWORD', value: 'hunter2-prod' }],
      },
    ],
  };
  const { findings } = findingsOf(secretInEnvironment, json);
  assert.equal((findings[0].data as { valueFrom: string }).valueFrom, 'arn:aws:ssm:eu-central-1:210987654321:parameter/api/DB_PASSWORD');
});

test('secret-in-environment fix keeps the file valid JSON in its own formatting', () => {
  const text = `{
    "family": "web",
    "containerDefinitions": [
        {
            "name": "app",
            "image": "nginx",
            "environment": [
                { "name": "DB_PASSWORD", "value": "hunter2-prod" }
            ]
        }
    ]
}`;
  const { document, findings, fixesOf } = findingsOf(secretInEnvironment, text);
  const [fix] = fixesOf(findings[0]);
  const fixed = fixedText(fix, document);
  assert.deepEqual(JSON.parse(fixed).containerDefinitions[0], {
    name: 'app',
    image: 'nginx',
    environment: [],
    secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:REGION:ACCOUNT_ID:parameter/web/DB_PASSWORD' }],
  });
  assert.match(fixed, /\n {12}"secrets": \[\n {16}\{\n {20}"name": "DB_PASSWORD",/);
  assert.equal(fix.safe, undefined, 'moving a secret needs the parameter to exist: not a Fix-all change');
});

test('names are judged as written, one answer kept per name: the same words in another case or with another last word get their own', () => {
  const names = ['DB_PASSWORD', 'db_password', 'DB_PASSWORD_PATH', 'dbPasswordPath', 'SETTING_1'];
  const json = JSON.stringify(env(Object.fromEntries(names.map((n) => [n, 'hunter2-prod']))));
  const flagged = () => findingsOf(secretInEnvironment, json).findings.map((f) => f.path[3]);
  // Asked twice: the second time every name is already known.
  assert.deepEqual(flagged(), [0, 1]);
  assert.deepEqual(flagged(), [0, 1]);
});
