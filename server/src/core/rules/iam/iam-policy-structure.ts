// The shape of a policy: which elements it may have, their types and values, and the pairs that exclude or
// require each other, depending on what the policy is (identity, role trust, resource policy). A key
// written twice is the duplicate-key rule's; condition keys that differ only in case are this rule's.
import { type JsonPath, isObject, isPlaceholder } from '../../json';
import { POLICY_SUBJECTS, type SubjectKind, insert, remove, rename, set } from '../../model';
import type { Fix, Report, Rule } from '../../rule';
import { suggestions } from '../../iam/suggest';

const POLICY_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const VERSIONS = ['2012-10-17', '2008-10-17'];
const EFFECTS = ['Allow', 'Deny'];
const SID = /^[A-Za-z0-9]*$/;

type FixData =
  | { fix: 'set'; value: string; title: string; safe?: boolean }
  | { fix: 'insert-version'; safe: boolean }
  | { fix: 'remove'; title: string; safe?: boolean }
  | { fix: 'rename'; to: string[] };

type Reporter = (report: Report<FixData>) => void;

export const iamPolicyStructure: Rule<FixData> = {
  meta: {
    id: 'iam-policy-structure',
    title: 'A policy must have the elements, types and values the IAM policy grammar allows',
    defaultSeverity: 'error',
    appliesTo: POLICY_SUBJECTS,
    fixable: true,
  },
  check({ subject, report }) {
    const policy = subject.value;
    if (!isObject(policy)) return;
    const kind = subject.kind;
    checkPolicyElements(policy, kind, JSON.stringify(policy).includes('${'), report);
    const statements = statementList(policy, report);
    const sids = new Map<string, JsonPath>();
    for (const { value, path } of statements) checkStatement(value, path, kind, sids, report);
  },
  fix({ path, data: d }) {
    if (!d) return [];
    switch (d.fix) {
      case 'set':
        return [{ title: d.title, isPreferred: true, safe: d.safe, edits: [set(path, d.value)] }];
      case 'insert-version':
        return [
          {
            title: 'Add "Version": "2012-10-17"',
            isPreferred: true,
            safe: d.safe,
            edits: [insert(path.slice(0, -1), 'Version', '2012-10-17', 0)],
          },
        ];
      case 'remove':
        return [{ title: d.title, isPreferred: true, safe: d.safe, edits: [remove(path)] }];
      case 'rename':
        return d.to.map((to, i): Fix => ({ title: `Rename to "${to}"`, isPreferred: i === 0, edits: [rename(path, to)] }));
    }
  },
};

// --- policy level ----------------------------------------------------------------------------------

function checkPolicyElements(policy: Record<string, unknown>, kind: SubjectKind, hasVariables: boolean, report: Reporter): void {
  for (const key of Object.keys(policy)) {
    if (!POLICY_KEYS.includes(key)) unknownKey([key], key, POLICY_KEYS, 'A policy has only the elements Version, Id and Statement', report);
  }
  if (!('Version' in policy)) {
    report({
      path: ['Statement'],
      target: 'key',
      severity: 'warning',
      message:
        'The policy has no "Version". Without it IAM reads the policy with the 2008-10-17 grammar, where policy variables such as ${aws:username} are plain text. Add "Version": "2012-10-17".',
      data: { fix: 'insert-version', safe: !hasVariables },
    });
  } else if (!isPlaceholder(policy.Version)) {
    const version = policy.Version;
    if (typeof version !== 'string' || !VERSIONS.includes(version)) {
      report({
        path: ['Version'],
        message: `"Version" must be "2012-10-17" (current) or "2008-10-17" (legacy), not ${JSON.stringify(version)}. It is a fixed grammar version, not a date you choose.`,
        data: { fix: 'set', value: '2012-10-17', title: 'Set "Version" to "2012-10-17"' },
      });
    }
  }
  if ('Id' in policy) {
    if (typeof policy.Id !== 'string') typeMismatch(['Id'], '"Id"', 'a string', policy.Id, report);
    else if (kind === 'identity-policy') {
      report({
        path: ['Id'],
        target: 'key',
        severity: 'warning',
        message: '"Id" belongs in resource-based policies; the IAM grammar says an identity policy must not contain it.',
        data: { fix: 'remove', title: 'Remove "Id"' },
      });
    }
  }
}

