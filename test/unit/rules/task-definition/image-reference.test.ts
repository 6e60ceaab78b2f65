import { imageReference } from '../../../../server/src/core/rules/task-definition/image-reference';
import { ruleTester } from '../../../helpers/ruleTester';
import { container, fargateTask } from '../../../helpers/taskdefs';

const image = (value: unknown) => fargateTask([container('app', { image: value })]);
const at = ['containerDefinitions', 0, 'image'];
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester(imageReference, {
  valid: [
    { name: 'Docker Hub name', json: image('nginx') },
    { name: 'private ECR with tag', json: image('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:1.2.3') },
    { name: 'digest', json: image(`public.ecr.aws/nginx/nginx@${DIGEST}`) },
    { name: '255 characters (boundary)', json: image(`r/${'a'.repeat(253)}`) },
    { name: '255 characters before a digest (boundary)', json: image(`r/${'a'.repeat(253)}@${DIGEST}`) },
    { name: 'uppercase tag', json: image('nginx:Stable-1') },
    { name: 'empty image (filled in by CI)', json: image('') },
    { name: 'template placeholders', json: image('${app_image}') },
    { name: 'angle-bracket placeholder', json: image('<IMAGE1_NAME>') },
    { name: 'shell variable', json: image('$IMAGE_URI') },
    { name: 'upper-case word placeholder', json: image('REPLACED_BY_CI') },
    { name: 'placeholder account and region in the host', json: image('ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/etl:latest') },
    {
      name: 'angle-bracket placeholders inside the host',
      json: image('<your-account-id>.dkr.ecr.<your-region>.amazonaws.com/sample-webpage:latest'),
    },
    { name: 'image missing is left to the schema', json: fargateTask([{ name: 'app' }]) },
  ],
  invalid: [
    {
      name: '256 characters (boundary)',
      json: image(`r/${'a'.repeat(254)}`),
      findings: [{ path: at, message: 'is 256 characters long; ECS accepts at most 255' }],
    },
    {
      name: '256 characters before a digest (boundary)',
      json: image(`r/${'a'.repeat(254)}@${DIGEST}`),
      findings: [{ path: at, message: 'the part before "@" is 256' }],
    },
    {
      name: 'digest of 63 hex digits',
      json: image(`nginx@sha256:${'a'.repeat(63)}`),
      findings: [{ path: at, message: '"sha256:" followed by exactly 64 hexadecimal digits' }],
    },
    { name: 'sha512 digest', json: image(`nginx@sha512:${'a'.repeat(128)}`), findings: [{ path: at }] },
    {
      name: 'uppercase repository',
      json: image('XXXXX.dkr.ecr.us-east-1.amazonaws.com/myApp:latest'),
      findings: [{ path: at, message: '"myApp" has uppercase letters' }],
    },
    { name: 'space', json: image('nginx :latest'), findings: [{ path: at, message: 'spaces' }] },
    { name: 'URL scheme', json: image('https://registry.example.com/app'), findings: [{ path: at }] },
    {
      name: 'container-definitions array',
      json: [container('a', { image: 'Nginx' })],
      findings: [{ path: [0, 'image'], message: 'lowercase' }],
    },
  ],
});
