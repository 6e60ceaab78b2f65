import { executionRoleNotInWorkspace } from '../../../../server/src/core/rules/execution-role/execution-role-not-in-workspace';
import { ruleTester } from '../../../helpers/ruleTester';
import { ACCOUNT, MANAGED, TRUST, config, policy, task } from './fixtures';

/** The statements the fix writes for the awslogs driver of task(). */
const AWSLOGS_STATEMENTS = [
  {
    Sid: 'ExecutionRoleAwslogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/ecs/web:*`,
  },
];
const secretTask = task({ secrets: [{ name: 'DB', valueFrom: '/app/db' }] });

ruleTester(executionRoleNotInWorkspace, {
  valid: [
    { name: 'the role is in fargate-lint.json', json: task(), files: { 'fargate-lint.json': config([], [MANAGED]) } },
    {
      name: 'the role file lists its policies',
      json: task(),
      files: { 'role.json': { RoleName: 'execRole', ManagedPolicyArns: [MANAGED] } },
    },
    { name: 'nothing needs the role', json: task({ image: 'nginx', logs: false }) },
    { name: 'no executionRoleArn (execution-role-required reports it)', json: task({ role: null }) },
  ],
  invalid: [
    {
      name: 'a template whose execution role comes from another stack (!ImportValue): the hint, and no policy file named after an expression',
      fileName: 'template.yaml',
      files: {},
      json: [
        'Resources:',
        '  TaskDef:',
        '    Type: AWS::ECS::TaskDefinition',
        '    Properties:',
        '      ExecutionRoleArn: !ImportValue shared-exec-role',
        '      ContainerDefinitions:',
        '        - Name: app',
        '          Image: nginx',
        '          Secrets:',
        '            - { Name: DB, ValueFrom: arn:aws:ssm:eu-west-1:123456789012:parameter/app/db }',
        '',
      ].join('\n'),
      findings: [
        {
          path: ['Resources', 'TaskDef', 'Properties', 'executionRoleArn'],
          severity: 'hint',
          message: 'must allow: ssm:GetParameters on arn:aws:ssm:eu-west-1:123456789012:parameter/app/db.',
          fix: null,
        },
      ],
    },
    {
      name: 'no role files: a hint listing what the role must allow, and a fix that creates the policy and fargate-lint.json',
      json: secretTask,
      files: {},
      findings: [
        {
          path: ['executionRoleArn'],
          severity: 'hint',
          message: `The policies of execution role execRole are not in the workspace, so they can't be checked. For this task definition it must allow: ecr:GetAuthorizationToken on *; ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage on arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/web; logs:CreateLogStream, logs:PutLogEvents on arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/ecs/web:*; ssm:GetParameters on arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db.`,
          fix: {
            title: 'Create an execution-role policy',
            output: secretTask,
            files: {
              'execRole-policy.json': policy(
                { Sid: 'ExecutionRoleEcrImage', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
                {
                  Sid: 'ExecutionRoleEcrImage2',
                  Effect: 'Allow',
                  Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
                  Resource: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/web`,
                },
                ...AWSLOGS_STATEMENTS,
                {
                  Sid: 'ExecutionRoleSecretSsm',
                  Effect: 'Allow',
                  Action: 'ssm:GetParameters',
                  Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db`,
                },
              ),
              'fargate-lint.json': { roles: { execRole: { policies: ['execRole-policy.json'] } } },
            },
          },
        },
      ],
    },
    {
      name: 'an existing fargate-lint.json at the root gets the role added; the policy goes next to the task definition',
      json: task({ image: 'nginx' }),
      fileName: 'services/web/task-definition.json',
      files: { 'fargate-lint.json': { roles: { other: { policies: [] } } } },
      findings: [
        {
          path: ['executionRoleArn'],
          severity: 'hint',
          fix: {
            title: 'Create an execution-role policy',
            output: task({ image: 'nginx' }),
            files: {
              'services/web/execRole-policy.json': policy(...AWSLOGS_STATEMENTS),
              'fargate-lint.json': { roles: { other: { policies: [] }, execRole: { policies: ['services/web/execRole-policy.json'] } } },
            },
          },
        },
      ],
    },
    {
      name: 'get-role output alone: the hint says the file describes the role but not its policies',
      json: task({ image: 'nginx' }),
      files: { 'get-role.json': { Role: { RoleName: 'execRole', AssumeRolePolicyDocument: TRUST } } },
      findings: [
        {
          path: ['executionRoleArn'],
          message: '(get-role.json describes the role but not its permission policies)',
          fixes: ['Create an execution-role policy'],
        },
      ],
    },
  ],
});
