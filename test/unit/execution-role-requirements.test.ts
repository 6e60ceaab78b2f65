// What a task definition needs from its execution role, per feature, and the URI arithmetic behind
// fargate-lint.json's relative paths.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOLE, resourceText } from '../../server/src/core/iam/evaluate';
import { requirementsOf } from '../../server/src/core/execution-role/requirements';
import { basename, basenameOf, canonicalUri, isInside, relativePath, resolveRelative, sameUri } from '../../server/src/core/uris';

const subject = (value: unknown) => ({ kind: 'task-definition' as const, path: [], value });
const container = (c: Record<string, unknown>) =>
  subject({ executionRoleArn: 'arn:aws:iam::123456789012:role/exec', containerDefinitions: [{ name: 'app', ...c }] });

describe('requirements', () => {
  test('private ECR hosts: FIPS, dual-stack, China; ECR Public and Docker Hub need nothing', () => {
    const repositoryOf = (image: string) => requirementsOf(container({ image }))[0]?.permissions[1]?.policyResources[0];
    assert.equal(
      repositoryOf('123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/web:1'),
      'arn:aws:ecr:us-east-1:123456789012:repository/web',
    );
    assert.equal(
      repositoryOf('123456789012.dkr-ecr.eu-west-1.on.aws/team/web@sha256:' + 'a'.repeat(64)),
      'arn:aws:ecr:eu-west-1:123456789012:repository/team/web',
    );
    assert.equal(
      repositoryOf('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web'),
      'arn:aws-cn:ecr:cn-north-1:123456789012:repository/web',
    );
    assert.equal(
      repositoryOf('123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/web'),
      'arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/web',
    );
    assert.deepEqual(requirementsOf(container({ image: 'public.ecr.aws/nginx/nginx:1' })), []);
    assert.deepEqual(requirementsOf(container({ image: 'nginx:1' })), []);
    assert.deepEqual(requirementsOf(container({ image: 'quay.io/org/app:1' })), []);
  });

  test('placeholders, nulls and wrong types are never judged', () => {
    assert.deepEqual(
      requirementsOf(
        container({
          image: '{{image}}',
          logConfiguration: null,
          secrets: [null, { valueFrom: 42 }, { name: 'X', valueFrom: '${SECRET_ARN}' }],
        }),
      ),
      [],
    );
    assert.deepEqual(requirementsOf(subject({ containerDefinitions: 'x' })), []);
    assert.deepEqual(requirementsOf(subject(null)), []);
  });

  test('an SSM name takes the account and partition of executionRoleArn and leaves the Region unknown', () => {
    const [requirement] = requirementsOf(
      subject({
        executionRoleArn: 'arn:aws-cn:iam::210987654321:role/exec',
        containerDefinitions: [{ name: 'app', image: 'nginx', secrets: [{ name: 'DB', valueFrom: 'db-password' }] }],
      }),
    );
    assert.deepEqual(requirement.permissions[0].resources, [['arn:aws-cn:ssm:', HOLE, ':210987654321:parameter/db-password']]);
    assert.equal(resourceText(requirement.permissions[0].resources[0]), 'arn:aws-cn:ssm:*:210987654321:parameter/db-password');
  });

  test('awslogs without a group: the group is unknown, so any group matches', () => {
    const [requirement] = requirementsOf(
      container({ image: 'nginx', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1' } } }),
    );
    assert.equal(requirement.reason, 'send the logs of container app to its log group');
    assert.deepEqual(requirement.permissions[1].resources, [
      ['arn:aws:logs:eu-west-1:123456789012:log-group:', HOLE, ':log-stream:', HOLE],
    ]);
  });
});

describe('URIs', () => {
  test('relative paths resolve against the folder of fargate-lint.json', () => {
    assert.equal(resolveRelative('file:///ws/fargate-lint.json', 'iam/exec.json'), 'file:///ws/iam/exec.json');
    assert.equal(resolveRelative('file:///ws/a/fargate-lint.json', '../iam\\exec policy.json'), 'file:///ws/iam/exec%20policy.json');
    assert.equal(resolveRelative('file:///ws/fargate-lint.json', './x/../y.json'), 'file:///ws/y.json');
  });

  test('comparisons ignore percent-encoding and drive-letter case', () => {
    assert.ok(sameUri('file:///c%3A/ws/x.json', 'file:///C:/ws/x.json'));
    assert.ok(sameUri('file:///ws/exec%20policy.json', 'file:///ws/exec policy.json'));
    assert.equal(canonicalUri('file:///ws/'), 'file:///ws');
    assert.ok(isInside('file:///ws/a/b.json', 'file:///ws'));
    assert.ok(!isInside('file:///wsx/b.json', 'file:///ws'));
    assert.equal(relativePath('file:///ws/services', 'file:///ws/iam/exec.json'), '../iam/exec.json');
  });

  test('basename of a file path (either separator) and of a URI (decoded, without query)', () => {
    assert.equal(basename('/ws/iam/exec.json'), 'exec.json');
    assert.equal(basename('C:\\ws\\task-def.json'), 'task-def.json');
    assert.equal(basename('C:\\ws/mixed\\fargate-lint.json'), 'fargate-lint.json');
    assert.equal(basename('task-def.json'), 'task-def.json');
    assert.equal(basename('/ws/'), '');
    assert.equal(basenameOf('file:///ws/exec%20policy.json?x=1#y'), 'exec policy.json');
    assert.equal(basenameOf('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(basenameOf('file:///ws/100%.json'), '100%.json', 'a bad escape is kept as written');
  });
});