function statementList(policy: Record<string, unknown>, report: Reporter): { value: Record<string, unknown>; path: JsonPath }[] {
  if (!('Statement' in policy)) {
    const first = Object.keys(policy)[0];
    report({
      path: first === undefined ? [] : [first],
      target: first === undefined ? 'value' : 'key',
      message: 'The policy has no "Statement": every policy needs at least one statement.',
    });
    return [];
  }
  const raw = policy.Statement;
  if (isPlaceholder(raw)) return [];
  if (isObject(raw)) return [{ value: raw, path: ['Statement'] }];
  if (!Array.isArray(raw)) {
    typeMismatch(['Statement'], '"Statement"', 'a statement object or an array of them', raw, report);
    return [];
  }
  if (raw.length === 0) {
    report({ path: ['Statement'], message: '"Statement" is empty: the policy must contain at least one statement.' });
  }
  const list: { value: Record<string, unknown>; path: JsonPath }[] = [];
  raw.forEach((s, i) => {
    if (isObject(s)) list.push({ value: s, path: ['Statement', i] });
    else if (!isPlaceholder(s)) typeMismatch(['Statement', i], 'A statement', 'an object', s, report);
  });
  return list;
}

// --- statements ------------------------------------------------------------------------------------

function checkStatement(
  statement: Record<string, unknown>,
  path: JsonPath,
  kind: SubjectKind,
  sids: Map<string, JsonPath>,
  report: Reporter,
): void {
  const keys = Object.keys(statement);
  // A missing element is reported on the statement's first key: short, and on the statement's first line.
  const anchor: Pick<Report<FixData>, 'path' | 'target'> = keys.length
    ? { path: [...path, keys[0]], target: 'key' }
    : { path, target: 'value' };
  if (keys.length === 0) {
    report({ ...anchor, message: 'This statement is empty: it needs at least Effect, Action and Resource (or Principal).' });
    return;
  }
  for (const key of keys) {
    if (!STATEMENT_KEYS.includes(key)) {
      unknownKey(
        [...path, key],
        key,
        STATEMENT_KEYS,
        'A statement has only Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition',
        report,
      );
    }
  }
  checkSid(statement, path, kind, sids, report);
  checkEffect(statement, path, anchor, report);
  checkPair(statement, path, 'Action', anchor, 'required', report);
  checkPrincipalAndResource(statement, path, kind, anchor, report);
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (key in statement) checkStringList(statement[key], [...path, key], key, report);
  }
  for (const key of ['Action', 'NotAction']) {
    if (key in statement) checkActionFormat(statement[key], [...path, key], report);
  }
  for (const key of ['Principal', 'NotPrincipal']) {
    if (key in statement) checkPrincipalShape(statement[key], [...path, key], key, report);
  }
  if ('Condition' in statement) checkCondition(statement.Condition, [...path, 'Condition'], report);
}

function checkSid(
  statement: Record<string, unknown>,
  path: JsonPath,
  kind: SubjectKind,
  sids: Map<string, JsonPath>,
  report: Reporter,
): void {
  if (!('Sid' in statement)) return;
  const sid = statement.Sid;
  const at = [...path, 'Sid'];
  if (isPlaceholder(sid)) return;
  if (typeof sid !== 'string') {
    typeMismatch(at, '"Sid"', 'a string', sid, report);
    return;
  }
  if (sid === '') {
    report({
      path: at,
      severity: 'hint',
      message: 'The Sid is empty; give the statement a name or remove "Sid".',
      data: { fix: 'remove', title: 'Remove the empty "Sid"' },
    });
    return;
  }
  // IAM (identity and role trust policies) takes only ASCII letters and digits; other services' resource
  // policies allow more, so there only uniqueness is checked.
  const iam = kind !== 'resource-policy';
  if (iam && !SID.test(sid)) {
    const cleaned = sid.replace(/[^A-Za-z0-9]/g, '');
    report({
      path: at,
      message: `The Sid ${JSON.stringify(sid)} has characters IAM does not accept: a Sid may contain only letters A-Z, a-z and digits 0-9.`,
      data: cleaned && !sids.has(cleaned) ? { fix: 'set', value: cleaned, title: `Change the Sid to "${cleaned}"` } : undefined,
    });
  }
  const first = sids.get(sid);
  if (first) {
    report({
      path: at,
      severity: iam ? 'error' : 'warning',
      message: `The Sid ${JSON.stringify(sid)} is used by an earlier statement too; statement ids must be unique within a policy.`,
      related: [{ path: first, message: 'first use of this Sid' }],
    });
  } else {
    sids.set(sid, at);
  }
}

