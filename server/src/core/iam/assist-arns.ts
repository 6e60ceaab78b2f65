// Hover and completion on a statement's Resource / NotResource values: an ARN field by field with the
// resource types it matches, and the ARN templates of the statement's actions as snippets.
import { parseArn } from '../arn';
import type { CompletionEntry, CompletionProvider, HoverProvider } from '../position';
import { PARTITIONS, arnFitsTemplate, isOpenField } from './arn';
import { templatesOfService } from './arn-templates';
import { resourceType, serviceExists, serviceName } from './data';
import { statementActions } from './grants';
import type { Statement } from './policy';
import { statementPlace } from './policy-place';

const onResource = (element: unknown) => element === 'Resource' || element === 'NotResource';

export const iamArnHover: HoverProvider = {
  hover(context) {
    const place = statementPlace(context);
    const value = typeof context.value === 'string' ? context.value : undefined;
    if (!place || context.onKey || value === undefined || !onResource(place.rest[0]) || place.rest.length > 2) return undefined;
    return arnHover(value);
  },
};

export const iamArnCompletion: CompletionProvider = {
  complete(context) {
    const place = statementPlace(context);
    if (!place?.statement || context.onKey || !onResource(place.rest[0]) || place.rest.length > 2) return undefined;
    return arnEntries(place.statement);
  },
};

function arnHover(value: string): string | undefined {
  if (value === '*') return "**`*`** — every resource the statement's actions act on.";
  const arn = parseArn(value);
  if (!arn) return undefined;
  const field = (text: string, empty: string) =>
    text === '' ? `*(empty: ${empty})*` : isOpenField(text) ? `\`${text}\` (any matching)` : `\`${text}\``;
  const partition = Object.hasOwn(PARTITIONS, arn.partition) ? PARTITIONS[arn.partition] : undefined;
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

/** `arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}` → a snippet, partition filled with aws. */
function arnSnippet(template: string): string {
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
  const entries: CompletionEntry[] = [
    { label: '"*"', description: 'every resource', insertText: '"*"', value: '*', kind: 'value', sortText: '0' },
  ];
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
        value: arn,
        snippet: true,
        kind: 'value',
        sortText: `1${a.service}:${type.name}`,
      });
    }
  }
  return entries;
}
