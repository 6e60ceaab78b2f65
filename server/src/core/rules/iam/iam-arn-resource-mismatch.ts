// Each action works on certain resource types (ecr:BatchGetImage on a repository, s3:GetObject on an
// object, s3:ListBucket on a bucket). A Resource that no action of its statement can act on grants nothing:
// the classic case is s3:ListBucket with only "arn:aws:s3:::bucket/*". A resource is fine when at least one
// action of the statement accepts it (Parliament learnt, in its issue #48, that asking it of every action
// flags good policies). Statements with NotAction, "*" or unknown actions are not judged.
import { parseArn } from '../../arn';
import { type ArnTemplate, arnFitsTemplate, templateOf } from '../../iam/arn';
import { resourceType } from '../../iam/data';
import { statementActions } from '../../iam/grants';
import { statementsOf } from '../../iam/policy';
import { hasTemplatePlaceholder } from '../../iam/variables';
import type { Rule } from '../../rule';

export const iamArnResourceMismatch: Rule = {
  meta: {
    id: 'iam-arn-resource-mismatch',
    title: "Each Resource ARN must be a resource type that one of the statement's actions acts on",
    defaultSeverity: 'warning',
    appliesTo: ['identity-policy', 'resource-policy'],
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      const resources = statement.resource;
      if (!resources || resources.negated) continue;
      const granted = statementActions(statement);
      if (granted.open || granted.actions.length === 0) continue;
      // An action without resource types takes only "*"; such actions accept no ARN.
      const templates: ArnTemplate[] = [];
      for (const action of granted.actions) {
        for (const type of action.resourceTypes) {
          const arn = resourceType(action.service, type.name)?.arn;
          const template = arn ? templateOf(action.service, type.name, arn) : undefined;
          if (template && !templates.some((t) => t.arn === template.arn)) templates.push(template);
        }
      }
      for (const item of resources.items) {
        const arn = parseArn(item.value);
        // A service in the wrong case is iam-invalid-arn's to report.
        if (!arn || hasTemplatePlaceholder(arn.service) || arn.service !== arn.service.toLowerCase()) continue;
        if (templates.some((t) => arnFitsTemplate(arn, t))) continue;
        const names = [...new Set(granted.actions.map((a) => `${a.service}:${a.name}`))];
        const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
        const kinds = templates.length
          ? ` They act on: ${templates
              .slice(0, 4)
              .map((t) => `${t.resourceType} (${t.arn})`)
              .join('; ')}${templates.length > 4 ? '; ...' : ''}.`
          : ' They only take "Resource": "*".';
        report({
          path: item.path,
          message: `No action of this statement (${shown}) acts on a resource like ${JSON.stringify(item.value)}, so this entry grants nothing.${kinds}`,
        });
      }
    }
  },
};
