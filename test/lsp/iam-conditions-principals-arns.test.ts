// Protocol tests against the built server for the IAM checks: conditions, ARNs, trust policies; every
// quick fix applied through the protocol, hover and completion with exact ranges.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, positionOf, range, rangeOf } from '../helpers/lspClient';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:ListBucket", "s3:GetObject"],
      "Resource": ["arn:aws:s3:us-east-1::bucket", "arn:aws:S3:::bucket/*"],
      "Condition": {
        "StringEqualz": { "aws:SourceAcount": "111122223333" },
        "StringEquals": { "s3:prefix": "home/*" },
        "IpAddress": { "aws:SourceIp": "203.0.113.7/24" }
      }
    }
  ]
}
`;

const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "service": ["ecs-task.amazonaws.com"] },
      "Action": "sts:AssumeRole"
    }
  ]
}
`;

const sorted = (diagnostics: Diagnostic[]) =>
  [...diagnostics].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      String(a.code).localeCompare(String(b.code)),
  );

describe('IAM checks over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.shutdown());

  /** Opens the text, applies the quick fix with this title offered for a diagnostic of `code`, returns the new text. */
  async function fix(uri: string, text: string, code: string, title: string): Promise<string> {
    await client.open(uri, text);
    return client.applyFix(uri, code, title);
  }

  const codesOf = async (uri: string, code: string) => (await client.diagnostics(uri)).filter((d) => d.code === code);

  test('an identity policy: each finding on the exact key or value', async () => {
    const uri = 'file:///ws/iam-conditions/policy.json';
    await client.open(uri, POLICY);
    const diagnostics = sorted(await client.diagnostics(uri));
    assert.deepEqual(
      diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range })),
      [
        { code: 'iam-invalid-arn', severity: 1, range: range(6, 19, 6, 49) }, // a Region in an S3 bucket ARN
        { code: 'iam-invalid-arn', severity: 1, range: range(6, 51, 6, 74) }, // "S3" upper case
        { code: 'iam-invalid-condition-operator', severity: 1, range: range(8, 8, 8, 22) }, // "StringEqualz" (the key)
        { code: 'iam-unknown-condition-key', severity: 2, range: range(8, 26, 8, 44) }, // "aws:SourceAcount" (the key)
        { code: 'iam-condition-wildcard-without-like', severity: 2, range: range(9, 39, 9, 47) }, // "home/*"
        { code: 'iam-condition-value', severity: 3, range: range(10, 39, 10, 55) }, // host bits past /24
      ],
    );
    // The same ranges, found from the text.
    assert.deepEqual(
      diagnostics.map((d) => d.range),
      [
        rangeOf(POLICY, '"arn:aws:s3:us-east-1::bucket"'),
        rangeOf(POLICY, '"arn:aws:S3:::bucket/*"'),
        rangeOf(POLICY, '"StringEqualz"'),
        rangeOf(POLICY, '"aws:SourceAcount"'),
        rangeOf(POLICY, '"home/*"'),
        rangeOf(POLICY, '"203.0.113.7/24"'),
      ],
    );
    assert.ok(diagnostics.every((d) => d.source === 'fargate-lint'));
    assert.equal(
      diagnostics[2].codeDescription?.href,
      'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/iam-invalid-condition-operator.md',
    );
    assert.match(String(diagnostics[2].message), /Did you mean "StringEquals"\?/);
  });

  test('a trust policy: principal type, principal spelling, and the ECS source suggestion', async () => {
    const uri = 'file:///ws/iam-conditions/trust.json';
    await client.open(uri, TRUST);
    assert.deepEqual(
      sorted(await client.diagnostics(uri)).map((d) => ({ code: d.code, severity: d.severity, range: d.range })),
      // The service principal is only looked at once its type is spelt "Service".
      [{ code: 'iam-trust-principal', severity: 1, range: rangeOf(TRUST, '"service"') }],
    );
    const renamed = TRUST.replace('"service"', '"Service"');
    await client.open('file:///ws/iam-conditions/trust-renamed.json', renamed);
    assert.deepEqual(
      sorted(await client.diagnostics('file:///ws/iam-conditions/trust-renamed.json')).map((d) => [d.code, d.severity, d.range]),
      [
        ['iam-service-principal', 2, rangeOf(renamed, '"ecs-task.amazonaws.com"')],
        ['iam-service-principal-without-source', 3, rangeOf(renamed, '"ecs-task.amazonaws.com"')],
      ],
    );
    const fixed = renamed.replace('ecs-task.', 'ecs-tasks.');
    await client.open('file:///ws/iam-conditions/trust-ok.json', fixed);
    assert.deepEqual(
      (await client.diagnostics('file:///ws/iam-conditions/trust-ok.json')).map((d) => [d.code, d.severity, d.range]),
      [['iam-service-principal-without-source', 3, rangeOf(fixed, '"ecs-tasks.amazonaws.com"')]],
    );
  });

  test('quick fix: condition operator', async () => {
    const uri = 'file:///ws/iam-conditions/fix-operator/policy.json';
    const text = await fix(uri, POLICY, 'iam-invalid-condition-operator', 'Change to "StringEquals"');
    assert.equal(text, POLICY.replace('"StringEqualz"', '"StringEquals"'));
    assert.deepEqual(await codesOf(uri, 'iam-invalid-condition-operator'), []);
  });

  test('quick fix: misspelt condition key', async () => {
    const uri = 'file:///ws/iam-conditions/fix-key/policy.json';
    const text = await fix(uri, POLICY, 'iam-unknown-condition-key', 'Change to "aws:SourceAccount"');
    assert.equal(text, POLICY.replace('"aws:SourceAcount"', '"aws:SourceAccount"'));
    assert.deepEqual(await codesOf(uri, 'iam-unknown-condition-key'), []);
  });

  test('quick fix: wildcard without Like moves the key to StringLike', async () => {
    const uri = 'file:///ws/iam-conditions/fix-like/policy.json';
    const text = await fix(uri, POLICY, 'iam-condition-wildcard-without-like', 'Change "StringEquals" to "StringLike" for s3:prefix');
    assert.equal(text, POLICY.replace('"StringEquals": { "s3:prefix"', '"StringLike": { "s3:prefix"'));
    assert.deepEqual(await codesOf(uri, 'iam-condition-wildcard-without-like'), []);
  });

  test('quick fix: IP range with host bits', async () => {
    const uri = 'file:///ws/iam-conditions/fix-ip/policy.json';
    const text = await fix(uri, POLICY, 'iam-condition-value', 'Change to "203.0.113.0/24"');
    assert.equal(text, POLICY.replace('203.0.113.7/24', '203.0.113.0/24'));
    assert.deepEqual(await codesOf(uri, 'iam-condition-value'), []);
  });

  test('quick fixes: ARN Region removed, service lower-cased', async () => {
    const uri = 'file:///ws/iam-conditions/fix-arn/policy.json';
    const region = await fix(uri, POLICY, 'iam-invalid-arn', 'Change to "arn:aws:s3:::bucket"');
    assert.equal(region, POLICY.replace('arn:aws:s3:us-east-1::bucket', 'arn:aws:s3:::bucket'));
    const uri2 = 'file:///ws/iam-conditions/fix-arn2/policy.json';
    const service = await fix(uri2, region, 'iam-invalid-arn', 'Change to "arn:aws:s3:::bucket/*"');
    assert.equal(service, region.replace('arn:aws:S3:::bucket/*', 'arn:aws:s3:::bucket/*'));
    assert.deepEqual(await codesOf(uri2, 'iam-invalid-arn'), []);
  });

  test('quick fix: operator for the key type', async () => {
    const uri = 'file:///ws/iam-conditions/fix-type/policy.json';
    const before = POLICY.replace('"StringEqualz": { "aws:SourceAcount"', '"NumericEquals": { "aws:SourceAccount"');
    // A StringEquals block exists already: the key moves into it, and the block stays on its one line.
    const text = await fix(uri, before, 'iam-condition-type-mismatch', 'Change the operator to "StringEquals"');
    assert.equal(
      text,
      before
        .replace('        "NumericEquals": { "aws:SourceAccount": "111122223333" },\n', '')
        .replace('{ "s3:prefix": "home/*" }', '{ "s3:prefix": "home/*", "aws:SourceAccount": "111122223333" }'),
    );
    assert.deepEqual(await codesOf(uri, 'iam-condition-type-mismatch'), []);
  });

  test('quick fix: ForAllValues on a single-valued key', async () => {
    const uri = 'file:///ws/iam-conditions/fix-qualifier/policy.json';
    const before = POLICY.replace('"StringEqualz": { "aws:SourceAcount"', '"ForAllValues:StringLike": { "aws:SourceAccount"');
    const text = await fix(uri, before, 'iam-condition-set-qualifier', 'Change the operator to "StringLike" for aws:SourceAccount');
    assert.equal(text, before.replace('"ForAllValues:StringLike"', '"StringLike"'));
    assert.deepEqual(await codesOf(uri, 'iam-condition-set-qualifier'), []);
  });

  test('quick fixes: principal type name and service principal spelling', async () => {
    const uri = 'file:///ws/iam-conditions/fix-trust/trust.json';
    const renamed = await fix(uri, TRUST, 'iam-trust-principal', 'Rename to "Service"');
    assert.equal(renamed, TRUST.replace('"service"', '"Service"'));
    assert.deepEqual(await codesOf(uri, 'iam-trust-principal'), []);
    const uri2 = 'file:///ws/iam-conditions/fix-trust2/trust.json';
    const spelt = await fix(uri2, renamed, 'iam-service-principal', 'Change to "ecs-tasks.amazonaws.com"');
    assert.equal(spelt, renamed.replace('ecs-task.amazonaws.com', 'ecs-tasks.amazonaws.com'));
    assert.deepEqual(await codesOf(uri2, 'iam-service-principal'), []);
  });

  test('ecs.amazonaws.com in a task role file: a warning with the preferred fix to ecs-tasks.amazonaws.com', async () => {
    const uri = 'file:///ws/iam-conditions/ecs-task-role-trust.json';
    const text = TRUST.replace('"service": ["ecs-task.amazonaws.com"]', '"Service": "ecs.amazonaws.com"');
    await client.open(uri, text);
    const [diagnostic] = await codesOf(uri, 'iam-service-principal');
    assert.equal(diagnostic.severity, 2);
    assert.deepEqual(diagnostic.range, rangeOf(text, '"ecs.amazonaws.com"'));
    assert.match(String(diagnostic.message), /file name ecs-task-role-trust\.json/);
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Change to "ecs-tasks.amazonaws.com"', true]],
    );
    assert.equal(await client.applyEdit(uri, actions[0].edit!), text.replace('"ecs.amazonaws.com"', '"ecs-tasks.amazonaws.com"'));
    assert.deepEqual(await codesOf(uri, 'iam-service-principal'), []);
  });

  test('fix all applies the safe IAM check fixes (IP range, ARN case) and nothing else', async () => {
    const uri = 'file:///ws/iam-conditions/fixall/policy.json';
    await client.open(uri, POLICY);
    const [action] = await client.codeActions(uri, range(0, 0, 0, 0), [], ['source.fixAll']);
    const fixed = await client.applyEdit(uri, action.edit!);
    assert.equal(fixed, POLICY.replace('203.0.113.7/24', '203.0.113.0/24').replace('arn:aws:S3:::', 'arn:aws:s3:::'));
  });

  test('hover on a condition operator, a condition key, a principal and an ARN', async () => {
    const uri = 'file:///ws/iam-conditions/hover/policy.json';
    const text = POLICY.replace('"StringEqualz": { "aws:SourceAcount"', '"ForAnyValue:StringLikeIfExists": { "aws:SourceAccount"');
    await client.open(uri, text);
    const markdown = async (needle: string) =>
      ((await client.hover(uri, positionOf(text, needle, 2)))?.contents as { value: string }).value;
    const operator = await markdown('"ForAnyValue:StringLikeIfExists"');
    assert.match(operator, /^\*\*ForAnyValue:StringLikeIfExists\*\* — condition operator: compares text\./);
    assert.match(operator, /\*\*ForAnyValue:\*\* at least one value/);
    assert.match(operator, /\*\*IfExists\*\*: when the request has no value for the key, the condition is true/);
    const key = await markdown('"aws:SourceAccount"');
    assert.match(key, /^\*\*aws:SourceAccount\*\*/);
    assert.match(key, /Type: \*\*String\*\*/);
    assert.match(key, /Global condition key \(request\)/);
    const arn = await markdown('"arn:aws:S3:::bucket/*"');
    assert.match(arn, /\| partition \| `aws` — AWS commercial Regions \|/);
    assert.match(arn, /\| Region \| \*\(empty: this resource type has no Region\)\* \|/);

    const trustUri = 'file:///ws/iam-conditions/hover/trust.json';
    const trust = TRUST.replace('"service": ["ecs-task.amazonaws.com"]', '"Service": ["ecs-tasks.amazonaws.com"]');
    await client.open(trustUri, trust);
    const principal = (await client.hover(trustUri, positionOf(trust, '"ecs-tasks', 3)))?.contents as { value: string };
    assert.match(principal.value, /\*\*task role\*\* \(`taskRoleArn`\)/);
    assert.match(principal.value, /\*\*task execution role\*\* \(`executionRoleArn`\)/);
  });

  test('completion of condition operators replaces the key being typed', async () => {
    const uri = 'file:///ws/iam-conditions/complete-operator/policy.json';
    const text = POLICY.replace('"StringEqualz"', '"Str"');
    await client.open(uri, text);
    const items = await client.completion(uri, positionOf(text, '"Str"', 4));
    const labels = items.map((i) => i.label);
    assert.ok(
      labels.includes('"StringEquals"') &&
        labels.includes('"NumericLessThanIfExists"') &&
        labels.includes('"ForAllValues:StringLike"') &&
        labels.includes('"Null"'),
    );
    assert.ok(!labels.includes('"NullIfExists"'));
    const stringEquals = items.find((i) => i.label === '"StringEquals"')!;
    // The key already has a value: only the key string is replaced.
    assert.deepEqual(stringEquals.textEdit, { range: range(8, 8, 8, 13), newText: '"StringEquals"' });
  });

  test("completion of condition keys: the actions' keys and the global keys, templates as snippets", async () => {
    const uri = 'file:///ws/iam-conditions/complete-key/policy.json';
    const text = POLICY.replace('"aws:SourceAcount": "111122223333"', '"": ""');
    await client.open(uri, text);
    const items = await client.completion(uri, positionOf(text, '"": ""', 1));
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('"s3:prefix"'), 's3:ListBucket takes s3:prefix');
    assert.ok(labels.includes('"aws:SourceAccount"'));
    assert.ok(!labels.includes('"ecr:ResourceTag/${TagKey}"'), 'no keys of services the statement does not use');
    const tag = items.find((i) => i.label === '"aws:ResourceTag/${TagKey}"')!;
    assert.deepEqual(tag.textEdit, { range: range(8, 26, 8, 28), newText: '"aws:ResourceTag/${1:TagKey}"' });
    assert.equal(tag.insertTextFormat, 2);
    assert.equal(items.find((i) => i.label === '"s3:prefix"')!.labelDetails?.description, 'String');
  });

  test('completion of service principals puts ecs-tasks first in a trust policy', async () => {
    const uri = 'file:///ws/iam-conditions/complete-principal/trust.json';
    const text = TRUST.replace('"service": ["ecs-task.amazonaws.com"]', '"Service": ""');
    await client.open(uri, text);
    const items = await client.completion(uri, positionOf(text, '""', 1));
    const first = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)))[0];
    assert.equal(first.label, '"ecs-tasks.amazonaws.com"');
    assert.equal(first.preselect, true);
    assert.deepEqual(first.textEdit, { range: rangeOf(text, '""'), newText: '"ecs-tasks.amazonaws.com"' });
    assert.ok(items.length > 500);
  });

  test("completion of resource ARNs offers the templates of the statement's actions as snippets", async () => {
    const uri = 'file:///ws/iam-conditions/complete-arn/policy.json';
    const text = POLICY.replace('"arn:aws:S3:::bucket/*"', '""');
    await client.open(uri, text);
    const items = await client.completion(uri, positionOf(text, '""]', 1));
    const bucket = items.find((i) => i.label === '"arn:${Partition}:s3:::${BucketName}"')!;
    assert.equal(bucket.labelDetails?.description, 's3 bucket');
    assert.deepEqual(bucket.textEdit, { range: rangeOf(text, '""'), newText: '"arn:${1:aws}:s3:::${2:BucketName}"' });
    assert.equal(bucket.insertTextFormat, 2);
    assert.ok(items.some((i) => i.label === '"arn:${Partition}:s3:::${BucketName}/${ObjectName}"'));
    assert.equal(items[0].label, '"*"');
  });
});
