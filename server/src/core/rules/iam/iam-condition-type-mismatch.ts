// Each condition key has a type (String, ARN, Numeric, Date, Bool, IPAddress) and each operator family
// compares one. Numeric, Date, Bool and IpAddress operators on a key of another type cannot parse its
// values, so the condition never matches: a warning. Two combinations work when the values allow it, as
// Parliament says ("mismatched type but usable"), and AWS's own managed policies use them: String operators
// on Bool/Numeric/Date/IP keys compare the text (no ranges, no CIDR), and Arn operators on a String key
// that holds ARNs. Those get an information-level note. String operators on ARN keys are plainly fine.
import { POLICY_SUBJECTS } from '../../model';
import { type OperatorFamily, policyConditionEntries } from '../../iam/conditions';
import { baseType, judgeConditionKey } from '../../iam/condition-keys';
import { conditionKeyAt, moveConditionKey } from '../../iam/condition-edits';
import type { Rule } from '../../rule';

/** Combinations that compare as text and work for values written exactly as the request carries them. */
function usable(family: OperatorFamily, keyType: string): boolean {
  return (family === 'String' && ['Bool', 'Numeric', 'Date', 'IPAddress'].includes(keyType)) || (family === 'Arn' && keyType === 'String');
}

/** Key types each operator family compares. */
const ACCEPTS: Record<OperatorFamily, string[] | 'any'> = {
  String: ['String', 'ARN'],
  Arn: ['ARN'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  IpAddress: ['IPAddress'],
  Binary: 'any',
  Null: 'any',
};

/** The operator to use for a key type, keeping the sense (Equals/NotEquals/Like/NotLike) where it carries over. */
function operatorFor(type: string, base: string): string | undefined {
  const negated = base.includes('Not');
  const like = base.endsWith('Like');
  switch (type) {
    case 'Bool':
      return negated ? undefined : 'Bool';
    case 'Numeric':
      return like ? undefined : negated ? 'NumericNotEquals' : 'NumericEquals';
    case 'Date':
      return like ? undefined : negated ? 'DateNotEquals' : 'DateEquals';
    case 'IPAddress':
      return negated ? 'NotIpAddress' : 'IpAddress';
    case 'String':
      return `String${negated ? 'Not' : ''}${like ? 'Like' : 'Equals'}`;
    case 'ARN':
      return `Arn${negated ? 'Not' : ''}${like ? 'Like' : 'Equals'}`;
    default:
      return undefined;
  }
}

interface Data {
  operator: string;
  key: string;
  replacement?: string;
}

export const iamConditionTypeMismatch: Rule<Data> = {
  meta: {
    id: 'iam-condition-type-mismatch',
    title: "A condition operator must compare the condition key's type",
    defaultSeverity: 'warning',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const entry of policyConditionEntries(subject.value)) {
      const operator = entry.operator;
      if (!operator) continue;
      const accepted = ACCEPTS[operator.family];
      if (accepted === 'any') continue;
      const verdict = judgeConditionKey(entry.key);
      if (verdict.kind !== 'known' || !verdict.key.type) continue;
      const { base } = baseType(verdict.key.type);
      if (accepted.includes(base)) continue;
      const better = operatorFor(base, operator.base);
      const replacement = better
        ? `${operator.qualifier ? `${operator.qualifier}:` : ''}${better}${operator.ifExists ? 'IfExists' : ''}`
        : undefined;
      const compares =
        operator.family === 'IpAddress' ? 'IP addresses' : operator.family === 'Arn' ? 'ARNs' : `${operator.family.toLowerCase()} values`;
      const use = replacement ? ` Use ${JSON.stringify(replacement)}.` : '';
      const soft = usable(operator.family, base);
      report({
        path: entry.keyPath,
        target: 'key',
        severity: soft ? 'information' : undefined,
        message: soft
          ? `${entry.key} is of type ${verdict.key.type} and ${JSON.stringify(entry.operatorText)} compares ${compares}: this works ${operator.family === 'Arn' ? 'when the key holds ARNs' : "for values written exactly as requests carry them, without the type's own comparison"}.${use}`
          : `${entry.key} is of type ${verdict.key.type}, but ${JSON.stringify(entry.operatorText)} compares ${compares}, so this condition never matches.${use}`,
        data: { operator: entry.operatorText, key: entry.key, replacement },
      });
    }
  },
  fix({ subject, path, data }) {
    if (!data) return [];
    const { operator, key, replacement } = data;
    const conditionPath = replacement ? conditionKeyAt(path, operator, key) : undefined;
    const edits = conditionPath && moveConditionKey(subject, conditionPath, operator, key, replacement!);
    return edits ? [{ title: `Change the operator to ${JSON.stringify(replacement)}`, isPreferred: true, edits }] : [];
  },
};
