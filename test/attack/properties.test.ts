// Property-based attacks (fast-check) through the language service API, as the server and the CLI drive it:
// validate, hover and completion at random positions, and the code actions of every diagnostic. Inputs are
// generated documents of every kind fargate-lint recognises, and the real files of ../shared/corpus (every
// subfolder, read in place, whatever their syntax), mutated. For every input:
// - nothing throws, and no rule throws (the engine would hide it: onRuleError catches it here);
// - every range (diagnostics, related information, edits of this document) lies inside its document;
// - the work is bounded by sizes: at most one diagnostic per character, messages within MAX_MESSAGE_LENGTH,
//   and no message holds a control character.
// Runs are deterministic (fixed seeds); a failure prints the seed and the shrunk input.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageIdOf } from '../../server/src/cli/analyse';
import { MAX_MESSAGE_LENGTH } from '../../server/src/core/messages';
import { FargateLintLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { nodeAssets } from '../../server/src/node/assets';
import { prepareSources } from '../../server/src/sources';
import { SHARED, skipWithoutShared } from '../helpers/shared.mjs';

const ROOT = 'file:///ws';
const UNSAFE = /[\u0000-\u001f\u007f-\u009f]/;

function inside(document: TextDocument, range: Range): boolean {
  const ok = (p: Range['start']) =>
    p.line >= 0 && p.line < document.lineCount && p.character >= 0 && document.offsetAt(p) <= document.getText().length;
  const order = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  // offsetAt clamps: a position past its line's end would come back as another one.
  const exact = (p: Range['start']) => document.positionAt(document.offsetAt(p)).character === p.character;
  return ok(range.start) && ok(range.end) && order && exact(range.start) && exact(range.end);
}

/**
 * Runs everything the service does on `files` (name → text): each file validated, hovered and completed at
 * `positions` (fractions of its length), and the code actions of each diagnostic asked for.
 */
async function exercise(files: Record<string, string>, positions: number[]): Promise<void> {
  const workspace = new WorkspaceIndex([ROOT]);
  const documents = new Map<string, TextDocument>();
  for (const [name, text] of Object.entries(files)) {
    const uri = `${ROOT}/${name}`;
    // The language id an editor (and the CLI) gives the file: YAML templates and AppSpecs go to their source.
    const languageId = languageIdOf(name);
    documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    workspace.set(uri, text, languageId);
  }
  const ruleErrors: string[] = [];
  const service = new FargateLintLanguageService({
    workspace,
    onRuleError: (rule, error) =>
      ruleErrors.push(`${rule}: ${error instanceof Error ? (error.stack ?? error.message) : String(error as string)}`),
  });
  for (const document of documents.values()) {
    const text = document.getText();
    const diagnostics: Diagnostic[] = await service.validate(document, DEFAULT_SETTINGS, { reportSyntaxErrors: true });
    assert.ok(diagnostics.length <= text.length + 1, `${diagnostics.length} diagnostics for ${text.length} characters`);
    for (const d of diagnostics) {
      assert.ok(inside(document, d.range), `${String(d.code)} range ${JSON.stringify(d.range)} outside ${document.uri}`);
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assert.ok(message.length <= MAX_MESSAGE_LENGTH, `${String(d.code)}: a message of ${message.length} characters`);
      assert.doesNotMatch(message, UNSAFE, String(d.code));
      for (const r of d.relatedInformation ?? []) {
        const target = documents.get(r.location.uri);
        assert.ok(target && inside(target, r.location.range), `${String(d.code)} related range outside ${r.location.uri}`);
      }
    }
    for (const action of await service.codeActions(document, { diagnostics }, DEFAULT_SETTINGS)) {
      const edits = [
        ...Object.entries(action.edit?.changes ?? {}).flatMap(([uri, e]) => e.map((edit) => ({ uri, range: edit.range }))),
        ...(action.edit?.documentChanges ?? []).flatMap((c) =>
          'textDocument' in c ? c.edits.map((edit) => ({ uri: c.textDocument.uri, range: edit.range })) : [],
        ),
      ];
      for (const { uri, range } of edits) {
        const target = documents.get(uri);
        if (target) assert.ok(inside(target, range), `${action.title}: an edit outside ${uri}`);
      }
    }
    await service.codeActions(document, { diagnostics: [], only: ['source.fixAll'] }, DEFAULT_SETTINGS);
    for (const at of positions) {
      const position = document.positionAt(Math.floor(at * (text.length + 1)));
      const hover = await service.hover(document, position, DEFAULT_SETTINGS);
      const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.ok(markdown.length <= 200_000, `a hover of ${markdown.length} characters`);
      const completion = await service.complete(document, position);
      assert.ok((completion?.items.length ?? 0) <= 30_000, `${completion?.items.length} completion items`);
    }
  }
  assert.deepEqual(ruleErrors, [], 'no rule may throw');
}

// --- generated documents of every kind ---------------------------------------------------------------

const words = fc.constantFrom(
  'FARGATE',
  'EC2',
  'awsvpc',
  'bridge',
  'host',
  'awslogs',
  'splunk',
  'Allow',
  'Deny',
  'allow',
  '2012-10-17',
  '*',
  's3:*',
  's3:GetObject',
  'ecr:Get*',
  '*:*',
  'sts:AssumeRole',
  'iam:PassRole',
  'logs:Put?ogEvents',
  'arn:aws:s3:::bucket/*',
  'arn:aws:iam::123456789012:role/exec',
  'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db',
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
  'arn:${AWS::Partition}:s3:::x',
  '${aws:username}',
  '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1',
  'nginx:latest',
  'ecs-tasks.amazonaws.com',
  'CMD-SHELL',
  '256',
  '512',
  '1024',
  '0.25 vCPU',
  '2 GB',
  '{{cpu}}',
  '<PLACEHOLDER>',
  '__proto__',
  'constructor',
  'toString',
  'StringEquals',
  'ForAllValues:StringLike',
  'aws:SourceAccount',
  'Null',
  'true',
  '',
  ' ',
  '\u001b[2J',
  '\u0000',
  'a'.repeat(300),
  '*a*a*a*a*a*a*b',
  '??????',
  'HEALTHY',
  'START',
  'app',
  'sidecar',
  'DB_PASSWORD',
  'iam/policy.json',
  '../../etc/passwd',
  'LINUX',
  'WINDOWS_SERVER_2019_CORE',
  'X86_64',
  'ARM64',
  'web',
  'web:3',
  'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3',
  'ENABLED',
  'DISABLED',
  'LATEST',
  '1.4.0',
  '1.3.0',
  'FARGATE_SPOT',
  'ECS',
  'CODE_DEPLOY',
  'EXTERNAL',
  'subnet-0123456789abcdef0',
  'sg-0123456789abcdef0',
  'http',
  'AWS::ECS::Service',
);
const keys = fc.constantFrom(
  'family',
  'cpu',
  'memory',
  'networkMode',
  'requiresCompatibilities',
  'executionRoleArn',
  'taskRoleArn',
  'containerDefinitions',
  'name',
  'image',
  'essential',
  'portMappings',
  'containerPort',
  'hostPort',
  'dependsOn',
  'containerName',
  'condition',
  'secrets',
  'valueFrom',
  'environment',
  'value',
  'environmentFiles',
  'type',
  'logConfiguration',
  'logDriver',
  'options',
  'awslogs-group',
  'awslogs-region',
  'healthCheck',
  'command',
  'interval',
  'volumes',
  'mountPoints',
  'sourceVolume',
  'volumesFrom',
  'sourceContainer',
  'runtimePlatform',
  'operatingSystemFamily',
  'ephemeralStorage',
  'sizeInGiB',
  'user',
  'linuxParameters',
  'capabilities',
  'Version',
  'Id',
  'Statement',
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Service',
  'AWS',
  'Federated',
  'Condition',
  'StringEquals',
  'aws:SourceArn',
  'RoleName',
  'AssumeRolePolicyDocument',
  'Policies',
  'PolicyName',
  'PolicyDocument',
  'ManagedPolicyArns',
  'roles',
  'trustPolicy',
  'policies',
  'managedPolicyArns',
  '__proto__',
  'constructor',
  'taskDefinition',
  'PolicyVersion',
  'Document',
  'RoleDetailList',
  'RolePolicyList',
  'ManagedPolicyName',
  'serviceName',
  'launchType',
  'platformVersion',
  'desiredCount',
  'loadBalancers',
  'targetGroupArn',
  'networkConfiguration',
  'awsvpcConfiguration',
  'subnets',
  'securityGroups',
  'assignPublicIp',
  'capacityProviderStrategy',
  'capacityProvider',
  'base',
  'weight',
  'deploymentConfiguration',
  'minimumHealthyPercent',
  'maximumPercent',
  'deploymentCircuitBreaker',
  'deploymentController',
  'serviceConnectConfiguration',
  'enabled',
  'services',
  'portName',
  'clientAliases',
  'port',
  'enableExecuteCommand',
  'healthCheckGracePeriodSeconds',
  'placementConstraints',
  'Resources',
  'TargetService',
  'Properties',
  'TaskDefinition',
  'LoadBalancerInfo',
  'ContainerName',
  'ContainerPort',
  'PlatformVersion',
);

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words,
    fc.integer({ min: -5, max: 70000 }),
    fc.constantFrom(0.5, -0, 1e21, 99999999999),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(keys, tie('value'), { maxKeys: 6 }),
}));

