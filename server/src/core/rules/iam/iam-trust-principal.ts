// Who may assume a role is said in its trust policy's Principal: `{"AWS": ...}` (accounts, users, roles),
// `{"Service": ...}`, `{"Federated": ...}` (SAML or OIDC providers). IAM rejects other principal types and
// wildcards inside principal values. `"*"` (anyone) is accepted by IAM but lets every AWS account try to
// assume the role; Access Analyzer reports it as an error.
import { isObject, isPlaceholder } from '../../json';
import { statementsOf } from '../../iam/policy';
import { PRINCIPAL_TYPES, type PrincipalValue, federationKind, isEveryone, principalValues } from '../../iam/principals';
import { hasWildcard } from '../../iam/wildcard';
import { hasTemplatePlaceholder } from '../../iam/variables';
import { rename } from '../../model';
import type { Rule, RuleContext } from '../../rule';

interface Data {
  rename?: string;
}

export const iamTrustPrincipal: Rule<Data> = {
  meta: {
    id: 'iam-trust-principal',
    title: 'A role trust policy must name its principals as AWS, Service or Federated values IAM accepts',
    defaultSeverity: 'error',
    appliesTo: ['trust-policy'],
    fixable: true,
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      const principal = statement.principal;
      if (!principal) continue;
      // NotPrincipal in a trust policy is iam-policy-structure's.
      if (principal.negated) continue;
      if (isPlaceholder(principal.value)) continue;
      if (typeof principal.value === 'string' && principal.value !== '*') {
        report({
          path: principal.path,
          message: `Principal must be "*" or an object such as {"Service": "ecs-tasks.amazonaws.com"}, not ${JSON.stringify(principal.value)}.`,
        });
        continue;
      }
      if (isObject(principal.value)) {
        for (const key of Object.keys(principal.value)) {
          if ((PRINCIPAL_TYPES as readonly string[]).includes(key)) continue;
          const rename = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === key.toLowerCase());
          report({
            path: [...principal.path, key],
            target: 'key',
            message: `${JSON.stringify(key)} is not a principal type; use ${rename ? JSON.stringify(rename) + ' (the name is case-sensitive)' : 'AWS, Service or Federated'}.`,
            data: { rename },
          });
        }
      }
      const conditioned = statement.condition !== undefined && Object.keys(statement.condition).length > 0;
      for (const value of principalValues(statement)) checkValue(value, conditioned, report);
    }
  },
  fix({ path, data }) {
    const to = data?.rename;
    return to ? [{ title: `Rename to ${JSON.stringify(to)}`, isPreferred: true, safe: true, edits: [rename(path, to)] }] : [];
  },
};

function checkValue(principal: PrincipalValue, conditioned: boolean, report: RuleContext['report']): void {
  const { type, value, path } = principal;
  if (isEveryone(principal)) {
    report({
      path,
      severity: conditioned ? 'warning' : undefined,
      message: conditioned
        ? 'Principal "*" lets any AWS account attempt to assume this role; only the Condition stands between it and everyone. Name the accounts or roles instead if you can.'
        : 'Principal "*" without a Condition lets anyone in any AWS account assume this role. Name the accounts, roles or services that may assume it.',
    });
    return;
  }
  if (hasTemplatePlaceholder(value) || value.includes('${')) return;
  if (type === 'CanonicalUser') {
    report({
      path,
      severity: 'warning',
      message: 'CanonicalUser identifies an account for Amazon S3 bucket policies; a role trust policy names accounts under "AWS".',
    });
    return;
  }
  if (!(PRINCIPAL_TYPES as readonly string[]).includes(type)) return;
  if (hasWildcard(value)) {
    report({
      path,
      message: `Wildcards cannot be part of a principal (${JSON.stringify(value)}); IAM rejects the policy. Name the principals, and narrow with a Condition such as aws:PrincipalArn if you need a pattern.`,
    });
    return;
  }
  if (type === 'AWS') checkAwsPrincipal(value, path, report);
  if (type === 'Federated' && !federationKind(value)) {
    report({
      path,
      message: `${JSON.stringify(value)} is not a federated principal: use the ARN of an IAM SAML provider (arn:aws:iam::111122223333:saml-provider/Name), of an OIDC provider (arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com), or cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com.`,
    });
  }
}

function checkAwsPrincipal(value: string, path: (string | number)[], report: RuleContext['report']): void {
  if (/^\d{12}$/.test(value)) return;
  if (/^arn:[a-z-]+:iam::(\d{12}|aws):(root|user\/.+|role\/.+|federated-user\/.+)$/.test(value)) return;
  if (/^arn:[a-z-]+:sts::\d{12}:(assumed-role\/.+|federated-user\/.+)$/.test(value)) return;
  if (/^A(ROA|IDA)[A-Z0-9]{12,}$/.test(value)) {
    report({
      path,
      severity: 'warning',
      message: `${value} is an IAM unique ID, which IAM shows in place of a principal that was deleted (or that someone wrote as an ID). Use the role or user ARN; a re-created principal gets a new ID and is not trusted.`,
    });
    return;
  }
  report({
    path,
    message: `${JSON.stringify(value)} is not an AWS principal: use a 12-digit account ID, or the ARN of an account root, user, role or assumed-role session.`,
  });
}
