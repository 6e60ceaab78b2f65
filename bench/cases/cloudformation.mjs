// CloudFormation figures (issue 11):
//  - the full analysis of a generated 3,000-line template with 20 task definitions and 20 roles, warm, in the
//    server (`dist/server.js --stdio`, pull diagnostics after each edit; goal: under 50 ms);
//  - the CLI over ../shared/corpus/cloudformation/, per template (one run over the folder, and one process per
//    template on a sample);
//  - cfn-lint on the same templates when it is on PATH, and the ratio (goal: at least 10x faster).
// Figures only; cfn-lint is not a dependency.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const TASKS = 20;
const WARM_RUNS = 15;
const SAMPLE = 5;

/** A template as people write them: parameters, a condition, roles with inline policies, secrets, logs. */
export function generatedTemplate(tasks = TASKS) {
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Description: Generated for the benchmark - 20 services, each with its execution role',
    'Parameters:',
    '  Env:',
    '    Type: String',
    '    AllowedValues: [dev, prod]',
    '  ImageTag:',
    '    Type: String',
    '    Default: latest',
    'Conditions:',
    '  IsProd: !Equals [!Ref Env, prod]',
    'Resources:',
  ];
  for (let i = 1; i <= tasks; i++) {
    lines.push(
      `  Secret${i}:`,
      '    Type: AWS::SecretsManager::Secret',
      '    Properties:',
      `      Name: app${i}/db`,
      `  LogGroup${i}:`,
      '    Type: AWS::Logs::LogGroup',
      '    Properties:',
      `      LogGroupName: /ecs/app${i}`,
      '      RetentionInDays: 30',
      `  ExecRole${i}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              Service: ecs-tasks.amazonaws.com',
      '            Action: sts:AssumeRole',
      '            Condition:',
      '              StringEquals:',
      '                aws:SourceAccount: !Ref AWS::AccountId',
      '      ManagedPolicyArns:',
      '        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      '      Policies:',
      '        - PolicyName: secrets',
      '          PolicyDocument:',
      "            Version: '2012-10-17'",
      '            Statement:',
      '              - Sid: ReadSecret',
      '                Effect: Allow',
      '                Action:',
      '                  - secretsmanager:GetSecretValue',
      `                Resource: !Ref Secret${i}`,
      '              - Sid: ReadParameters',
      '                Effect: Allow',
      '                Action:',
      '                  - ssm:GetParameters',
      `                Resource: !Sub arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/app${i}/*`,
      '              - Sid: Decrypt',
      '                Effect: Allow',
      '                Action: kms:Decrypt',
      `                Resource: !Sub arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/*`,
      `  TaskDef${i}:`,
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      `      Family: !Sub \${AWS::StackName}-app${i}`,
      '      RequiresCompatibilities: [FARGATE]',
      '      NetworkMode: awsvpc',
      '      Cpu: !If [IsProd, 1024, 256]',
      '      Memory: !If [IsProd, 2048, 512]',
      `      ExecutionRoleArn: !GetAtt ExecRole${i}.Arn`,
      '      RuntimePlatform:',
      '        OperatingSystemFamily: LINUX',
      '        CpuArchitecture: ARM64',
      '      ContainerDefinitions:',
      `        - Name: app${i}`,
      `          Image: !Sub \${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/app${i}:\${ImageTag}`,
      '          Essential: true',
      "          User: '1000'",
      '          ReadonlyRootFilesystem: true',
      '          PortMappings:',
      '            - ContainerPort: 8080',
      '              Protocol: tcp',
      '          Environment:',
      '            - Name: MODE',
      '              Value: !Ref Env',
      '            - Name: PORT',
      "              Value: '8080'",
      ...['LOG_LEVEL', 'REGION', 'FEATURE_FLAGS', 'CACHE_TTL', 'WORKERS', 'TIMEOUT', 'RETRIES', 'QUEUE', 'BUCKET', 'TRACING'].flatMap(
        (name) => [`            - Name: ${name}`, `              Value: !Sub '\${AWS::Region}-${name.toLowerCase()}'`],
      ),
      '          Secrets:',
      '            - Name: DB_PASSWORD',
      `              ValueFrom: !Ref Secret${i}`,
      '            - Name: API_TOKEN',
      `              ValueFrom: !Sub arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/app${i}/token`,
      '          HealthCheck:',
      '            Command: [CMD-SHELL, "curl -f http://localhost:8080/health || exit 1"]',
      '            Interval: 30',
      '            Timeout: 5',
      '            Retries: 3',
      '          LogConfiguration:',
      '            LogDriver: awslogs',
      '            Options:',
      `              awslogs-group: !Ref LogGroup${i}`,
      '              awslogs-region: !Ref AWS::Region',
      `              awslogs-stream-prefix: app${i}`,
      `        - Name: envoy${i}`,
      '          Image: public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod',
      '          Essential: false',
      "          User: '1337'",
      '          ReadonlyRootFilesystem: true',
      '          Memory: 128',
      '          DependsOn:',
      `            - ContainerName: app${i}`,
      '              Condition: START',
      '          LogConfiguration:',
      '            LogDriver: awslogs',
      '            Options:',
      `              awslogs-group: !Ref LogGroup${i}`,
      '              awslogs-region: !Ref AWS::Region',
      '              awslogs-stream-prefix: envoy',
      '      Tags:',
      '        - Key: service',
      `          Value: app${i}`,
      '        - Key: team',
      '          Value: platform',
      '        - Key: env',
      '          Value: !Ref Env',
      `  Service${i}:`,
      '    Type: AWS::ECS::Service',
      '    Properties:',
      '      Cluster: !ImportValue shared-cluster',
      `      TaskDefinition: !Ref TaskDef${i}`,
      '      LaunchType: FARGATE',
      '      DesiredCount: !If [IsProd, 3, 1]',
      '      NetworkConfiguration:',
      '        AwsvpcConfiguration:',
      '          AssignPublicIp: DISABLED',
      '          Subnets: !Split [",", !ImportValue shared-private-subnets]',
      '          SecurityGroups:',
      '            - !ImportValue shared-service-sg',
    );
  }
  return `${lines.join('\n')}\n`;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Warm analysis in the server: open the template, then edit it and pull its diagnostics, timing each pull. */
async function serverWarm(root, text) {
  const require = createRequire(join(root, 'package.json'));
  const rpc = require('vscode-languageserver-protocol/node');
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {} } },
  });
  await connection.sendNotification('initialized', {});
  const uri = 'file:///bench/services.yaml';
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  let started = performance.now();
  const first = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const cold = performance.now() - started;
  const times = [];
  for (let run = 0; run < WARM_RUNS; run++) {
    // A new version, as typing makes one: the template is parsed and analysed again.
    const changed = text.replace('Description: Generated', `Description: Generated (${run})`);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: run + 2 },
      contentChanges: [{ text: changed }],
    });
    started = performance.now();
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    times.push(performance.now() - started);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
  return { cold, warm: median(times), diagnostics: first.items.length };
}

