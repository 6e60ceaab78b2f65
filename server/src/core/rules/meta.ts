// Metadata of every diagnostic source: the rules, plus the checks the language service runs itself
// (JSON syntax, schema validation). Used for settings, the README table, SARIF and the docs check.
import type { RuleMeta } from '../rule';
import { allRules } from '.';

const jsonSyntaxMeta: RuleMeta = {
  id: 'json-syntax',
  title: 'The file must be valid JSON (reported by the CLI; editors show syntax errors themselves)',
  defaultSeverity: 'error',
  appliesTo: [],
};

const hclSyntaxMeta: RuleMeta = {
  id: 'hcl-syntax',
  title: 'A Terraform file must be valid HCL (reported by the CLI; editors with a Terraform extension show syntax errors themselves)',
  defaultSeverity: 'error',
  appliesTo: [],
};

const yamlSyntaxMeta: RuleMeta = {
  id: 'yaml-syntax',
  title: 'A YAML template must be valid YAML (reported by the CLI; editors show syntax errors themselves)',
  defaultSeverity: 'warning',
  appliesTo: [],
};

export const taskDefinitionSchemaMeta: RuleMeta = {
  id: 'task-definition-schema',
  title: 'Task-definition fields must have the names and types the ECS API takes',
  defaultSeverity: 'error',
  appliesTo: ['task-definition', 'container-definitions'],
};

export const projectConfigSchemaMeta: RuleMeta = {
  id: 'project-config-schema',
  title: 'fargate-lint.json must have the shape its schema describes (roles with trustPolicy, policies, managedPolicyArns)',
  defaultSeverity: 'error',
  appliesTo: ['project-config'],
};

export const skippedFileMeta: RuleMeta = {
  id: 'file-skipped',
  title: 'A file that is not analysed: not a regular file, too large, not text, or nested too deeply',
  defaultSeverity: 'warning',
  appliesTo: [],
};

const serviceRuleMetas: readonly RuleMeta[] = [
  jsonSyntaxMeta,
  hclSyntaxMeta,
  yamlSyntaxMeta,
  taskDefinitionSchemaMeta,
  projectConfigSchemaMeta,
  skippedFileMeta,
];

export const allRuleMetas: readonly RuleMeta[] = [...allRules.map((r) => r.meta), ...serviceRuleMetas];
