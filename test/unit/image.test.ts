// Image references: the parts, the registry kind (private ECR with account/region/partition, ECR Public,
// Docker Hub, other) and the problems that make ECS or the container runtime refuse a reference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageProblems, parseImage } from '../../server/src/core/taskdef/image';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

const parsed: [string, Record<string, unknown>][] = [
  ['nginx', { host: undefined, registryKind: 'docker-hub', repository: 'nginx', tag: undefined, digest: undefined }],
  ['nginx:1.27-alpine', { registryKind: 'docker-hub', repository: 'nginx', tag: '1.27-alpine' }],
  ['amazon/amazon-ecs-agent:latest', { host: undefined, registryKind: 'docker-hub', repository: 'amazon/amazon-ecs-agent', tag: 'latest' }],
  ['docker.io/library/busybox', { host: 'docker.io', registryKind: 'docker-hub', repository: 'library/busybox' }],
  ['quay.io/assemblyline/ubuntu', { host: 'quay.io', registryKind: 'other', repository: 'assemblyline/ubuntu' }],
  ['localhost:5000/app:dev', { host: 'localhost:5000', registryKind: 'other', repository: 'app', tag: 'dev' }],
  ['127.0.0.1:51670/amazon/firelens-fluentd:latest', { host: '127.0.0.1:51670', repository: 'amazon/firelens-fluentd', tag: 'latest' }],
  [
    'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
    { host: 'public.ecr.aws', registryKind: 'ecr-public', repository: 'aws-observability/aws-for-fluent-bit' },
  ],
  [
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1',
    {
      registryKind: 'ecr',
      account: '123456789012',
      region: 'eu-west-1',
      partition: 'aws',
      fips: false,
      dualStack: false,
      repository: 'team/api',
      tag: 'v1',
    },
  ],
  [
    `123456789012.dkr.ecr.us-east-1.amazonaws.com/api@${DIGEST}`,
    { registryKind: 'ecr', repository: 'api', tag: undefined, digest: DIGEST },
  ],
  [`123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v2@${DIGEST}`, { registryKind: 'ecr', repository: 'api', tag: 'v2', digest: DIGEST }],
  ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api', { registryKind: 'ecr', region: 'cn-north-1', partition: 'aws-cn' }],
  [
    '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/api',
    { registryKind: 'ecr', region: 'us-gov-west-1', partition: 'aws-us-gov', fips: true },
  ],
  ['123456789012.dkr.ecr-fips.us-east-2.amazonaws.com/api', { registryKind: 'ecr', partition: 'aws', fips: true, dualStack: false }],
  ['123456789012.dkr-ecr.us-east-1.on.aws/api', { registryKind: 'ecr', region: 'us-east-1', partition: 'aws', dualStack: true }],
  ['123456789012.dkr-ecr.cn-northwest-1.on.amazonwebservices.com.cn/api', { registryKind: 'ecr', partition: 'aws-cn', dualStack: true }],
  ['123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu/api', { registryKind: 'ecr', region: 'eusc-de-east-1', partition: 'aws-eusc' }],
  ['123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov/api', { registryKind: 'ecr', partition: 'aws-iso' }],
  ['123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov/api', { registryKind: 'ecr', partition: 'aws-iso-b' }],
  // Not ECR: an account that is not 12 digits, another domain.
  ['12345.dkr.ecr.us-east-1.amazonaws.com/api', { registryKind: 'other', account: undefined }],
  ['123456789012.dkr.ecr.us-east-1.example.com/api', { registryKind: 'other' }],
  ['ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/api', { host: 'ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com', registryKind: 'other' }],
  // An uppercase first component is a host, as Docker reads it.
  ['MyRegistry/app', { host: 'MyRegistry', repository: 'app' }],
];

for (const [text, expected] of parsed) {
  test(`parseImage ${text}`, () => {
    const reference = parseImage(text);
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(reference[key as keyof typeof reference], value, `${key} of ${text}`);
    }
  });
}

const valid = [
  'nginx',
  'nginx:latest',
  'my_org/my-app__x.y:1.0.0-rc_1',
  'a--b/c',
  `nginx@${DIGEST}`,
  `nginx@sha256:${'A'.repeat(64)}`,
  '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:v1',
  'localhost:5000/app',
  '[::1]:5000/app',
  'Registry.Example.com/app:Tags-Are-Case-Sensitive',
  'nginx:UPPER_case_tag',
  `${'a'.repeat(255)}`,
  `${'a'.repeat(255)}@${DIGEST}`,
  `nginx:${'t'.repeat(128)}`,
];

for (const text of valid) {
  test(`imageProblems accepts ${text.length > 60 ? `${text.slice(0, 40)}... (${text.length} chars)` : text}`, () => {
    assert.deepEqual(imageProblems(text), []);
  });
}

const invalid: [string, string, RegExp][] = [
  ['', 'empty', /empty/],
  ['   ', 'empty', /empty/],
  ['nginx latest', 'whitespace', /spaces/],
  [`${'a'.repeat(256)}`, 'too-long', /256 characters long; ECS accepts at most 255/],
  [`${'a'.repeat(256)}@${DIGEST}`, 'too-long', /part before "@" is 256/],
  [`nginx@sha256:${'a'.repeat(63)}`, 'digest', /exactly 64 hexadecimal/],
  [`nginx@sha256:${'a'.repeat(65)}`, 'digest', /exactly 64/],
  [`nginx@sha512:${'a'.repeat(128)}`, 'digest', /"sha256:"/],
  [`nginx@sha256:${'g'.repeat(64)}`, 'digest', /hexadecimal/],
  ['123456789012.dkr.ecr.us-east-1.amazonaws.com/myApp:latest', 'uppercase', /"myApp" has uppercase letters/],
  ['MyImage', 'uppercase', /lowercase/],
  ['my image', 'whitespace', /spaces/],
  ['-nginx', 'repository', /not valid/],
  ['nginx/', 'repository', /not valid/],
  ['ACCOUNT_ID.dkr.ecr.us-east-1.amazonaws.com/api', 'host', /not a valid registry host/],
  ['nginx:-bad', 'tag', /tag "-bad"/],
  [`nginx:${'t'.repeat(129)}`, 'tag', /128/],
  ['a'.repeat(64), 'identifier', /image ID/],
];

for (const [text, code, message] of invalid) {
  test(`imageProblems reports ${code} for ${text.length > 60 ? `${text.slice(0, 30)}... (${text.length} chars)` : JSON.stringify(text)}`, () => {
    const problems = imageProblems(text);
    assert.ok(
      problems.some((p) => p.code === code),
      JSON.stringify(problems),
    );
    assert.match(problems.find((p) => p.code === code)!.message, message);
  });
}