function checkEffect(
  statement: Record<string, unknown>,
  path: JsonPath,
  anchor: Pick<Report<FixData>, 'path' | 'target'>,
  report: Reporter,
): void {
  if (!('Effect' in statement)) {
    report({ ...anchor, message: 'The statement has no "Effect": every statement must say "Allow" or "Deny".' });
    return;
  }
  const effect = statement.Effect;
  if (isPlaceholder(effect) || (typeof effect === 'string' && EFFECTS.includes(effect))) return;
  const at = [...path, 'Effect'];
  const fixed = typeof effect === 'string' ? EFFECTS.find((e) => e.toLowerCase() === effect.trim().toLowerCase()) : undefined;
  report({
    path: at,
    message: `"Effect" must be exactly "Allow" or "Deny" (the case matters), not ${JSON.stringify(effect)}.`,
    data: fixed ? { fix: 'set', value: fixed, title: `Change "Effect" to "${fixed}"`, safe: true } : undefined,
  });
}

/** `Key` and `NotKey` exclude each other; `required` makes one of them mandatory. */
function checkPair(
  statement: Record<string, unknown>,
  path: JsonPath,
  key: string,
  anchor: Pick<Report<FixData>, 'path' | 'target'>,
  need: 'required' | 'optional',
  report: Reporter,
  why = '',
): void {
  const not = `Not${key}`;
  if (key in statement && not in statement) {
    report({ path: [...path, not], target: 'key', message: `A statement takes "${key}" or "${not}", not both.` });
  } else if (need === 'required' && !(key in statement) && !(not in statement)) {
    report({ ...anchor, message: `The statement has no "${key}" (or "${not}")${why}.` });
  }
}

function checkPrincipalAndResource(
  statement: Record<string, unknown>,
  path: JsonPath,
  kind: SubjectKind,
  anchor: Pick<Report<FixData>, 'path' | 'target'>,
  report: Reporter,
): void {
  if (kind === 'identity-policy') {
    for (const key of ['Principal', 'NotPrincipal']) {
      if (!(key in statement)) continue;
      report({
        path: [...path, key],
        target: 'key',
        message: `An identity policy cannot name a principal: it applies to whoever it is attached to, and IAM rejects "${key}" in it. A principal belongs in the role's trust policy or in a resource-based policy.`,
        data: { fix: 'remove', title: `Remove "${key}"` },
      });
    }
    checkPair(
      statement,
      path,
      'Resource',
      anchor,
      'required',
      report,
      ': an identity policy statement must say which resources it covers ("*" for all)',
    );
    return;
  }
  if (kind === 'trust-policy') {
    checkPair(statement, path, 'Principal', anchor, 'required', report, ': a trust policy statement must say who may assume the role');
    if ('NotPrincipal' in statement && !('Principal' in statement)) {
      report({
        path: [...path, 'NotPrincipal'],
        target: 'key',
        message: 'Role trust policies do not support "NotPrincipal"; name the principals that may assume the role with "Principal".',
      });
    }
    for (const key of ['Resource', 'NotResource']) {
      if (!(key in statement)) continue;
      report({
        path: [...path, key],
        target: 'key',
        message: `A role trust policy cannot name a resource: its resource is the role it is attached to. IAM rejects "${key}" here.`,
        data: { fix: 'remove', title: `Remove "${key}"`, safe: true },
      });
    }
    return;
  }
  checkPair(statement, path, 'Principal', anchor, 'required', report, ': a resource-based policy statement must say whom it applies to');
  checkPair(statement, path, 'Resource', anchor, 'optional', report);
}

// --- element values --------------------------------------------------------------------------------

function checkStringList(value: unknown, path: JsonPath, key: string, report: Reporter): void {
  if (isPlaceholder(value)) return;
  if (typeof value === 'string') {
    if (value.trim() === '') report({ path, message: `"${key}" is an empty string.` });
    return;
  }
  if (!Array.isArray(value)) {
    typeMismatch(path, `"${key}"`, 'a string or an array of strings', value, report);
    return;
  }
  if (value.length === 0) {
    const grants = key.startsWith('Not') ? 'This' : 'With no entries this';
    report({ path, severity: 'warning', message: `"${key}" is an empty array. ${grants} statement matches nothing and has no effect.` });
  }
  value.forEach((item, i) => {
    if (typeof item !== 'string') typeMismatch([...path, i], `An entry of "${key}"`, 'a string', item, report);
    else if (item.trim() === '') report({ path: [...path, i], message: `An entry of "${key}" is an empty string.` });
  });
}

