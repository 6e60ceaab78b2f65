// taskdef/roles.ts: the one parser of taskRoleArn / executionRoleArn. It says which role the text names
// (for the execution-role checks) and why AWS would refuse it (for role-arn-format), in one pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unknownMarker } from '../../server/src/core/unknown';
import { parseRoleReference, referencedRole } from '../../server/src/core/taskdef/roles';

const A = 'arn:aws:iam::123456789012:role/';

test('a role ARN: name, path, account and partition, and no reason', () => {
  assert.deepEqual(parseRoleReference(`${A}service-role/ecs/exec`), {
    role: { name: 'exec', account: '123456789012', partition: 'aws', path: '/service-role/ecs/' },
  });
  assert.deepEqual(parseRoleReference(`${A}exec`), { role: { name: 'exec', account: '123456789012', partition: 'aws', path: '/' } });
  assert.deepEqual(parseRoleReference('arn:aws-cn:iam::210987654321:role/app').role?.partition, 'aws-cn');
});

test('a bare role name: the name only (ECS completes it with the account)', () => {
  assert.deepEqual(parseRoleReference('ecsTaskExecutionRole'), { role: { name: 'ecsTaskExecutionRole' } });
  assert.deepEqual(parseRoleReference('r'.repeat(64)), { role: { name: 'r'.repeat(64) } });
});

test('a role written in a way AWS refuses: the role, and the reason', () => {
  assert.deepEqual(parseRoleReference('arn:aws:iam::11111111111:role/exec'), {
    role: { name: 'exec', account: '11111111111', partition: 'aws', path: '/' },
    reason: '"11111111111" is not a 12-digit account ID',
  });
  assert.equal(parseRoleReference('arn:aws:iam:us-east-1:123456789012:role/app').role?.name, 'app');
  assert.match(parseRoleReference('arn:aws:iam:us-east-1:123456789012:role/app').reason ?? '', /IAM ARNs have no Region/);
  assert.deepEqual(parseRoleReference('r'.repeat(65)), {
    role: { name: 'r'.repeat(65) },
    reason: 'it is neither an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME) nor a role name (up to 64 letters, digits and +=,.@_-)',
  });
  assert.deepEqual(parseRoleReference(`${A}my role`).role?.name, 'my role');
  assert.match(parseRoleReference(`${A}my role`).reason ?? '', /"my role" is not a role name/);
});

test('text that names no role: only the reason', () => {
  assert.deepEqual(parseRoleReference('arn:aws:iam::123456789012:user/bob'), {
    reason: 'it names an IAM user, not a role (the resource must start with "role/")',
  });
  assert.deepEqual(parseRoleReference(`${A}`), { reason: '"" is not a role name (up to 64 letters, digits and +=,.@_-)' });
  assert.match(parseRoleReference('arn:aws:sts::123456789012:assumed-role/app/session').reason ?? '', /assumed-role session ARN/);
  assert.match(parseRoleReference('arn:aws:iam::123456789012').reason ?? '', /six ARN fields/);
  assert.match(parseRoleReference('my:role').reason ?? '', /neither an IAM role ARN/);
  assert.equal(parseRoleReference('').role, undefined);
});

test('referencedRole: the role of a field value; nothing for a placeholder, an empty or a non-string value', () => {
  assert.deepEqual(referencedRole(`${A}exec`), { name: 'exec', account: '123456789012', partition: 'aws', path: '/' });
  assert.deepEqual(referencedRole('ecsTaskExecutionRole'), { name: 'ecsTaskExecutionRole' });
  assert.deepEqual(referencedRole('arn:aws:iam::XXXXXXXXXXXX:role/exec')?.name, 'exec');
  assert.equal(referencedRole('arn:aws:iam::123456789012:user/bob'), undefined);
  assert.equal(referencedRole('{{ execution_role }}'), undefined);
  assert.equal(referencedRole(''), undefined);
  assert.equal(referencedRole(7), undefined);
  assert.equal(referencedRole(undefined), undefined);
});

test('referencedRole of a template value: a Ref is the name, an ARN with unknown parts ends with it', () => {
  const name = unknownMarker('Ref ExecRole');
  const account = unknownMarker('AWS__AccountId');
  const partition = unknownMarker('AWS__Partition');
  assert.deepEqual(referencedRole(name), { name });
  assert.deepEqual(referencedRole(`arn:${partition}:iam::${account}:role/${name}`), { name, account, partition, path: '/' });
  assert.deepEqual(referencedRole(`arn:${partition}:iam::${account}:role/app/${name}`)?.path, '/app/');
  assert.deepEqual(referencedRole(`${unknownMarker('AWS__StackName')}-exec`)?.name, `${unknownMarker('AWS__StackName')}-exec`);
  assert.equal(referencedRole(`arn:${partition}:s3:::${name}`), undefined);
  assert.equal(referencedRole(`{{ prefix }}${name}`), undefined);
});

test('referencedRole of a module value: an ARN with unknown fields names its role (aws_iam_role.exec.arn)', () => {
  const [p, a, name] = [unknownMarker('partition'), unknownMarker('account'), unknownMarker('aws_iam_role.exec')];
  assert.deepEqual(referencedRole(`arn:${p}:iam::${a}:role/${name}`), { name, account: a, partition: p, path: '/' });
  assert.deepEqual(referencedRole(`arn:${p}:iam::${a}:role/service/exec`)?.name, 'exec');
});
