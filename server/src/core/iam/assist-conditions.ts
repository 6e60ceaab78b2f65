// Hover and completion in a statement's Condition block: what an operator does (family, negation,
// IfExists, set qualifiers), what a condition key is (type, global or of a service), the operators to
// choose from, and the condition keys of the statement's actions plus the global keys.
import type { CompletionEntry, CompletionProvider, HoverProvider, PositionContext } from '../position';
import { BASE_OPERATORS, type Operator, SET_QUALIFIERS, allOperatorNames, operatorOf } from './conditions';
import { baseType, judgeConditionKey } from './condition-keys';
import { actionConditionKeys, conditionKeys, globalConditionKeys, serviceExists, serviceName } from './data';
import { statementActions } from './grants';
import type { Statement } from './policy';
import { statementPlace } from './policy-place';

export const iamConditionHover: HoverProvider = {
  hover(context) {
    const place = statementPlace(context);
    const [element, first, second] = place?.rest ?? [];
    if (!place || element !== 'Condition' || !context.onKey) return undefined;
    if (place.rest.length === 2 && typeof first === 'string') return operatorHover(first);
    if (place.rest.length === 3 && typeof second === 'string') return conditionKeyHover(second);
    return undefined;
  },
};

export const iamConditionCompletion: CompletionProvider = {
  complete(context) {
    const place = statementPlace(context);
    const [element, first] = place?.rest ?? [];
    if (!place || element !== 'Condition' || !context.onKey) return undefined;
    if (place.rest.length === 2) return operatorEntries(context);
    if (place.rest.length === 3 && typeof first === 'string')
      return place.statement ? conditionKeyEntries(context, place.statement) : undefined;
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

function operatorHover(name: string): string | undefined {
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

function conditionKeyHover(name: string): string | undefined {
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

function propertyEntry(context: PositionContext, key: string, snippetValue: string, fields: Partial<CompletionEntry>): CompletionEntry {
  const keyOnly = context.key?.hasValue ?? false;
  return {
    label: JSON.stringify(key),
    insertText: keyOnly ? JSON.stringify(key) : `${JSON.stringify(key)}: ${snippetValue}`,
    value: { [key]: '' },
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
    const keyOnly = context.key?.hasValue ?? false;
    seen.set(lower, {
      label: JSON.stringify(key),
      description: type,
      documentation: description || undefined,
      insertText: keyOnly ? JSON.stringify(text) : `${JSON.stringify(text)}: "$0"`,
      value: { [key]: '' },
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
