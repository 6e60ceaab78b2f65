import { executionRoleTrust } from '../../../../server/src/core/rules/execution-role/execution-role-trust';
import { ruleTester } from '../../../helpers/ruleTester';
import { ACCOUNT, MANAGED, TRUST, config, task } from './fixtures';

const trustWith = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
const workspace = (trust: unknown) => ({ 'fargate-lint.json': config([], [MANAGED]), 'iam/trust.json': trust });

ruleTester(executionRoleTrust, {
  valid: [
    { name: 'trusts ecs-tasks.amazonaws.com', json: task(), files: workspace(TRUST) },
    {
      name: 'with the confused-deputy conditions',
      json: task(),
      files: workspace(
        trustWith({
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        }),
      ),
    },
    {
      name: 'a list of services that includes it',
      json: task(),
      files: workspace(
        trustWith({
          Effect: 'Allow',
          Principal: { Service: ['ecs.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
        }),
      ),
    },
    { name: 'the trust policy is not in the workspace', json: task(), files: { 'fargate-lint.json': config([], [MANAGED]) } },
    { name: 'no role files at all', json: task() },
    {
      name: 'role file with a good AssumeRolePolicyDocument',
      json: task(),
      files: { 'role.json': { RoleName: 'execRole', AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: [MANAGED] } },
    },
  ],
  invalid: [
    {
      name: 'ecs.amazonaws.com instead of ecs-tasks.amazonaws.com: replaced in the trust policy file',
      json: task(),
      files: workspace(trustWith({ Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' })),
      findings: [
        {
          path: ['executionRoleArn'],
          message: 'does not let ecs-tasks.amazonaws.com assume the role: it trusts ecs.amazonaws.com instead',
          fixes: [
            {
              title: 'Replace ecs.amazonaws.com by ecs-tasks.amazonaws.com in trust.json',
              output: task(),
              files: { 'iam/trust.json': TRUST },
            },
            'Add a statement to trust.json that lets ecs-tasks.amazonaws.com assume the role',
          ],
        },
      ],
    },
    {
      name: 'an account principal only: a statement is added',
      json: task(),
      files: workspace(trustWith({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' })),
      findings: [
        {
          path: ['executionRoleArn'],
          message: 'no statement allows it sts:AssumeRole',
          fix: {
            title: 'Add a statement to trust.json that lets ecs-tasks.amazonaws.com assume the role',
            output: task(),
            files: {
              'iam/trust.json': {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
                  {
                    Sid: 'AllowEcsTasksToAssumeRole',
                    Effect: 'Allow',
                    Principal: { Service: 'ecs-tasks.amazonaws.com' },
                    Action: 'sts:AssumeRole',
                  },
                ],
              },
            },
          },
        },
      ],
    },
    {
      name: 'an explicit Deny for the service',
      json: task(),
      files: workspace({
        Version: '2012-10-17',
        Statement: [TRUST.Statement[0], { Effect: 'Deny', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:*' }],
      }),
      findings: [{ path: ['executionRoleArn'], message: 'a Deny statement blocks sts:AssumeRole for it' }],
    },
    {
      name: 'in a role file (AWS::IAM::Role shape)',
      json: task(),
      files: {
        'role.json': {
          RoleName: 'execRole',
          AssumeRolePolicyDocument: trustWith({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
          ManagedPolicyArns: [MANAGED],
        },
      },
      findings: [
        {
          path: ['executionRoleArn'],
          message: '(role.json)',
          fixes: [
            'Replace ec2.amazonaws.com by ecs-tasks.amazonaws.com in role.json',
            'Add a statement to role.json that lets ecs-tasks.amazonaws.com assume the role',
          ],
        },
      ],
    },
  ],
});
