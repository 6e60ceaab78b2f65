// A small, exact evaluator of identity policies for one request (action + resource), offline.
// Order of the AWS evaluation logic for identity policies within one account: an applicable Deny wins,
// otherwise an applicable Allow grants, otherwise the request is implicitly denied.
//
// Two things AWS knows at request time and a file does not:
// - Conditions. A statement with a Condition can neither prove nor disprove a grant, so it yields the
//   "...-conditionally" decisions instead of a yes or no.
// - Parts of the resource ARN (the region of a parameter named without an ARN, the random suffix of a secret,
//   the name of a log stream). They are "holes" and are matched optimistically: an Allow applies when SOME
//   value of the holes would match it, a Deny only when EVERY value would. That way a guess never causes an
//   error.
// Wildcards: `*` and `?`, case-insensitive for actions and case-sensitive for ARNs, matched in time linear
// in pattern + text, holes included (iam/wildcard.ts); no regular expression is built from policy text.
// A `*` may span colons here, as it does in the last segment of an ARN; inside earlier segments IAM keeps it
// within the segment, so this evaluator is at most slightly more generous with Allow, never stricter.
import { isObject } from '../json';
import { type Statement, statementsOf } from './policy';
import { type Wildcard, compileWildcard, wildcardMatch } from './wildcard';

/** A part of an ARN the file does not tell: a region, an account, a secret's suffix, a log stream (never a colon). */
export const HOLE = Symbol('unknown part');
export type ArnPart = string | typeof HOLE;

/** A requested resource: literal text and unknown parts, in order. `["*"]` is the resource of actions with no resource type. */
export type RequestedResource = readonly ArnPart[];

export interface PolicyInput {
  /** An id for the caller (file uri + path, managed policy ARN, ...). */
  id: string;
  document: unknown;
}

export type Decision =
  | 'allowed'
  /** Allowed, but a Deny with a Condition applies too: denied when its condition holds. */
  | 'denied-conditionally'
  /** Only Allow statements with a Condition apply. */
  | 'allowed-conditionally'
  | 'denied'
  | 'implicitly-denied';

interface StatementMatch {
  policyId: string;
  statement: Statement;
  effect: 'Allow' | 'Deny';
  conditional: boolean;
}

export interface Evaluation {
  decision: Decision;
  /** The statements that apply to the request, Deny first. */
  matches: StatementMatch[];
}

export interface Request {
  action: string;
  /** Alternatives: the request is judged by the most favourable one (used when the service's exact ARN is unsure). */
  resources: RequestedResource[];
}

const RANK: Record<Decision, number> = {
  allowed: 4,
  'denied-conditionally': 3,
  'allowed-conditionally': 2,
  'implicitly-denied': 1,
  denied: 0,
};

export function evaluate(policies: readonly PolicyInput[], request: Request): Evaluation {
  let best: Evaluation | undefined;
  for (const resource of request.resources.length ? request.resources : [['*'] as RequestedResource]) {
    const evaluation = evaluateOne(policies, request.action, resource);
    if (!best || RANK[evaluation.decision] > RANK[best.decision]) best = evaluation;
  }
  return best!;
}

function evaluateOne(policies: readonly PolicyInput[], action: string, resource: RequestedResource): Evaluation {
  const matches: StatementMatch[] = [];
  for (const policy of policies) {
    for (const statement of statementsOf(policy.document)) {
      const effect = statement.effect;
      if (effect !== 'Allow' && effect !== 'Deny') continue;
      if (!appliesTo(statement, action, resource, effect === 'Allow' ? 'possibly' : 'certainly')) continue;
      matches.push({ policyId: policy.id, statement, effect, conditional: hasCondition(statement) });
    }
  }
  return decide(matches);
}

/** Deny first: an unconditional Deny decides; then an unconditional Allow; conditions leave it open. */
function decide(matches: StatementMatch[]): Evaluation {
  const denies = matches.filter((m) => m.effect === 'Deny');
  const allows = matches.filter((m) => m.effect === 'Allow');
  let decision: Decision;
  if (denies.some((m) => !m.conditional)) decision = 'denied';
  else if (allows.some((m) => !m.conditional)) decision = denies.length ? 'denied-conditionally' : 'allowed';
  else if (allows.length) decision = 'allowed-conditionally';
  else decision = 'implicitly-denied';
  return { decision, matches: [...denies, ...allows] };
}

