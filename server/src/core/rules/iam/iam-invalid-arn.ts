// A Resource is "*" or an ARN: `arn:partition:service:region:account:resource`. IAM rejects a policy whose
// resource is not shaped like one; a wrong partition, an upper-case service, a malformed account or Region
// make the statement match nothing. Fields with wildcards, policy variables or template placeholders are
// decided later and are accepted.
import { parseArn } from '../../arn';
import { PARTITIONS, isAccountId, isOpenField, isRegionName } from '../../iam/arn';
import { fieldRules } from '../../iam/arn-templates';
import { statementsOf } from '../../iam/policy';
import { hasTemplatePlaceholder } from '../../iam/variables';
import { type ReplacementData, replacementFixes } from '../../iam/actions';
import type { Rule, Severity } from '../../rule';

export const iamInvalidArn: Rule<Data> = {
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
        if (!problem) continue;
        const data: Data | undefined = problem.replacement ? { replacements: [problem.replacement], safe: problem.safe } : undefined;
        report({ path: item.path, message: problem.message, severity: problem.severity, data });
      }
    }
  },
  fix({ path, data }) {
    const safe = data?.safe === true;
    return replacementFixes(path, data).map((f) => ({ ...f, safe }));
  },
};

interface Problem {
  message: string;
  severity?: Severity;
  replacement?: string;
  /** Only the letter case changes: what was meant is plain, so Fix all may apply it. */
  safe?: boolean;
}

interface Data extends ReplacementData {
  safe?: boolean;
}

/** What is wrong with one Resource value, judged field by field; undefined when nothing is. */
function arnProblem(value: string): Problem | undefined {
  if (value === '*') return undefined;
  if (!value.startsWith('arn:')) {
    if (value.toLowerCase().startsWith('arn:')) {
      const replacement = `arn:${value.slice(4)}`;
      return { message: `The ARN prefix must be lower-case "arn:".`, replacement, safe: true };
    }
    if (hasTemplatePlaceholder(value) || value.startsWith('${')) return undefined;
    return {
      message: `${JSON.stringify(value)} is not an ARN: a resource is "*" or starts with "arn:" (arn:partition:service:region:account:resource).`,
    };
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
      return {
        severity: 'warning',
        message: `Partition ${JSON.stringify(partition)} is not one fargate-lint knows (${known}); check the spelling.`,
      };
    }
    return { message: `Partition ${JSON.stringify(partition)} does not exist; ARNs use ${known}.` };
  }
  if (service === '') return { message: `The service field of ${JSON.stringify(value)} is empty.` };
  if (service !== service.toLowerCase() && !service.includes('${') && !hasTemplatePlaceholder(service)) {
    return {
      message: `The service ${JSON.stringify(service)} must be written in lower case in an ARN.`,
      replacement: [fields[0], partition, service.toLowerCase(), ...fields.slice(3)].join(':'),
      safe: true,
    };
  }
  if (region !== '' && !isOpenField(region) && !hasTemplatePlaceholder(region) && !isRegionName(region)) {
    return { message: `${JSON.stringify(region)} is not a Region name (such as "us-east-1"); leave the field empty or use "*".` };
  }
  if (account !== '' && account !== 'aws' && !isOpenField(account) && !hasTemplatePlaceholder(account) && !isAccountId(account)) {
    return { message: `The account field ${JSON.stringify(account)} must be a 12-digit account ID (or empty, "*" or a variable).` };
  }
  return fieldProblem(value);
}

/** Region and account against the service's ARN templates (only when every template the ARN fits agrees). */
function fieldProblem(value: string): Problem | undefined {
  const arn = parseArn(value);
  if (!arn || isOpenField(arn.service) || hasTemplatePlaceholder(arn.service)) return undefined;
  const rules = fieldRules(arn);
  if (!rules) return undefined;
  const example = rules.templates[0].arn;
  const literal = (field: string) => field !== '' && !isOpenField(field) && !hasTemplatePlaceholder(field);
  if (literal(arn.region) && !rules.regionAllowed) {
    return {
      message: `${arn.service} ARNs of this kind have no Region (${example}); with ${JSON.stringify(arn.region)} in it, the ARN matches nothing.`,
      replacement: [`arn`, arn.partition, arn.service, '', arn.account, arn.resource].join(':'),
    };
  }
  if (arn.region === '' && rules.regionRequired) {
    return {
      message: `${arn.service} ARNs of this kind name a Region (${example}); with the field empty the ARN matches nothing. Use the Region or "*".`,
    };
  }
  if (literal(arn.account) && !rules.accountAllowed) {
    return {
      message: `${arn.service} ARNs of this kind have no account ID (${example}); with ${JSON.stringify(arn.account)} in it, the ARN matches nothing.`,
      replacement: [`arn`, arn.partition, arn.service, arn.region, '', arn.resource].join(':'),
    };
  }
  return undefined;
}
