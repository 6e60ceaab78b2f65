// Hover and completion for the parts of a policy the IAM checks look at: condition operators and keys,
// principals, and resource ARNs. (Actions, Version and Effect are in assist.ts.)
import { findNodeAtOffset } from 'jsonc-parser';
import type { JsonPath } from '../json';
import type { CompletionEntry, CompletionProvider, HoverProvider, PositionContext } from '../position';
import { parseArn } from '../arn';
import { PARTITIONS, arnFitsTemplate, isOpenField } from './arn';
import { templatesOfService } from './arn-templates';
import { BASE_OPERATORS, type Operator, SET_QUALIFIERS, allOperatorNames, operatorOf } from './conditions';
import { baseType, judgeConditionKey } from './condition-keys';
import { actionConditionKeys, conditionKeys, globalConditionKeys, resourceType, serviceExists, serviceName } from './data';
import { statementActions } from './grants';
import { type Statement, statementsOf } from './policy';
import { federationKind, oidcProviderHost } from './principals';
import { ECS_SERVICE_PRINCIPAL, ECS_TASKS_PRINCIPAL, basePrincipal, documentedPrincipal, servicePrincipals } from './service-principals';

const POLICY_KINDS = new Set(['identity-policy', 'trust-policy', 'resource-policy']);

/** The statement the cursor is in, and the path inside it. */
function statementPlace(context: PositionContext): { statement?: Statement; rest: JsonPath } | undefined {
  if (!POLICY_KINDS.has(context.subject.kind)) return undefined;
  const rel = context.relativePath;
  if (rel[0] !== 'Statement' || rel.length < 2) return undefined;
  const depth = typeof rel[1] === 'number' ? 2 : 1;
  if (rel.length <= depth) return undefined;
  const path = rel.slice(0, depth);
  const statement = statementsOf(context.subject.value).find((s) => s.path.length === path.length && s.path.every((p, i) => p === path[i]));
  return { statement, rest: rel.slice(depth) };
}

const stringAt = (context: PositionContext) => (context.node?.type === 'string' ? String(context.node.value) : undefined);

// --- hover -----------------------------------------------------------------------------------------

export const iamChecksHover: HoverProvider = {
  hover(context) {
    const place = statementPlace(context);
    if (!place) return undefined;
    const [element, first, second] = place.rest;
    if (element === 'Condition') {
      if (context.onKey && place.rest.length === 2 && typeof first === 'string') return operatorHover(first);
      if (context.onKey && place.rest.length === 3 && typeof second === 'string') return conditionKeyHover(second);
      return undefined;
    }
    if (context.onKey) return undefined;
    const value = stringAt(context);
    if (value === undefined) return undefined;
    if (element === 'Principal' || element === 'NotPrincipal') return principalHover(place.rest.length === 1 ? '*' : String(first), value);
    if ((element === 'Resource' || element === 'NotResource') && place.rest.length <= 2) return arnHover(value);
    return undefined;
  },
};

const FAMILY_TEXT: Record<string, string> = {
  String: 'compares text',
  Numeric: 'compares numbers',
  Date: 'compares dates and times (ISO 8601, such as `2026-12-31T23:59:59Z`, or epoch seconds)',
  Bool: 'compares `true` or `false`',
  Binary: 'compares base64-encoded bytes',
  IpAddress: 'compares IP addresses against ranges in CIDR form (`203.0.113.0/24`)',
  Arn: 'compares ARNs field by field; `*` and `?` are wildcards in each field',
  Null: 'tests whether the key is present: `true` means absent, `false` means present',
};

