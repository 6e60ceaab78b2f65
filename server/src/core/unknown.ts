// Unknown values in the model. A source that cannot resolve a value (a CloudFormation `Ref` to a parameter
// without Default, `Fn::GetAtt`, a Terraform `var.x`, a function call) writes, in its place, a string
// holding an unknown marker: U+E000, an id, U+E001 (private-use characters no real value contains). Only
// the unknown part of a string is a marker: `arn:<m>:ssm:<m>:<m>:parameter/app/db`.
//
// Rules treat any string with a marker as a placeholder (json.ts isPlaceholder), so an unknown value is
// never wrong. The IAM evaluator reads markers optimistically (iam/evaluate.ts). The same expression gets
// the same id within a document, so `!Ref DbSecret` written twice compares equal. Messages shown to users
// have their markers replaced by the source's description (`${AWS::Region}`, `var.region`).

const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * The marker for the unknown value `id`. Ids hold no `:` or `/` (so ARN parsing keeps its fields) and no
 * marker characters; such characters are replaced by `_`.
 * @public For sources (CloudFormation, Terraform).
 */
export function unknownMarker(id: string): string {
  return `${OPEN}${id.replace(/[:/\uE000\uE001]/g, '_')}${CLOSE}`;
}

/** The string holds an unknown marker. */
export function hasUnknown(value: unknown): boolean {
  return typeof value === 'string' && value.includes(OPEN);
}

/**
 * The whole string is one marker.
 * @public For sources and rules that tell a wholly unknown value from a partly unknown one.
 */
export function isUnknown(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(OPEN) && value.indexOf(CLOSE) === value.length - 1;
}

export type UnknownPart = string | { unknown: string };

/** The literal text and the markers of a string, in order (empty literal parts are left out). */
export function splitUnknown(text: string): UnknownPart[] {
  const parts: UnknownPart[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf(OPEN, i);
    const close = open < 0 ? -1 : text.indexOf(CLOSE, open + 1);
    if (open < 0 || close < 0) {
      parts.push(text.slice(i));
      break;
    }
    if (open > i) parts.push(text.slice(i, open));
    parts.push({ unknown: text.slice(open + 1, close) });
    i = close + 1;
  }
  return parts;
}

/** `text` with each marker replaced: by `replacement(id)`, or by "…" when that has nothing to say. */
export function replaceUnknown(text: string, replacement: (id: string) => string | undefined): string {
  if (!text.includes(OPEN)) return text;
  return splitUnknown(text)
    .map((part) => (typeof part === 'string' ? part : (replacement(part.unknown) ?? '…')))
    .join('');
}
