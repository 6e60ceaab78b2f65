// The ARN grammar, for every ARN the analysis reads (role ARNs, secret and parameter ARNs, policy
// resources): `arn:partition:service:region:account:resource`. The resource keeps its own colons and
// slashes. What each field may hold is checked where the ARN is used (a policy allows wildcards, a task
// definition does not).

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon (it may hold more colons and slashes). */
  resource: string;
}

/** The fields of an ARN, or undefined when it does not start with `arn:` or has fewer than six fields. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const fields = text.split(':');
  if (fields.length < 6) return undefined;
  const [, partition, service, region, account] = fields;
  return { partition, service, region, account, resource: fields.slice(5).join(':') };
}