function hasCondition(statement: Statement): boolean {
  return statement.condition !== undefined && Object.keys(statement.condition).length > 0;
}

type Mode = 'possibly' | 'certainly';

/** Whether the statement covers the request; `mode` says how holes in the resource count. */
export function appliesTo(statement: Statement, action: string, resource: RequestedResource, mode: Mode): boolean {
  const actions = statement.action;
  if (!actions) return false;
  // Undecided wildcards (iam/wildcard.ts) make an Allow apply and a Deny not: flipped for NotAction.
  const undecided = (mode === 'possibly') !== actions.negated;
  const actionListed = actions.items.some((item) => wildcardMatch(item.value, action, { ignoreCase: true, undecided }));
  if (actionListed === actions.negated) return false;
  const resources = statement.resource;
  if (!resources) return false;
  if (!resources.negated) return resources.items.some((item) => resourceMatches(item.value, resource, mode));
  // NotResource: the statement applies when the resource is NOT among them; the opposite mode decides.
  const opposite: Mode = mode === 'possibly' ? 'certainly' : 'possibly';
  return !resources.items.some((item) => resourceMatches(item.value, resource, opposite));
}

/**
 * Does `pattern` match the resource: for SOME value of its holes ("possibly") or for EVERY value
 * ("certainly", approximated by putting a character no ARN contains in each hole)?
 * Policy variables (`${aws:username}`) stand for request values the file does not know: they are holes
 * in the pattern, a `*` when possibly and unmatched when certainly.
 * Linear in pattern + resource (iam/wildcard.ts); a match it cannot decide counts as possible, never as certain.
 */
export function resourceMatches(pattern: string, resource: RequestedResource, mode: Mode): boolean {
  if (mode === 'certainly') {
    if (pattern.includes('${')) return false;
    return wildcardMatch(pattern, resource.map((p) => (p === HOLE ? '\u0000' : p)).join(''), { undecided: false });
  }
  return possiblePattern(pattern).matchesParts(literalRuns(resource), { undecided: true });
}

/** The literal text between the holes of a resource (a hole at either end leaves an empty run there). */
function literalRuns(resource: RequestedResource): string[] {
  const runs: string[] = [];
  let run = '';
  for (const part of resource) {
    if (part === HOLE) {
      runs.push(run);
      run = '';
    } else {
      run += part;
    }
  }
  runs.push(run);
  return runs;
}

/** The pattern with its policy variables as `*`, compiled (iam/wildcard.ts keeps the compiled forms). */
function possiblePattern(pattern: string): Wildcard {
  return compileWildcard(pattern.includes('${') ? withoutVariables(pattern) : pattern);
}

function withoutVariables(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const start = pattern.indexOf('${', i);
    if (start < 0) break;
    const end = pattern.indexOf('}', start);
    if (end < 0) break;
    out += `${pattern.slice(i, start)}*`;
    i = end + 1;
  }
  return out + pattern.slice(i);
}

/** Renders a requested resource for messages and policies: holes become `*`. */
export function resourceText(resource: RequestedResource, hole = '*'): string {
  return resource.map((p) => (p === HOLE ? hole : p)).join('');
}

// --- Trust policies ----------------------------------------------------------------------------------

/** Whether a trust policy lets a service principal (such as ecs-tasks.amazonaws.com) perform `action`. */
export function evaluateTrust(policy: unknown, service: string, action = 'sts:AssumeRole', policyId = 'trust'): Evaluation {
  const matches: StatementMatch[] = [];
  for (const statement of statementsOf(policy)) {
    const effect = statement.effect;
    if (effect !== 'Allow' && effect !== 'Deny') continue;
    const actions = statement.action;
    if (!actions) continue;
    const listed = actions.items.some((item) => wildcardMatch(item.value, action, { ignoreCase: true }));
    if (listed === actions.negated) continue;
    const principal = statement.principal;
    if (!principal) continue;
    if (principalNames(principal.value, service) === principal.negated) continue;
    matches.push({ policyId, statement, effect, conditional: hasCondition(statement) });
  }
  return decide(matches);
}

/** The principal element names the service (or everyone). */
function principalNames(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  const listed = (value: unknown) =>
    (Array.isArray(value) ? value : [value]).some((v) => typeof v === 'string' && (v === '*' || v.toLowerCase() === service.toLowerCase()));
  return listed(principal.Service) || (Array.isArray(principal.AWS) ? principal.AWS : [principal.AWS]).includes('*');
}