/** "*" or service:action (one colon, both parts non-empty); anything else IAM rejects as malformed. */
function checkActionFormat(value: unknown, path: JsonPath, report: Reporter): void {
  const items: [string, JsonPath][] =
    typeof value === 'string'
      ? [[value, path]]
      : Array.isArray(value)
        ? value.map((v, i) => [v, [...path, i]] as [string, JsonPath]).filter(([v]) => typeof v === 'string')
        : [];
  for (const [action, at] of items) {
    if (action.trim() === '' || action === '*' || isPlaceholder(action)) continue;
    const parts = action.split(':');
    if (parts.length === 2 && parts[0].trim() !== '' && parts[1].trim() !== '') continue;
    const why =
      parts.length === 1
        ? 'it has no service prefix'
        : parts.length > 2
          ? 'it has more than one colon'
          : parts[0].trim() === ''
            ? 'the service prefix is empty'
            : 'the action name is empty (use "*" for all actions of the service)';
    report({
      path: at,
      message: `${JSON.stringify(action)} is not an action: actions are written service:ActionName (e.g. "s3:GetObject") or "*", and ${why}.`,
    });
  }
}

function checkPrincipalShape(value: unknown, path: JsonPath, key: string, report: Reporter): void {
  if (isPlaceholder(value)) return;
  if (typeof value === 'string') return; // "*"; other principal forms are checked by the principal rules
  if (!isObject(value)) {
    typeMismatch(path, `"${key}"`, '"*" or an object such as {"Service": "..."}', value, report);
    return;
  }
  if (Object.keys(value).length === 0) {
    report({ path, severity: 'warning', message: `"${key}" is an empty object: the statement names nobody and has no effect.` });
  }
  for (const [type, entry] of Object.entries(value)) checkStringList(entry, [...path, type], `${key}.${type}`, report);
}

function checkCondition(value: unknown, path: JsonPath, report: Reporter): void {
  if (isPlaceholder(value)) return;
  if (!isObject(value)) {
    typeMismatch(path, '"Condition"', 'an object of condition operators', value, report);
    return;
  }
  if (Object.keys(value).length === 0) {
    report({
      path,
      severity: 'information',
      message: '"Condition" is an empty object; it adds nothing, so the statement applies unconditionally.',
      data: { fix: 'remove', title: 'Remove the empty "Condition"' },
    });
  }
  for (const [operator, block] of Object.entries(value)) {
    const at = [...path, operator];
    if (isPlaceholder(block)) continue;
    if (!isObject(block)) {
      typeMismatch(at, `The condition operator "${operator}"`, 'an object of condition keys and values', block, report);
      continue;
    }
    if (Object.keys(block).length === 0) {
      report({
        path: at,
        severity: 'information',
        message: `The condition operator "${operator}" has no condition keys; it adds nothing.`,
      });
    }
    const seen = new Map<string, string>();
    for (const key of Object.keys(block)) {
      const earlier = seen.get(key.toLowerCase());
      if (earlier === undefined) seen.set(key.toLowerCase(), key);
      else {
        report({
          path: [...at, key],
          target: 'key',
          message: `The condition key "${key}" appears twice in this block with different case (also "${earlier}"); condition keys ignore case, so IAM rejects the duplicate.`,
        });
      }
    }
    for (const [key, values] of Object.entries(block)) {
      const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
      if (scalar(values)) continue;
      if (Array.isArray(values)) {
        values.forEach(
          (v, i) => scalar(v) || typeMismatch([...at, key, i], `A value of "${key}"`, 'a string, number or boolean', v, report),
        );
        continue;
      }
      typeMismatch([...at, key], `The value of "${key}"`, 'a string, number, boolean or an array of them', values, report);
    }
  }
}

// --- helpers ---------------------------------------------------------------------------------------

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `what` is the subject of the sentence, e.g. '"Sid"' or 'An entry of "Action"'. */
function typeMismatch(path: JsonPath, what: string, expected: string, value: unknown, report: Reporter): void {
  report({ path, message: `${what} must be ${expected}, not ${describeType(value)}.` });
}

function unknownKey(path: JsonPath, key: string, allowed: string[], explanation: string, report: Reporter): void {
  const close = suggestions(key, allowed, { max: 2 }).map((s) => s.name);
  const hint = close.length ? ` Did you mean "${close[0]}"?` : '';
  report({
    path,
    target: 'key',
    message: `"${key}" is not a policy element. ${explanation}.${hint}`,
    data: close.length ? { fix: 'rename', to: close } : { fix: 'remove', title: `Remove "${key}"` },
  });
}
