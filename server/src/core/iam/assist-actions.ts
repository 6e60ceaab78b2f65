// Hover and completion on Action / NotAction values: what an action does (access level, resource types,
// condition keys, a link to the Service Authorization Reference), what a wildcard action grants, and the
// services, actions and verb wildcards to choose from.
import type { CompletionEntry, CompletionProvider, HoverProvider, PositionContext } from '../position';
import {
  type IamAction,
  action,
  actionsOf,
  matchingActions,
  resourceType,
  serviceKeys,
  serviceName,
  serviceReferenceUrl,
  splitAction,
} from './data';
import { type PolicyPlace, policyPlace } from './policy-place';
import { hasWildcard } from './wildcard';

const WILDCARD_LIST_LIMIT = 20;

const isActionKey = (key: unknown) => key === 'Action' || key === 'NotAction';

/** The cursor is on an Action/NotAction value (a string, or an entry of the array). */
function onActionValue(place: PolicyPlace, context: PositionContext): boolean {
  if (place.level !== 'statement' || context.onKey || !isActionKey(place.rest[0])) return false;
  return place.rest.length === 1 || (place.rest.length === 2 && typeof place.rest[1] === 'number');
}

export const iamActionHover: HoverProvider = {
  hover(context) {
    const place = policyPlace(context);
    if (!place || !onActionValue(place, context) || typeof context.value !== 'string') return undefined;
    return actionHover(context.value);
  },
};

function actionHover(value: string): string | undefined {
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
  const url = serviceReferenceUrl(a.service, a.name);
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
  const url = single ? serviceReferenceUrl(parts.service) : undefined;
  if (url) lines.push('', `[Service Authorization Reference](${url})`);
  return lines.join('\n');
}

export const iamActionCompletion: CompletionProvider = {
  complete(context) {
    const place = policyPlace(context);
    return place && onActionValue(place, context) ? actionEntries(typedText(context)) : undefined;
  },
};

/** The text of the string at the cursor, from its opening quote up to the cursor. */
function typedText(context: PositionContext): string {
  return typeof context.value === 'string' ? (context.prefix ?? '') : '';
}

const value = (text: string) => JSON.stringify(text);

function actionEntries(typed: string): CompletionEntry[] {
  const parts = splitAction(typed);
  if (!parts) {
    const all: CompletionEntry = {
      label: '"*"',
      description: 'every action of every service',
      insertText: '"*"',
      value: '*',
      kind: 'value',
      sortText: '0',
    };
    return [
      all,
      ...serviceKeys().map((key): CompletionEntry => ({
        label: value(key),
        description: serviceName(key),
        insertText: `"${key}:$1"`,
        value: `${key}:`,
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
      value: `${service}:${a.name}`,
      kind: 'value',
      sortText: `1${a.name}`,
    }));
  entries.push({
    label: value(`${service}:*`),
    description: `all ${actions.size} actions`,
    insertText: value(`${service}:*`),
    value: `${service}:*`,
    kind: 'value',
    sortText: '0',
  });
  for (const [verb, count] of verbs(actions.values())) {
    entries.push({
      label: value(`${service}:${verb}*`),
      description: `${count} actions`,
      insertText: value(`${service}:${verb}*`),
      value: `${service}:${verb}*`,
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
