// What a task definition needs from its execution role, per feature.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOLE, resourceText } from '../../server/src/core/iam/evaluate';
import { requirementsOf } from '../../server/src/core/execution-role/requirements';
import { unknownMarker } from '../../server/src/core/unknown';

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

  describe('values a template computes (unknown markers) are read, their unknown parts as holes', () => {
    const region = unknownMarker('AWS__Region');
    const account = unknownMarker('AWS__AccountId');
    const partition = unknownMarker('AWS__Partition');
    const repository = unknownMarker('Ref Repository');

    test('an ECR image from Fn::Sub: the account, Region and repository are unknown, the host is still ECR', () => {
      const [requirement] = requirementsOf(container({ image: `${account}.dkr.ecr.${region}.amazonaws.com/${repository}:1` }));
      assert.equal(requirement.feature, 'ecr-image');
      assert.equal(requirement.reason, `pull the image of container app from ECR repository ${repository}`);
      assert.deepEqual(requirement.permissions[1].resources, [[`arn:aws:ecr:${region}:${account}:repository/${repository}`]]);
      // The template's own expressions are what a fix writes back.
      assert.equal(requirement.permissions[1].policyResources[0], `arn:aws:ecr:${region}:${account}:repository/${repository}`);
    });

    test('an ECR host whose domain is ${AWS::URLSuffix} (CDK): the partition is unknown too', () => {
      const suffix = unknownMarker('AWS__URLSuffix');
      const [requirement] = requirementsOf(container({ image: `057627104303.dkr.ecr.ap-southeast-1.${suffix}/cdk-assets:abc` }));
      assert.deepEqual(requirement.permissions[1].resources, [['arn:', HOLE, ':ecr:ap-southeast-1:057627104303:repository/cdk-assets']]);
    });

    test('a Secrets Manager ARN with unknown fields and an unknown name and suffix (!Ref of a secret)', () => {
      const name = unknownMarker('Name DbSecret');
      const suffix = unknownMarker('Suffix DbSecret');
      const valueFrom = `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
      const [requirement] = requirementsOf(container({ image: 'nginx', secrets: [{ name: 'DB', valueFrom }] }));
      assert.equal(requirement.feature, 'secret-secretsmanager');
      // The ARN is complete (it ends with the suffix): the policy resource is the value itself.
      assert.equal(requirement.permissions[0].policyResources[0], valueFrom);
    });

    test('an SSM parameter ARN from Fn::Sub keeps its literal name', () => {
      const valueFrom = `arn:${partition}:ssm:${region}:${account}:parameter/app/db`;
      const [requirement] = requirementsOf(container({ image: 'nginx', secrets: [{ name: 'DB', valueFrom }] }));
      assert.equal(requirement.feature, 'secret-ssm');
      assert.deepEqual(requirement.permissions[0].resources, [[valueFrom]]);
    });

    test('a log group and Region from Ref: the group is the Ref, not a hole', () => {
      const group = unknownMarker('Ref LogGroup');
      const [requirement] = requirementsOf(
        container({
          image: 'nginx',
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': group, 'awslogs-region': region } },
        }),
      );
      assert.equal(requirement.reason, `send the logs of container app to log group ${group}`);
      assert.deepEqual(requirement.permissions[1].resources, [
        [`arn:aws:logs:${region}:123456789012:log-group:${group}:log-stream:`, HOLE],
      ]);
    });

    test('a whole unknown valueFrom (Secrets Manager or Parameter Store?) and template placeholders give nothing', () => {
      assert.deepEqual(
        requirementsOf(container({ image: 'nginx', secrets: [{ name: 'DB', valueFrom: unknownMarker('ImportValue x') }] })),
        [],
      );
      assert.deepEqual(requirementsOf(container({ image: `{{registry}}/${repository}` })), []);
    });
  });
});

// A template or a Terraform module writes ARNs with unknown parts (core/unknown.ts): the requirements are read
// around them, so that a policy naming the same expression grants them, and a wholly unknown value needs nothing.
// The markers stay in the requested resources, where the IAM evaluator reads each one as a hole.
describe('requirements of values with unknown markers', () => {
  const P = unknownMarker('partition');
  const R = unknownMarker('region');
  const A = unknownMarker('account');

  test('an SSM parameter ARN with unknown partition, Region and account: holes there, the marker kept for the policy', () => {
    const [requirement] = requirementsOf(
      container({ image: 'nginx', secrets: [{ name: 'DB', valueFrom: `arn:${P}:ssm:${R}:${A}:parameter/app/db` }] }),
    );
    assert.equal(requirement.feature, 'secret-ssm');
    assert.deepEqual(requirement.path, ['containerDefinitions', 0, 'secrets', 0, 'valueFrom']);
    assert.deepEqual(requirement.permissions[0].resources, [[`arn:${P}:ssm:${R}:${A}:parameter/app/db`]]);
    assert.deepEqual(requirement.permissions[0].policyResources, [`arn:${P}:ssm:${R}:${A}:parameter/app/db`]);
  });

  test('a Secrets Manager ARN that ends with an unknown suffix is the complete ARN', () => {
    const suffix = unknownMarker('suffix');
    const [requirement] = requirementsOf(
      container({
        image: 'nginx',
        secrets: [{ name: 'DB', valueFrom: `arn:${P}:secretsmanager:${R}:${A}:secret:db-${suffix}:password::` }],
      }),
    );
    assert.equal(requirement.feature, 'secret-secretsmanager');
    assert.deepEqual(requirement.permissions[0].resources[0], [`arn:${P}:secretsmanager:${R}:${A}:secret:db-${suffix}`]);
  });

  test('an ECR image whose account and Region are unknown is still a private ECR image', () => {
    const [requirement] = requirementsOf(container({ image: `${A}.dkr.ecr.${R}.amazonaws.com/web:1` }));
    assert.equal(requirement.feature, 'ecr-image');
    assert.equal(requirement.reason, 'pull the image of container app from ECR repository web');
    assert.deepEqual(requirement.permissions[1].resources, [[`arn:aws:ecr:${R}:${A}:repository/web`]]);
  });

  test('a log group with a marker in its name, and an unknown Region', () => {
    const group = `/ecs/${unknownMarker('var.env')}`;
    const [requirement] = requirementsOf(
      container({ image: 'nginx', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': group, 'awslogs-region': R } } }),
    );
    assert.deepEqual(requirement.permissions[1].resources, [[`arn:aws:logs:${R}:123456789012:log-group:${group}:log-stream:`, HOLE]]);
  });

  test('wholly unknown values need nothing: the image, the secret and the log group could be anything', () => {
    const m = unknownMarker('var.x');
    assert.deepEqual(requirementsOf(container({ image: m, secrets: [{ name: 'DB', valueFrom: m }] })), []);
    // An unknown start could be an ARN of either service, or a parameter name.
    assert.deepEqual(requirementsOf(container({ image: 'nginx', secrets: [{ name: 'DB', valueFrom: `${m}:password::` }] })), []);
    const [logs] = requirementsOf(
      container({ image: 'nginx', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': m } } }),
    );
    assert.deepEqual(logs.permissions[1].resources, [['arn:aws:logs:', HOLE, `:123456789012:log-group:${m}:log-stream:`, HOLE]]);
  });
});
