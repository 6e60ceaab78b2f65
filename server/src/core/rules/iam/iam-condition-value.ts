// A condition value must have the form its operator compares: true/false for Null and Bool, a number for
// Numeric*, a date for Date*, an IP range for IpAddress, base64 for BinaryEquals. IAM accepts the policy
// either way, but a value of the wrong form never matches, so the condition silently denies (or allows).
import { POLICY_SUBJECTS } from '../../model';
import { policyConditionEntries } from '../../iam/conditions';
import { scalarText } from '../../json';
import { isBase64Text, isBooleanText, isDateText, isNumericText, isPrivateIpv4, parseIpRange } from '../../iam/formats';
import { isDeferred } from '../../iam/variables';
import { type ReplacementData, replacementFixes } from '../../iam/actions';
import type { Rule, RuleContext } from '../../rule';

export const iamConditionValue: Rule<ReplacementData> = {
  meta: {
    id: 'iam-condition-value',
    title: 'Condition values must have the form their operator compares (boolean, number, date, IP range, base64)',
    defaultSeverity: 'warning',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    for (const entry of policyConditionEntries(subject.value)) {
      const family = entry.operator?.family;
      if (!family || family === 'String' || family === 'Arn') continue;
      const ranges: { path: typeof entry.keyPath; text: string }[] = [];
      for (const { value, path } of entry.values) {
        const text = scalarText(value);
        if (text === undefined || isDeferred(text)) continue;
        const operator = JSON.stringify(entry.operatorText);
        switch (family) {
          case 'Null':
          case 'Bool':
            if (!isBooleanText(text)) {
              const what = family === 'Null' ? 'true (the key is absent) or false (the key is present)' : 'true or false';
              report({
                path,
                message: `${operator} compares with ${what}, not ${JSON.stringify(value)}; this condition never matches as intended.`,
              });
            }
            break;
          case 'Numeric':
            if (!isNumericText(text)) report({ path, message: `${operator} needs a number, not ${JSON.stringify(value)}.` });
            break;
          case 'Date':
            if (!isDateText(text))
              report({
                path,
                message: `${operator} needs a date such as "2026-12-31" or "2026-12-31T23:59:59Z" (ISO 8601), or epoch seconds, not ${JSON.stringify(value)}.`,
              });
            break;
          case 'Binary':
            if (!isBase64Text(text)) report({ path, message: `${operator} needs a base64-encoded value, not ${JSON.stringify(value)}.` });
            break;
          case 'IpAddress': {
            const range = parseIpRange(text);
            if (!range) {
              report({
                path,
                message: `${operator} needs an IP address or CIDR range such as "203.0.113.0/24" or "2001:db8::/32", not ${JSON.stringify(value)}.`,
              });
            } else if (range.normalised) {
              report({
                path,
                severity: 'information',
                message: `${JSON.stringify(text)} has bits set past the /${range.prefix} mask; IAM ignores them, so this is the range ${range.normalised}.`,
                data: { replacements: [range.normalised] },
              });
            }
            if (range?.version === 4) ranges.push({ path, text });
            break;
          }
        }
      }
      if (family === 'IpAddress' && entry.key.toLowerCase() === 'aws:sourceip') reportPrivateRanges(ranges, entry.operatorText, report);
    }
  },
  fix({ path, data }) {
    // IAM ignores the bits past the mask anyway: clearing them changes nothing, so Fix all may apply it.
    return replacementFixes(path, data).map((f) => ({ ...f, safe: true }));
  },
};

function reportPrivateRanges(ranges: { path: (string | number)[]; text: string }[], operator: string, report: RuleContext['report']): void {
  const privateOnes = ranges.filter((r) => isPrivateIpv4(r.text));
  if (privateOnes.length === 0) return;
  const effect = operator.includes('NotIpAddress') ? 'has no effect' : 'never matches';
  const all = privateOnes.length === ranges.length;
  for (const range of privateOnes) {
    report({
      path: range.path,
      message: `aws:SourceIp holds the public address a request comes from; the private range ${JSON.stringify(range.text)} ${effect}${all ? '' : ' (the public ranges next to it still apply)'}. For requests through a VPC endpoint, use aws:VpcSourceIp.`,
    });
  }
}