function describeBase(base: string): string {
  if (base === 'Null' || base === 'Bool' || base === 'BinaryEquals') return '';
  const parts: string[] = [];
  if (base.includes('Not')) parts.push('matches when the value is **not** one of the listed values (and when the key is absent)');
  else parts.push('matches when the value equals one of the listed values');
  if (base.endsWith('Like')) parts.push('`*` and `?` are wildcards');
  if (base.endsWith('IgnoreCase')) parts.push('letter case is ignored');
  if (/LessThan|GreaterThan/.test(base))
    return `${base
      .replace(/^(Numeric|Date)/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()}: compared with each listed value`;
  if (base === 'IpAddress') return 'matches when the address is in one of the listed ranges';
  if (base === 'NotIpAddress') return 'matches when the address is in none of the listed ranges (and when the key is absent)';
  return parts.join('; ');
}

export function operatorHover(name: string): string | undefined {
  const operator = operatorOf(name);
  if (!operator) return undefined;
  const lines = [`**${name}** — condition operator: ${FAMILY_TEXT[operator.family]}.`, ''];
  const base = describeBase(operator.base);
  if (base) lines.push(`\`${operator.base}\` ${base}.`, '');
  lines.push(...qualifierLines(operator));
  if (operator.ifExists)
    lines.push(
      '**IfExists**: when the request has no value for the key, the condition is true; otherwise it compares as without the suffix.',
      '',
    );
  else if (operator.family !== 'Null' && !operator.qualifier)
    lines.push(`When the request has no value for the key, the condition is ${operator.negated ? 'true' : 'false'}.`, '');
  lines.push('Several keys in one operator block must all match (AND); several values for one key match if any does (OR).');
  return lines.join('\n');
}

function qualifierLines(operator: Operator): string[] {
  if (operator.qualifier === 'ForAllValues') {
    return [
      '**ForAllValues:** every value of a multi-valued key must match one of the listed values. It is also true when the request carries no value for the key, so with a single-valued key it is overly permissive.',
      '',
    ];
  }
  if (operator.qualifier === 'ForAnyValue')
    return [
      '**ForAnyValue:** at least one value of a multi-valued key must match one of the listed values; false when the request carries none.',
      '',
    ];
  return [];
}

