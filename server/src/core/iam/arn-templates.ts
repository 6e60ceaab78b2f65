// The ARN templates of iam-data's resource types, per ARN service, and what they say about an ARN's
// Region and account fields.
import type { Arn } from '../arn';
import { type ArnTemplate, arnFitsTemplate, templateOf } from './arn';
import { resourceTypes, serviceKeys } from './data';

const byArnService = new Map<string, ArnTemplate[]>();

/**
 * The templates whose ARN names `service` in its service field. Most live in that service's own data; the
 * few listed by another service (ssm's "instance" is an ec2 ARN) are found by the caller through actions.
 */
export function templatesOfService(service: string): ArnTemplate[] {
  let list = byArnService.get(service);
  if (!list) {
    list = [];
    if (serviceKeys().includes(service)) {
      for (const type of resourceTypes(service)?.values() ?? []) {
        const template = templateOf(service, type.key, type.arn);
        if (template && template.fields.service === service) list.push(template);
      }
    }
    byArnService.set(service, list);
  }
  return list;
}

export interface FieldRules {
  /** Templates the ARN was judged against: those its resource part fits, or all of the service's. */
  templates: ArnTemplate[];
  regionAllowed: boolean;
  regionRequired: boolean;
  accountAllowed: boolean;
}

/** Whether the Region and account fields may or must be filled, by the templates the ARN fits. */
export function fieldRules(arn: Arn): FieldRules | undefined {
  const all = templatesOfService(arn.service);
  if (all.length === 0) return undefined;
  const fitting = all.filter((t) => arnFitsTemplate(arn, t));
  const templates = fitting.length ? fitting : all;
  return {
    templates,
    regionAllowed: templates.some((t) => t.fields.region !== ''),
    regionRequired: templates.every((t) => t.fields.region !== ''),
    accountAllowed: templates.some((t) => t.fields.account !== ''),
  };
}
