// Policy variables (`${aws:username}`) are replaced when a request is evaluated. They work only in Resource
// and Condition values, only with String and ARN operators, only under Version 2012-10-17, and only when
// written exactly: closed brace, no spaces, a default value in single quotes.
import { POLICY_SUBJECTS } from '../../model';
import { type JsonPath, isObject } from '../../json';
import { conditionEntries } from '../../iam/conditions';
import { scalarText } from '../../json';
import { type Statement, statementsOf } from '../../iam/policy';
import { type VariableRef, iamVariables } from '../../iam/variables';
import type { Rule } from '../../rule';

const PROBLEMS: Record<NonNullable<VariableRef['problem']>, string> = {
  'missing-brace': 'has no closing "}"',
  space: 'contains a space; write it without spaces (a default value goes after ", ")',
  empty: 'is empty',
  'default-quote': "has a default value that is not in single quotes (write ${key, 'default'})",
};

export const iamPolicyVariable: Rule = {
  meta: {
    id: 'iam-policy-variable',
    title: 'Policy variables must be well formed, in Resource or Condition, under Version 2012-10-17',
    defaultSeverity: 'error',
    appliesTo: POLICY_SUBJECTS,
  },
  check({ subject, report }) {
    const policy = subject.value;
    const version = isObject(policy) ? policy.Version : undefined;
    for (const statement of statementsOf(policy)) {
      for (const { path, text, element, operator } of stringsOf(statement)) {
        for (const variable of iamVariables(text)) {
          if (variable.problem) {
            report({ path, message: `The policy variable ${JSON.stringify(variable.text)} ${PROBLEMS[variable.problem]}.` });
          } else if (element !== 'Resource' && element !== 'Condition') {
            report({
              path,
              message: `Policy variables such as ${variable.text} work only in Resource and Condition values, not in ${element}; IAM would compare the text literally.`,
            });
          } else if (version !== '2012-10-17') {
            const which =
              typeof version === 'string' ? `Version ${JSON.stringify(version)}` : 'a policy without Version (which means 2008-10-17)';
            report({ path, message: `${variable.text} is a plain string under ${which}: policy variables need "Version": "2012-10-17".` });
          } else if (operator && !/^(String|Arn)/.test(operator.replace(/^For(AllValues|AnyValue):/, ''))) {
            report({
              path,
              message: `Policy variables such as ${variable.text} work only with String and Arn operators, not ${JSON.stringify(operator)}.`,
            });
          } else {
            continue;
          }
          break;
        }
      }
    }
  },
};

interface StringAt {
  path: JsonPath;
  text: string;
  element: string;
  operator?: string;
}

/** Every string of a statement that could hold a variable, with the element it belongs to. */
function stringsOf(statement: Statement): StringAt[] {
  const strings: StringAt[] = [];
  for (const list of [statement.action, statement.resource]) {
    for (const item of list?.items ?? []) strings.push({ path: item.path, text: item.value, element: list!.key.replace(/^Not/, '') });
  }
  const principal = statement.principal;
  if (principal) collectStrings(principal.value, principal.path, principal.negated ? 'NotPrincipal' : 'Principal', strings);
  for (const entry of conditionEntries(statement)) {
    for (const { value, path } of entry.values) {
      const text = scalarText(value);
      if (text !== undefined) strings.push({ path, text, element: 'Condition', operator: entry.operatorText });
    }
  }
  return strings;
}

function collectStrings(value: unknown, path: JsonPath, element: string, into: StringAt[]): void {
  if (typeof value === 'string') into.push({ path, text: value, element });
  else if (Array.isArray(value)) value.forEach((v, i) => collectStrings(v, [...path, i], element, into));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) collectStrings(v, [...path, k], element, into);
}
