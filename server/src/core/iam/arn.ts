// ARNs in policies: `arn:partition:service:region:account:resource`, where any field may hold wildcards or
// policy variables. Field checks and matching against iam-data's ARN templates
// (`arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`), without building a RegExp
// from policy text.
import { type Arn, parseArn } from '../arn';
import { hasWildcard, wildcardMatch } from './wildcard';

/** Partitions AWS has published (ARN partition field). Source: AWS General Reference, "Amazon Resource Names"; SDK endpoint data (partitions.json). */
export const PARTITIONS: Readonly<Record<string, string>> = {
  aws: 'AWS commercial Regions',
  'aws-cn': 'China Regions',
  'aws-us-gov': 'AWS GovCloud (US)',
  'aws-iso': 'AWS ISO (US)',
  'aws-iso-b': 'AWS ISOB (US)',
  'aws-iso-e': 'AWS ISOE (Europe)',
  'aws-iso-f': 'AWS ISOF',
  'aws-eusc': 'AWS European Sovereign Cloud',
};

/** The field is not a literal: it holds a wildcard or a variable, so its value is decided later. */
export function isOpenField(field: string): boolean {
  return hasWildcard(field) || field.includes('${');
}

/** Region names such as us-east-1, us-gov-west-1, cn-northwest-1, eu-isoe-west-1. */
export function isRegionName(field: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(field);
}

export function isAccountId(field: string): boolean {
  return /^\d{12}$/.test(field);
}

/**
 * Does an ARN pattern from a policy (wildcards allowed) fit the resource part of an iam-data ARN template?
 * Template placeholders (`${RepositoryName}`) stand for any non-empty text; the policy's wildcards match as
 * IAM matches them. The test is "could one concrete ARN match both": each side is turned into a pattern of
 * literal pieces and stars, and two such patterns share a string when their literal skeletons fit.
 * @internal Exported for tests.
 */
export function resourceFitsTemplate(resource: string, templateResource: string): boolean {
  // A template that is one name alone (an S3 bucket, an SNS topic) names no path: "bucket/*" is not a bucket.
  if (/^\$\{[^}]*\}$/.test(templateResource) && resource.includes('/')) return false;
  const template = templateResource.replace(/\$\{[^}]*\}/g, '*');
  const policy = resource.replace(/\$\{[^}]*\}/g, '*');
  if (!hasWildcard(policy)) return wildcardMatch(template, policy);
  if (!template.includes('*')) return wildcardMatch(policy, template);
  return patternsOverlap(policy, template);
}

/**
 * Whether two wildcard patterns (`*` any run, `?` one character) can match a common string. Both sides are
 * consumed from the left; a `*` on either side may absorb characters of the other. The state space is
 * positions (i, j), so the work is at most the product of the lengths.
 * @internal Exported for tests.
 */
export function patternsOverlap(a: string, b: string): boolean {
  // Beyond this size the answer is not worth the time: say "may overlap", which reports nothing.
  if ((a.length + 1) * (b.length + 1) > 1_000_000) return true;
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  const width = b.length + 1;
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const key = i * width + j;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    const ca = a[i];
    const cb = b[j];
    if (ca === '*') {
      stack.push([i + 1, j]);
      if (j < b.length) stack.push([i, j + 1]);
    }
    if (cb === '*') {
      stack.push([i, j + 1]);
      if (i < a.length) stack.push([i + 1, j]);
    }
    if (ca !== undefined && cb !== undefined && ca !== '*' && cb !== '*' && (ca === cb || ca === '?' || cb === '?'))
      stack.push([i + 1, j + 1]);
  }
  return false;
}

/** An ARN template of iam-data split into fields, with the resource type it belongs to. */
export interface ArnTemplate {
  /** Service prefix whose data lists the type (e.g. "ssm" for its "instance" type, whose ARN is an ec2 one). */
  service: string;
  resourceType: string;
  arn: string;
  fields: Arn;
}

export function templateOf(service: string, resourceType: string, arn: string): ArnTemplate | undefined {
  const fields = parseArn(arn);
  return fields ? { service, resourceType, arn, fields } : undefined;
}

/** Could the ARN from a policy name a resource of this template's type (service and resource part)? */
export function arnFitsTemplate(arn: Arn, template: ArnTemplate): boolean {
  const service = template.fields.service;
  if (!(isOpenField(arn.service) ? patternsOverlap(arn.service.replace(/\$\{[^}]*\}/g, '*'), service) : arn.service === service))
    return false;
  return resourceFitsTemplate(arn.resource, template.fields.resource);
}
