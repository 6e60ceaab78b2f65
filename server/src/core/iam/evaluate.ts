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
// Unknown values (core/unknown.ts markers, from a template the source could not resolve) are read the same
// optimistic way: in a requested resource a marker is a hole that may hold anything, colons included; in an
// Allow it is `*`; a Deny whose pattern holds one does not apply; an unknown Effect counts as Allow. So an
// unknown never makes a permission missing or denied.
import { isObject } from '../json';
import { hasUnknown, splitUnknown } from '../unknown';
import { type Statement, statementsOf } from './policy';
import { type HoleKind, type Wildcard, compileWildcard, wildcardMatch } from './wildcard';

/** A part of an ARN the file does not tell: a region, an account, a secret's suffix, a log stream (never a colon). */
export const HOLE = Symbol('unknown part');
/** A value the source could not resolve (an unknown marker): any text, colons included. */
const UNKNOWN = Symbol('unknown value');
export type ArnPart = string | typeof HOLE | typeof UNKNOWN;

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
      const effect = effectOf(statement);
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

/** The statement's Effect; an unknown one counts as Allow (it may be one, and an Allow never makes an error). */
function effectOf(statement: Statement): string | undefined {
  return hasUnknown(statement.value.Effect) ? 'Allow' : statement.effect;
}

/** The string parts of a requested resource with their unknown markers as UNKNOWN parts. */
function withUnknownParts(resource: RequestedResource): RequestedResource {
  if (!resource.some(hasUnknown)) return resource;
  return resource.flatMap((part) =>
    typeof part === 'string' ? splitUnknown(part).map((p): ArnPart => (typeof p === 'string' ? p : UNKNOWN)) : [part],
  );
}

/**
 * An action pattern covers the action: for some value of its unknown parts ("possibly") or for every one.
 * A wildcard the matcher cannot decide within its budget (iam/wildcard.ts) possibly matches, never certainly.
 */
function actionMatches(pattern: string, action: string, mode: Mode): boolean {
  const undecided = mode === 'possibly';
  if (!hasUnknown(pattern)) return wildcardMatch(pattern, action, { ignoreCase: true, undecided });
  return undecided && wildcardMatch(unknownAsStar(pattern), action, { ignoreCase: true, undecided });
}

function unknownAsStar(pattern: string): string {
  return splitUnknown(pattern)
    .map((p) => (typeof p === 'string' ? p : '*'))
    .join('');
}

const opposite = (mode: Mode): Mode => (mode === 'possibly' ? 'certainly' : 'possibly');

/** Whether the statement covers the request; `mode` says how holes in the resource (and unknowns) count. */
export function appliesTo(statement: Statement, action: string, resource: RequestedResource, mode: Mode): boolean {
  const actions = statement.action;
  if (!actions) return false;
  // NotAction: the statement applies when the action is NOT listed; the opposite mode decides.
  const listedMode = actions.negated ? opposite(mode) : mode;
  const actionListed = actions.items.some((item) => actionMatches(item.value, action, listedMode));
  if (actionListed === actions.negated) return false;
  const resources = statement.resource;
  if (!resources) return false;
  if (!resources.negated) return resources.items.some((item) => resourceMatches(item.value, resource, mode));
  // NotResource: the statement applies when the resource is NOT among them; the opposite mode decides.
  return !resources.items.some((item) => resourceMatches(item.value, resource, opposite(mode)));
}

/**
 * Does `pattern` match the resource: for SOME value of its holes ("possibly") or for EVERY value
 * ("certainly", approximated by putting a character no ARN contains in each hole)?
 * Policy variables (`${aws:username}`) and unknown markers stand for values the file does not know: they
 * are holes in the pattern, a `*` when possibly and unmatched when certainly.
 * Linear in pattern + resource (iam/wildcard.ts); a match it cannot decide counts as possible, never as certain.
 */
export function resourceMatches(pattern: string, resource: RequestedResource, mode: Mode): boolean {
  const requested = withUnknownParts(resource);
  if (mode === 'certainly') {
    if (pattern.includes('${') || hasUnknown(pattern)) return false;
    return wildcardMatch(pattern, requested.map((p) => (typeof p === 'string' ? p : '\u0000')).join(''), { undecided: false });
  }
  const { runs, holes } = literalRuns(requested);
  return possiblePattern(pattern).matchesParts(runs, { holes, undecided: true });
}

/**
 * The literal text between the unknown parts of a resource (one at either end leaves an empty run there),
 * and what each unknown part may hold: a HOLE no colon, an UNKNOWN anything.
 */
function literalRuns(resource: RequestedResource): { runs: string[]; holes: HoleKind[] } {
  const runs: string[] = [];
  const holes: HoleKind[] = [];
  let run = '';
  for (const part of resource) {
    if (typeof part === 'string') {
      run += part;
      continue;
    }
    runs.push(run);
    holes.push(part === UNKNOWN ? 'any' : 'segment');
    run = '';
  }
  runs.push(run);
  return { runs, holes };
}

/** The pattern with its unknown markers and policy variables as `*`, compiled (iam/wildcard.ts keeps the compiled forms). */
function possiblePattern(pattern: string): Wildcard {
  const known = hasUnknown(pattern) ? unknownAsStar(pattern) : pattern;
  return compileWildcard(known.includes('${') ? withoutVariables(known) : known);
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
  return resource.map((p) => (typeof p === 'string' ? p : hole)).join('');
}

// --- Trust policies ----------------------------------------------------------------------------------

/** Whether a trust policy lets a service principal (such as ecs-tasks.amazonaws.com) perform `action`. */
export function evaluateTrust(policy: unknown, service: string, action = 'sts:AssumeRole', policyId = 'trust'): Evaluation {
  const matches: StatementMatch[] = [];
  for (const statement of statementsOf(policy)) {
    const effect = effectOf(statement);
    if (effect !== 'Allow' && effect !== 'Deny') continue;
    const mode: Mode = effect === 'Allow' ? 'possibly' : 'certainly';
    const actions = statement.action;
    if (!actions) continue;
    const listed = actions.items.some((item) => actionMatches(item.value, action, actions.negated ? opposite(mode) : mode));
    if (listed === actions.negated) continue;
    const principal = statement.principal;
    if (!principal) continue;
    if (principalNames(principal.value, service, principal.negated ? opposite(mode) : mode) === principal.negated) continue;
    matches.push({ policyId, statement, effect, conditional: hasCondition(statement) });
  }
  return decide(matches);
}

/** The principal element names the service (or everyone); an unknown principal possibly does, never certainly. */
function principalNames(principal: unknown, service: string, mode: Mode): boolean {
  if (principal === '*') return true;
  const possibly = mode === 'possibly';
  if (hasUnknown(principal)) return possibly;
  if (!isObject(principal)) return false;
  const names = (v: unknown) =>
    typeof v === 'string' && (v === '*' || v.toLowerCase() === service.toLowerCase() || (possibly && hasUnknown(v)));
  const listed = (value: unknown) => (Array.isArray(value) ? value : [value]).some(names);
  const aws = Array.isArray(principal.AWS) ? principal.AWS : [principal.AWS];
  return listed(principal.Service) || aws.includes('*') || (possibly && aws.some(hasUnknown));
}

/**
 * The policy's statements cannot all be read: the document, its Statement or a statement is an unknown
 * value. Then a permission no readable statement grants is unknown, not missing.
 */
export function hasUnknownStatements(document: unknown): boolean {
  if (hasUnknown(document)) return true;
  if (!isObject(document)) return false;
  const raw = document.Statement;
  return hasUnknown(raw) || (Array.isArray(raw) && raw.some(hasUnknown));
}
