// The CloudFormation source (server/src/sources/cloudformation): which documents it reads, the model it
// builds from a template (API names and types, intrinsics, variants, roles with what attaches to them),
// where findings land, and edits that keep the file's style.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, findRule, subjectOf } from '../../../server/src/core/engine';
import { set } from '../../../server/src/core/model';
import type { Finding } from '../../../server/src/core/rule';
import { replaceUnknown } from '../../../server/src/core/unknown';
import { withOwnModel } from '../../../server/src/core/workspace';
import { applyChanges } from '../../../server/src/service/edits';
import { WorkspaceIndex } from '../../../server/src/service/workspace';
import { type SourceDocument, parseDocument } from '../../../server/src/sources';
import { plain } from '../../helpers/documents';

const URI = 'file:///ws/template.yaml';
const parse = (text: string, uri = URI, languageId?: string) => parseDocument({ uri, text, languageId });
const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

/** A template with one task definition whose Properties are `properties` (YAML lines under Properties). */
function taskTemplate(properties: string[], extra: string[] = []): string {
  return lines(
    'AWSTemplateFormatVersion: "2010-09-09"',
    ...extra,
    'Resources:',
    '  TaskDef:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties:',
    ...properties.map((p) => `      ${p}`),
  );
}

const FARGATE = ['RequiresCompatibilities: [FARGATE]', 'NetworkMode: awsvpc'];
const CONTAINER = ['ContainerDefinitions:', '  - Name: app', '    Image: nginx', '    Essential: true'];

function findings(document: SourceDocument, ruleId?: string, workspace?: WorkspaceIndex): Finding[] {
  const rules = ruleId ? [findRule(ruleId)!] : undefined;
  return analyze(document.model, { document: { uri: document.uri, fileName: document.fileName, workspace }, rules }).findings;
}

/** The text a finding is located on. */
function written(document: SourceDocument, finding: Finding): string {
  const subject = subjectOf(document.model, finding.subjectPath, finding.variant?.choices);
  const span = document.locate(finding.path, finding.target, subject)!;
  return document.text.slice(span.offset, span.offset + span.length);
}

const describe_ = (document: SourceDocument, text: string) => replaceUnknown(text, (id) => document.describeUnknown(id));