const object = json.object as fc.Arbitrary<Record<string, unknown>>;
const container = fc.record({ name: words, image: words }, { requiredKeys: [] }).chain((c) => object.map((o) => ({ ...c, ...o })));
const statement = fc
  .record(
    {
      Effect: fc.constantFrom('Allow', 'Deny', 'allow'),
      Action: fc.oneof(words, fc.array(words, { maxLength: 3 })),
      Resource: fc.oneof(words, fc.array(words, { maxLength: 3 })),
    },
    { requiredKeys: [] },
  )
  .chain((s) => object.map((o) => ({ ...s, ...o })));
const policyDocument = fc.record(
  { Version: fc.constantFrom('2012-10-17', '2008-10-17'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })) },
  { requiredKeys: ['Statement'] },
);

const port = fc.oneof(fc.constantFrom(80, 8080, 443, 0, -1, 70000), words);
const awsvpc = fc.record(
  { subnets: fc.array(words, { maxLength: 3 }), securityGroups: fc.array(words, { maxLength: 3 }), assignPublicIp: words },
  { requiredKeys: [] },
);
/** create-service input (ecspresso's ecs-service-def.json): the fields the service rules read, then anything. */
const service = fc
  .record(
    {
      serviceName: words,
      taskDefinition: words,
      launchType: words,
      platformVersion: words,
      desiredCount: fc.oneof(fc.integer({ min: -1, max: 3 }), words),
      loadBalancers: fc.array(fc.record({ containerName: words, containerPort: port, targetGroupArn: words }, { requiredKeys: [] }), {
        maxLength: 2,
      }),
      networkConfiguration: fc.oneof(
        awsvpc.map((a) => ({ awsvpcConfiguration: a })),
        object,
      ),
      capacityProviderStrategy: fc.array(
        fc.record(
          { capacityProvider: words, base: fc.integer({ min: 0, max: 3 }), weight: fc.integer({ min: 0, max: 3 }) },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      deploymentConfiguration: fc.record(
        {
          minimumHealthyPercent: fc.integer({ min: -1, max: 250 }),
          maximumPercent: fc.integer({ min: -1, max: 250 }),
          deploymentCircuitBreaker: fc.record({ enable: fc.oneof(fc.boolean(), words), rollback: fc.boolean() }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      deploymentController: fc.record({ type: words }),
      serviceConnectConfiguration: fc.record(
        {
          enabled: fc.boolean(),
          namespace: words,
          services: fc.array(fc.record({ portName: words, clientAliases: fc.array(fc.record({ port }), { maxLength: 2 }) }), {
            maxLength: 2,
          }),
        },
        { requiredKeys: [] },
      ),
      enableExecuteCommand: fc.oneof(fc.boolean(), words),
      healthCheckGracePeriodSeconds: fc.oneof(fc.integer({ min: -1, max: 100 }), words),
    },
    { requiredKeys: ['serviceName', 'taskDefinition'] },
  )
  .chain((v) => object.map((o) => ({ ...o, ...v })));
/** A CodeDeploy AppSpec for ECS (JSON form). */
const appSpec = fc
  .tuple(
    words,
    fc.record(
      {
        TaskDefinition: words,
        LoadBalancerInfo: fc.record({ ContainerName: words, ContainerPort: port }, { requiredKeys: [] }),
        PlatformVersion: words,
        NetworkConfiguration: awsvpc.map((a) => ({ AwsvpcConfiguration: a })),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([name, properties]) => ({ version: 0.0, Resources: [{ [name]: { Type: 'AWS::ECS::Service', Properties: properties } }] }));

/** The task definition a generated service or AppSpec runs: family web, beside it as taskdef.json. */
const SERVICE_TASK_DEFINITION = JSON.stringify({
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
  taskRoleArn: 'arn:aws:iam::123456789012:role/task',
  containerDefinitions: [
    { name: 'web', image: 'nginx', essential: true, portMappings: [{ containerPort: 80, name: 'http' }], readonlyRootFilesystem: true },
  ],
});

/**
 * A CloudFormation template with a task definition and the service that runs it (linked by !Ref), an
 * execution role with an inline policy, and generated properties on each.
 */
const template = fc
  .tuple(object, fc.array(container, { maxLength: 3 }), object, policyDocument, words)
  .map(([task, containers, serviceProperties, policy, name]) => ({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      TaskDef: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          ...task,
          RequiresCompatibilities: ['FARGATE'],
          ExecutionRoleArn: { 'Fn::GetAtt': ['ExecRole', 'Arn'] },
          ContainerDefinitions: containers.map((c) => ({ Name: c.name, Image: c.image, ...c })),
        },
      },
      Service: {
        Type: 'AWS::ECS::Service',
        Properties: { ...serviceProperties, ServiceName: name, LaunchType: 'FARGATE', TaskDefinition: { Ref: 'TaskDef' } },
      },
      ExecRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          Policies: [{ PolicyName: 'p', PolicyDocument: policy }],
        },
      },
    },
  }));

/** One generator per document kind, each shaped so that classification recognises it. */
const kinds: Record<string, fc.Arbitrary<unknown>> = {
  'task definition': fc.tuple(object, fc.array(container, { maxLength: 4 })).map(([o, c]) => ({ ...o, containerDefinitions: c })),
  'describe-task-definition output': fc
    .tuple(object, fc.array(container, { minLength: 1, maxLength: 3 }))
    .map(([o, c]) => ({ taskDefinition: { ...o, containerDefinitions: c } })),
  'container definitions': fc.array(
    container.map((c) => ({ image: 'nginx', ...c })),
    { minLength: 1, maxLength: 4 },
  ),
  'identity policy': policyDocument,
  'trust policy': fc.tuple(policyDocument, words).map(([p, principal]) => ({
    ...p,
    Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }, p.Statement],
  })),
  role: fc
    .tuple(
      words,
      policyDocument,
      fc.array(fc.record({ PolicyName: words, PolicyDocument: policyDocument }), { maxLength: 2 }),
      fc.array(words, { maxLength: 2 }),
    )
    .map(([name, trust, inline, managed]) => ({
      RoleName: name,
      AssumeRolePolicyDocument: trust,
      Policies: inline,
      ManagedPolicyArns: managed,
    })),
  'policy version': policyDocument.map((d) => ({ PolicyVersion: { Document: d, VersionId: 'v1', IsDefaultVersion: true } })),
  'authorization details': fc.tuple(words, policyDocument, policyDocument).map(([name, a, b]) => ({
    RoleDetailList: [
      {
        RoleName: name,
        AssumeRolePolicyDocument: a,
        RolePolicyList: [{ PolicyName: 'p', PolicyDocument: b }],
        AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::123456789012:policy/m' }],
      },
    ],
    Policies: [
      {
        PolicyName: 'm',
        Arn: 'arn:aws:iam::123456789012:policy/m',
        DefaultVersionId: 'v1',
        PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify(a)) }],
      },
    ],
  })),
  'inline policy': fc.tuple(words, policyDocument).map(([name, d]) => ({ PolicyName: name, PolicyDocument: d })),
  'managed policy properties': policyDocument.map((d) => ({ ManagedPolicyName: 'm', Roles: ['exec'], PolicyDocument: d })),
  'fargate-lint.json': fc
    .dictionary(
      fc.oneof(words, fc.constant('exec')),
      fc.record(
        { trustPolicy: words, policies: fc.array(words, { maxLength: 3 }), managedPolicyArns: fc.array(words, { maxLength: 2 }) },
        { requiredKeys: [] },
      ),
      { maxKeys: 3 },
    )
    .map((roles) => ({ roles })),
  'ECS service': service,
  'describe-services output': fc.array(service, { minLength: 1, maxLength: 2 }).map((services) => ({ services, failures: [] })),
  AppSpec: appSpec,
  'template with a task definition and its service (JSON)': template,
  'unknown JSON': json.value,
};

