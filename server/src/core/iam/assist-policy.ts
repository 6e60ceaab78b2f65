// Hover and completion for the grammar of a policy: Version and Effect (what they mean, their values), the
// keys of a policy and of a statement, and a new statement (a trust statement in a trust policy).
import type { CompletionEntry, CompletionProvider, HoverProvider, PositionContext } from '../position';
import { type PolicyPlace, policyPlace } from './policy-place';

export const iamPolicyHover: HoverProvider = {
  hover(context) {
    const place = policyPlace(context);
    const key = place?.rest.length === 1 ? place.rest[0] : undefined;
    if (place?.level === 'policy' && key === 'Version') return VERSION_MARKDOWN;
    if (place?.level === 'statement' && key === 'Effect') return EFFECT_MARKDOWN;
    return undefined;
  },
};

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

export const iamPolicyCompletion: CompletionProvider = {
  complete(context) {
    const place = policyPlace(context);
    if (!place) return undefined;
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
      context.value === undefined
    ) {
      return [statementSnippet(context.subject.kind)];
    }
    return undefined;
  },
};

const value = (text: string) => JSON.stringify(text);

const VERSION_ENTRIES: CompletionEntry[] = [
  {
    label: '"2012-10-17"',
    description: 'current policy language',
    insertText: '"2012-10-17"',
    value: '2012-10-17',
    kind: 'value',
    sortText: '0',
    preselect: true,
  },
  {
    label: '"2008-10-17"',
    description: 'legacy; no policy variables',
    insertText: '"2008-10-17"',
    value: '2008-10-17',
    kind: 'value',
    sortText: '1',
  },
];

const EFFECT_ENTRIES: CompletionEntry[] = [
  { label: '"Allow"', insertText: '"Allow"', value: 'Allow', kind: 'value', sortText: '0' },
  { label: '"Deny"', description: 'wins over any Allow', insertText: '"Deny"', value: 'Deny', kind: 'value', sortText: '1' },
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
  const hasValue = context.key?.hasValue ?? false;
  const currentKey = context.key?.name;
  return snippets
    .filter(([key]) => key === currentKey || !present.includes(key))
    .map(([key, snippet, description], i) => ({
      label: value(key),
      description,
      insertText: hasValue ? value(key) : snippet,
      value: { [key]: '' },
      snippet: !hasValue,
      kind: 'property',
      sortText: String(i).padStart(2, '0'),
    }));
}

function topLevelKeys(context: PositionContext): string[] {
  const policy = context.subject.value;
  return policy && typeof policy === 'object' ? Object.keys(policy) : [];
}
