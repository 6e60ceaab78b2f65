// Secret references (valueFrom): Secrets Manager ARNs with their optional json-key/stage/id suffix, SSM
// parameter ARNs and names, and the reasons a value cannot work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseValueFrom, ssmParameterArn } from '../../server/src/core/taskdef/secrets';

const SM = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret';

const valid: [string, Record<string, unknown>][] = [
  [
    `${SM}:prod/db-AbCdEf`,
    {
      kind: 'secretsmanager',
      partition: 'aws',
      region: 'eu-west-1',
      account: '123456789012',
      secretId: 'prod/db-AbCdEf',
      name: 'prod/db',
      complete: true,
      jsonKey: undefined,
      versionStage: undefined,
      versionId: undefined,
      secretArn: `${SM}:prod/db-AbCdEf`,
    },
  ],
  [`${SM}:prod/db`, { kind: 'secretsmanager', secretId: 'prod/db', name: 'prod/db', complete: false }],
  [
    `${SM}:prod/db-AbCdEf:password::`,
    { kind: 'secretsmanager', jsonKey: 'password', versionStage: undefined, versionId: undefined, secretArn: `${SM}:prod/db-AbCdEf` },
  ],
  [`${SM}:prod/db-AbCdEf::AWSPREVIOUS:`, { kind: 'secretsmanager', jsonKey: undefined, versionStage: 'AWSPREVIOUS', versionId: undefined }],
  [
    `${SM}:prod/db-AbCdEf:::9d4cb84b-1111-2222-3333-444455556666`,
    { kind: 'secretsmanager', versionId: '9d4cb84b-1111-2222-3333-444455556666' },
  ],
  [
    `${SM}:prod/db-AbCdEf:user:AWSCURRENT:9d4cb84b`,
    { kind: 'secretsmanager', jsonKey: 'user', versionStage: 'AWSCURRENT', versionId: '9d4cb84b' },
  ],
  [
    'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:x-AbCdEf',
    { kind: 'secretsmanager', partition: 'aws-cn', region: 'cn-north-1' },
  ],
  [
    'arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password',
    {
      kind: 'ssm',
      form: 'arn',
      name: '/app/db/password',
      partition: 'aws',
      region: 'us-east-1',
      account: '123456789012',
      arn: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password',
    },
  ],
  ['arn:aws:ssm:us-east-1:123456789012:parameter/DB_PASSWORD', { kind: 'ssm', form: 'arn', name: 'DB_PASSWORD' }],
  ['arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/x', { kind: 'ssm', partition: 'aws-us-gov', region: 'us-gov-west-1' }],
  ['/app/db/password', { kind: 'ssm', form: 'name', name: '/app/db/password', region: undefined, arn: undefined }],
  ['gokabot.DATABASE_URL', { kind: 'ssm', form: 'name', name: 'gokabot.DATABASE_URL' }],
  ['/aws/reference/secretsmanager/prod-db', { kind: 'ssm', form: 'name' }],
  ['/app/db/password:3', { kind: 'ssm', form: 'name', name: '/app/db/password' }],
];

for (const [text, expected] of valid) {
  test(`parseValueFrom ${text}`, () => {
    const reference = parseValueFrom(text);
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual((reference as unknown as Record<string, unknown>)[key], value, `${key} of ${text}: ${JSON.stringify(reference)}`);
    }
  });
}

const invalid: [string, RegExp][] = [
  ['', /empty/],
  ['my secret', /spaces/],
  [`${SM}:prod/db-AbCdEf:password`, /exactly three more fields.*this one has 1/],
  [`${SM}:prod/db-AbCdEf:password:`, /this one has 2/],
  [`${SM}:prod/db-AbCdEf:a:b:c:d`, /this one has 4/],
  ['arn:aws:secretsmanager:eu-west-1:123456789012:db-password', /continue with "secret:"/],
  ['arn:aws:secretsmanager:eu-west-1:12345:secret:x', /12-digit account/],
  ['arn:aws:secretsmanager:Europe:123456789012:secret:x', /Region name/],
  ['arn:amazon:secretsmanager:eu-west-1:123456789012:secret:x', /partition/],
  ['arn:aws:ssm:us-east-1:123456789012:parameter//app/db', /one "\/" after "parameter"/],
  ['arn:aws:ssm:us-east-1:123456789012:app/db', /continue with "parameter\/"/],
  ['arn:aws:kms:us-east-1:123456789012:key/abc', /"kms" service/],
  ['arn:aws:ssm', /six ARN fields/],
  ['my#secret', /neither an ARN nor a Parameter Store parameter name/],
  ['a:b:c', /neither an ARN/],
];

for (const [text, reason] of invalid) {
  test(`parseValueFrom rejects ${JSON.stringify(text)}`, () => {
    const reference = parseValueFrom(text);
    assert.equal(reference.kind, 'invalid', JSON.stringify(reference));
    assert.match((reference as { reason: string }).reason, reason);
  });
}

test('ssmParameterArn writes one slash for hierarchical names', () => {
  assert.equal(
    ssmParameterArn('/app/db', { region: 'eu-west-1', account: '123456789012' }),
    'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db',
  );
  assert.equal(
    ssmParameterArn('DB', { partition: 'aws-cn', region: 'cn-north-1', account: '123456789012' }),
    'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/DB',
  );
});