/** Kinds written in YAML (the file name says so, and the editor's language id): text, name. */
const YAML_KINDS: Record<string, { arbitrary: fc.Arbitrary<unknown>; name: string }> = {
  'AppSpec (YAML)': { arbitrary: appSpec, name: 'appspec.yaml' },
  'template with a task definition and its service (YAML)': { arbitrary: template, name: 'template.yaml' },
};

/** The kinds that run a task definition: generated with one beside them (taskdef.json), so the links resolve. */
const RUN_TASK_DEFINITIONS = new Set(['ECS service', 'describe-services output', 'AppSpec', 'AppSpec (YAML)']);

/** Text-level damage: cut, repeat, insert a token, or flip a character at a random place. */
const damage = fc.array(
  fc.tuple(
    fc.constantFrom('cut', 'repeat', 'insert', 'flip', 'truncate'),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom(
      ...['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '/*', '//', '1e400', '-', 'null', '{"__proto__":1}', '\n'],
      // YAML's own: tags, anchors and aliases, merge keys, a list item, a tab, a key named __proto__.
      ...['!Ref ', '!GetAtt x.', '&a ', '*a', '<<: ', '\n- ', '\t', '__proto__: ', '\u001b[2J'],
    ),
  ),
  { maxLength: 3 },
);

function damaged(text: string, edits: [string, number, number, string][]): string {
  for (const [kind, a, b, token] of edits) {
    const at = Math.floor(a * text.length);
    const length = Math.floor(b * Math.min(200, text.length - at));
    if (kind === 'cut') text = text.slice(0, at) + text.slice(at + length);
    else if (kind === 'repeat') text = text.slice(0, at + length) + text.slice(at, at + length) + text.slice(at + length);
    else if (kind === 'insert') text = text.slice(0, at) + token + text.slice(at);
    else if (kind === 'flip') text = text.slice(0, at) + token + text.slice(at + 1);
    else text = text.slice(0, at);
  }
  return text;
}

const positions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 });

// The Terraform source's parser (WebAssembly) is loaded once, as the server and the CLI do before the first document.
before(() => prepareSources(nodeAssets));

describe('generated YAML documents (templates, AppSpecs)', () => {
  for (const [kind, { arbitrary, name }] of Object.entries(YAML_KINDS)) {
    test(`${kind}: never throws, ranges inside, bounded output`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, damage, positions, async (value, edits, at) => {
          const files: Record<string, string> = { [name]: damaged(toYaml(value), edits) };
          if (RUN_TASK_DEFINITIONS.has(kind)) files['taskdef.json'] = SERVICE_TASK_DEFINITION;
          await exercise(files, at);
        }),
        { numRuns: 40, seed: 11 },
      );
    });
  }
});

describe('generated documents of every kind', () => {
  for (const [kind, arbitrary] of Object.entries(kinds)) {
    test(`${kind}: never throws, ranges inside, bounded output`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, damage, fc.boolean(), positions, async (value, edits, pretty, at) => {
          const text = damaged(JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null', edits);
          const name =
            kind === 'fargate-lint.json' ? 'fargate-lint.json' : kind === 'task definition' ? 'task-definition.json' : 'doc.json';
          // With a task definition and a role's policy beside it, so the cross-file checks run too.
          await exercise(
            {
              [name]: text,
              ...(name === 'fargate-lint.json' ? {} : { 'fargate-lint.json': '{"roles": {"exec": {"policies": ["doc.json"]}}}' }),
              'other-task-definition.json':
                '{"executionRoleArn": "arn:aws:iam::123456789012:role/exec", "containerDefinitions": [{"name": "a", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1", "secrets": [{"name": "S", "valueFrom": "/app/db"}]}]}',
              ...(RUN_TASK_DEFINITIONS.has(kind) ? { 'taskdef.json': SERVICE_TASK_DEFINITION } : {}),
            },
            at,
          );
        }),
        { numRuns: 60, seed: 9 },
      );
    });
  }
});

// --- the corpus, mutated -----------------------------------------------------------------------------

const CORPUS = join(SHARED, 'corpus');
const FOLDERS = ['taskdefs', 'iam', 'services', 'cloudformation', 'terraform'];

function corpusFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!/^(MANIFEST\.tsv|README\.md)$/.test(name)) found.push(full);
    }
  };
  walk(join(CORPUS, folder));
  return found;
}

/**
 * The files of a corpus folder in the groups they were collected in: the files of one subfolder together (a
 * service beside the task definition it runs, a template beside its parameters), each file at the top alone.
 */
function corpusGroups(folder: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of corpusFiles(folder)) {
    const group = relative(CORPUS, dirname(file)) === folder ? file : dirname(file);
    groups.set(group, [...(groups.get(group) ?? []), file]);
  }
  return groups;
}

describe('corpus files, as they are and mutated', () => {
  for (const folder of FOLDERS) {
    const skip = skipWithoutShared('corpus', folder);
    test(
      `corpus/${folder}: every file with the files beside it, and two mutations of each, never throw and keep ranges inside`,
      { skip },
      async () => {
        const groups = corpusGroups(folder);
        assert.ok(groups.size > 0);
        let seed = 1;
        for (const files of groups.values()) {
          // Named as in the corpus, so that a service finds the task definition beside it.
          const texts = Object.fromEntries(files.map((file) => [relative(CORPUS, file), readFileSync(file, 'utf8')]));
          await exercise(texts, [0.1, 0.5, 0.9]);
          for (const [name, text] of Object.entries(texts)) {
            await fc.assert(
              fc.asyncProperty(damage, positions, async (edits, at) => exercise({ ...texts, [name]: damaged(text, edits) }, at)),
              { numRuns: 2, seed: seed++ },
            );
          }
        }
      },
    );
  }
});
