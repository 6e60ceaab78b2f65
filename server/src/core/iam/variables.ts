// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`) and how they differ from
// template placeholders that other tools fill in before the policy reaches IAM (`${account_id}`,
// `${AWS::Region}`, `{{bucket}}`). Only IAM variables are judged; placeholders are left alone everywhere.
// Source: IAM User Guide, "IAM policy elements: Variables and tags" (reference_policies_variables).
import { hasUnknown } from '../unknown';

type VariableProblem = 'missing-brace' | 'space' | 'empty' | 'default-quote';

export interface VariableRef {
  /** Offset of `${` in the string. */
  start: number;
  /** The text from `${` to `}` (or to the end of the string when the brace is missing). */
  text: string;
  /** The name part, without a default value. */
  name: string;
  /** Written in IAM's own form (a `namespace:key` name or one of `*`, `?`, `$`), rather than a template placeholder. */
  iam: boolean;
  problem?: VariableProblem;
}

const SPECIAL = new Set(['*', '?', '$']);

/**
 * An IAM variable name: `aws:username`, `saml:sub`, `www.amazon.com:user_id`, `aws:PrincipalTag/team`, ...
 * @internal Exported for tests.
 */
export function isIamVariableName(name: string): boolean {
  if (SPECIAL.has(name)) return true;
  const colon = name.indexOf(':');
  if (colon <= 0 || name.includes('::')) return false;
  const namespace = name.slice(0, colon);
  return /^[A-Za-z0-9][A-Za-z0-9.-]*(\/[A-Za-z0-9._-]+)*$/.test(namespace) && name.length > colon + 1;
}

/**
 * Every `${...}` in `text`, in order.
 * @internal Exported for tests.
 */
export function scanVariables(text: string): VariableRef[] {
  const refs: VariableRef[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) return refs;
    const close = text.indexOf('}', start + 2);
    const next = text.indexOf('${', start + 2);
    if (close < 0 || (next >= 0 && next < close)) {
      // No closing brace before the string ends or the next variable begins.
      const end = next >= 0 ? next : text.length;
      const body = text.slice(start + 2, end);
      refs.push({ start, text: text.slice(start, end), name: body, iam: looksLikeIam(body), problem: 'missing-brace' });
      from = end;
      continue;
    }
    const body = text.slice(start + 2, close);
    refs.push({ start, text: text.slice(start, close + 1), ...judge(body) });
    from = close + 1;
  }
}

function looksLikeIam(body: string): boolean {
  const name = body.split(',')[0].trim();
  return isIamVariableName(name);
}

function judge(body: string): Omit<VariableRef, 'start' | 'text'> {
  if (body.trim() === '') return { name: body, iam: true, problem: 'empty' };
  const comma = body.indexOf(',');
  const rawName = comma >= 0 ? body.slice(0, comma) : body;
  const name = rawName.trim();
  const iam = isIamVariableName(name);
  if (!iam) return { name, iam };
  if (rawName !== name || /\s/.test(name)) return { name, iam, problem: 'space' };
  if (comma >= 0) {
    const fallback = body.slice(comma + 1).replace(/^ /, '');
    if (!(fallback.length >= 2 && fallback.startsWith("'") && fallback.endsWith("'"))) return { name, iam, problem: 'default-quote' };
  }
  return { name, iam };
}

/** IAM variables in `text` (template placeholders left out). */
export function iamVariables(text: string): VariableRef[] {
  return scanVariables(text).filter((v) => v.iam);
}

/** The text holds a template placeholder (`${name}` that is not an IAM variable, `{{name}}`, `<NAME>`). */
export function hasTemplatePlaceholder(text: string): boolean {
  // A value the source could not resolve (a template's expression) is decided later too.
  if (hasUnknown(text)) return true;
  if (/\{\{[^}]*\}\}|^<[^<>]+>$|#\{[^}]*\}|__[A-Z0-9_]+__/.test(text)) return true;
  return scanVariables(text).some((v) => !v.iam);
}

/** The text holds any variable or placeholder: its value is only known later, so formats are not judged. */
export function isDeferred(text: string): boolean {
  return text.includes('${') || hasTemplatePlaceholder(text);
}
