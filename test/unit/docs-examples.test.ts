// The JSON examples of every rule page run through the language service: each line of a ```json block under
// "Reported:" in the page's "Examples" section must get at least one diagnostic of that page's rule, each
// under "Accepted:" none. An example is a fragment of what the rule looks at, completed into a document:
//  - a whole document (a task definition with containerDefinitions, a policy with Statement, a role file)
//    is taken as it is;
//  - members (`"Condition": {...}`) are a statement's; a statement (Effect, Action, Principal, ...) goes
//    into a policy; a container (name, image) into a task definition's containerDefinitions; anything
//    else is task-definition fields, and the task definition gets an empty containerDefinitions;
//  - the execution-role rules look at other files: their pages name the scene (SCENES below).
// Blocks in other languages or other sections (a template source's "Templates") are left to their runners.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Node, parseTree } from 'jsonc-parser';
import { allRuleMetas } from '../../server/src/core/rules/meta';
import { parseDocument } from '../../server/src/sources';
import type { RuleMeta } from '../../server/src/core/rule';
import { type ExampleDocument, docBlocks, documentedIds, jsonExamples, ruleDiagnostics, verdictProblem } from '../helpers/docExamples';

const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Principal', 'NotPrincipal', 'Resource', 'NotResource', 'Condition'];
const DOCUMENT_KEYS = ['containerDefinitions', 'taskDefinition', 'Statement', 'RoleName', 'AssumeRolePolicyDocument', 'PolicyName', 'Role'];
const CONTAINER_KEYS = ['name', 'image'];

const ACCOUNT = '123456789012';
const ROLE = 'ecsTaskExecutionRole';
const MANAGED = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const TRUST_STATEMENT = '{ "Effect": "Allow", "Principal": { "Service": "ecs-tasks.amazonaws.com" }, "Action": "sts:AssumeRole" }';
const TASK_URI = 'file:///ws/task-definition.json';
const ROLE_URI = `file:///ws/${ROLE}.json`;

/** A task definition of one container (text), run on Fargate by the execution role the scenes describe. */
const taskWith = (container: string, taskRole?: string) =>
  `{ "family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",\n` +
  (taskRole ? `  "taskRoleArn": "arn:aws:iam::${ACCOUNT}:role/${taskRole}",\n` : '') +
  `  "executionRoleArn": "arn:aws:iam::${ACCOUNT}:role/${ROLE}", "containerDefinitions": [${container}] }`;
/** A role file: its trust policy's statement, and its permissions (managed policy ARNs, or an inline policy's statements). */
const roleFile = (trustStatement: string, permissions: { managed?: string; inline?: string } = { managed: MANAGED }, name = ROLE) =>
  `{ "RoleName": "${name}", "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [${trustStatement}] },\n` +
  (permissions.inline
    ? `  "Policies": [{ "PolicyName": "p", "PolicyDocument": { "Version": "2012-10-17", "Statement": [${permissions.inline}] } }] }`
    : `  "ManagedPolicyArns": ["${permissions.managed}"] }`);
const LOGS_ONLY = '{ "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*" }';

/**
 * Rules whose examples are about another file than the one reported. Each page says the scene in its label:
 * the execution role is ecsTaskExecutionRole, described by a role file with AmazonECSTaskExecutionRolePolicy
 * as its only policy and the usual trust policy.
 */
