import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basePrincipal, isKnownServicePrincipal, likelyServicePrincipal } from '../../../../server/src/core/iam/service-principals';
import { analyzeDocument, documentOf } from '../../../helpers/documents';
import { iamServicePrincipal } from '../../../../server/src/core/rules/iam/iam-service-principal';
import { WorkspaceIndex } from '../../../../server/src/service/workspace';
import { ruleTester } from '../../../helpers/ruleTester';

const trust = (service: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});
const at = (...rest: number[]) => ['Statement', 0, 'Principal', 'Service', ...rest];

ruleTester(iamServicePrincipal, {
  valid: [
    {
      name: 'known principals, regular and irregular',
      json: trust([
        'ecs-tasks.amazonaws.com',
        'lambda.amazonaws.com',
        'edgelambda.amazonaws.com',
        'monitoring.rds.amazonaws.com',
        'eks-fargate-pods.amazonaws.com',
      ]),
    },
    { name: 'China and Regional forms', json: trust(['ec2.amazonaws.com.cn', 'logs.us-east-1.amazonaws.com']) },
    { name: 'a name far from every known one is left alone (new services appear)', json: trust('brand-new-service-2027.amazonaws.com') },
    { name: 'placeholders and wildcards (another rule)', json: trust(['${service}.amazonaws.com', '*']) },
  ],
  invalid: [
    {
      name: 'ecs-task (missing s)',
      json: trust('ecs-task.amazonaws.com'),
      findings: [
        {
          path: at(),
          severity: 'warning',
          message: 'did you mean "ecs-tasks.amazonaws.com"?',
          fix: { title: 'Change to "ecs-tasks.amazonaws.com"', output: trust('ecs-tasks.amazonaws.com') },
        },
      ],
    },
    {
      name: 'lamda',
      json: trust(['lamda.amazonaws.com']),
      findings: [{ path: at(0), message: 'did you mean "lambda.amazonaws.com"?', fixes: ['Change to "lambda.amazonaws.com"'] }],
    },
    {
      name: 'no domain',
      json: trust('ecs-tasks'),
      findings: [{ path: at(), message: 'did you mean "ecs-tasks.amazonaws.com"?', fixes: ['Change to "ecs-tasks.amazonaws.com"'] }],
    },
    {
      name: 'a wrong domain',
      json: trust('ecs-tasks.amazon.com'),
      findings: [{ path: at(), message: 'did you mean "ecs-tasks.amazonaws.com"?', fixes: ['Change to "ecs-tasks.amazonaws.com"'] }],
    },
    {
      name: 'not shaped like a principal at all',
      json: trust('arn:aws:iam::111122223333:role/x'),
      findings: [{ path: at(), message: 'is not shaped like a service principal' }],
    },
    {
      name: 'ecs.amazonaws.com in a standalone trust policy: information, with the fix',
      json: trust('ecs.amazonaws.com'),
      findings: [
        {
          path: at(),
          severity: 'information',
          message: 'If tasks use this role',
          fix: { title: 'Change to "ecs-tasks.amazonaws.com"', output: trust('ecs-tasks.amazonaws.com') },
        },
      ],
    },
    {
      name: 'ecs.amazonaws.com in a file named like a task role: warning',
      json: trust('ecs.amazonaws.com'),
      fileName: '/repo/iam/task-execution-role-trust.json',
      findings: [
        {
          path: at(),
          severity: 'warning',
          message: 'looks like a task role or task execution role (file name task-execution-role-trust.json)',
          fixes: ['Change to "ecs-tasks.amazonaws.com"'],
        },
      ],
    },
    {
      name: 'ecs.amazonaws.com in a role with the execution-role policy attached: warning',
      json: {
        RoleName: 'svc',
        AssumeRolePolicyDocument: trust('ecs.amazonaws.com'),
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
      },
      findings: [
        {
          path: ['AssumeRolePolicyDocument', ...at()],
          severity: 'warning',
          message: 'AmazonECSTaskExecutionRolePolicy attached',
          fixes: ['Change to "ecs-tasks.amazonaws.com"'],
        },
      ],
    },
    {
      name: 'ecs.amazonaws.com in a role named like a task role',
      json: { RoleName: 'ecsTaskExecutionRole', AssumeRolePolicyDocument: trust('ecs.amazonaws.com') },
      findings: [
        {
          path: ['AssumeRolePolicyDocument', ...at()],
          severity: 'warning',
          message: 'role name ecsTaskExecutionRole',
          fixes: ['Change to "ecs-tasks.amazonaws.com"'],
        },
      ],
    },
  ],
});

test('iam-service-principal: lookups', () => {
  assert.equal(basePrincipal('Logs.eu-west-1.amazonaws.com'), 'logs.amazonaws.com');
  assert.equal(isKnownServicePrincipal('ECS-TASKS.amazonaws.com'), true);
  assert.equal(likelyServicePrincipal('ecs-tasks.amazonaws.com'), 'ecs-tasks.amazonaws.com');
  // Short names allow one edit only: "sms" is itself a service, "xyz" is near nothing.
  assert.equal(likelyServicePrincipal('xyz.amazonaws.com'), undefined);
});

test('iam-service-principal: a role file that a task definition in the workspace uses as its execution role', () => {
  const workspace = new WorkspaceIndex(['file:///ws']);
  const roleUri = 'file:///ws/iam/runner-role.json';
  const roleText = JSON.stringify(
    { RoleName: 'web-runner', AssumeRolePolicyDocument: trust('ecs.amazonaws.com'), ManagedPolicyArns: [] },
    null,
    2,
  );
  workspace.set(roleUri, roleText);
  workspace.set(
    'file:///ws/web.json',
    JSON.stringify({
      family: 'web',
      executionRoleArn: 'arn:aws:iam::111122223333:role/web-runner',
      containerDefinitions: [{ name: 'app', image: 'nginx' }],
    }),
  );
  const role = documentOf(roleText, undefined, roleUri);
  const findings = analyzeDocument(role, { uri: roleUri, fileName: '/ws/iam/runner-role.json', workspace }, [iamServicePrincipal]);
  assert.deepEqual(
    findings.map((f) => [f.severity, f.path]),
    [['warning', ['AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'Service']]],
  );
  assert.match(findings[0].message, /task definition web uses role web-runner as its execution role/);
  // Without the task definition it is only a note.
  const alone = analyzeDocument(role, { uri: roleUri, fileName: '/ws/iam/runner-role.json' }, [iamServicePrincipal]);
  assert.deepEqual(
    alone.map((f) => f.severity),
    ['information'],
  );
});
