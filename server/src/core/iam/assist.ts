// Hover and completion in IAM policies: actions (what they do, their access level, resource types and
// condition keys, a link to the Service Authorization Reference), wildcard actions (what they grant),
// Version and Effect, and the keys of a policy and of a statement.
import { findNodeAtOffset } from 'jsonc-parser';
import type { JsonPath } from '../json';
import type { CompletionEntry, CompletionProvider, HoverProvider, PositionContext } from '../position';
import { type IamAction, action, actionsOf, docsUrl, matchingActions, resourceType, serviceKeys, serviceName, splitAction } from './data';
import { hasWildcard } from './wildcard';

const POLICY_KINDS = new Set(['identity-policy', 'trust-policy', 'resource-policy']);
const WILDCARD_LIST_LIMIT = 20;

/** Where in a policy the cursor is: at policy level, or inside a statement (path after the statement). */
interface PolicyPlace {
  level: 'policy' | 'statement';
  /** Relative to the policy (level policy) or to the statement. */
  rest: JsonPath;
  statementPath?: JsonPath;
}

function placeOf(context: PositionContext): PolicyPlace | undefined {
  if (!POLICY_KINDS.has(context.subject.kind)) return undefined;
  const rel = context.relativePath;
  if (rel[0] !== 'Statement' || rel.length === 1) return { level: 'policy', rest: rel };
  if (typeof rel[1] === 'number') {
    // ['Statement', i] is a place in the array (where a new statement goes), not inside a statement.
    return rel.length === 2 ? { level: 'policy', rest: rel } : { level: 'statement', rest: rel.slice(2), statementPath: rel.slice(0, 2) };
  }
  return { level: 'statement', rest: rel.slice(1), statementPath: ['Statement'] };
}

const isActionKey = (key: unknown) => key === 'Action' || key === 'NotAction';

/** The cursor is on an Action/NotAction value (a string, or an entry of the array). */
function onActionValue(place: PolicyPlace, context: PositionContext): boolean {
  if (place.level !== 'statement' || context.onKey || !isActionKey(place.rest[0])) return false;
  return place.rest.length === 1 || (place.rest.length === 2 && typeof place.rest[1] === 'number');
}

// --- hover -----------------------------------------------------------------------------------------

export const iamHover: HoverProvider = {
  hover(context) {
    const place = placeOf(context);
    if (!place) return undefined;
    if (onActionValue(place, context) && context.node?.type === 'string') return actionHover(String(context.node.value));
    const key = place.rest.length === 1 ? place.rest[0] : undefined;
    if (place.level === 'policy' && key === 'Version') return VERSION_MARKDOWN;
    if (place.level === 'statement' && key === 'Effect') return EFFECT_MARKDOWN;
    return undefined;
  },
};

export function actionHover(value: string): string | undefined {
  if (value.trim() === '*') return '**`*`**: every action of every AWS service.';
  const parts = splitAction(value);
  if (!parts) return undefined;
  if (hasWildcard(value)) return wildcardHover(value);
  const found = action(parts.service, parts.name);
  return found ? actionMarkdown(found) : undefined;
}