describe('which documents are templates', () => {
  test('YAML with AWSTemplateFormatVersion, or with Resources of AWS:: types (SAM and CDK included)', () => {
    assert.equal(parse(taskTemplate([])).model.label, 'CloudFormation template');
    assert.equal(parse(lines('Resources:', '  Bucket:', '    Type: AWS::S3::Bucket')).model.kind, 'cloudformation-template');
    const sam = parse(lines('Transform: AWS::Serverless-2016-10-31', 'Resources:', '  Fn:', '    Type: AWS::Serverless::Function'));
    assert.equal(sam.model.label, 'SAM template');
    const cdk = JSON.stringify({
      Resources: { Td: { Type: 'AWS::ECS::TaskDefinition', Metadata: { 'aws:cdk:path': 'S/Td' }, Properties: {} } },
    });
    const json = parse(cdk, 'file:///ws/cdk.out/S.template.json', 'json');
    assert.deepEqual([json.source, json.model.label], ['cloudformation', 'CloudFormation template (CDK)']);
    assert.equal(parse(cdk, 'file:///ws/app.template').source, 'cloudformation');
  });

  test('JSON task definitions and policies stay with the JSON source; decided by content', () => {
    const task = parse(JSON.stringify({ family: 'web', containerDefinitions: [] }), 'file:///ws/task.json', 'json');
    assert.deepEqual([task.source, task.model.kind], ['json', 'task-definition']);
    const policy = parse(JSON.stringify({ Version: '2012-10-17', Statement: [] }), 'file:///ws/p.json', 'json');
    assert.deepEqual([policy.source, policy.model.kind], ['json', 'iam-policy']);
    // "Resources" with AWS:: somewhere, but no template: the JSON source reads it.
    const other = parse(JSON.stringify({ Resources: { a: { Type: 'Custom::Thing', Note: 'AWS::X' } } }), 'file:///ws/o.json', 'json');
    assert.equal(other.source, 'json');
  });

  test('other YAML is not analysed, even broken: no model, no syntax problems', () => {
    for (const text of [
      lines('name: ci', 'on: [push]', 'jobs:', '  test:', '    runs-on: ubuntu-latest'),
      lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: x', '  bad: [indent'),
      // Copilot's Go-templated source of a template: not YAML, not analysed.
      lines('Resources:', '{{- if .Service }}', '  TaskDefinition:', '    Type: AWS::ECS::TaskDefinition', '{{- end }}'),
    ]) {
      const document = parse(text);
      assert.equal(document.model.kind, 'unknown', text);
      assert.deepEqual(document.syntaxProblems, []);
    }
  });

  test('YAML syntax problems of a template are yaml-syntax, and a second document is one', () => {
    const broken = parse(taskTemplate(["Cpu: '256", "Memory: '512'"]));
    assert.deepEqual(
      broken.syntaxProblems.map((p) => p.ruleId),
      ['yaml-syntax'],
    );
    const two = parse(`${taskTemplate(['Cpu: 256'])}---\nResources: {}\n`);
    assert.match(two.syntaxProblems[0].message, /more than one YAML document/);
  });
});

describe('task definitions in API names and types', () => {
  test('names are mapped (FilesystemId, IAM, ProxyConfigurationProperties), scalars take the API types', () => {
    const document = parse(
      taskTemplate([
        'Cpu: 256',
        'Memory: 1GB',
        'TaskDefinitionArn: arn:aws:ecs:eu-west-1:123456789012:task-definition/x:1',
        'ProxyConfiguration:',
        '  ContainerName: envoy',
        '  ProxyConfigurationProperties: [{ Name: AppPorts, Value: 8080 }]',
        'Volumes:',
        '  - Name: data',
        '    EFSVolumeConfiguration: { FilesystemId: fs-1, AuthorizationConfig: { IAM: ENABLED } }',
        'ContainerDefinitions:',
        '  - Name: app',
        '    Essential: "TRUE"',
        '    Privileged: no',
        '    PortMappings: [{ ContainerPort: "80" }]',
        '    DockerLabels: { My.Label: 1 }',
        '    LogConfiguration: { LogDriver: awsfirelens, Options: { enable-ecs-log-metadata: true } }',
        '    SomethingNew: 1',
      ]),
    );
    assert.deepEqual(plain(document.model.subjects[0].value), {
      cpu: '256',
      memory: '1GB',
      proxyConfiguration: { containerName: 'envoy', properties: [{ name: 'AppPorts', value: '8080' }] },
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { iam: 'ENABLED' } } }],
      containerDefinitions: [
        {
          name: 'app',
          essential: true,
          privileged: false,
          portMappings: [{ containerPort: 80 }],
          dockerLabels: { 'My.Label': '1' },
          logConfiguration: { logDriver: 'awsfirelens', options: { 'enable-ecs-log-metadata': 'true' } },
          somethingNew: 1,
        },
      ],
    });
  });

  test('a type CloudFormation passes as a string is never a finding', () => {
    const document = parse(
      taskTemplate([
        ...FARGATE,
        'Cpu: 256',
        'Memory: 512',
        ...CONTAINER,
        '    Memory: "256"',
        '    PortMappings: [{ContainerPort: "80", HostPort: "80"}]',
      ]),
    );
    assert.deepEqual(
      findings(document).filter((f) => f.severity === 'error'),
      [],
    );
  });
});

