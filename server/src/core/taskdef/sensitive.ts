// Does a plain environment variable hold a secret? From its name (PASSWORD, SECRET, TOKEN, API_KEY, ...)
// and its value (AWS access keys, credentials in URLs), with care for the many variables whose names
// mention a secret without holding one (TOKEN_TYPE, SECRET_ARN, PASSWORD_MIN_LENGTH) and for values that
// are placeholders, flags or references. Pure: no I/O.
import { isTemplated } from './containers';

export type SecretEvidence = { kind: 'name'; word: string } | { kind: 'aws-access-key'; temporary: boolean } | { kind: 'url-credentials' };

/** Names that are secrets whatever their parts say. */
const EXPLICIT = new Set(['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'ECS_ENGINE_AUTH_DATA']);
/** One word of the name that means "this is a secret". */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'APIKEY', 'PRIVATEKEY', 'CREDENTIALS']);
/** Two words that together mean "this is a secret" (API_KEY, PRIVATE_KEY, ...). */
const SECRET_PAIRS = new Set([
  'API KEY',
  'PRIVATE KEY',
  'ACCESS KEY',
  'SECRET KEY',
  'SIGNING KEY',
  'ENCRYPTION KEY',
  'MASTER KEY',
  'AUTH KEY',
  'LICENSE KEY',
  'CLIENT SECRET',
]);
/** A last word that makes the variable about a secret rather than the secret itself. */
const NOT_A_SECRET_SUFFIX = new Set([
  'TYPE',
  'KIND',
  'PATH',
  'FILE',
  'FILENAME',
  'DIR',
  'ARN',
  'NAME',
  'ID',
  'IDS',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'HEADER',
  'FIELD',
  'PARAM',
  'PARAMETER',
  'VAR',
  'ENV',
  'LABEL',
  'LOCATION',
  'REGION',
  'PREFIX',
  'SUFFIX',
  'FORMAT',
  'EXPIRY',
  'EXPIRATION',
  'EXPIRES',
  'EXPIRE',
  'TTL',
  'LIFETIME',
  'DURATION',
  'TIMEOUT',
  'INTERVAL',
  'AGE',
  'IN',
  'MS',
  'SEC',
  'SECS',
  'SECONDS',
  'MIN',
  'MINS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'LENGTH',
  'LEN',
  'SIZE',
  'BYTES',
  'BITS',
  'COUNT',
  'LIMIT',
  'MAX',
  'ROUNDS',
  'ITERATIONS',
  'ALGORITHM',
  'ALG',
  'ISSUER',
  'AUDIENCE',
  'VERSION',
  'MODE',
  'ENABLED',
  'DISABLED',
  'ENABLE',
  'DISABLE',
  'REQUIRED',
  'POLICY',
  'PROVIDER',
  'SOURCE',
  'STORE',
  'RULES',
  'LOGIN',
  'USER',
  'USERNAME',
]);
/** Values that say "fill me in" rather than being a secret (compared without case and punctuation). */
const PLACEHOLDER_VALUES = new Set([
  'changeme',
  'replaceme',
  'todo',
  'tbd',
  'placeholder',
  'dummy',
  'example',
  'sample',
  'fake',
  'test',
  'secret',
  'password',
  'token',
  'none',
  'null',
  'nil',
  'undefined',
  'notset',
  'unset',
  'na',
  'redacted',
  'default',
  'empty',
  'hidden',
  'masked',
]);
const PLACEHOLDER_PREFIXES = [
  'your',
  'replace',
  'changeme',
  'insert',
  'enter',
  'fillin',
  'putyour',
  'setme',
  'mysecret',
  'mypassword',
  'dummy',
  'fake',
  'example',
];

const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^/\s@]+)@/i;

/** The upper-case words of a variable name: db_password → DB PASSWORD, apiKey → API KEY. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** A secret word, or the last word of a secret pair: a name holding none of them is no secret (most names, decided cheaply). */
const SECRET_PARTS = [...new Set([...SECRET_WORDS, ...[...SECRET_PAIRS].map((pair) => pair.split(' ')[1])])];

function holdsSecretPart(upper: string): boolean {
  for (const part of SECRET_PARTS) if (upper.includes(part)) return true;
  return false;
}

// A name's answer depends on the name alone, and a task definition's names stay as they are from one edit to
// the next: each is worked out once (bounded: the table starts again when full).
const MAX_NAMES = 10_000;
const wordsByName = new Map<string, string | undefined>();

function secretWordOf(name: string): string | undefined {
  if (wordsByName.has(name)) return wordsByName.get(name);
  if (wordsByName.size >= MAX_NAMES) wordsByName.clear();
  const word = secretWordOfName(name);
  wordsByName.set(name, word);
  return word;
}

function secretWordOfName(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (EXPLICIT.has(upper)) return upper;
  if (!holdsSecretPart(upper)) return undefined;
  const words = nameWords(name);
  if (words.length === 0 || NOT_A_SECRET_SUFFIX.has(words[words.length - 1])) return undefined;
  if (upper === 'PWD' || upper === 'OLDPWD') return undefined; // the shell's working directory
  const word = words.find((w) => SECRET_WORDS.has(w));
  if (word) return word;
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1]}`;
    if (SECRET_PAIRS.has(pair)) return pair.replace(' ', '_');
  }
  return undefined;
}

/** A value that cannot be a secret worth hiding: empty, a placeholder, a flag, a number, a reference. */
function isInertValue(value: string): boolean {
  const text = value.trim();
  if (text === '' || isTemplated(text)) return true;
  if (/^(?:true|false|yes|no|on|off|enabled|disabled)$/i.test(text)) return true;
  if (/^-?\d+(?:\.\d+)?(?:ms|s|m|h|d)?$/i.test(text)) return true;
  if (/^(?:arn:|s3:\/\/|ssm:|secretsmanager:|\/)/.test(text)) return true;
  if (/^https?:\/\//i.test(text) && !URL_CREDENTIALS.test(text)) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(text)) return true; // REPLACE_DB_PASSWORD, VAR_PRIVATE_KEY
  if (text.includes('EXAMPLE')) return true; // AWS documentation keys (AKIAIOSFODNN7EXAMPLE)
  const bare = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (bare === '' || /^(?:x+|0+|1234\d*|abc\d*)$/.test(bare) || /^[*.#]+$/.test(text)) return true;
  return PLACEHOLDER_VALUES.has(bare) || PLACEHOLDER_PREFIXES.some((p) => bare.startsWith(p));
}

/** Why the variable looks like a secret, or undefined. */
export function secretEvidence(name: string, value: string): SecretEvidence | undefined {
  // Each pattern runs only on values holding the text it cannot match without (most values hold neither).
  const key = (value.includes('AKIA') || value.includes('ASIA')) && AWS_ACCESS_KEY.exec(value);
  if (key && !value.includes('EXAMPLE')) return { kind: 'aws-access-key', temporary: key[1] === 'ASIA' };
  const credentials = value.includes('://') && URL_CREDENTIALS.exec(value);
  if (credentials && !isTemplated(value) && !isInertValue(decodeURIComponentSafe(credentials[1]))) return { kind: 'url-credentials' };
  // The name first: most names say nothing of a secret, and the value's checks cost more.
  const word = secretWordOf(name);
  return word && !isInertValue(value) ? { kind: 'name', word } : undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
