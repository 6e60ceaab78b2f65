// Value formats that condition operators expect: numbers, dates, booleans, IP ranges, base64.
// Source: IAM User Guide, "IAM JSON policy elements: Condition operators".

export function isBooleanText(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false';
}

/** Integers and decimals, with an optional sign. */
export function isNumericText(text: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text);
}

/** ISO 8601 dates and date-times (`2026-01-31`, `2026-01-31T12:00:00Z`, with fractions or offsets), or epoch seconds. */
export function isDateText(text: string): boolean {
  if (/^\d+$/.test(text)) return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return false;
  const [month, day] = [Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (match[4] && (Number(match[5]) > 23 || Number(match[6]) > 59 || (match[8] !== undefined && Number(match[8]) > 60))) return false;
  return true;
}

export function isBase64Text(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

export interface IpRange {
  version: 4 | 6;
  /** Prefix length; the full length when the value names one address. */
  prefix: number;
  /** For IPv4: the address with the bits past the prefix cleared, when they were not already zero. */
  normalised?: string;
}

/** An IPv4 or IPv6 address or CIDR range as IpAddress / NotIpAddress take them, or undefined. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = slash >= 0 ? text.slice(0, slash) : text;
  const prefixText = slash >= 0 ? text.slice(slash + 1) : undefined;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const octets = ipv4Octets(address);
  if (octets) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (prefix > 32) return undefined;
    const value = octets.reduce((n, o) => n * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    const base = value - (value % size);
    const normalised = base === value ? undefined : `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${prefix}`;
    return { version: 4, prefix, normalised };
  }
  if (isIpv6(address)) {
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    return prefix > 128 ? undefined : { version: 6, prefix };
  }
  return undefined;
}

function ipv4Octets(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const all = halves.flatMap(groups);
  let count = all.length;
  // An embedded IPv4 address at the end counts as two groups.
  if (all.length && all[all.length - 1].includes('.')) {
    if (!ipv4Octets(all.pop()!)) return false;
    count++;
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** RFC 1918 private IPv4 ranges, plus loopback and link-local: never seen as aws:SourceIp. */
export function isPrivateIpv4(text: string): boolean {
  const octets = ipv4Octets(text.split('/')[0]);
  if (!octets) return false;
  const [a, b] = octets;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a === 127 || (a === 169 && b === 254);
}