export function conditionKeyHover(name: string): string | undefined {
  const verdict = judgeConditionKey(name);
  if (verdict.kind === 'provider')
    return `**${name}** — a claim of the identity provider \`${name.slice(0, name.lastIndexOf(':'))}\`, checked when a federated user assumes the role.`;
  if (verdict.kind !== 'known') return `**${name}** — not a condition key fargate-lint knows.`;
  const key = verdict.key;
  const { multiValued } = baseType(key.type);
  const lines = [`**${name}**${key.key.toLowerCase() !== name.toLowerCase() ? ` (documented as \`${key.key}\`)` : ''}`, ''];
  if (key.description) lines.push(key.description, '');
  lines.push(`Type: **${key.type || 'unknown'}**${multiValued ? ' — multi-valued: use `ForAnyValue:` or `ForAllValues:`' : ''}`, '');
  if (key.global) lines.push(`Global condition key${key.category ? ` (${key.category})` : ''}: it can apply to any action.`);
  else {
    const service = name.slice(0, name.indexOf(':')).toLowerCase();
    if (serviceExists(service)) lines.push(`Condition key of ${serviceName(service)}.`);
  }
  return lines.join('\n').trimEnd();
}

const ECS_TASKS_MARKDOWN = [
  '**ecs-tasks.amazonaws.com** — Amazon ECS tasks.',
  '',
  'A role that trusts it can be used by tasks in two ways, named in the task definition:',
  '- **task role** (`taskRoleArn`): the credentials your application in the containers gets, for its own AWS calls;',
  '- **task execution role** (`executionRoleArn`): used by ECS and the Fargate agent to start the task: pull the image from ECR, send logs to CloudWatch Logs, read `secrets` from Secrets Manager or SSM Parameter Store.',
  '',
  'ECS documents limiting it to your account with `aws:SourceAccount` and `aws:SourceArn` (`arn:aws:ecs:REGION:ACCOUNT:*`).',
].join('\n');

export function principalHover(type: string, value: string): string | undefined {
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

export function arnHover(value: string): string | undefined {
  if (value === '*') return "**`*`** — every resource the statement's actions act on.";
  const arn = parseArn(value);
  if (!arn) return undefined;
  const field = (text: string, empty: string) =>
    text === '' ? `*(empty: ${empty})*` : isOpenField(text) ? `\`${text}\` (any matching)` : `\`${text}\``;
  const partition = PARTITIONS[arn.partition];
  const service = serviceExists(arn.service) ? serviceName(arn.service) : undefined;
  const lines = [
    `**ARN** \`${value}\``,
    '',
    '| field | value |',
    '|---|---|',
    `| partition | ${field(arn.partition, 'none')}${partition ? ` — ${partition}` : ''} |`,
    `| service | ${field(arn.service, 'none')}${service ? ` — ${service}` : ''} |`,
    `| Region | ${field(arn.region, 'this resource type has no Region')} |`,
    `| account | ${field(arn.account, 'no account')} |`,
    `| resource | ${field(arn.resource, 'none')} |`,
  ];
  const fitting = isOpenField(arn.service) ? [] : templatesOfService(arn.service).filter((t) => arnFitsTemplate(arn, t));
  if (fitting.length) {
    lines.push('', `Matches resource type${fitting.length > 1 ? 's' : ''}:`);
    for (const t of fitting.slice(0, 8)) lines.push(`- **${t.resourceType}** \`${t.arn}\``);
    if (fitting.length > 8) lines.push(`- … and ${fitting.length - 8} more`);
  } else if (service) {
    lines.push('', `Matches none of the resource types of ${service}.`);
  }
  return lines.join('\n');
}

// --- completion ------------------------------------------------------------------------------------

export const iamChecksCompletion: CompletionProvider = {
  complete(context) {
    const place = statementPlace(context);
    if (!place) return undefined;
    const [element, first] = place.rest;
    if (element === 'Condition' && context.onKey) {
      if (place.rest.length === 2) return operatorEntries(context);
      if (place.rest.length === 3 && typeof first === 'string')
        return place.statement ? conditionKeyEntries(context, place.statement) : undefined;
      return undefined;
    }
    if (context.onKey) return undefined;
    if (element === 'Principal' && first === 'Service' && place.rest.length <= 3)
      return principalEntries(context.subject.kind === 'trust-policy');
    if ((element === 'Resource' || element === 'NotResource') && place.rest.length <= 2 && place.statement)
      return arnEntries(place.statement);
    return undefined;
  },
};

/** Whether the key at the cursor already has a value: then only the key text is replaced. */
function keyHasValue(context: PositionContext): boolean {
  const root = context.document.root;
  const node = root && findNodeAtOffset(root, context.offset, true);
  return node?.type === 'string' && node.parent?.type === 'property' && node.parent.children?.[1] !== undefined;
}

function propertyEntry(context: PositionContext, key: string, snippetValue: string, fields: Partial<CompletionEntry>): CompletionEntry {
  const keyOnly = keyHasValue(context);
  return {
    label: JSON.stringify(key),
    insertText: keyOnly ? JSON.stringify(key) : `${JSON.stringify(key)}: ${snippetValue}`,
    snippet: !keyOnly,
    kind: 'property',
    ...fields,
  };
}

function operatorEntries(context: PositionContext): CompletionEntry[] {
  const names = [...allOperatorNames()];
  for (const qualifier of SET_QUALIFIERS) {
    for (const base of Object.keys(BASE_OPERATORS))
      if (BASE_OPERATORS[base] === 'String' || BASE_OPERATORS[base] === 'Arn') names.push(`${qualifier}:${base}`);
  }
  return names.map((name, i) => {
    const operator = operatorOf(name)!;
    return propertyEntry(context, name, '{\n\t"$1": "$2"\n}', {
      description: `${operator.family}${operator.ifExists ? ', IfExists' : ''}${operator.qualifier ? `, ${operator.qualifier}` : ''}`,
      documentation: operatorHover(name),
      sortText: String(i).padStart(3, '0'),
    });
  });
}

/** `aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`, `.../tag-key` → a snippet with the name part as a placeholder. */
function keySnippet(key: string): { text: string; snippet: boolean } {
  let n = 0;
  const text = key
    .replace(/\$\{([^}]*)\}|<([^<>]*)>/g, (_, a: string | undefined, b: string | undefined) => `\${${++n}:${a ?? b}}`)
    .replace(/\/tag-key$/i, () => `/\${${++n}:tag-key}`);
  return { text, snippet: n > 0 };
}

