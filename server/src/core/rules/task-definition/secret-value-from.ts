// secrets[].valueFrom (and the log driver's secretOptions) must reference a Secrets Manager secret by ARN,
// or an SSM Parameter Store parameter by ARN or name.
import { parseArn } from '../../arn';
import type { JsonPath } from '../../json';
import type { Rule } from '../../rule';
import { type Item, isPlaceholderField, isTemplated, objectItems } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';
import { parseValueFrom } from '../../taskdef/secrets';

/** The secrets of a container and of its log configuration. */
function secretEntries(container: Record<string, unknown>, containerPath: JsonPath): Item[] {
  const entries = objectItems(container, containerPath, 'secrets');
  const log = container.logConfiguration;
  if (typeof log === 'object' && log !== null && !Array.isArray(log)) {
    entries.push(...objectItems(log as Record<string, unknown>, [...containerPath, 'logConfiguration'], 'secretOptions'));
  }
  return entries;
}

function hasPlaceholderFields(text: string): boolean {
  const arn = parseArn(text);
  return arn !== undefined && [arn.region, arn.account].some((f) => f !== '' && isPlaceholderField(f));
}

export const secretValueFrom: Rule = {
  meta: {
    id: 'secret-value-from',
    title: 'secrets[].valueFrom must be a Secrets Manager ARN or an SSM parameter ARN or name',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    for (const container of containersOf(subject)) {
      for (const entry of secretEntries(container.value, container.path)) {
        const valueFrom = entry.value.valueFrom;
        if (typeof valueFrom !== 'string' || valueFrom === '' || isTemplated(valueFrom) || hasPlaceholderFields(valueFrom)) continue;
        const path = [...entry.path, 'valueFrom'];
        const reference = parseValueFrom(valueFrom);
        if (reference.kind === 'invalid') {
          report({ path, message: `valueFrom ${JSON.stringify(valueFrom)} does not reference a secret: ${reference.reason}.` });
        } else if (reference.kind === 'secretsmanager' && reference.versionStage && reference.versionId) {
          report({
            path,
            severity: 'warning',
            message: `valueFrom names both a version stage (${reference.versionStage}) and a version ID (${reference.versionId}); ECS documents them as mutually exclusive, and the secret is only read when both name the same version. Keep one.`,
          });
        }
      }
    }
  },
};
