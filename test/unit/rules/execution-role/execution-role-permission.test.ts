import { executionRolePermission } from '../../../../server/src/core/rules/execution-role/execution-role-permission';
import { ruleTester } from '../../../helpers/ruleTester';
import { ACCOUNT, MANAGED, TRUST, config, policy, task } from './fixtures';

const SM = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret`;
const logsOnly = policy({ Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' });
const files = (execPolicy: unknown, managed?: string[]) => ({
  'fargate-lint.json': config(['iam/exec.json'], managed),
  'iam/exec.json': execPolicy,
  'iam/trust.json': TRUST,
});

ruleTester(executionRolePermission, {
  valid: [
    { name: 'no role files in the workspace: nothing to check (another rule gives the hint)', json: task() },
    { name: 'granted by AmazonECSTaskExecutionRolePolicy', json: task(), files: { 'fargate-lint.json': config([], [MANAGED]) } },
    {
      name: 'managed policy ARN in another partition',
      json: task(),
      files: { 'fargate-lint.json': config([], [MANAGED.replace('arn:aws:', 'arn:aws-cn:')]) },
    },
    {
      name: 'granted by wildcards ecr:* and logs:Put*, log group with :*',
      json: task(),
      files: files(
        policy(
          { Effect: 'Allow', Action: 'ecr:*', Resource: '*' },
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:Put*'],
            Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/ecs/web:*`,
          },
        ),
      ),
    },
    {
      name: 'CreateLogStream on the log group itself is accepted',
      json: task({ image: 'nginx' }),
      files: files(
        policy(
          { Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: `arn:aws:logs:*:*:log-group:/ecs/web` },
          { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: `arn:aws:logs:*:*:log-group:/ecs/web:log-stream:*` },
        ),
      ),
    },
    {
      name: 'unknown managed policy: unknown, not missing',
      json: task(),
      files: files(policy(), [`arn:aws:iam::${ACCOUNT}:policy/custom`]),
    },
    {
      name: 'a file listed in fargate-lint.json is not in the workspace: unknown',
      json: task(),
      files: { 'fargate-lint.json': config(['iam/elsewhere.json']) },
    },
    {
      name: 'role file without Policies or ManagedPolicyArns is not a complete description',
      json: task(),
      files: { 'role.json': { RoleName: 'execRole', AssumeRolePolicyDocument: TRUST } },
    },
    {
      name: 'get-role output alone lists no policies',
      json: task(),
      files: {
        'get-role.json': { Role: { RoleName: 'execRole', Arn: `arn:aws:iam::${ACCOUNT}:role/execRole`, AssumeRolePolicyDocument: TRUST } },
      },
    },
    {
      name: 'SSM parameter by name: region unknown, a policy naming a region matches',
      json: task({ image: 'nginx', logs: false, secrets: [{ name: 'DB', valueFrom: '/app/db' }] }),
      files: files(policy({ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/*` })),
    },
    {
      name: 'secret with suffix and JSON key vs NAME-??????; secret without suffix vs NAME-*',
      json: task({
        image: 'nginx',
        logs: false,
        secrets: [
          { name: 'A', valueFrom: `${SM}:prod/db-AbCdEf:password::` },
          { name: 'B', valueFrom: `${SM}:prod/api` },
        ],
      }),
      files: files(
        policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [`${SM}:prod/db-??????`, `${SM}:prod/api-*`] }),
      ),
    },
    {
      name: 'secret name that ends like a suffix (db-backup) vs db-backup-??????',
      json: task({ image: 'nginx', logs: false, secrets: [{ name: 'A', valueFrom: `${SM}:db-backup` }] }),
      files: files(policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `${SM}:db-backup-??????` })),
    },
    {
      name: 'account authorization details: inline, attached AWS managed and customer managed policies',
      json: task({ secrets: [{ name: 'DB', valueFrom: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db` }] }),
      files: {
        'details.json': {
          RoleDetailList: [
            {
              RoleName: 'execRole',
              AssumeRolePolicyDocument: TRUST,
              RolePolicyList: [],
              AttachedManagedPolicies: [
                { PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: MANAGED },
                { PolicyName: 'params', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/params` },
              ],
            },
          ],
          Policies: [
            {
              PolicyName: 'params',
              Arn: `arn:aws:iam::${ACCOUNT}:policy/params`,
              DefaultVersionId: 'v2',
              PolicyVersionList: [
                {
                  VersionId: 'v2',
                  IsDefaultVersion: true,
                  Document: policy({ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: '*' }),
                },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'URL-encoded policy documents from the IAM API are read',
      json: task({ image: 'nginx' }),
      files: {
        'role.json': {
          RoleName: 'execRole',
          Policies: [{ PolicyName: 'logs', PolicyDocument: encodeURIComponent(JSON.stringify(logsOnly)) }],
        },
      },
    },
    {
      name: 'environment file granted',
      json: task({
        image: 'nginx',
        logs: false,
        container: { environmentFiles: [{ value: 'arn:aws:s3:::config-bucket/web/app.env', type: 's3' }] },
      }),
      files: files(
        policy(
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::config-bucket/web/*' },
          { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: 'arn:aws:s3:::config-bucket' },
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'missing ECR permissions: one error on the image, the fix adds statements to the policy file',
      json: task(),
      files: files(logsOnly),
      findings: [
        {
          path: ['containerDefinitions', 0, 'image'],
          message:
            'execution role execRole lacks ecr:GetAuthorizationToken on *; ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage on arn:aws:ecr:eu-west-1:123456789012:repository/web (needed to pull the image of container app from ECR repository web)',
          fix: {
            title:
              'Add ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage to the policy of role execRole (exec.json)',
            output: task(),
            files: {
              'iam/exec.json': policy(
                logsOnly.Statement[0],
                { Sid: 'ExecutionRoleEcrImage', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
                {
                  Sid: 'ExecutionRoleEcrImage2',
                  Effect: 'Allow',
                  Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
                  Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/web',
                },
              ),
            },
          },
        },
      ],
    },
    {
      name: 'awslogs-create-group needs logs:CreateLogGroup, reported on that option',
      json: task({ createGroup: true }),
      files: { 'fargate-lint.json': config([], [MANAGED]) },
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'options', 'awslogs-create-group'],
          message:
            'lacks logs:CreateLogGroup on arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:* (needed to create log group /ecs/web (awslogs-create-group) for container app)',
        },
      ],
    },
    {
      name: 'PutLogEvents is not covered by the log group ARN without :*',
      json: task({ image: 'nginx' }),
      files: files(
        policy({
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/ecs/web`,
        }),
      ),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          message: 'lacks logs:PutLogEvents on arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*',
          fixes: ['Add logs:PutLogEvents to the policy of role execRole (exec.json)'],
        },
      ],
    },
    {
      name: 'ssm:GetParameter near miss: the preferred fix replaces it',
      json: task({
        image: 'nginx',
        logs: false,
        secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db` }],
      }),
      files: files(
        policy({
          Sid: 'Params',
          Effect: 'Allow',
          Action: 'ssm:GetParameter',
          Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/*`,
        }),
      ),
      findings: [
        {
          path: ['containerDefinitions', 0, 'secrets', 0, 'valueFrom'],
          message:
            'execution role execRole lacks ssm:GetParameters on arn:aws:ssm:eu-west-1:123456789012:parameter/app/db (needed to inject secret DB_PASSWORD into container app); its policy allows ssm:GetParameter, but ECS calls ssm:GetParameters',
          fixes: [
            {
              title: 'Replace ssm:GetParameter by ssm:GetParameters (what ECS calls)',
              output: task({
                image: 'nginx',
                logs: false,
                secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db` }],
              }),
              files: {
                'iam/exec.json': policy({
                  Sid: 'Params',
                  Effect: 'Allow',
                  Action: 'ssm:GetParameters',
                  Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/*`,
                }),
              },
            },
            'Add ssm:GetParameters to the policy of role execRole (exec.json)',
          ],
        },
      ],
    },
    {
      name: 'a secret policy that names the secret without its random suffix does not match the full ARN',
      json: task({ image: 'nginx', logs: false, secrets: [{ name: 'A', valueFrom: `${SM}:prod/db-AbCdEf` }] }),
      files: files(policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `${SM}:prod/db` })),
      findings: [
        {
          path: ['containerDefinitions', 0, 'secrets', 0, 'valueFrom'],
          message: `lacks secretsmanager:GetSecretValue on ${SM}:prod/db-AbCdEf (needed to inject secret A into container app); its policy names the secret without the 6-character suffix`,
          fixes: [
            {
              title: `Match the secret's random suffix: ${SM}:prod/db-??????`,
              output: task({ image: 'nginx', logs: false, secrets: [{ name: 'A', valueFrom: `${SM}:prod/db-AbCdEf` }] }),
              files: {
                'iam/exec.json': policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `${SM}:prod/db-??????` }),
              },
            },
            'Add secretsmanager:GetSecretValue to the policy of role execRole (exec.json)',
          ],
        },
      ],
    },
    {
      name: 'a parameter that references Secrets Manager also needs the secret',
      json: task({ image: 'nginx', logs: false, secrets: [{ name: 'A', valueFrom: '/aws/reference/secretsmanager/prod/db' }] }),
      files: files(policy({ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: '*' })),
      findings: [
        {
          path: ['containerDefinitions', 0, 'secrets', 0, 'valueFrom'],
          message: 'lacks secretsmanager:GetSecretValue on arn:aws:secretsmanager:*:123456789012:secret:prod/db-??????',
          fixes: ['Add secretsmanager:GetSecretValue to the policy of role execRole (exec.json)'],
        },
      ],
    },
    {
      name: 'repositoryCredentials, secretOptions and environment files each get their diagnostic',
      json: task({
        image: 'registry.example.com/team/web:1',
        container: {
          repositoryCredentials: { credentialsParameter: `${SM}:dockerhub-AbCdEf` },
          logConfiguration: {
            logDriver: 'splunk',
            options: {},
            secretOptions: [{ name: 'splunk-token', valueFrom: `${SM}:splunk-XyZ123` }],
          },
          environmentFiles: [{ value: 'arn:aws:s3:::config-bucket/web/app.env', type: 's3' }],
        },
      }),
      files: files(policy()),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'secretOptions', 0, 'valueFrom'],
          message: 'needed to pass the log option splunk-token of container app',
          fixes: ['Add secretsmanager:GetSecretValue to the policy of role execRole (exec.json)'],
        },
        {
          path: ['containerDefinitions', 0, 'repositoryCredentials', 'credentialsParameter'],
          message: 'needed to read the registry credentials of container app',
          fixes: ['Add secretsmanager:GetSecretValue to the policy of role execRole (exec.json)'],
        },
        {
          path: ['containerDefinitions', 0, 'environmentFiles', 0, 'value'],
          message: 's3:GetObject on arn:aws:s3:::config-bucket/web/app.env; s3:GetBucketLocation on arn:aws:s3:::config-bucket',
          fixes: ['Add s3:GetObject, s3:GetBucketLocation to the policy of role execRole (exec.json)'],
        },
      ],
    },
    {
      name: 'an unconditional Deny wins over the managed policy',
      json: task({ image: 'nginx' }),
      files: files(policy({ Sid: 'NoLogs', Effect: 'Deny', Action: 'logs:*', Resource: '*' }), [MANAGED]),
      findings: [
        {
          path: ['containerDefinitions', 0, 'logConfiguration', 'logDriver'],
          message:
            'is denied logs:CreateLogStream, logs:PutLogEvents on arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:* by statement NoLogs of exec.json',
        },
      ],
    },
    {
      name: 'a conditional Deny is a warning; a conditional Allow is information',
      json: task({ secrets: [{ name: 'DB', valueFrom: '/app/db' }] }),
      files: files(
        policy(
          { Effect: 'Deny', Action: 'ecr:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } } },
          { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } },
        ),
        [MANAGED],
      ),
      findings: [
        { path: ['containerDefinitions', 0, 'image'], severity: 'warning', message: 'may be denied ecr:GetAuthorizationToken on *' },
        {
          path: ['containerDefinitions', 0, 'secrets', 0, 'valueFrom'],
          severity: 'information',
          message: 'only under the conditions of a statement of exec.json',
        },
      ],
    },
    {
      name: 'role file with only managed policies: the fix adds an inline policy to the role',
      json: task({
        image: 'nginx',
        logs: false,
        secrets: [{ name: 'DB', valueFrom: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db` }],
      }),
      files: { 'role.json': { RoleName: 'execRole', AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: [MANAGED] } },
      findings: [
        {
          path: ['containerDefinitions', 0, 'secrets', 0, 'valueFrom'],
          message: 'lacks ssm:GetParameters',
          fix: {
            title: 'Add ssm:GetParameters to role execRole (role.json)',
            output: task({
              image: 'nginx',
              logs: false,
              secrets: [{ name: 'DB', valueFrom: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db` }],
            }),
            files: {
              'role.json': {
                RoleName: 'execRole',
                AssumeRolePolicyDocument: TRUST,
                ManagedPolicyArns: [MANAGED],
                Policies: [
                  {
                    PolicyName: 'ExecutionRolePermissions',
                    PolicyDocument: policy({
                      Sid: 'ExecutionRoleSecretSsm',
                      Effect: 'Allow',
                      Action: 'ssm:GetParameters',
                      Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db`,
                    }),
                  },
                ],
              },
            },
          },
        },
      ],
    },
  ],
});
