import { projectConfigFile } from '../../../../server/src/core/rules/execution-role/project-config-file';
import { ruleTester } from '../../../helpers/ruleTester';
import { TRUST, config, policy } from './fixtures';

const grants = policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' });
const cfg = (policies: string[], trust = 'iam/trust.json') => config(policies, undefined, trust);

ruleTester(projectConfigFile, {
  valid: [
    {
      name: 'every file is in the workspace and is what it is listed as',
      fileName: 'fargate-lint.json',
      json: cfg(['iam/policy.json', './iam/../iam/policy.json']),
      files: { 'iam/trust.json': TRUST, 'iam/policy.json': grants },
    },
    {
      name: 'an inline-policy file (get-role-policy output) counts as a policy',
      fileName: 'fargate-lint.json',
      json: cfg(['iam/inline.json']),
      files: { 'iam/trust.json': TRUST, 'iam/inline.json': { RoleName: 'r', PolicyName: 'p', PolicyDocument: grants } },
    },
    {
      name: 'placeholders and values that are not paths are project-config-schema’s to report',
      fileName: 'fargate-lint.json',
      json: { roles: { execRole: { trustPolicy: 42, policies: ['{{policy}}', null] } } },
      files: {},
    },
  ],
  invalid: [
    {
      name: 'a typo: not found, on the path',
      fileName: 'fargate-lint.json',
      json: cfg(['iam/typo.json']),
      files: { 'iam/trust.json': TRUST, 'iam/policy.json': grants },
      findings: [
        {
          path: ['roles', 'execRole', 'policies', 0],
          severity: 'warning',
          message:
            'The policy file "iam/typo.json" of role execRole is not found in the workspace, so the role\'s permissions are not checked.',
        },
      ],
    },
    {
      name: 'a path outside the workspace folders: said so (it is never read)',
      fileName: 'fargate-lint.json',
      json: cfg(['../../etc/passwd'], '../outside/trust.json'),
      files: {},
      findings: [
        {
          path: ['roles', 'execRole', 'trustPolicy'],
          message: 'The trust policy file "../outside/trust.json" of role execRole is outside the workspace folders and is never read',
        },
        { path: ['roles', 'execRole', 'policies', 0], message: 'is outside the workspace folders and is never read' },
      ],
    },
    {
      name: 'a file that is not a policy, and a trust policy listed as a permission policy',
      fileName: 'fargate-lint.json',
      json: cfg(['task-definition.json', 'iam/trust.json'], 'iam/policy.json'),
      files: {
        'iam/trust.json': TRUST,
        'iam/policy.json': grants,
        'task-definition.json': { family: 'web', containerDefinitions: [] },
      },
      findings: [
        {
          path: ['roles', 'execRole', 'trustPolicy'],
          message: 'The trust policy file "iam/policy.json" of role execRole is not a trust policy (it is an IAM policy)',
        },
        { path: ['roles', 'execRole', 'policies', 0], message: 'is not a permission policy (it is an ECS task definition)' },
        { path: ['roles', 'execRole', 'policies', 1], message: 'is not a permission policy (it is an IAM role trust policy)' },
      ],
    },
    {
      name: 'a file the workspace read and left out, with the reason',
      fileName: 'fargate-lint.json',
      json: cfg(['iam/notes.json']),
      files: { 'iam/trust.json': TRUST, 'iam/notes.json': { notes: 'not a policy' } },
      findings: [{ path: ['roles', 'execRole', 'policies', 0], message: 'is not a permission policy (it is not an ECS or IAM document)' }],
    },
  ],
});
