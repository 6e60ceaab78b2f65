import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duplicateKey } from '../../../../server/src/core/rules/document/duplicate-key';
import { fixedText } from '../../../helpers/documents';
import { findingsOf, ruleTester } from '../../../helpers/ruleTester';

const TASK_WITH_TWO_MEMORIES = `{
  "family": "web",
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [{ "name": "app", "image": "nginx" }],
  "memory": "4096"
}`;

ruleTester(duplicateKey, {
  valid: [
    { name: 'a task definition with each key once', json: { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx' }] } },
    {
      name: 'the same key in two objects',
      json: {
        family: 'web',
        containerDefinitions: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
    },
    { name: 'not a document fargate-lint reads', json: '{"name": "x", "name": "y"}' },
  ],
  invalid: [
    {
      name: 'a task definition: a warning on the kept one; the fix removes the earlier',
      json: TASK_WITH_TWO_MEMORIES,
      findings: [
        {
          path: ['memory'],
          severity: 'warning',
          message: 'also on line 4',
          fix: {
            title: 'Remove the earlier "memory" (line 4)',
            output: { family: 'web', cpu: '256', containerDefinitions: [{ name: 'app', image: 'nginx' }], memory: '4096' },
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'inside a container',
      json: '{"containerDefinitions": [{"name": "app", "image": "a", "image": "b"}]}',
      findings: [
        {
          path: ['containerDefinitions', 0, 'image'],
          severity: 'warning',
          fix: { title: 'Remove the earlier "image" (line 1)', output: { containerDefinitions: [{ name: 'app', image: 'b' }] } },
          target: 'key',
        },
      ],
    },
    {
      name: 'a policy: an error (IAM rejects it)',
      json: '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "s3:PutObject",\n    "Action": "s3:GetObject",\n    "Resource": "*"\n  }]\n}',
      findings: [
        {
          path: ['Statement', 0, 'Action'],
          severity: 'error',
          message: 'IAM rejects duplicate keys',
          fix: {
            title: 'Remove the earlier "Action" (line 5)',
            output: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
          },
          target: 'key',
        },
      ],
    },
    {
      name: 'a duplicated Statement: only the kept one is looked into',
      json: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Effect": "Deny"}], "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
      findings: [
        {
          path: ['Statement'],
          severity: 'error',
          message: 'more than once',
          target: 'key',
          fixes: ['Remove the earlier "Statement" (line 1)'],
        },
      ],
    },
    {
      name: 'a role file: once, in the innermost subject (the inline policy), not again in the role',
      json: '{"RoleName": "r", "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}}]}',
      findings: [
        {
          path: ['Policies', 0, 'PolicyDocument', 'Version'],
          severity: 'error',
          target: 'key',
          fixes: ['Remove the earlier "Version" (line 1)'],
        },
      ],
    },
    {
      name: 'fargate-lint.json',
      fileName: 'fargate-lint.json',
      json: '{"roles": {"exec": {"policies": ["a.json"], "policies": ["b.json"]}}}',
      findings: [
        { path: ['roles', 'exec', 'policies'], severity: 'warning', target: 'key', fixes: ['Remove the earlier "policies" (line 1)'] },
      ],
    },
  ],
});

test('duplicate-key: three occurrences are two findings, each fix removes its own earlier one', () => {
  const text = '{"family": "a",\n"family": "b",\n"family": "c", "containerDefinitions": []}';
  const { document, findings, fixesOf } = findingsOf(duplicateKey, text);
  assert.deepEqual(
    findings.map((f) => f.message.match(/line \d/)?.[0]),
    ['line 1', 'line 2'],
  );
  assert.equal(fixedText(fixesOf(findings[1])[0], document), '{"family": "a",\n"family": "c", "containerDefinitions": []}');
});