function conditionKeyEntries(context: PositionContext, statement: Statement): CompletionEntry[] {
  const granted = statementActions(statement);
  const seen = new Map<string, CompletionEntry>();
  const add = (key: string, type: string, description: string, sort: string) => {
    const lower = key.toLowerCase();
    if (seen.has(lower)) return;
    const { text, snippet } = keySnippet(key);
    const keyOnly = keyHasValue(context);
    seen.set(lower, {
      label: JSON.stringify(key),
      description: type,
      documentation: description || undefined,
      insertText: keyOnly ? JSON.stringify(text) : `${JSON.stringify(text)}: "$0"`,
      snippet: snippet || !keyOnly,
      kind: 'property',
      sortText: `${sort}${lower}`,
    });
  };
  for (const a of granted.actions) {
    const keys = conditionKeys(a.service);
    for (const key of actionConditionKeys(a.service, a.name)) {
      const details = keys?.get(key.toLowerCase());
      add(key, details?.type ?? '', details?.description ?? '', '0');
    }
  }
  if (granted.open) {
    for (const service of granted.services)
      for (const key of conditionKeys(service)?.values() ?? []) add(key.key, key.type, key.description, '1');
  }
  for (const key of globalConditionKeys()) add(key.key, key.type, key.description, '2');
  return [...seen.values()];
}

function principalEntries(trust: boolean): CompletionEntry[] {
  return servicePrincipals().map((name) => {
    const documented = documentedPrincipal(name);
    const first = trust && name === ECS_TASKS_PRINCIPAL;
    return {
      label: JSON.stringify(name),
      description: documented?.about,
      insertText: JSON.stringify(name),
      kind: 'value',
      sortText: `${first ? '0' : documented ? '1' : '2'}${name}`,
      preselect: first || undefined,
    };
  });
}

/** `arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}` → a snippet, partition filled with aws. */
export function arnSnippet(template: string): string {
  let n = 0;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const close = template.startsWith('${', i) ? template.indexOf('}', i) : -1;
    if (close > i) {
      const name = template.slice(i + 2, close);
      out += `\${${++n}:${name === 'Partition' ? 'aws' : name}}`;
      i = close;
    } else {
      const c = template[i];
      out += c === '$' || c === '}' || c === '\\' ? `\\${c}` : c;
    }
  }
  return out;
}

function arnEntries(statement: Statement): CompletionEntry[] {
  const entries: CompletionEntry[] = [{ label: '"*"', description: 'every resource', insertText: '"*"', kind: 'value', sortText: '0' }];
  const seen = new Set<string>();
  for (const a of statementActions(statement).actions) {
    for (const type of a.resourceTypes) {
      const arn = resourceType(a.service, type.name)?.arn;
      if (!arn || seen.has(arn)) continue;
      seen.add(arn);
      entries.push({
        label: JSON.stringify(arn),
        description: `${a.service} ${type.name}`,
        detail: `for ${a.service}:${a.name}${type.required ? '' : ' (optional)'}`,
        insertText: `"${arnSnippet(arn)}"`,
        snippet: true,
        kind: 'value',
        sortText: `1${a.service}:${type.name}`,
      });
    }
  }
  return entries;
}