describe('variants: Fn::If and AllowedValues', () => {
  test('one condition on both values takes the same branch everywhere: valid', () => {
    const document = parse(
      taskTemplate(
        [...FARGATE, 'Cpu: !If [IsProd, 1024, 256]', 'Memory: !If [IsProd, 2048, 512]', ...CONTAINER],
        ['Conditions:', '  IsProd: !Equals [!Ref "AWS::StackName", prod]'],
      ),
    );
    assert.deepEqual(findings(document, 'fargate-cpu-memory'), []);
    assert.equal(document.model.subjects.length, 2);
  });

  test('two conditions: reported only for a branch that fails whatever the other is, on that branch', () => {
    const valid = parse(taskTemplate([...FARGATE, 'Cpu: !If [A, 256, 1024]', 'Memory: !If [B, 4096, 2048]', ...CONTAINER]));
    assert.deepEqual(findings(valid, 'fargate-cpu-memory'), []);
    const invalid = parse(taskTemplate([...FARGATE, 'Cpu: !If [A, 256, 1024]', 'Memory: !If [B, 4096, 3072]', ...CONTAINER]));
    const [finding, ...more] = findings(invalid, 'fargate-cpu-memory');
    assert.equal(more.length, 0);
    assert.match(finding.message, /\(when condition A is true\)$/);
    assert.equal(written(invalid, finding), '4096');
  });

  test('parameters with AllowedValues: an error only when no allowed value of the other makes it valid', () => {
    const parameters = (cpu: string, memory: string) => [
      'Parameters:',
      `  CpuParam: { Type: String, AllowedValues: [${cpu}] }`,
      `  MemoryParam: { Type: String, AllowedValues: [${memory}] }`,
    ];
    const properties = [...FARGATE, 'Cpu: !Ref CpuParam', 'Memory: !Ref MemoryParam', ...CONTAINER];
    assert.deepEqual(findings(parse(taskTemplate(properties, parameters("'256', '512'", "'512', '4096'"))), 'fargate-cpu-memory'), []);
    const document = parse(taskTemplate(properties, parameters("'256', '512'", "'4096', '8192'")));
    const [finding] = findings(document, 'fargate-cpu-memory');
    assert.match(finding.message, /\(when parameter CpuParam is 256, or when parameter MemoryParam is 8192\)$/);
    assert.equal(written(document, finding), '!Ref MemoryParam');
  });

  test('a Ref to a parameter is checked through its Default, and lands on the Ref', () => {
    const document = parse(
      taskTemplate(
        [...FARGATE, 'Cpu: !Ref CpuParam', 'Memory: !Ref MemoryParam', ...CONTAINER],
        ['Parameters:', '  CpuParam: { Type: String, Default: 256 }', '  MemoryParam: { Type: Number, Default: 4096 }'],
      ),
    );
    const [finding] = findings(document, 'fargate-cpu-memory');
    assert.equal(written(document, finding), '!Ref MemoryParam');
  });

  test('a condition that contradicts a Default makes that parameter unknown in its branch', () => {
    const document = parse(
      taskTemplate(
        [
          ...FARGATE,
          'Cpu: 256',
          'Memory: 512',
          'ContainerDefinitions:',
          '  - Name: app',
          '    Image: !If [HasImage, !Ref ImageUri, nginx]',
        ],
        ['Parameters:', '  ImageUri: { Type: String, Default: "" }', 'Conditions:', '  HasImage: !Not [!Equals [!Ref ImageUri, ""]]'],
      ),
    );
    const images = document.model.subjects.map((s) =>
      describe_(document, String((s.value as { containerDefinitions: { image: string }[] }).containerDefinitions[0].image)),
    );
    assert.deepEqual(images, ['parameter ImageUri (its Default does not hold in this branch)', 'nginx']);
    assert.deepEqual(findings(document, 'image-reference'), []);
  });
});

