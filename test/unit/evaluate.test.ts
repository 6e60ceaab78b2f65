// The evaluator against cases taken from the AWS policy evaluation documentation:
// - "Policy evaluation logic", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//   (the carlossalazar example and "The difference between explicit and implicit denies", AllowGetList/DenyReports);
//   same text in awsdocs/iam-user-guide @ 651083f doc_source/reference_policies_evaluation-logic.md
// - "IAM JSON policy elements: NotAction" / "NotResource" / "Resource" (wildcards in resource ARNs), same repository.
// Plus the cases this project adds: conditions, unknown ARN parts, Secrets Manager suffixes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Decision, HOLE, type RequestedResource, evaluate, evaluateTrust } from '../../server/src/core/iam/evaluate';

const carlos = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowS3ListRead',
      Effect: 'Allow',
      Action: ['s3:GetBucketLocation', 's3:GetAccountPublicAccessBlock', 's3:ListAccessPoints', 's3:ListAllMyBuckets'],
      Resource: 'arn:aws:s3:::*',
    },
    { Sid: 'AllowS3Self', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'] },
    { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
  ],
};

const getList = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowGetList', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
    { Sid: 'DenyReports', Effect: 'Deny', Action: 'iam:*Report', Resource: '*' },
  ],
};

const notActionAllow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] };
const notActionS3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::*' }] };
const mfaDeny = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'DenyAllUsersNotUsingMFA',
      Effect: 'Deny',
      NotAction: 'iam:*',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};
const hrPayroll = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:*', Resource: '*' },
    { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'] },
  ],
};
const bucketWildcards = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*' }],
};

interface Case {
  name: string;
  policies: unknown[];
  action: string;
  resource: RequestedResource | string;
  decision: Decision;
  /** Sids of the statements that apply, Deny first. */
  sids?: (string | undefined)[];
}

