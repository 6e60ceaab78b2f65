import { secretValueFrom } from '../../../../server/src/core/rules/task-definition/secret-value-from';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const secret = (valueFrom: unknown) => fargateTask([container('app', { secrets: [{ name: 'DB_PASSWORD', valueFrom }] })]);
const at = ['containerDefinitions', 0, 'secrets', 0, 'valueFrom'];
const SM = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';

ruleTester(secretValueFrom, {
  valid: [
    { name: 'Secrets Manager ARN', json: secret(SM) },
    { name: 'Secrets Manager ARN with json key', json: secret(`${SM}:password::`) },
    { name: 'Secrets Manager ARN with version stage', json: secret(`${SM}::AWSPREVIOUS:`) },
    { name: 'SSM parameter ARN', json: secret('arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password') },
    { name: 'SSM parameter name', json: secret('/prod/db/password') },
    { name: 'SSM parameter name without hierarchy', json: secret('gokabot.DATABASE_URL') },
    { name: 'template placeholders', json: secret('{{ssm-config}}') },
    { name: 'placeholder account in an ARN', json: secret('arn:aws:ssm:eu-west-1:ACCOUNT_ID:parameter/x') },
    { name: 'placeholder of x', json: secret('arn:aws:secretsmanager:us-east-1:XXXXXXXXXXXX:secret:x') },
    { name: 'empty (skeleton)', json: secret('') },
    { name: 'secrets null', json: fargateTask([container('app', { secrets: null })]) },
    {
      name: 'log secretOptions',
      json: fargateTask([
        container('app', { logConfiguration: { logDriver: 'splunk', secretOptions: [{ name: 'splunk-token', valueFrom: SM }] } }),
      ]),
    },
  ],
  invalid: [
    {
      name: 'json key without the two trailing colons',
      json: secret(`${SM}:password`),
      findings: [{ path: at, message: 'exactly three more fields' }],
    },
    { name: 'not an ARN, not a parameter name', json: secret('secret password'), findings: [{ path: at, message: 'spaces' }] },
    { name: 'an S3 ARN', json: secret('arn:aws:s3:::bucket/secret.txt'), findings: [{ path: at, message: 'an ARN of the "s3" service' }] },
    {
      name: 'a KMS key ARN',
      json: secret('arn:aws:kms:eu-west-1:123456789012:key/abc'),
      findings: [{ path: at, message: 'ECS reads secrets only from Secrets Manager and SSM Parameter Store' }],
    },
    { name: 'double slash in an SSM ARN', json: secret('arn:aws:ssm:eu-west-1:123456789012:parameter//prod/db'), findings: [{ path: at }] },
    {
      name: 'an 11-digit account that is not a placeholder',
      json: secret('arn:aws:ssm:eu-west-1:12345678901:parameter/x'),
      findings: [{ path: at, message: '12-digit account ID' }],
    },
    {
      name: 'version stage and version id together',
      json: secret(`${SM}::AWSCURRENT:9d4cb84b`),
      findings: [{ path: at, severity: 'warning', message: 'mutually exclusive' }],
    },
    {
      name: 'log secretOptions: an ARN without the secret: resource type',
      json: fargateTask([
        container('app', {
          logConfiguration: {
            logDriver: 'splunk',
            secretOptions: [{ name: 't', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:token' }],
          },
        }),
      ]),
      findings: [{ path: ['containerDefinitions', 0, 'logConfiguration', 'secretOptions', 0, 'valueFrom'], message: '"secret:"' }],
    },
  ],
});