function actionMarkdown(a: IamAction): string {
  const lines: string[] = [];
  lines.push(`**${a.service}:${a.name}** — ${serviceName(a.service) ?? a.service}`, '');
  if (a.description) lines.push(a.description, '');
  lines.push(`Access level: **${a.accessLevels.join(', ') || 'unknown'}**`, '');
  if (a.isWildcardOnly) {
    lines.push(
      'Resource types: none — this action does not take resource-level permissions, so its statement needs `"Resource": "*"`.',
      '',
    );
  } else {
    lines.push('| resource type | required | ARN |', '|---|---|---|');
    for (const r of a.resourceTypes) {
      const arn = resourceType(a.service, r.name)?.arn;
      lines.push(`| ${r.name} | ${r.required ? 'yes' : ''} | ${arn ? `\`${arn}\`` : ''} |`);
    }
    lines.push('');
  }
  const keys = new Set([...a.conditionKeys, ...a.resourceTypes.flatMap((r) => r.conditionKeys)]);
  if (keys.size) lines.push(`Condition keys: ${[...keys].map((k) => `\`${k}\``).join(', ')}`, '');
  const dependent = new Set([...a.dependentActions, ...a.resourceTypes.flatMap((r) => r.dependentActions)]);
  if (dependent.size) lines.push(`Also needs: ${[...dependent].map((d) => `\`${d}\``).join(', ')}`, '');
  const url = docsUrl(a.service, a.name);
  if (url) lines.push(`[Service Authorization Reference](${url})`);
  return lines.join('\n').trimEnd();
}

function wildcardHover(value: string): string {
  const parts = splitAction(value)!;
  if (parts.service.replace(/\*/g, '') === '')
    return `**\`${value}\`**: actions of every AWS service whose name matches \`${parts.name}\`.`;
  const matched = matchingActions(value).sort((a, b) => `${a.service}:${a.name}`.localeCompare(`${b.service}:${b.name}`));
  const single = !hasWildcard(parts.service);
  const title = single ? `${serviceName(parts.service) ?? parts.service}` : 'several services';
  if (matched.length === 0) return `**\`${value}\`** matches no action of ${title}.`;
  const lines = [`**\`${value}\`** grants ${matched.length} action${matched.length === 1 ? '' : 's'} of ${title}:`, ''];
  for (const a of matched.slice(0, WILDCARD_LIST_LIMIT)) lines.push(`- \`${a.service}:${a.name}\` (${a.accessLevels.join(', ')})`);
  if (matched.length > WILDCARD_LIST_LIMIT) lines.push(`- … and ${matched.length - WILDCARD_LIST_LIMIT} more`);
  const url = single ? docsUrl(parts.service) : undefined;
  if (url) lines.push('', `[Service Authorization Reference](${url})`);
  return lines.join('\n');
}

const VERSION_MARKDOWN = [
  '**Version** — the version of the policy language, not a date of your choosing.',
  '',
  '- `2012-10-17`: the current version; use it for every new policy.',
  '- `2008-10-17`: the original version. Policy variables such as `${aws:username}` are not replaced in it, and newer features are missing.',
  '',
  'Without `Version`, IAM reads the policy as `2008-10-17`.',
].join('\n');

const EFFECT_MARKDOWN = [
  '**Effect** — `"Allow"` or `"Deny"`, written exactly so.',
  '',
  'A request is allowed only when some statement allows it and no statement denies it: an explicit `Deny` always wins, and anything not allowed is denied.',
].join('\n');

// --- completion ------------------------------------------------------------------------------------

export const iamCompletion: CompletionProvider = {
  complete(context) {
    const place = placeOf(context);
    if (!place) return undefined;
    if (onActionValue(place, context)) return actionEntries(typedText(context));
    if (context.onKey) {
      if (place.level === 'policy' && place.rest.length === 1) return keyEntries(POLICY_KEY_SNIPPETS(context.subject.kind), context);
      if (place.level === 'statement' && place.rest.length === 1)
        return keyEntries(STATEMENT_KEY_SNIPPETS, context, statementKeys(context, place));
      return undefined;
    }
    if (place.level === 'policy' && place.rest.length === 1 && place.rest[0] === 'Version') return VERSION_ENTRIES;
    if (place.level === 'statement' && place.rest.length === 1 && place.rest[0] === 'Effect') return EFFECT_ENTRIES;
    if (
      place.level === 'policy' &&
      place.rest.length === 2 &&
      place.rest[0] === 'Statement' &&
      typeof place.rest[1] === 'number' &&
      !context.node
    ) {
      return [statementSnippet(context.subject.kind)];
    }
    return undefined;
  },
};

/** The text of the string at the cursor, from its opening quote up to the cursor. */
function typedText(context: PositionContext): string {
  const node = context.node;
  if (node?.type !== 'string') return '';
  return context.document.text.slice(node.offset + 1, Math.min(context.offset, node.offset + node.length - 1));
}

const value = (text: string) => JSON.stringify(text);

function actionEntries(typed: string): CompletionEntry[] {
  const parts = splitAction(typed);
  if (!parts) {
    const all: CompletionEntry = {
      label: '"*"',
      description: 'every action of every service',
      insertText: '"*"',
      kind: 'value',
      sortText: '0',
    };
    return [
      all,
      ...serviceKeys().map((key): CompletionEntry => ({
        label: value(key),
        description: serviceName(key),
        insertText: `"${key}:$1"`,
        snippet: true,
        kind: 'value',
        sortText: `1${key}`,
      })),
    ];
  }
  const actions = actionsOf(parts.service);
  if (!actions) return [];
  const service = parts.service.toLowerCase();
  const entries: CompletionEntry[] = [...actions.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => ({
      label: value(`${service}:${a.name}`),
      description: a.accessLevel,
      documentation: a.description,
      insertText: value(`${service}:${a.name}`),
      kind: 'value',
      sortText: `1${a.name}`,
    }));
  entries.push({
    label: value(`${service}:*`),
    description: `all ${actions.size} actions`,
    insertText: value(`${service}:*`),
    kind: 'value',
    sortText: '0',
  });
  for (const [verb, count] of verbs(actions.values())) {
    entries.push({
      label: value(`${service}:${verb}*`),
      description: `${count} actions`,
      insertText: value(`${service}:${verb}*`),
      kind: 'value',
      sortText: `2${verb}`,
    });
  }
  return entries;
}

/** Leading words of action names (Get, List, Describe, ...) shared by at least two actions. */
function verbs(actions: Iterable<IamAction>): [string, number][] {
  const counts = new Map<string, number>();
  for (const a of actions) {
    const verb = /^[A-Z][a-z]+/.exec(a.name)?.[0];
    if (verb) counts.set(verb, (counts.get(verb) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2).sort(([a], [b]) => a.localeCompare(b));
}

const VERSION_ENTRIES: CompletionEntry[] = [
  {
    label: '"2012-10-17"',
    description: 'current policy language',
    insertText: '"2012-10-17"',
    kind: 'value',
    sortText: '0',
    preselect: true,
  },
  { label: '"2008-10-17"', description: 'legacy; no policy variables', insertText: '"2008-10-17"', kind: 'value', sortText: '1' },
];

const EFFECT_ENTRIES: CompletionEntry[] = [
  { label: '"Allow"', insertText: '"Allow"', kind: 'value', sortText: '0' },
  { label: '"Deny"', description: 'wins over any Allow', insertText: '"Deny"', kind: 'value', sortText: '1' },
];

type KeySnippets = [key: string, snippet: string, description: string][];

const STATEMENT_BODY = (kind: string) =>
  kind === 'trust-policy'
    ? '"Effect": "Allow",\n\t"Principal": { "Service": "${1:ecs-tasks.amazonaws.com}" },\n\t"Action": "sts:AssumeRole"'
    : '"Effect": "${1|Allow,Deny|}",\n\t"Action": [\n\t\t"$2"\n\t],\n\t"Resource": [\n\t\t"${3:*}"\n\t]';

function statementSnippet(kind: string): CompletionEntry {
  return {
    label: 'New statement',
    description: kind === 'trust-policy' ? 'trust: who may assume the role' : 'Effect, Action, Resource',
    insertText: `{\n\t${STATEMENT_BODY(kind)}\n}`,
    snippet: true,
    kind: 'value',
    sortText: '0',
  };
}

const POLICY_KEY_SNIPPETS = (kind: string): KeySnippets => [
  ['Version', '"Version": "2012-10-17"', 'policy language version'],
  ['Statement', `"Statement": [\n\t{\n\t\t${STATEMENT_BODY(kind).replace(/\n/g, '\n\t')}\n\t}\n]`, 'the statements, with a first one'],
  ['Id', '"Id": "$1"', 'optional policy id (resource-based policies)'],
];

const STATEMENT_KEY_SNIPPETS: KeySnippets = [
  ['Sid', '"Sid": "$1"', 'statement id: letters and digits'],
  ['Effect', '"Effect": "${1|Allow,Deny|}"', 'Allow or Deny'],
  ['Action', '"Action": [\n\t"$1"\n]', 'the actions it covers'],
  ['NotAction', '"NotAction": [\n\t"$1"\n]', 'every action except these'],
  ['Resource', '"Resource": [\n\t"$1"\n]', 'the resources it covers'],
  ['NotResource', '"NotResource": [\n\t"$1"\n]', 'every resource except these'],
  ['Principal', '"Principal": { "${1|AWS,Service,Federated|}": "$2" }', 'trust and resource-based policies'],
  ['NotPrincipal', '"NotPrincipal": { "AWS": "$1" }', 'resource-based policies, with Deny'],
  ['Condition', '"Condition": {\n\t"${1:StringEquals}": {\n\t\t"$2": "$3"\n\t}\n}', 'when the statement applies'],
];

function statementKeys(context: PositionContext, place: PolicyPlace): string[] {
  let statement: unknown = context.subject.value;
  for (const segment of place.statementPath ?? []) statement = (statement as Record<string | number, unknown> | undefined)?.[segment];
  return statement && typeof statement === 'object' ? Object.keys(statement) : [];
}

/** Keys not yet present; the whole property when the key has no value yet, else the key alone. */
function keyEntries(snippets: KeySnippets, context: PositionContext, present: string[] = topLevelKeys(context)): CompletionEntry[] {
  const root = context.document.root;
  const keyNode = root && findNodeAtOffset(root, context.offset, true);
  const current = keyNode?.type === 'string' && keyNode.parent?.type === 'property' ? keyNode.parent : undefined;
  const hasValue = !!current?.children?.[1];
  const currentKey = current?.children?.[0]?.value;
  return snippets
    .filter(([key]) => key === currentKey || !present.includes(key))
    .map(([key, snippet, description], i) => ({
      label: value(key),
      description,
      insertText: hasValue ? value(key) : snippet,
      snippet: !hasValue,
      kind: 'property',
      sortText: String(i).padStart(2, '0'),
    }));
}

function topLevelKeys(context: PositionContext): string[] {
  const policy = context.subject.value;
  return policy && typeof policy === 'object' ? Object.keys(policy) : [];
}