const SCENES: Record<string, (example: string) => ExampleDocument> = {
  // The example is a container of a Fargate task definition run by that role.
  'execution-role-permission': (container) => ({
    uri: TASK_URI,
    text: taskWith(container),
    files: { [ROLE_URI]: roleFile(TRUST_STATEMENT) },
  }),
  // The example is the statement of that role's trust policy.
  'execution-role-trust': (statement) => ({
    uri: TASK_URI,
    text: taskWith('{ "name": "app", "image": "nginx" }'),
    files: { [ROLE_URI]: roleFile(statement) },
  }),
  // The example is a container of a Fargate task definition run by that role, which no file describes.
  'execution-role-not-in-workspace': (container) => ({ uri: TASK_URI, text: taskWith(container) }),
  // The example is fargate-lint.json; the workspace has iam/trust.json (a trust policy), iam/exec-policy.json (a
  // permission policy) and task-definition.json.
  'project-config-file': (config) => ({
    uri: 'file:///ws/fargate-lint.json',
    text: config,
    files: {
      'file:///ws/iam/trust.json': `{ "Version": "2012-10-17", "Statement": [${TRUST_STATEMENT}] }`,
      'file:///ws/iam/exec-policy.json': `{ "Version": "2012-10-17", "Statement": [${LOGS_ONLY}] }`,
      [TASK_URI]: taskWith('{ "name": "app", "image": "nginx" }'),
    },
  }),
  // The example is a container; the task role appTaskRole has the managed policy, the execution role only logs.
  'task-role-not-execution-role': (container) => ({
    uri: TASK_URI,
    text: taskWith(container, 'appTaskRole'),
    files: {
      [ROLE_URI]: roleFile(TRUST_STATEMENT, { inline: LOGS_ONLY }),
      'file:///ws/appTaskRole.json': roleFile(TRUST_STATEMENT, { managed: MANAGED }, 'appTaskRole'),
    },
  }),
};

/** A Fargate task definition of family `family` (text), with extra task-level fields and one container. */
const fargateTaskText = (family: string, container: string, extra = '') =>
  `{ "family": "${family}", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",${extra}\n` +
  `  "containerDefinitions": [${container}] }`;
const SERVICE_URI = 'file:///ws/service.json';
/** The example is a service (service.json); the task definition it runs lies beside it. */
const serviceScene = (task: string) => (service: string) => ({
  uri: SERVICE_URI,
  text: service,
  files: { 'file:///ws/task-definition.json': task },
});
const EXEC_SERVICE = '{ "serviceName": "shell", "taskDefinition": "shell", "launchType": "FARGATE", "enableExecuteCommand": true }';

/** The pages of the service rules: which task definition lies beside the example service. */
const SERVICE_SCENES: Record<string, (example: string) => ExampleDocument> = {
  // Container web maps port 80.
  'service-load-balancer-container': serviceScene(
    fargateTaskText('web', '{ "name": "web", "image": "nginx", "portMappings": [{ "containerPort": 80 }] }'),
  ),
  'service-network-configuration': serviceScene(fargateTaskText('worker', '{ "name": "worker", "image": "busybox" }')),
  // It mounts an EFS volume.
  'service-platform-version': serviceScene(
    fargateTaskText(
      'files',
      '{ "name": "files", "image": "nginx" }',
      ' "volumes": [{ "name": "shared", "efsVolumeConfiguration": { "fileSystemId": "fs-0123456789abcdef0" } }],',
    ),
  ),
  'service-launch-type': serviceScene(fargateTaskText('web', '{ "name": "web", "image": "nginx" }')),
  // No container has a health check.
  'service-health-check-grace': serviceScene(fargateTaskText('queue', '{ "name": "queue", "image": "busybox" }')),
  'service-deployment-configuration': serviceScene(fargateTaskText('api', '{ "name": "api", "image": "nginx" }')),
  // Its port mapping is named orders-http.
  'service-connect-port-name': serviceScene(
    fargateTaskText('orders', '{ "name": "orders", "image": "nginx", "portMappings": [{ "containerPort": 8080, "name": "orders-http" }] }'),
  ),
  // The example is the statement of the task role's policy; the service turns ECS Exec on.
  'service-execute-command': (statement) => ({
    uri: SERVICE_URI,
    text: EXEC_SERVICE,
    files: {
      'file:///ws/task-definition.json': fargateTaskText(
        'shell',
        '{ "name": "shell", "image": "busybox", "linuxParameters": { "initProcessEnabled": true } }',
        ` "taskRoleArn": "arn:aws:iam::${ACCOUNT}:role/shellTaskRole",`,
      ),
      'file:///ws/fargate-lint.json': '{ "roles": { "shellTaskRole": { "policies": ["task-policy.json"] } } }',
      'file:///ws/task-policy.json': `{ "Version": "2012-10-17", "Statement": [${statement}] }`,
    },
  }),
};

