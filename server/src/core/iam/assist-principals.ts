// Hover and completion on a statement's Principal / NotPrincipal values: who a principal is (every
// principal, an account, a role, a service, an identity provider), and the service principals to choose
// from (ecs-tasks.amazonaws.com first in a trust policy).
import type { CompletionEntry, CompletionProvider, HoverProvider } from '../position';
import { serviceExists, serviceName } from './data';
import { statementPlace } from './policy-place';
import { federationKind, oidcProviderHost } from './principals';
import { ECS_SERVICE_PRINCIPAL, ECS_TASKS_PRINCIPAL, basePrincipal, documentedPrincipal, servicePrincipals } from './service-principals';

export const iamPrincipalHover: HoverProvider = {
  hover(context) {
    const place = statementPlace(context);
    const value = typeof context.value === 'string' ? context.value : undefined;
    const [element, first] = place?.rest ?? [];
    if (!place || context.onKey || value === undefined || (element !== 'Principal' && element !== 'NotPrincipal')) return undefined;
    return principalHover(place.rest.length === 1 ? '*' : String(first), value);
  },
};

export const iamPrincipalCompletion: CompletionProvider = {
  complete(context) {
    const place = statementPlace(context);
    const [element, first] = place?.rest ?? [];
    if (!place || context.onKey || element !== 'Principal' || first !== 'Service' || place.rest.length > 3) return undefined;
    return principalEntries(context.subject.kind === 'trust-policy');
  },
};

const ECS_TASKS_MARKDOWN = [
  '**ecs-tasks.amazonaws.com** — Amazon ECS tasks.',
  '',
  'A role that trusts it can be used by tasks in two ways, named in the task definition:',
  '- **task role** (`taskRoleArn`): the credentials your application in the containers gets, for its own AWS calls;',
  '- **task execution role** (`executionRoleArn`): used by ECS and the Fargate agent to start the task: pull the image from ECR, send logs to CloudWatch Logs, read `secrets` from Secrets Manager or SSM Parameter Store.',
  '',
  'ECS documents limiting it to your account with `aws:SourceAccount` and `aws:SourceArn` (`arn:aws:ecs:REGION:ACCOUNT:*`).',
].join('\n');

function principalHover(type: string, value: string): string | undefined {
  if (value === '*' && (type === '*' || type === 'AWS'))
    return '**`*`** — every principal: any user or role in any AWS account (and, in resource policies, anonymous callers). In a role trust policy this lets anyone try to assume the role.';
  if (type === 'Service') {
    const base = basePrincipal(value);
    if (base === ECS_TASKS_PRINCIPAL) return ECS_TASKS_MARKDOWN;
    const documented = documentedPrincipal(value);
    const prefix = base.endsWith('.amazonaws.com') ? base.slice(0, -'.amazonaws.com'.length) : base;
    const name = serviceExists(prefix) ? serviceName(prefix) : undefined;
    const about = documented?.about ?? (name ? `the service principal of ${name}` : 'a service principal fargate-lint does not know');
    const extra = base === ECS_SERVICE_PRINCIPAL ? '\n\nTask roles and task execution roles need `ecs-tasks.amazonaws.com` instead.' : '';
    return `**${value}** — ${about}. A service principal lets that AWS service assume the role to act for you.${extra}`;
  }
  if (type === 'Federated') {
    const kind = federationKind(value);
    if (kind === 'saml')
      return `**${value}** — a SAML identity provider registered in IAM; its users assume the role with \`sts:AssumeRoleWithSAML\`.`;
    if (kind === 'oidc')
      return `**${value}** — an OpenID Connect provider registered in IAM (\`${oidcProviderHost(value)}\`); its tokens assume the role with \`sts:AssumeRoleWithWebIdentity\`. Restrict it with conditions on its claims (\`sub\`, \`aud\`).`;
    if (kind === 'web-identity')
      return `**${value}** — a web identity provider; its users assume the role with \`sts:AssumeRoleWithWebIdentity\`.`;
    return undefined;
  }
  if (type === 'AWS') {
    if (/^\d{12}$/.test(value))
      return `**${value}** — the AWS account ${value}: any user or role in it that its own policies allow (the same as \`arn:aws:iam::${value}:root\`).`;
    const match = /^arn:[^:]+:(iam|sts)::([^:]+):(root|user|role|assumed-role|federated-user)/.exec(value);
    if (!match) return undefined;
    const what = {
      root: 'the whole account (any principal its own policies allow)',
      user: 'an IAM user',
      role: 'an IAM role',
      'assumed-role': 'one session of an assumed role',
      'federated-user': 'a federated user session',
    }[match[3]];
    return `**${value}** — ${what}, in account ${match[2]}.`;
  }
  if (type === 'CanonicalUser') return `**${value}** — an Amazon S3 canonical user ID (bucket policies only).`;
  return undefined;
}

function principalEntries(trust: boolean): CompletionEntry[] {
  return servicePrincipals().map((name) => {
    const documented = documentedPrincipal(name);
    const first = trust && name === ECS_TASKS_PRINCIPAL;
    return {
      label: JSON.stringify(name),
      description: documented?.about,
      insertText: JSON.stringify(name),
      value: name,
      kind: 'value',
      sortText: `${first ? '0' : documented ? '1' : '2'}${name}`,
      preselect: first || undefined,
    };
  });
}
