// The benchmark's inputs, generated here so that a fresh clone can run it: task definitions and policies
// of given sizes, an execution role that grants what they need, and workspaces of many files (mostly JSON
// that is none of ours, as in a monorepo). Deterministic: the same call gives the same text.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const EXECUTION_ROLE = 'bench-execution';

/** A Fargate task definition with `containers` containers, padded with environment variables to about `bytes` of text. */
export function taskDefinition({ containers = 1, bytes = 0, family = 'bench' } = {}) {
  const definitions = [];
  for (let i = 0; i < containers; i++) {
    const name = i === 0 ? 'app' : `sidecar-${i}`;
    definitions.push({
      name,
      image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${family}/${name}:1.${i}.0`,
      essential: i === 0,
      cpu: 64,
      memory: 256,
      user: '1000',
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: 8080 + i, protocol: 'tcp' }],
      environment: [{ name: 'STAGE', value: 'production' }],
      secrets: [
        { name: 'DATABASE_URL', valueFrom: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${family}/${name}/database-url` },
        { name: 'API_KEY', valueFrom: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${family}/${name}/api-key-AbCdEf` },
      ],
      mountPoints: [{ sourceVolume: 'tmp', containerPath: `/tmp/${name}`, readOnly: false }],
      ...(i > 0 ? { dependsOn: [{ containerName: 'app', condition: 'START' }] } : {}),
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': REGION, 'awslogs-stream-prefix': name },
      },
      healthCheck: {
        command: ['CMD-SHELL', `wget -q -O- http://localhost:${8080 + i}/health || exit 1`],
        interval: 30,
        timeout: 5,
        retries: 3,
        startPeriod: 10,
      },
    });
  }
  const task = {
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '1024',
    memory: '4096',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${EXECUTION_ROLE}`,
    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${family}-task`,
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
    volumes: [{ name: 'tmp' }],
    containerDefinitions: definitions,
  };
  // Pad: environment variables spread over the containers, until the text is as large as asked (not larger).
  let n = 0;
  let text = JSON.stringify(task, null, 2);
  const add = () =>
    definitions[n++ % containers].environment.push({ name: `SETTING_${n}`, value: `value-${(n * 7919) % 100000}-of-the-setting` });
  while (bytes - text.length > 2000) {
    for (let k = Math.floor((bytes - text.length) / 200); k > 0; k--) add();
    text = JSON.stringify(task, null, 2);
  }
  while (bytes > 0) {
    add();
    const next = JSON.stringify(task, null, 2);
    if (next.length + 1 > bytes) {
      definitions[(n - 1) % containers].environment.pop();
      break;
    }
    text = next;
  }
  return `${text}\n`;
}

