import { describeOnlyField } from '../../../../server/src/core/rules/task-definition/describe-only-field';
import { ruleTester } from '../../../helpers/ruleTester';

const base = { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx' }] };

ruleTester(describeOnlyField, {
  valid: [
    { name: 'register input form', json: base },
    { name: 'tags are register input too', json: { ...base, tags: [{ key: 'a', value: 'b' }] } },
  ],
  invalid: [
    {
      name: 'describe output without the wrapper',
      json: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3', ...base, revision: 3, status: 'ACTIVE' },
      findings: [
        {
          path: ['taskDefinitionArn'],
          message: 'register-task-definition rejects it',
          fix: { title: 'Remove describe-only fields (taskDefinitionArn, revision, status)', output: base, safe: true },
          target: 'key',
        },
        { path: ['revision'], target: 'key', fixes: ['Remove describe-only fields (taskDefinitionArn, revision, status)'] },
        { path: ['status'], target: 'key', fixes: ['Remove describe-only fields (taskDefinitionArn, revision, status)'] },
      ],
    },
    {
      name: 'inside the describe-task-definition wrapper',
      json: {
        taskDefinition: { ...base, compatibilities: ['EC2', 'FARGATE'], registeredAt: '2024-01-01T00:00:00Z', requiresAttributes: [] },
      },
      findings: [
        {
          path: ['taskDefinition', 'requiresAttributes'],
          fix: { title: /^Remove describe-only fields/, output: { taskDefinition: base }, safe: true },
          target: 'key',
        },
        {
          path: ['taskDefinition', 'compatibilities'],
          target: 'key',
          fixes: ['Remove describe-only fields (requiresAttributes, compatibilities, registeredAt)'],
        },
        {
          path: ['taskDefinition', 'registeredAt'],
          target: 'key',
          fixes: ['Remove describe-only fields (requiresAttributes, compatibilities, registeredAt)'],
        },
      ],
    },
  ],
});