describe('roles inside the template', () => {
  const ROLE = [
    '  ExecRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - { Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }',
  ];
  const execTask = (roleArn: string, container: string[] = []) => [
    '  TaskDef:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties:',
    '      RequiresCompatibilities: [FARGATE]',
    '      NetworkMode: awsvpc',
    '      Cpu: 256',
    '      Memory: 512',
    `      ExecutionRoleArn: ${roleArn}`,
    '      ContainerDefinitions:',
    '        - Name: app',
    '          Image: nginx',
    ...container.map((c) => `          ${c}`),
  ];
  const SECRETS = [
    'Secrets:',
    '  - Name: TOKEN',
    '    ValueFrom: arn:aws:ssm:eu-west-1:123456789012:parameter/app/token',
    '  - Name: DB',
    '    ValueFrom: !Ref DbSecret',
  ];
  const template = (...resources: string[][]) =>
    lines('Resources:', '  DbSecret:', '    Type: AWS::SecretsManager::Secret', ...resources.flat());

  test('the role gathers its inline policies, the policies that name it, and its managed policies', () => {
    const document = parse(
      template(
        [
          ...ROLE,
          '      RoleName: exec',
          '      Policies:',
          '        - PolicyName: logs',
          '          PolicyDocument: { Version: "2012-10-17", Statement: [] }',
        ],
        [
          '      ManagedPolicyArns:',
          '        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
          '        - !Ref Shared',
        ],
        [
          '  Extra:',
          '    Type: AWS::IAM::Policy',
          '    Properties:',
          '      PolicyName: extra',
          '      Roles: [!Ref ExecRole]',
          '      PolicyDocument: { Version: "2012-10-17", Statement: [] }',
        ],
        [
          '  ByName:',
          '    Type: AWS::IAM::RolePolicy',
          '    Properties:',
          '      PolicyName: by-name',
          '      RoleName: exec',
          '      PolicyDocument: { Version: "2012-10-17", Statement: [] }',
        ],
        [
          '  Shared:',
          '    Type: AWS::IAM::ManagedPolicy',
          '    Properties:',
          '      PolicyDocument: { Version: "2012-10-17", Statement: [] }',
        ],
      ),
    );
    const role = document.model.subjects.find((s) => s.kind === 'role')!.role!;
    assert.equal(role.name, 'exec');
    assert.deepEqual(
      role.policies.map((p) => p.label),
      ['inline policy logs of role ExecRole', 'policy Extra', 'policy ByName'],
    );
    assert.deepEqual(
      role.managedPolicyArns.map((arn) => describe_(document, arn)),
      ['arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy', 'the ARN of managed policy Shared'],
    );
    const shared = document.model.subjects.find((s) => s.resource === 'Shared')!;
    assert.equal(shared.arn, role.managedPolicyArns[1]);
  });

  for (const [how, roleArn] of [
    ['!GetAtt Role.Arn', '!GetAtt ExecRole.Arn'],
    ['!Ref Role', '!Ref ExecRole'],
    ['!Sub of the role ARN', '!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${ExecRole}"'],
  ]) {
    test(`the execution role as ${how}: missing ssm:GetParameters and Secrets Manager grants are errors`, () => {
      const document = parse(template(ROLE, execTask(roleArn, SECRETS)));
      const found = findings(document, 'execution-role-permission');
      assert.deepEqual(
        found.map((f) => [f.severity, written(document, f)]),
        [
          ['error', 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/token'],
          ['error', '!Ref DbSecret'],
        ],
      );
      assert.equal(
        describe_(document, found[1].message),
        'execution role ExecRole lacks secretsmanager:GetSecretValue on arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:(name of secret DbSecret)-?????? (needed to inject secret DB into container app); it has no permission policies',
      );
    });
  }

  test('a literal role name matching a RoleName', () => {
    const document = parse(template([...ROLE, '      RoleName: my-exec'], execTask('my-exec', SECRETS)));
    assert.equal(findings(document, 'execution-role-permission').length, 2);
  });

  test('quiet when a separate AWS::IAM::Policy naming the role grants it, or AmazonECSTaskExecutionRolePolicy does', () => {
    const policy = [
      '  SecretsPolicy:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      PolicyName: secrets',
      '      Roles: [!Ref ExecRole]',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - { Effect: Allow, Action: ssm:GetParameters, Resource: !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*" }',
      '          - { Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: !Ref DbSecret }',
    ];
    assert.deepEqual(findings(parse(template(ROLE, policy, execTask('!GetAtt ExecRole.Arn', SECRETS))), 'execution-role-permission'), []);
    const logs = [
      'LogConfiguration:',
      '  LogDriver: awslogs',
      '  Options: { awslogs-group: /ecs/web, awslogs-region: eu-west-1, awslogs-stream-prefix: web }',
    ];
    const managed = [...ROLE, '      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]'];
    assert.deepEqual(findings(parse(template(managed, execTask('!GetAtt ExecRole.Arn', logs))), 'execution-role-permission'), []);
    // Without the managed policy the same task lacks the log permissions.
    assert.equal(findings(parse(template(ROLE, execTask('!GetAtt ExecRole.Arn', logs))), 'execution-role-permission').length, 1);
  });

  test('a role from outside the template is never an error: the workspace, then the not-in-workspace hint', () => {
    const imported = parse(template(execTask('!ImportValue shared-exec-role-arn', SECRETS)));
    assert.deepEqual(
      findings(imported)
        .filter((f) => f.ruleId.startsWith('execution-role'))
        .map((f) => [f.ruleId, f.severity]),
      [['execution-role-not-in-workspace', 'hint']],
    );
    // A parameter with a Default names a role of the workspace.
    const text = lines(
      'Parameters:',
      '  ExecRoleArn: { Type: String, Default: "arn:aws:iam::123456789012:role/shared-exec" }',
      template(execTask('!Ref ExecRoleArn', SECRETS)),
    );
    const workspace = new WorkspaceIndex(['file:///ws']);
    workspace.set('file:///ws/iam/shared-exec.json', JSON.stringify({ RoleName: 'shared-exec', Policies: [] }));
    workspace.set(URI, text);
    const found = findings(parse(text), 'execution-role-permission', workspace);
    assert.match(found[0].message, /^execution role shared-exec lacks ssm:GetParameters/);
  });

  test("execution-role-trust reads the role's AssumeRolePolicyDocument in the template", () => {
    const untrusting = ROLE.map((l) => l.replace('ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'));
    const document = parse(template(untrusting, execTask('!GetAtt ExecRole.Arn', SECRETS)));
    const [trust] = findings(document, 'execution-role-trust');
    assert.equal(written(document, trust), '!GetAtt ExecRole.Arn');
    assert.match(trust.message, /it trusts ecs\.amazonaws\.com instead/);
    assert.deepEqual(trust.related?.[0].path, ['Resources', 'ExecRole', 'Properties', 'AssumeRolePolicyDocument']);
  });
});

describe('edits keep the YAML as it is written', () => {
  const fix = (text: string, ruleId: string, title?: RegExp) => {
    const document = parse(text);
    const [finding] = findings(document, ruleId);
    assert.ok(finding, `no ${ruleId} finding`);
    const rule = findRule(ruleId)!;
    const subject = subjectOf(document.model, finding.subjectPath, finding.variant?.choices)!;
    // As the language service asks for fixes: the document itself is in its workspace view.
    const context = withOwnModel({ uri: document.uri, fileName: document.fileName }, document.model);
    const fixes = rule.fix!({
      model: document.model,
      subject,
      document: context,
      path: finding.path,
      subjectPath: finding.subjectPath,
      data: finding.data,
    });
    const chosen = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
    assert.ok(chosen, `fixes: ${fixes.map((f) => f.title).join(' | ')}`);
    const changes = document.edit(chosen.edits, subject);
    assert.ok(changes, `"${chosen.title}" is not rendered`);
    return applyChanges(text, changes);
  };

  test('a value is replaced in place: comment, quotes and neighbours untouched', () => {
    const text = taskTemplate([
      'RequiresCompatibilities: [FARGATE]',
      'NetworkMode: "bridge"  # from the old stack',
      'Cpu: 256',
      'Memory: 512',
      ...CONTAINER,
    ]);
    assert.equal(fix(text, 'fargate-network-mode'), text.replace('NetworkMode: "bridge"', 'NetworkMode: "awsvpc"'));
  });

  test('a fix on an Fn::If value edits the branch of the failing variant only', () => {
    const text = taskTemplate([
      'RequiresCompatibilities: [FARGATE]',
      'NetworkMode: !If [IsProd, awsvpc, bridge]',
      'Cpu: 256',
      'Memory: 512',
      ...CONTAINER,
    ]);
    assert.equal(fix(text, 'fargate-network-mode'), text.replace('!If [IsProd, awsvpc, bridge]', '!If [IsProd, awsvpc, awsvpc]'));
  });

  test('a value the template computes is not edited: the fix is not offered', () => {
    const text = taskTemplate(
      ['RequiresCompatibilities: [FARGATE]', 'NetworkMode: !Ref Mode', 'Cpu: 256', 'Memory: 512', ...CONTAINER],
      ['Parameters:', '  Mode: { Type: String, Default: bridge }'],
    );
    const document = parse(text);
    const [finding] = findings(document, 'fargate-network-mode');
    const subject = subjectOf(document.model, finding.subjectPath)!;
    const [first] = findRule('fargate-network-mode')!.fix!({
      model: document.model,
      subject,
      document: {},
      path: finding.path,
      subjectPath: finding.subjectPath,
      data: finding.data,
    });
    assert.equal(document.edit(first.edits, subject), undefined);
  });

  test('a new key follows its siblings: 4-space indentation, CRLF, no final newline', () => {
    const text = lines(
      'Resources:',
      '    TaskDef:',
      '        Type: AWS::ECS::TaskDefinition',
      '        Properties:',
      '            RequiresCompatibilities:',
      '                - FARGATE',
      '            NetworkMode: awsvpc',
      '            Memory: 512',
      '            ContainerDefinitions:',
      '                - Name: app',
      '                  Image: nginx',
    )
      .replace(/\n/g, '\r\n')
      .replace(/\r\n$/, '');
    const after = fix(text, 'fargate-task-size-required');
    assert.ok(after.includes('\r\n            Cpu: '), after);
    assert.ok(!/[^\r]\n/.test(after), 'only CRLF line breaks');
  });

  test('the execution role fix appends a statement to the role policy in the template, keeping its comment', () => {
    const text = lines(
      'Resources:',
      '  ExecRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - { Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }',
      '      Policies:',
      '        - PolicyName: logs # written by hand',
      '          PolicyDocument:',
      "            Version: '2012-10-17'",
      '            Statement:',
      '              - Effect: Allow',
      "                Action: ['logs:CreateLogStream', 'logs:PutLogEvents']",
      "                Resource: '*'",
      '  TaskDef:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      ExecutionRoleArn: !GetAtt ExecRole.Arn',
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: nginx',
      '          Secrets:',
      '            - Name: TOKEN',
      '              ValueFrom: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/token',
    );
    assert.equal(
      fix(text, 'execution-role-permission'),
      text.replace(
        "                Resource: '*'\n",
        [
          "                Resource: '*'",
          '              - Sid: ExecutionRoleSecretSsm',
          '                Effect: Allow',
          '                Action: ssm:GetParameters',
          '                Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/token',
          '',
        ].join('\n'),
      ),
    );
  });

  test('a JSON template is edited as JSON', () => {
    const text = `${JSON.stringify({ Resources: { TaskDef: { Type: 'AWS::ECS::TaskDefinition', Properties: { RequiresCompatibilities: ['FARGATE'], NetworkMode: 'bridge', Cpu: '256', Memory: '512', ContainerDefinitions: [{ Name: 'app', Image: 'nginx' }] } } } }, null, 2)}\n`;
    const document = parse(text, 'file:///ws/t.json', 'json');
    const changes = document.edit([set(['Resources', 'TaskDef', 'Properties', 'networkMode'], 'awsvpc')])!;
    assert.equal(applyChanges(text, changes), text.replace('"NetworkMode": "bridge"', '"NetworkMode": "awsvpc"'));
  });

  test('a key written twice: duplicate-key on the kept one, and its fix removes the earlier lines', () => {
    const text = taskTemplate([...FARGATE, 'Cpu: 256', 'Memory: 512', 'Memory: 1024', ...CONTAINER]);
    const document = parse(text);
    const [duplicate] = findings(document, 'duplicate-key');
    assert.equal(written(document, duplicate), 'Memory');
    assert.equal(document.text.slice(0, document.locate(duplicate.path, 'key')!.offset).split('\n').length, 10);
    assert.equal(fix(text, 'duplicate-key'), text.replace('      Memory: 512\n', ''));
  });
});

describe('cursor and rendering for hover and completion', () => {
  const text = taskTemplate(
    [
      ...FARGATE,
      'Cpu: 256',
      "Memory: '512'",
      ...CONTAINER,
      '    LogConfiguration:',
      '      LogDriver: awslogs',
      '      Options:',
      '        awslogs-group: /ecs/web',
      '        ',
    ],
    ['Conditions: {}'],
  );
  const document = parse(text);

  test('on a value, a key, and where a new key goes', () => {
    const onMemory = document.cursor(text.indexOf("'512'") + 2)!;
    assert.deepEqual([onMemory.relativePath, onMemory.onKey, onMemory.value, onMemory.prefix], [['memory'], false, '512', '5']);
    const onKey = document.cursor(text.indexOf('Cpu:') + 1)!;
    assert.deepEqual([onKey.relativePath, onKey.onKey, onKey.key], [['cpu'], true, { name: 'cpu', hasValue: true }]);
    const newKey = document.cursor(text.length - 1)!;
    assert.deepEqual([newKey.relativePath, newKey.onKey], [['containerDefinitions', 0, 'logConfiguration', 'options', ''], true]);
  });

  test('values are rendered as YAML: in the quotes of the value replaced, plain where that reads back the same', () => {
    const onMemory = document.cursor(text.indexOf("'512'") + 2)!;
    assert.equal(document.render('1024', onMemory), "'1024'");
    const onCpu = document.cursor(text.indexOf('Cpu: 256') + 6)!;
    assert.equal(document.render('512', onCpu), '512');
    const newKey = document.cursor(text.length - 1)!;
    assert.equal(document.render({ 'awslogs-stream-prefix': '' }, newKey), 'awslogs-stream-prefix:');
    assert.equal(document.render('yes', onMemory), "'yes'");
  });
});

describe('YAML AppSpecs and AWS::ECS::Service: told apart by shape', () => {
  const APPSPEC = lines(
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    '        TaskDefinition: "<TASK_DEFINITION>"',
    '        LoadBalancerInfo:',
    '          ContainerName: web',
    '          ContainerPort: "80"',
  );
  const TEMPLATE = lines(
    'Resources:',
    '  TaskDef:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties:',
    ...[...FARGATE, 'Cpu: 256', 'Memory: 512', ...CONTAINER].map((p) => `      ${p}`),
    '  Service:',
    '    Type: AWS::ECS::Service',
    '    Properties:',
    '      TaskDefinition: !GetAtt TaskDef.TaskDefinitionArn',
    '      DesiredCount: "2"',
    '      EnableExecuteCommand: "false"',
    '      PlacementStrategies: [{ Type: spread }]',
    '      LoadBalancers:',
    '        - ContainerName: app',
    '          ContainerPort: "80"',
  );

  test('an AppSpec (Resources a list, its entries of Type AWS::ECS::Service) is an AppSpec, not a template', () => {
    for (const uri of ['file:///ws/appspec.yaml', 'file:///ws/deploy/blue-green.yml']) {
      const document = parse(APPSPEC, uri);
      assert.equal(document.model.kind, 'codedeploy-appspec');
      assert.deepEqual(
        document.model.subjects.map((s) => [s.kind, s.path, s.name]),
        [['appspec', ['Resources', 0, 'TargetService'], 'TargetService']],
      );
      // The same model as the JSON source gives the same AppSpec.
      const json = parse(JSON.stringify(yamlValue(document)), 'file:///ws/appspec.json');
      assert.deepEqual(json.model.subjects, document.model.subjects);
      assert.equal(located(document, ['Resources', 0, 'TargetService', 'Properties', 'LoadBalancerInfo', 'ContainerPort']), '"80"');
    }
    // Written in lower case and without a Type, as some AppSpecs are.
    const lower = parse(
      lines('version: 1', 'resources:', '  - web:', '      properties:', '        taskDefinition: web:3'),
      'file:///ws/appspec.yml',
    );
    assert.equal(lower.model.kind, 'codedeploy-appspec');
  });

  test('a template (Resources a map) with an AWS::ECS::Service is a template, its service in CreateService names and types', () => {
    const document = parse(TEMPLATE, 'file:///ws/appspec.yaml');
    assert.equal(document.model.kind, 'cloudformation-template');
    const service = document.model.subjects.find((s) => s.kind === 'service')!;
    assert.equal(service.resource, 'Service');
    assert.equal(service.taskDefinitionResource, 'TaskDef');
    assert.deepEqual(JSON.parse(replaceUnknown(JSON.stringify(service.value), () => '?')), {
      taskDefinition: '?',
      desiredCount: 2,
      enableExecuteCommand: false,
      placementStrategy: [{ type: 'spread' }],
      loadBalancers: [{ containerName: 'app', containerPort: 80 }],
    });
    assert.equal(located(document, ['Resources', 'Service', 'Properties', 'loadBalancers', 0, 'containerPort']), '"80"');
    // A set in model names is written in the template's names.
    const edits = document.edit([set(['Resources', 'Service', 'Properties', 'placementStrategy', 0, 'field'], 'instanceId')], service)!;
    assert.match(applyChanges(TEMPLATE, edits), /PlacementStrategies: \[\{ Type: spread, Field: instanceId \}\]/);
  });

  test('a task definition is linked by !Ref and by !GetAtt TaskDefinitionArn, never by another attribute or a parameter', () => {
    const service = (value: string) =>
      parse(TEMPLATE.replace('!GetAtt TaskDef.TaskDefinitionArn', value)).model.subjects.find((s) => s.kind === 'service')!
        .taskDefinitionResource;
    assert.equal(service('!Ref TaskDef'), 'TaskDef');
    assert.equal(service('{ "Fn::GetAtt": [TaskDef, TaskDefinitionArn] }'), 'TaskDef');
    assert.equal(service('!GetAtt TaskDef.Family'), undefined);
    assert.equal(service('!Ref Missing'), undefined);
    assert.equal(service('web:3'), undefined);
  });
});

describe('a template service runs the variant of its task definition', () => {
  const template = (networkMode: string, environment: string) =>
    lines(
      'Parameters:',
      '  LaunchType: { Type: String, Default: Fargate, AllowedValues: [Fargate, EC2] }',
      'Conditions:',
      '  Fargate: !Equals [!Ref LaunchType, Fargate]',
      '  EC2: !Equals [!Ref LaunchType, EC2]',
      'Resources:',
      '  TaskDefinition:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      `      NetworkMode: ${networkMode}`,
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: nginx',
      `          Environment: [{ Name: MODE, Value: ${environment} }]`,
      '          PortMappings: [{ ContainerPort: 80 }]',
      '  EC2Service:',
      '    Type: AWS::ECS::Service',
      '    Condition: EC2',
      '    Properties:',
      '      TaskDefinition: !Ref TaskDefinition',
      '      LaunchType: EC2',
      '      LoadBalancers: [{ ContainerName: app, ContainerPort: 8080 }]',
    );
  const rules = (text: string) =>
    findings(parse(text))
      .map((f) => f.ruleId)
      .filter((id) => id.startsWith('service-'));

  test('variants that differ where the service checks look (awsvpc or bridge by condition): not linked, nothing said', () => {
    assert.deepEqual(rules(template('!If [Fargate, awsvpc, bridge]', 'plain')), []);
  });

  test('variants that differ elsewhere (an environment value) are one task definition: its ports are checked', () => {
    assert.deepEqual(rules(template('bridge', '!If [Fargate, serverless, instances]')), ['service-load-balancer-container']);
  });
});

function yamlValue(document: SourceDocument): unknown {
  return document.model.value;
}

function located(document: SourceDocument, path: (string | number)[]): string {
  const at = document.locate(path, 'value')!;
  return document.text.slice(at.offset, at.offset + at.length);
}
