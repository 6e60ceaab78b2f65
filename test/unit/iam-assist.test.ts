// Hover and completion in IAM policies, asked of the providers in order through the same position context
// the language service builds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt, hoverAt } from '../../server/src/core/assist';
import { iamActionHover } from '../../server/src/core/iam/assist-actions';
import { iamPolicyHover } from '../../server/src/core/iam/assist-policy';
import { positionContextOf } from '../../server/src/service/position';
import { documentOf } from '../helpers/documents';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:Get*", "ecr:", "logs:PutLogEvents"], "Resource": "*" },
    { "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:*", "Resource": "*", "" }
  ]
}`;

function at(text: string, needle: string, delta: number) {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return positionContextOf(documentOf(text), offset + delta, undefined)!;
}

test('iam hover: an action shows service, description, access level, resource types with ARNs and the reference link', () => {
  const markdown = hoverAt(at(POLICY, '"ecr:BatchGetImage"', 5))!;
  assert.match(markdown, /^\*\*ecr:BatchGetImage\*\* — Amazon Elastic Container Registry/);
  assert.match(markdown, /Grants permission to get detailed information/);
  assert.match(markdown, /Access level: \*\*Read\*\*/);
  assert.match(
    markdown,
    /\| repository \| yes \| `arn:\$\{Partition\}:ecr:\$\{Region\}:\$\{Account\}:repository\/\$\{RepositoryName\}` \|/,
  );
  assert.match(
    markdown,
    /\(https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_amazonelasticcontainerregistry\.html#amazonelasticcontainerregistry-BatchGetImage\)/,
  );
});

test('iam hover: condition keys and wildcard-only actions', () => {
  const logs = hoverAt(at(POLICY, '"logs:PutLogEvents"', 3))!;
  assert.match(logs, /log-stream/);
  const token = hoverAt(at(POLICY, '"ecr:GetAuthorizationToken"', 3))!;
  assert.match(token, /"Resource": "\*"/);
  const secret = hoverAt(
    at('{"Statement": {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}}', '"secretsmanager', 3),
  )!;
  assert.match(secret, /Condition keys: .*`secretsmanager:SecretId`/);
});

test('iam hover: a wildcard action lists what it grants (first 20 and a count)', () => {
  const get = hoverAt(at(POLICY, '"ecr:Get*"', 3))!;
  assert.match(get, /^\*\*`ecr:Get\*`\*\* grants \d+ actions of Amazon Elastic Container Registry:/);
  assert.match(get, /- `ecr:GetAuthorizationToken` \(Read\)/);
  const all = hoverAt(at(POLICY, '"iam:*"', 3))!;
  const listed = all.split('\n').filter((l) => l.startsWith('- `iam:'));
  assert.equal(listed.length, 20);
  assert.match(all, /- … and \d+ more/);
});

test('iam hover: Version and Effect values are explained; other places are left to others', () => {
  assert.match(hoverAt(at(POLICY, '"2012-10-17"', 2))!, /version of the policy language/);
  assert.match(hoverAt(at(POLICY, '"Deny"', 2))!, /explicit `Deny` always wins/);
  const resource = at(POLICY, '"Resource": "*"', 14);
  assert.equal(iamActionHover.hover(resource), undefined);
  assert.equal(iamPolicyHover.hover(resource), undefined);
  assert.match(hoverAt(resource)!, /every resource the statement's actions act on/, 'the ARN hover answers there');
  assert.equal(hoverAt(at('{"family": "x", "containerDefinitions": []}', '"x"', 1)), undefined);
});

test('iam completion: after "ecr:" the actions of ECR with access level, and wildcard forms', () => {
  const entries = completionsAt(at(POLICY, '"ecr:"', 5))!;
  const batch = entries.find((e) => e.label === '"ecr:BatchGetImage"');
  assert.equal(batch?.description, 'Read');
  assert.equal(batch?.insertText, '"ecr:BatchGetImage"');
  assert.ok(entries.some((e) => e.label === '"ecr:*"'));
  assert.ok(entries.some((e) => e.label === '"ecr:Get*"'));
  assert.ok(entries.every((e) => e.label.startsWith('"ecr:')));
});

test('iam completion: before a colon the service prefixes with their names', () => {
  const entries = completionsAt(at(POLICY, '"ecr:"', 1))!;
  const ecr = entries.find((e) => e.label === '"ecr"');
  assert.equal(ecr?.description, 'Amazon Elastic Container Registry');
  assert.equal(ecr?.insertText, '"ecr:$1"');
  assert.equal(entries[0].label, '"*"');
  assert.ok(entries.length > 400);
});

test('iam completion: Version and Effect values, statement keys not yet present', () => {
  assert.deepEqual(
    completionsAt(at(POLICY, '"2012-10-17"', 1))!.map((e) => e.label),
    ['"2012-10-17"', '"2008-10-17"'],
  );
  assert.deepEqual(
    completionsAt(at(POLICY, '"Deny"', 1))!.map((e) => e.label),
    ['"Allow"', '"Deny"'],
  );
  const keys = completionsAt(at(POLICY, '"" }', 1))!;
  assert.deepEqual(
    keys.map((e) => e.label),
    ['"Sid"', '"NotAction"', '"NotResource"', '"Principal"', '"NotPrincipal"', '"Condition"'],
  );
  assert.equal(keys.find((e) => e.label === '"Condition"')?.snippet, true);
});

test('iam completion: top-level keys and a new statement', () => {
  const text = '{\n  "": 1\n}';
  // An object with no Statement is not a policy; a policy that has one offers the others.
  const policy = '{\n  "Statement": [\n    \n  ],\n  ""\n}';
  assert.equal(documentOf(text).model.kind, 'unknown');
  const keys = completionsAt(at(policy, '""', 1))!;
  assert.deepEqual(
    keys.map((e) => e.label),
    ['"Version"', '"Id"'],
  );
  const statement = completionsAt(at(policy, '[\n    \n', 6))!;
  assert.equal(statement[0].label, 'New statement');
  assert.match(statement[0].insertText, /"Action": \[/);
});
