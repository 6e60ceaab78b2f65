// core/arn.ts: the one ARN parser behind task-definition references and policy resources.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArn } from '../../server/src/core/arn';

test('parseArn keeps the colons and slashes of the resource', () => {
  assert.deepEqual(parseArn('arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf:k::'), {
    partition: 'aws',
    service: 'secretsmanager',
    region: 'eu-west-1',
    account: '123456789012',
    resource: 'secret:a-AbCdEf:k::',
  });
  assert.deepEqual(parseArn('arn:aws:iam::123456789012:role/service-role/exec')?.resource, 'role/service-role/exec');
});

test('parseArn leaves empty fields empty and keeps wildcards as written', () => {
  assert.deepEqual(parseArn('arn:aws:s3:::bucket/*'), { partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket/*' });
  assert.deepEqual(parseArn('arn:aws:logs:*:*:log-group:/ecs/app:*'), {
    partition: 'aws',
    service: 'logs',
    region: '*',
    account: '*',
    resource: 'log-group:/ecs/app:*',
  });
});

test('parseArn: not an ARN', () => {
  assert.equal(parseArn('not-an-arn'), undefined);
  assert.equal(parseArn('ARN:aws:iam::123456789012:role/x'), undefined, 'the prefix is lower case');
  assert.equal(parseArn('arn:aws:iam::123456789012'), undefined, 'five fields');
  assert.deepEqual(parseArn('arn:::::'), { partition: '', service: '', region: '', account: '', resource: '' });
});
