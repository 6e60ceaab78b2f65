// A Resource is "*" or an ARN: `arn:partition:service:region:account:resource`. IAM rejects a policy whose
// resource is not shaped like one; a wrong partition, an upper-case service, a malformed account or Region
// make the statement match nothing. Fields with wildcards, policy variables or template placeholders are
// decided later and are accepted.
import { PARTITIONS, isAccountId, isOpenField, isRegionName } from '../../iam/arn';
import { statementsOf } from '../../iam/policy';
import { hasTemplatePlaceholder } from '../../iam/variables';
import { setValue } from '../../edits';
import type { Rule, Severity } from '../../rule';

interface Data {
  replacement?: string;
}

export const iamInvalidArn: Rule = {
  meta: {
    id: 'iam-invalid-arn',
    title: 'Resource ARNs must have the form arn:partition:service:region:account:resource',
    defaultSeverity: 'error',
    appliesTo: ['identity-policy', 'resource-policy'],
    fixable: true,
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      for (const item of statement.resource?.items ?? []) {
        const problem = arnProblem(item.value);
        if (problem) report({ path: item.path, message: problem.message, severity: problem.severity, data: { replacement: problem.replacement } satisfies Data });
      }
    }
  },
  fix({ document, path, data }) {
    const { replacement } = (data ?? {}) as Data;
    if (!replacement) return [];
    return [{ title: `Change to ${JSON.stringify(replacement)}`, isPreferred: true, safe: true, edits: setValue(document, path, replacement) }];
  },
};

interface Problem {
  message: string;
  severity?: Severity;
  replacement?: string;
}

/** What is wrong with one Resource value, judged field by field; undefined when nothing is. */
export function arnProblem(value: string): Problem | undefined {
  if (value === '*') return undefined;
  if (!value.startsWith('arn:')) {
    if (value.toLowerCase().startsWith('arn:')) {
      const replacement = `arn:${value.slice(4)}`;
      return { message: `The ARN prefix must be lower-case "arn:".`, replacement };
    }
    if (hasTemplatePlaceholder(value) || value.startsWith('${')) return undefined;
    return { message: `${JSON.stringify(value)} is not an ARN: a resource is "*" or starts with "arn:" (arn:partition:service:region:account:resource).` };
  }
  const fields = value.split(':');
  if (fields.length < 6) {
    return {
      message: `${JSON.stringify(value)} has ${fields.length} of the 6 colon-separated ARN fields (arn:partition:service:region:account:resource); leave a field empty ("::") rather than out.`,
    };
  }
  const [, partition, service, region, account] = fields;
  if (!Object.hasOwn(PARTITIONS, partition) && !isOpenField(partition) && !hasTemplatePlaceholder(partition)) {
    const known = Object.keys(PARTITIONS).join(', ');
    if (/^aws(-[a-z]+)+$/.test(partition)) {
      return { severity: 'warning', message: `Partition ${JSON.stringify(partition)} is not one fargate-lint knows (${known}); check the spelling.` };
    }
    return { message: `Partition ${JSON.stringify(partition)} does not exist; ARNs use ${known}.` };
  }
  if (service === '') return { message: `The service field of ${JSON.stringify(value)} is empty.` };
  if (service !== service.toLowerCase() && !service.includes('${')) {
    return { message: `The service ${JSON.stringify(service)} must be written in lower case in an ARN.`, replacement: [fields[0], partition, service.toLowerCase(), ...fields.slice(3)].join(':') };
  }
  if (region !== '' && !isOpenField(region) && !hasTemplatePlaceholder(region) && !isRegionName(region)) {
    return { message: `${JSON.stringify(region)} is not a Region name (such as "us-east-1"); leave the field empty or use "*".` };
  }
  if (account !== '' && account !== 'aws' && !isOpenField(account) && !hasTemplatePlaceholder(account) && !isAccountId(account)) {
    return { message: `The account field ${JSON.stringify(account)} must be a 12-digit account ID (or empty, "*" or a variable).` };
  }
  return undefined;
}
