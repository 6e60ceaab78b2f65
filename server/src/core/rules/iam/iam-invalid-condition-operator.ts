// Condition operator names are a closed, case-sensitive list; IAM rejects a policy with any other name
// ("Invalid Condition type"), with IfExists on Null, or with a set qualifier other than ForAllValues/ForAnyValue.
import { POLICY_SUBJECTS } from '../../model';
import { isObject } from '../../json';
import { type OperatorProblem, SET_QUALIFIERS, allOperatorNames, parseOperator } from '../../iam/conditions';
import { suggestions as near } from '../../iam/suggest';
import { statementsOf } from '../../iam/policy';
import { rename } from '../../model';
import type { Rule } from '../../rule';

interface Data {
  operator: string;
  suggestions: string[];
}

export const iamInvalidConditionOperator: Rule<Data> = {
  meta: {
    id: 'iam-invalid-condition-operator',
    title: 'Condition operators must be valid IAM operator names',
    defaultSeverity: 'error',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const statement of statementsOf(subject.value)) {
      const condition = statement.value.Condition;
      if (!isObject(condition)) continue;
      for (const name of Object.keys(condition)) {
        const parsed = parseOperator(name);
        if ('operator' in parsed) continue;
        const suggestions = suggestOperators(name, parsed.problem);
        const hint = suggestions.length ? ` Did you mean ${JSON.stringify(suggestions[0])}?` : '';
        report({
          path: [...statement.path, 'Condition', name],
          target: 'key',
          message: `${describe(name, parsed.problem)}${hint}`,
          data: { operator: name, suggestions },
        });
      }
    }
  },
  fix({ path, data }) {
    if (!data) return [];
    const { suggestions } = data;
    return suggestions.map((suggestion, i) => ({
      title: `Change to ${JSON.stringify(suggestion)}`,
      isPreferred: i === 0,
      edits: [rename(path, suggestion)],
    }));
  },
};

function describe(name: string, problem: OperatorProblem): string {
  switch (problem.kind) {
    case 'null-if-exists':
      return `${JSON.stringify(name)}: the Null operator cannot take the IfExists suffix (Null already tests whether the key is present). IAM rejects the policy.`;
    case 'unknown-qualifier':
      return `${JSON.stringify(name)}: ${JSON.stringify(`${problem.qualifier}:`)} is not a set qualifier; only "ForAllValues:" and "ForAnyValue:" are. IAM rejects the policy.`;
    case 'unknown-operator':
      return `${JSON.stringify(problem.operator)} is not a condition operator (names are case-sensitive). IAM rejects the policy.`;
  }
}

/**
 * Valid names close to `name`, best first (at most three).
 * @internal Exported for tests.
 */
export function suggestOperators(name: string, problem: OperatorProblem): string[] {
  const colon = name.indexOf(':');
  const qualifierText = colon >= 0 ? name.slice(0, colon) : undefined;
  const operatorText = colon >= 0 ? name.slice(colon + 1) : name;
  if (problem.kind === 'null-if-exists') return [name.slice(0, -'IfExists'.length)];
  const qualifiers =
    qualifierText === undefined
      ? [undefined]
      : problem.kind === 'unknown-qualifier'
        ? near(qualifierText, SET_QUALIFIERS, { max: 4, limit: 1 }).map((s) => s.name)
        : [qualifierText];
  if (qualifiers.length === 0) return [];
  const operatorValid = 'operator' in parseOperator(operatorText);
  const operators = operatorValid ? [operatorText] : nearestOperators(operatorText);
  const suggestions: string[] = [];
  for (const q of qualifiers) for (const o of operators) suggestions.push(q ? `${q}:${o}` : o);
  return suggestions.slice(0, 3);
}

function nearestOperators(text: string): string[] {
  if (text.endsWith('IfExists') && text.slice(0, -'IfExists'.length) === 'Null') return ['Null'];
  return near(text, allOperatorNames(), { max: Math.max(2, Math.floor(text.length / 4)), limit: 3 }).map((s) => s.name);
}