function topLevelKeys(text: string): string[] {
  const tree: Node | undefined = parseTree(text);
  return tree?.type === 'object' ? (tree.children ?? []).map((p) => String(p.children?.[0]?.value)) : [];
}

/** The document a fragment stands for (text is composed, never re-serialised: duplicate keys stay). */
function exampleDocument(meta: RuleMeta, example: string): ExampleDocument {
  const scene = SCENES[meta.id] ?? SERVICE_SCENES[meta.id];
  if (scene) return scene(example);
  const text = example.trim().startsWith('"') ? `{ ${example} }` : example;
  const keys = topLevelKeys(text);
  const has = (names: string[]) => keys.some((k) => names.includes(k));
  if (has(DOCUMENT_KEYS)) return { uri: has(['containerDefinitions', 'taskDefinition']) ? TASK_URI : 'file:///ws/policy.json', text };
  if (has(STATEMENT_KEYS)) return { uri: 'file:///ws/policy.json', text: `{ "Version": "2012-10-17", "Statement": [\n${text}\n] }` };
  if (has(CONTAINER_KEYS)) return { uri: TASK_URI, text: `{ "containerDefinitions": [\n${text}\n] }` };
  return { uri: TASK_URI, text: text.replace(/^\s*\{/, '{ "containerDefinitions": [],') };
}

const metas = new Map(allRuleMetas.map((m) => [m.id, m]));

// npm run test:rule -- <id> runs one page's examples.
const only = process.env.FARGATE_LINT_RULE;

for (const id of documentedIds().filter((page) => !only || page === only)) {
  const meta = metas.get(id);
  const blocks = docBlocks(id).filter((b) => b.section === 'Examples' && b.lang === 'json');
  if (!meta || blocks.length === 0) continue;
  test(`docs/rules/${id}.md: the JSON examples do what the page says`, async () => {
    const problems: string[] = [];
    for (const block of blocks) {
      for (const example of jsonExamples(block)) {
        const document = exampleDocument(meta, example.text);
        const parsed = parseDocument({ uri: document.uri, text: document.text });
        const kinds = parsed.model.subjects.map((s) => s.kind);
        const problem =
          parsed.syntaxProblems.length > 0
            ? `is not JSON (${parsed.syntaxProblems[0].message})`
            : meta.appliesTo.length > 0 && !kinds.some((k) => meta.appliesTo.includes(k))
              ? `reads as ${kinds.join(', ') || 'nothing fargate-lint checks'}, not as what ${id} looks at (${meta.appliesTo.join(', ')})`
              : verdictProblem(block.verdict, await ruleDiagnostics(id, document));
        if (problem) problems.push(`${block.page}:${example.line}: ${problem}\n    ${example.text.replace(/\n/g, '\n    ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('the examples read from a page: labels, sections, languages, examples over several lines', () => {
  const blocks = docBlocks('fargate-network-mode');
  assert.deepEqual(
    blocks.map((b) => [b.verdict, b.section, b.lang, b.lang === 'json' ? jsonExamples(b).length : b.code.split('\n')[0]]),
    [
      ['reported', 'Examples', 'json', 2],
      ['accepted', 'Examples', 'json', 2],
      ['reported', 'Templates', 'yaml', 'Resources:'],
      ['accepted', 'Templates', 'yaml', 'Conditions:'],
      ['reported', 'Terraform', 'hcl', 'resource "aws_ecs_task_definition" "app" {'],
      ['accepted', 'Terraform', 'hcl', 'resource "aws_ecs_task_definition" "app" {'],
    ],
  );
  const [multiLine] = jsonExamples(docBlocks('depends-on-cycle')[0]);
  assert.match(multiLine.text, /^\{ "containerDefinitions": \[\n[^]*\] \}$/);
  assert.deepEqual(docBlocks('no-such-rule'), []);
});