const SERVICES = {
  s3: ['GetObject', 'PutObject', 'ListBucket', 'DeleteObject', 'GetBucketLocation'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'UpdateItem', 'BatchWriteItem'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
  sns: ['Publish', 'Subscribe'],
  kms: ['Decrypt', 'GenerateDataKey', 'Encrypt'],
  logs: ['CreateLogStream', 'PutLogEvents', 'DescribeLogGroups'],
  ssm: ['GetParameters', 'GetParameter'],
  secretsmanager: ['GetSecretValue', 'DescribeSecret'],
  lambda: ['InvokeFunction', 'GetFunction'],
  ec2: ['DescribeInstances', 'DescribeSubnets', 'DescribeSecurityGroups'],
};

function resourceFor(service, i) {
  switch (service) {
    case 's3':
      return [`arn:aws:s3:::bench-bucket-${i}`, `arn:aws:s3:::bench-bucket-${i}/*`];
    case 'dynamodb':
      return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/bench-table-${i}`;
    case 'sqs':
      return `arn:aws:sqs:${REGION}:${ACCOUNT}:bench-queue-${i}`;
    case 'sns':
      return `arn:aws:sns:${REGION}:${ACCOUNT}:bench-topic-${i}`;
    case 'kms':
      return `arn:aws:kms:${REGION}:${ACCOUNT}:key/0000${i}-1111-2222-3333-444455556666`;
    case 'logs':
      return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/bench/${i}:*`;
    case 'ssm':
      return `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/bench/${i}/*`;
    case 'secretsmanager':
      return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:bench/${i}-*`;
    case 'lambda':
      return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:bench-${i}`;
    default:
      return '*';
  }
}

/** The statements of an identity policy, `count` of them, cycling over ten services. */
function statements(count, offset = 0) {
  const names = Object.keys(SERVICES);
  const list = [];
  for (let i = 0; i < count; i++) {
    const service = names[(i + offset) % names.length];
    const statement = {
      Sid: `Bench${i}`,
      Effect: 'Allow',
      Action: SERVICES[service].map((a) => `${service}:${a}`),
      Resource: resourceFor(service, i),
    };
    if (i % 4 === 1) statement.Condition = { StringEquals: { 'aws:RequestedRegion': REGION } };
    if (i % 6 === 2) statement.Condition = { Bool: { 'aws:SecureTransport': 'true' } };
    list.push(statement);
  }
  return list;
}

/** An identity policy with `statementCount` statements, or padded with statements to about `bytes`. */
export function policy({ statementCount = 8, bytes = 0 } = {}) {
  let count = statementCount;
  let text = JSON.stringify({ Version: '2012-10-17', Statement: statements(count) }, null, 2);
  while (text.length < bytes) {
    count = Math.ceil((count * bytes) / text.length) + 1;
    text = JSON.stringify({ Version: '2012-10-17', Statement: statements(count) }, null, 2);
  }
  return `${text}\n`;
}

/** The execution role every generated task definition names, granting what their secrets and logs need. */
export function executionRole() {
  return `${JSON.stringify(
    {
      RoleName: EXECUTION_ROLE,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
      Policies: [
        {
          PolicyName: 'secrets',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/*` },
              {
                Effect: 'Allow',
                Action: 'secretsmanager:GetSecretValue',
                Resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:*`,
              },
            ],
          },
        },
      ],
    },
    null,
    2,
  )}\n`;
}

/** JSON that is none of ours: what a monorepo holds besides (app settings, fixtures, translations, data). */
function unrelatedJson(i) {
  switch (i % 4) {
    case 0:
      return JSON.stringify({ name: `module-${i}`, settings: { retries: i % 5, timeoutMs: 1000 + i, tags: ['a', 'b', `t${i}`] } }, null, 2);
    case 1:
      return JSON.stringify(
        Array.from({ length: 12 }, (_, k) => ({ id: i * 100 + k, label: `item ${k}`, active: k % 2 === 0 })),
        null,
        2,
      );
    case 2:
      return JSON.stringify(
        Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`message.${i}.${k}`, `Text number ${k} of file ${i}`])),
        null,
        2,
      );
    default:
      return JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: i }, geometry: null }] }, null, 2);
  }
}

/**
 * A workspace of `files` files under a temporary folder (kept between runs): folders of 500 files, one in 50
 * a policy, the rest unrelated JSON; the open task definition at the root; the execution role it names in
 * the last folder the scan reaches (so only a complete scan finds it).
 */
export function workspace(files) {
  const root = join(tmpdir(), `fargate-lint-bench-workspace-${files}`);
  const stamp = join(root, '.bench-complete');
  const version = 'v1';
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return root;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'task-definition.json'), taskDefinition({ containers: 3 }));
  const perFolder = 500;
  for (let i = 0; i < files - 2; i++) {
    const folder = join(root, 'packages', `pkg-${String(Math.floor(i / perFolder)).padStart(4, '0')}`);
    if (i % perFolder === 0) mkdirSync(folder, { recursive: true });
    const isPolicy = i % 50 === 7;
    const name = isPolicy ? `policy-${i}.json` : `data-${i}.json`;
    writeFileSync(join(folder, name), isPolicy ? policy({ statementCount: 3 }) : unrelatedJson(i));
  }
  const last = join(root, 'zz-infra', 'iam');
  mkdirSync(last, { recursive: true });
  writeFileSync(join(last, 'execution-role.json'), executionRole());
  writeFileSync(stamp, version);
  return root;
}
