// Protocol tests against the built server: what an editor sees for IAM policies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, positionOf, range } from '../helpers/lspClient';

const POLICY = `{
  "Statement": [
    {
      "Sid": "Pull-Images",
      "Effect": "allow",
      "Action": [
        "ecr:GetAuthorizationToken",
        "s3:GetObjects",
        "seecretsmanager:GetSecretValue"
      ],
      "Principal": { "Service": "ecs-tasks.amazonaws.com" }
    }
  ]
}
`;

const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "ecs-tasks.amazonaws.com" },
      "Action": "sts:AssumeRole",
      "Resource": "*"
    }
  ]
}
`;

describe('IAM policies over LSP', () => {
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

  test('diagnostics with exact ranges on a policy file', async () => {
    const uri = 'file:///ws/iam/policy.json';
    await client.open(uri, POLICY);
    const diagnostics = await client.diagnostics(uri);
    const byPosition = [...diagnostics].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    assert.deepEqual(
      byPosition.map((d) => ({ code: d.code, severity: d.severity, range: d.range })),
      [
        { code: 'iam-policy-structure', severity: 2, range: range(1, 2, 1, 13) }, // no Version: on the "Statement" key
        { code: 'iam-policy-structure', severity: 1, range: range(3, 6, 3, 11) }, // no Resource: on the statement's first key
        { code: 'iam-policy-structure', severity: 1, range: range(3, 13, 3, 26) }, // Sid characters
        { code: 'iam-policy-structure', severity: 1, range: range(4, 16, 4, 23) }, // "allow"
        { code: 'iam-invalid-action', severity: 2, range: range(7, 8, 7, 23) }, // "s3:GetObjects"
        { code: 'iam-invalid-service', severity: 2, range: range(8, 8, 8, 40) }, // "seecretsmanager:GetSecretValue"
        { code: 'iam-policy-structure', severity: 1, range: range(10, 6, 10, 17) }, // "Principal" in an identity policy
      ],
    );
    assert.ok(diagnostics.every((d) => d.source === 'fargate-lint'));
    assert.equal(
      byPosition[5].codeDescription?.href,
      'https://github.com/fargate-lint/fargate-lint/blob/main/docs/rules/iam-invalid-service.md',
    );
    assert.match(String(byPosition[4].message), /Did you mean "GetObject"\?/);
  });

  test('the did-you-mean quick fix for an action is applied and the warning goes away', async () => {
    const uri = 'file:///ws/iam/fix-action/policy.json';
    const text = await fix(uri, POLICY, 'iam-invalid-action', 'Change to "s3:GetObject"');
    assert.equal(text, POLICY.replace('"s3:GetObjects"', '"s3:GetObject"'));
    assert.deepEqual(
      (await client.diagnostics(uri)).filter((d) => d.code === 'iam-invalid-action'),
      [],
    );
  });

  test('the did-you-mean quick fix for a service prefix, one action per candidate, the closest preferred', async () => {
    const uri = 'file:///ws/iam/fix-service/policy.json';
    await client.open(uri, POLICY);
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'iam-invalid-service')!;
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(actions[0], {
      ...actions[0],
      title: 'Change to "secretsmanager:GetSecretValue"',
      isPreferred: true,
      kind: 'quickfix',
    });
    const text = await client.applyEdit(uri, actions[0].edit!);
    assert.equal(text, POLICY.replace('seecretsmanager', 'secretsmanager'));
    assert.deepEqual(
      (await client.diagnostics(uri)).filter((d) => d.code === 'iam-invalid-service'),
      [],
    );
  });

  test('structure quick fixes: Effect case, missing Version, Sid characters, Principal in an identity policy', async () => {
    const effect = await fix('file:///ws/iam/fix-effect/policy.json', POLICY, 'iam-policy-structure', 'Change "Effect" to "Allow"');
    assert.equal(effect, POLICY.replace('"allow"', '"Allow"'));
    const version = await fix('file:///ws/iam/fix-version/policy.json', POLICY, 'iam-policy-structure', 'Add "Version": "2012-10-17"');
    assert.equal(version, POLICY.replace('{\n  "Statement"', '{\n  "Version": "2012-10-17",\n  "Statement"'));
    const sid = await fix('file:///ws/iam/fix-sid/policy.json', POLICY, 'iam-policy-structure', 'Change the Sid to "PullImages"');
    assert.equal(sid, POLICY.replace('"Pull-Images"', '"PullImages"'));
    const principal = await fix('file:///ws/iam/fix-principal/policy.json', POLICY, 'iam-policy-structure', 'Remove "Principal"');
    assert.equal(principal, POLICY.replace(',\n      "Principal": { "Service": "ecs-tasks.amazonaws.com" }', ''));
    assert.deepEqual(
      (await client.diagnostics('file:///ws/iam/fix-principal/policy.json')).filter((d) => /principal/.test(String(d.message))),
      [],
    );
  });

  test('structure quick fixes: rename an unknown key, remove a duplicate key, remove Resource from a trust policy', async () => {
    const renamed = await fix(
      'file:///ws/iam/fix-rename/trust.json',
      TRUST.replace('"Action"', '"action"'),
      'iam-policy-structure',
      'Rename to "Action"',
    );
    assert.equal(renamed, TRUST);
    const duplicated = TRUST.replace('"Action": "sts:AssumeRole",', '"Action": "sts:TagSession",\n      "Action": "sts:AssumeRole",');
    const deduplicated = await fix(
      'file:///ws/iam/fix-duplicate/trust.json',
      duplicated,
      'duplicate-key',
      'Remove the earlier "Action" (line 7)',
    );
    assert.equal(deduplicated, TRUST);
    const trust = await fix('file:///ws/iam/fix-trust/trust.json', TRUST, 'iam-policy-structure', 'Remove "Resource"');
    assert.equal(trust, TRUST.replace(',\n      "Resource": "*"', ''));
    // Only the information-level confused-deputy suggestion of iam-service-principal-without-source is left.
    assert.deepEqual(
      (await client.diagnostics('file:///ws/iam/fix-trust/trust.json')).map((d) => [d.code, d.severity]),
      [['iam-service-principal-without-source', 3]],
    );
  });

  test('fix all applies only the safe IAM fixes', async () => {
    const uri = 'file:///ws/iam/fixall/policy.json';
    await client.open(uri, POLICY);
    const [action] = await client.codeActions(uri, range(0, 0, 0, 0), [], ['source.fixAll']);
    const fixed = JSON.parse(await client.applyEdit(uri, action.edit!));
    assert.equal(fixed.Version, '2012-10-17', 'no policy variables: inserting Version is safe');
    assert.equal(fixed.Statement[0].Effect, 'Allow');
    assert.ok(fixed.Statement[0].Principal, 'removing a Principal changes what the author meant: not automatic');
    assert.equal(fixed.Statement[0].Action[1], 's3:GetObjects', 'choosing an action is not automatic');
  });

  test('hover on an action', async () => {
    const uri = 'file:///ws/iam/hover/policy.json';
    await client.open(uri, POLICY);
    const hover = await client.hover(uri, positionOf(POLICY, '"ecr:GetAuthorizationToken"', 6));
    const markdown = (hover?.contents as { value: string }).value;
    assert.match(markdown, /^\*\*ecr:GetAuthorizationToken\*\* — Amazon Elastic Container Registry/);
    assert.match(markdown, /Access level: \*\*Read\*\*/);
    assert.match(markdown, /list_amazonelasticcontainerregistry\.html#amazonelasticcontainerregistry-GetAuthorizationToken/);
  });

  test('completion after "ecr:" offers the ECR actions and replaces the whole string', async () => {
    const uri = 'file:///ws/iam/completion/policy.json';
    const text = POLICY.replace('"ecr:GetAuthorizationToken"', '"ecr:"');
    await client.open(uri, text);
    const items = await client.completion(uri, positionOf(text, '"ecr:"', 5));
    const batch = items.find((i) => i.label === '"ecr:BatchGetImage"');
    assert.equal(batch?.labelDetails?.description, 'Read');
    assert.deepEqual(batch?.textEdit, { range: range(6, 8, 6, 14), newText: '"ecr:BatchGetImage"' });
    assert.ok(items.some((i) => i.label === '"ecr:Get*"'));
    assert.ok(items.every((i) => String(i.label).startsWith('"ecr:')));
  });

  test('a role file: the trust policy and inline policies are checked in place', async () => {
    const uri = 'file:///ws/iam/role.json';
    const text = JSON.stringify(
      {
        RoleName: 'app',
        AssumeRolePolicyDocument: JSON.parse(TRUST),
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:BatchGetImages', Resource: '*' }] },
          },
        ],
      },
      null,
      2,
    );
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['iam-policy-structure', text.slice(0, text.indexOf('"Resource"')).split('\n').length - 1],
        ['iam-service-principal-without-source', text.slice(0, text.indexOf('"ecs-tasks.amazonaws.com"')).split('\n').length - 1],
        ['iam-invalid-action', text.slice(0, text.indexOf('"ecr:BatchGetImages"')).split('\n').length - 1],
      ],
    );
  });
});