function timed(command, args, cwd) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - started, status: result.status, error: result.error };
}

export async function measure({ root, write }) {
  const rows = [];
  if (!existsSync(join(root, 'dist', 'server.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const text = generatedTemplate();
  const lineCount = text.split('\n').length - 1;
  write(`generated template: ${lineCount} lines, ${TASKS} task definitions, ${TASKS} roles`);
  const server = await serverWarm(root, text);
  rows.push({
    name: 'template analysis, warm (server, pull diagnostics)',
    value: server.warm,
    unit: 'ms',
    note: `median of ${WARM_RUNS} edits; ${lineCount} lines, ${TASKS} task definitions x 2 variants, ${TASKS} roles; goal < 50 ms`,
  });
  rows.push({
    name: 'template analysis, first (server, pull diagnostics)',
    value: server.cold,
    unit: 'ms',
    note: `${server.diagnostics} diagnostics`,
  });

  const shared = process.env.FARGATE_LINT_SHARED ?? join(root, '..', 'shared');
  const corpus = join(shared, 'corpus', 'cloudformation');
  if (!existsSync(corpus)) {
    write(`${corpus} not found: the corpus figures are left out (set FARGATE_LINT_SHARED)`);
    return rows;
  }
  const templates = readdirSync(corpus)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const cli = join(root, 'dist', 'cli.js');
  const all = timed(process.execPath, [cli, '--format', 'json', ...templates], corpus);
  rows.push({
    name: 'CLI over the corpus templates, per template',
    value: all.ms / templates.length,
    unit: 'ms',
    note: `one run over ${templates.length} templates: ${(all.ms / 1000).toFixed(1)} s`,
  });
  const sample = templates.filter((_, i) => i % Math.ceil(templates.length / SAMPLE) === 0).slice(0, SAMPLE);
  const ours = median(sample.map((f) => timed(process.execPath, [cli, '--format', 'json', f], corpus).ms));
  rows.push({
    name: 'CLI, one process per template',
    value: ours,
    unit: 'ms',
    note: `median over ${sample.join(', ')} (Node start included)`,
  });

  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    write('cfn-lint is not on PATH: no comparison');
    return rows;
  }
  const version = probe.stdout.trim() || probe.stderr.trim();
  write(`${version}: running it on the same templates (this takes a while)`);
  const lintAll = timed('cfn-lint', ['--format', 'json', ...templates], corpus);
  rows.push({
    name: 'cfn-lint over the corpus templates, per template',
    value: lintAll.ms / templates.length,
    unit: 'ms',
    note: `${version}, one run: ${(lintAll.ms / 1000).toFixed(1)} s`,
  });
  const theirs = median(sample.map((f) => timed('cfn-lint', ['--format', 'json', f], corpus).ms));
  rows.push({ name: 'cfn-lint, one process per template', value: theirs, unit: 'ms', note: `median over the same ${sample.length}` });
  rows.push({ name: 'ratio cfn-lint / fargate-lint, per template (one run)', value: lintAll.ms / all.ms, unit: 'x', note: 'goal >= 10x' });
  rows.push({ name: 'ratio cfn-lint / fargate-lint, one process per template', value: theirs / ours, unit: 'x', note: 'goal >= 10x' });
  return rows;
}

// Writes the generated template to a file, for trying it by hand: `node bench/cases/cloudformation.mjs OUT.yaml`.
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2]) {
  writeFileSync(process.argv[2], generatedTemplate());
}
