// IAM condition operators: the fixed list, how an operator name is built (set qualifier, base operator,
// IfExists), and the condition entries of a statement with their JSON paths.
// Source: IAM User Guide, "IAM JSON policy elements: Condition operators" (reference_policies_elements_condition_operators).
import { type JsonPath, isObject } from '../json';
import { type Statement, statementsOf } from './policy';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export const BASE_OPERATORS: Readonly<Record<string, OperatorFamily>> = {
  StringEquals: 'String',
  StringNotEquals: 'String',
  StringEqualsIgnoreCase: 'String',
  StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String',
  StringNotLike: 'String',
  NumericEquals: 'Numeric',
  NumericNotEquals: 'Numeric',
  NumericLessThan: 'Numeric',
  NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric',
  NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date',
  DateNotEquals: 'Date',
  DateLessThan: 'Date',
  DateLessThanEquals: 'Date',
  DateGreaterThan: 'Date',
  DateGreaterThanEquals: 'Date',
  Bool: 'Bool',
  BinaryEquals: 'Binary',
  IpAddress: 'IpAddress',
  NotIpAddress: 'IpAddress',
  ArnEquals: 'Arn',
  ArnLike: 'Arn',
  ArnNotEquals: 'Arn',
  ArnNotLike: 'Arn',
  Null: 'Null',
};

export const SET_QUALIFIERS = ['ForAllValues', 'ForAnyValue'] as const;
type SetQualifier = (typeof SET_QUALIFIERS)[number];

export interface Operator {
  text: string;
  qualifier?: SetQualifier;
  base: string;
  family: OperatorFamily;
  ifExists: boolean;
  /** The operator matches when the value is absent or different (StringNotEquals, ArnNotLike, NotIpAddress, ...). */
  negated: boolean;
  /** `*` and `?` are wildcards in its values (StringLike, StringNotLike, ArnLike, ArnNotLike; ArnEquals too). */
  wildcards: boolean;
}

export type OperatorProblem =
  { kind: 'unknown-operator'; operator: string } | { kind: 'unknown-qualifier'; qualifier: string } | { kind: 'null-if-exists' };

/** Parses `ForAnyValue:StringLikeIfExists` into its parts, or says what is wrong with the name (case-sensitive, as IAM is). */
export function parseOperator(text: string): { operator: Operator } | { problem: OperatorProblem } {
  const colon = text.indexOf(':');
  let qualifier: SetQualifier | undefined;
  let rest = text;
  if (colon >= 0) {
    const prefix = text.slice(0, colon);
    if (!(SET_QUALIFIERS as readonly string[]).includes(prefix)) return { problem: { kind: 'unknown-qualifier', qualifier: prefix } };
    qualifier = prefix as SetQualifier;
    rest = text.slice(colon + 1);
  }
  let base = rest;
  let ifExists = false;
  if (!Object.hasOwn(BASE_OPERATORS, base) && base.endsWith('IfExists')) {
    base = base.slice(0, -'IfExists'.length);
    ifExists = true;
  }
  if (!Object.hasOwn(BASE_OPERATORS, base)) return { problem: { kind: 'unknown-operator', operator: rest } };
  if (base === 'Null' && ifExists) return { problem: { kind: 'null-if-exists' } };
  const family = BASE_OPERATORS[base];
  return {
    operator: {
      text,
      qualifier,
      base,
      family,
      ifExists,
      negated: /Not/.test(base),
      wildcards: base.endsWith('Like') || family === 'Arn',
    },
  };
}

export function operatorOf(text: string): Operator | undefined {
  const parsed = parseOperator(text);
  return 'operator' in parsed ? parsed.operator : undefined;
}

/** Every valid operator name without a set qualifier: the 27 base operators and the IfExists forms. */
export function allOperatorNames(): string[] {
  const names: string[] = [];
  for (const base of Object.keys(BASE_OPERATORS)) {
    names.push(base);
    if (base !== 'Null') names.push(`${base}IfExists`);
  }
  return names;
}

/** One `"key": value` entry of a condition block, with its values flattened and their paths. */
export interface ConditionEntry {
  statement: Statement;
  operatorText: string;
  /** Undefined when the operator name is not valid. */
  operator?: Operator;
  /** Path of the operator's block (relative to the policy). */
  operatorPath: JsonPath;
  key: string;
  keyPath: JsonPath;
  /** The raw value: a scalar or an array of scalars. */
  value: unknown;
  values: { value: unknown; path: JsonPath }[];
}

/** Every condition entry of every statement of a policy. */
export function policyConditionEntries(policy: unknown): ConditionEntry[] {
  return statementsOf(policy).flatMap(conditionEntries);
}

export function conditionEntries(statement: Statement): ConditionEntry[] {
  const condition = statement.condition;
  if (!condition) return [];
  const entries: ConditionEntry[] = [];
  for (const [operatorText, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    const operatorPath = [...statement.path, 'Condition', operatorText];
    const operator = operatorOf(operatorText);
    for (const [key, value] of Object.entries(block)) {
      const keyPath = [...operatorPath, key];
      const values = Array.isArray(value) ? value.map((v, i) => ({ value: v, path: [...keyPath, i] })) : [{ value, path: keyPath }];
      entries.push({ statement, operatorText, operator, operatorPath, key, keyPath, value, values });
    }
  }
  return entries;
}