const cases: Case[] = [
  // Policy evaluation logic: the carlossalazar example.
  {
    name: 'doc: a Deny matching the bucket name wins over the Allow of s3:*',
    policies: [carlos],
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::carlossalazar-logs/file.txt',
    decision: 'denied',
    sids: ['DenyS3Logs'],
  },
  {
    name: 'doc: his own bucket is allowed',
    policies: [carlos],
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::carlossalazar/file.txt',
    decision: 'allowed',
    sids: ['AllowS3Self'],
  },
  {
    name: 'doc: listing buckets is allowed on arn:aws:s3:::*',
    policies: [carlos],
    action: 's3:GetBucketLocation',
    resource: 'arn:aws:s3:::other',
    decision: 'allowed',
    sids: ['AllowS3ListRead'],
  },
  {
    name: 'doc: another bucket is implicitly denied',
    policies: [carlos],
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::other/file.txt',
    decision: 'implicitly-denied',
    sids: [],
  },
  // The difference between explicit and implicit denies.
  { name: 'doc: iam:Get* allows GetUser', policies: [getList], action: 'iam:GetUser', resource: '*', decision: 'allowed' },
  {
    name: 'doc: iam:CreatePolicy is implicitly denied',
    policies: [getList],
    action: 'iam:CreatePolicy',
    resource: '*',
    decision: 'implicitly-denied',
  },
  {
    name: 'doc: iam:*Report explicitly denies GetOrganizationsAccessReport despite iam:Get*',
    policies: [getList],
    action: 'iam:GetOrganizationsAccessReport',
    resource: '*',
    decision: 'denied',
    sids: ['DenyReports', 'AllowGetList'],
  },
  {
    name: 'doc: the Deny still wins when another policy allows the report action',
    policies: [
      getList,
      { Version: '2012-10-17', Statement: [{ Sid: 'Reports', Effect: 'Allow', Action: 'iam:GenerateCredentialReport', Resource: '*' }] },
    ],
    action: 'iam:GenerateCredentialReport',
    resource: '*',
    decision: 'denied',
  },
  // NotAction.
  {
    name: 'doc: Allow with NotAction iam:* allows other services',
    policies: [notActionAllow],
    action: 'ec2:RunInstances',
    resource: '*',
    decision: 'allowed',
  },
  {
    name: 'doc: Allow with NotAction iam:* does not allow IAM',
    policies: [notActionAllow],
    action: 'iam:CreateUser',
    resource: '*',
    decision: 'implicitly-denied',
  },
  {
    name: 'doc: NotAction s3:DeleteBucket on arn:aws:s3:::* allows other S3 actions on S3 resources',
    policies: [notActionS3],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k',
    decision: 'allowed',
  },
  {
    name: 'doc: ... but not DeleteBucket',
    policies: [notActionS3],
    action: 's3:DeleteBucket',
    resource: 'arn:aws:s3:::b',
    decision: 'implicitly-denied',
  },
  {
    name: 'doc: ... nor ListAllMyBuckets, whose resource is "*"',
    policies: [notActionS3],
    action: 's3:ListAllMyBuckets',
    resource: '*',
    decision: 'implicitly-denied',
  },
  {
    name: 'doc: a conditional Deny with NotAction (MFA) leaves non-IAM actions denied under conditions',
    policies: [mfaDeny],
    action: 'ec2:RunInstances',
    resource: '*',
    decision: 'denied-conditionally',
  },
  { name: 'doc: ... and does not touch IAM actions', policies: [mfaDeny], action: 'iam:GetUser', resource: '*', decision: 'allowed' },
  // NotResource.
  {
    name: 'doc: Deny with NotResource denies everything else in S3',
    policies: [hrPayroll],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::HRBucket/Other/x',
    decision: 'denied',
  },
  {
    name: 'doc: ... and leaves the Payroll folder allowed',
    policies: [hrPayroll],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::HRBucket/Payroll/x',
    decision: 'allowed',
  },
  // Wildcards in resource ARNs: * spans slashes.
  {
    name: 'doc: DOC-EXAMPLE-BUCKET/*/test/* matches 1/2/test/3/object.jpg',
    policies: [bucketWildcards],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg',
    decision: 'allowed',
  },
  {
    name: 'doc: ... and //test/object.jpg',
    policies: [bucketWildcards],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET//test/object.jpg',
    decision: 'allowed',
  },
  {
    name: 'doc: ... but not an object outside a test folder',
    policies: [bucketWildcards],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/object.jpg',
    decision: 'implicitly-denied',
  },
  // Case: actions ignore case, ARNs do not.
  {
    name: 'actions are case-insensitive',
    policies: [{ Statement: [{ Effect: 'Allow', Action: 'SSM:getparameters', Resource: '*' }] }],
    action: 'ssm:GetParameters',
    resource: '*',
    decision: 'allowed',
  },
  {
    name: 'ARNs are case-sensitive',
    policies: [
      { Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/App/db' }] },
    ],
    action: 'ssm:GetParameters',
    resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db',
    decision: 'implicitly-denied',
  },
  {
    name: '? matches exactly one character',
    policies: [{ Statement: [{ Effect: 'Allow', Action: 'ecr:Batch?etImage', Resource: '*' }] }],
    action: 'ecr:BatchGetImage',
    resource: '*',
    decision: 'allowed',
  },
  {
    name: 'ssm:GetParameter does not grant ssm:GetParameters',
    policies: [{ Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }] }],
    action: 'ssm:GetParameters',
    resource: '*',
    decision: 'implicitly-denied',
  },
  {
    name: 'an action with no resource type needs Resource "*"',
    policies: [{ Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: 'arn:aws:ecr:*:*:repository/*' }] }],
    action: 'ecr:GetAuthorizationToken',
    resource: '*',
    decision: 'implicitly-denied',
  },
  // Conditions.
  {
    name: 'an Allow with a Condition grants only under conditions',
    policies: [
      {
        Statement: [
          { Effect: 'Allow', Action: 'logs:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
        ],
      },
    ],
    action: 'logs:PutLogEvents',
    resource: '*',
    decision: 'allowed-conditionally',
  },
  {
    name: 'an empty Condition is no condition',
    policies: [{ Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*', Condition: {} }] }],
    action: 'logs:PutLogEvents',
    resource: '*',
    decision: 'allowed',
  },
  {
    name: 'a conditional Deny without any Allow is still an implicit deny',
    policies: [
      { Statement: [{ Effect: 'Deny', Action: 'logs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    ],
    action: 'logs:PutLogEvents',
    resource: '*',
    decision: 'implicitly-denied',
  },
  // Malformed statements are ignored rather than trusted.
  {
    name: 'a statement without Resource grants nothing',
    policies: [{ Statement: [{ Effect: 'Allow', Action: '*' }] }],
    action: 's3:GetObject',
    resource: '*',
    decision: 'implicitly-denied',
  },
  {
    name: 'an Effect other than Allow/Deny is ignored',
    policies: [{ Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] }],
    action: 's3:GetObject',
    resource: '*',
    decision: 'implicitly-denied',
  },
  {
    name: 'a single statement object (not a list) works',
    policies: [{ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }],
    action: 's3:GetObject',
    resource: '*',
    decision: 'allowed',
  },
  // Unknown parts of the requested ARN.
  {
    name: 'unknown region: an Allow naming a region is assumed to match',
    policies: [
      { Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/*' }] },
    ],
    action: 'ssm:GetParameters',
    resource: ['arn:aws:ssm:', HOLE, ':123456789012:parameter/app/db'],
    decision: 'allowed',
  },
  {
    name: 'unknown region: the known parts must still match',
    policies: [
      { Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/other/*' }] },
    ],
    action: 'ssm:GetParameters',
    resource: ['arn:aws:ssm:', HOLE, ':123456789012:parameter/app/db'],
    decision: 'implicitly-denied',
  },
  {
    name: 'unknown region: a Deny naming a region is not assumed to match',
    policies: [
      {
        Statement: [
          { Effect: 'Allow', Action: 'ssm:*', Resource: '*' },
          { Effect: 'Deny', Action: 'ssm:*', Resource: 'arn:aws:ssm:us-east-1:*' },
        ],
      },
    ],
    action: 'ssm:GetParameters',
    resource: ['arn:aws:ssm:', HOLE, ':123456789012:parameter/app/db'],
    decision: 'allowed',
  },
  {
    name: 'unknown region: a Deny covering every region applies',
    policies: [
      {
        Statement: [
          { Effect: 'Allow', Action: 'ssm:*', Resource: '*' },
          { Effect: 'Deny', Action: 'ssm:*', Resource: 'arn:aws:ssm:*:*:parameter/app/*' },
        ],
      },
    ],
    action: 'ssm:GetParameters',
    resource: ['arn:aws:ssm:', HOLE, ':123456789012:parameter/app/db'],
    decision: 'denied',
  },
  {
    name: 'unknown log stream: log-group:NAME:* matches',
    policies: [
      {
        Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*' }],
      },
    ],
    action: 'logs:PutLogEvents',
    resource: ['arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:log-stream:', HOLE],
    decision: 'allowed',
  },
  {
    name: 'unknown log stream: another group does not',
    policies: [
      {
        Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/api:*' }],
      },
    ],
    action: 'logs:PutLogEvents',
    resource: ['arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:log-stream:', HOLE],
    decision: 'implicitly-denied',
  },
  {
    name: 'a policy variable is assumed to match in an Allow',
    policies: [{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }] }],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/alice/x',
    decision: 'allowed',
  },
  // Secrets Manager: the 6-character suffix.
  {
    name: 'secret with suffix vs name-??????',
    policies: [secretPolicy('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????')],
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
    decision: 'allowed',
  },
  {
    name: 'secret with suffix vs name-*',
    policies: [secretPolicy('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-*')],
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
    decision: 'allowed',
  },
  {
    name: 'secret named without suffix vs name-??????',
    policies: [secretPolicy('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????')],
    action: 'secretsmanager:GetSecretValue',
    resource: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-', HOLE],
    decision: 'allowed',
  },
  {
    name: 'secret with suffix vs the name alone does not match',
    policies: [secretPolicy('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db')],
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
    decision: 'implicitly-denied',
  },
  {
    name: 'name-?????? does not match a longer name',
    policies: [secretPolicy('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????')],
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-old-AbCdEf',
    decision: 'implicitly-denied',
  },
];

function secretPolicy(resource: string) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: resource }] };
}

describe('policy evaluation', () => {
  for (const c of cases) {
    test(c.name, () => {
      const resource = typeof c.resource === 'string' ? [c.resource] : c.resource;
      const result = evaluate(
        c.policies.map((document, i) => ({ id: `p${i}`, document })),
        { action: c.action, resources: [resource] },
      );
      assert.equal(result.decision, c.decision);
      if (c.sids)
        assert.deepEqual(
          result.matches.map((m) => m.statement.sid),
          c.sids,
        );
    });
  }

  test('with alternative resources, the most favourable decides', () => {
    const policy = { Statement: [{ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: 'arn:aws:logs:*:*:log-group:/ecs/web' }] };
    const result = evaluate([{ id: 'p', document: policy }], {
      action: 'logs:CreateLogStream',
      resources: [['arn:aws:logs:eu-west-1:1:log-group:/ecs/web:log-stream:', HOLE], ['arn:aws:logs:eu-west-1:1:log-group:/ecs/web']],
    });
    assert.equal(result.decision, 'allowed');
  });

  test('a pattern with many stars against a long resource with a hole still answers', () => {
    const document = { Statement: [{ Effect: 'Allow', Action: '*', Resource: `${'*a'.repeat(2000)}b` }] };
    assert.equal(evaluate([{ id: 'p', document }], { action: 's3:GetObject', resources: [['a'.repeat(5000), HOLE]] }).decision, 'allowed');
    assert.equal(
      evaluate([{ id: 'p', document }], { action: 's3:GetObject', resources: [['a'.repeat(5000)]] }).decision,
      'implicitly-denied',
    );
  });
});

describe('trust policy evaluation', () => {
  const trust = (principal: unknown, extra: Record<string, unknown> = {}) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
  });
  const table: [string, unknown, Decision][] = [
    ['the ECS tasks service', trust({ Service: 'ecs-tasks.amazonaws.com' }), 'allowed'],
    ['a list of services including it', trust({ Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] }), 'allowed'],
    ['ecs.amazonaws.com is another principal', trust({ Service: 'ecs.amazonaws.com' }), 'implicitly-denied'],
    ['an account principal', trust({ AWS: 'arn:aws:iam::123456789012:root' }), 'implicitly-denied'],
    [
      'with the confused-deputy conditions',
      trust({ Service: 'ecs-tasks.amazonaws.com' }, { Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }),
      'allowed-conditionally',
    ],
    [
      'another action',
      { Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:TagSession' }] },
      'implicitly-denied',
    ],
    [
      'sts:* covers it',
      { Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:*' }] },
      'allowed',
    ],
  ];
  for (const [name, policy, decision] of table) {
    test(name, () => assert.equal(evaluateTrust(policy, 'ecs-tasks.amazonaws.com').decision, decision));
  }
});
