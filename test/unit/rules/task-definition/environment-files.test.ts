import { environmentFiles } from '../../../../server/src/core/rules/task-definition/environment-files';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const files = (...list: Record<string, unknown>[]) => fargateTask([container('app', { environmentFiles: list })]);
const s3 = (value: string) => ({ value, type: 's3' });
const many = (n: number) => Array.from({ length: n }, (_, i) => s3(`arn:aws:s3:::config-bucket/app/${i}.env`));

ruleTester(environmentFiles, {
  valid: [
    { name: 'one file', json: files(s3('arn:aws:s3:::config-bucket/prod/app.env')) },
    { name: '10 files (boundary)', json: files(...many(10)) },
    { name: 'China partition', json: files(s3('arn:aws-cn:s3:::config-bucket/app.env')) },
    { name: 'environmentFiles null', json: fargateTask([container('app', { environmentFiles: null })]) },
    { name: 'empty value (skeleton)', json: files(s3('')) },
    { name: 'placeholder', json: files(s3('arn:aws:s3:::${bucket}/app.env')) },
  ],
  invalid: [
    {
      name: '11 files (boundary)',
      json: files(...many(11)),
      findings: [
        { path: ['containerDefinitions', 0, 'environmentFiles', 10], message: 'environment file 11 of 11; a container takes at most 10' },
      ],
    },
    {
      name: 'S3 URL',
      json: files(s3('s3://config-bucket/app.env')),
      findings: [{ path: ['containerDefinitions', 0, 'environmentFiles', 0, 'value'], message: 'it is an S3 URL' }],
    },
    {
      name: 'wrong extension',
      json: files(s3('arn:aws:s3:::config-bucket/app.properties')),
      findings: [{ path: ['containerDefinitions', 0, 'environmentFiles', 0, 'value'], message: 'the .env extension' }],
    },
    {
      name: 'bucket ARN without key',
      json: files(s3('arn:aws:s3:::config-bucket')),
      findings: [{ path: ['containerDefinitions', 0, 'environmentFiles', 0, 'value'], message: 'not an S3 object ARN' }],
    },
    {
      name: 'uppercase bucket',
      json: files(s3('arn:aws:s3:::Config/app.env')),
      findings: [{ path: ['containerDefinitions', 0, 'environmentFiles', 0, 'value'], message: 'not an S3 bucket name' }],
    },
    {
      name: 'type other than s3',
      json: files({ value: 'arn:aws:s3:::config-bucket/app.env', type: 'S3' }),
      findings: [{ path: ['containerDefinitions', 0, 'environmentFiles', 0, 'type'], message: 'the only type is "s3"' }],
    },
  ],
});
