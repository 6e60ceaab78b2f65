// The unknown values of a module: each expression the source cannot resolve becomes an unknown marker whose
// id is the expression's text (the same expression, the same marker: `aws_ssm_parameter.db.arn` in a
// container's valueFrom and in a policy's resources compare equal), with a description for hover and
// messages. Also what each value built from expressions was written as, so a fix can write it back
// (`resources = [aws_ssm_parameter.db.arn]`).
import { unknownMarker } from '../../core/unknown';

/** The implicit parts of a resource's ARN (its provider's partition, Region and account). */
export const PARTITION = unknownMarker('partition');
export const REGION = unknownMarker('region');
export const ACCOUNT = unknownMarker('account');

const IMPLICIT: Record<string, string> = { partition: 'PARTITION', region: 'REGION', account: 'ACCOUNT_ID' };

export class Unknowns {
  private readonly descriptions = new Map<string, string>();
  /** Marker id -> the expression text it stands for. */
  private readonly texts = new Map<string, string>();
  /** A model string (with markers) -> the HCL expression it was evaluated from. */
  private readonly expressions = new Map<string, string>();

  /**
   * The marker for the expression `text`, described as `description` (default: the text itself).
   * `expression`: the HCL that writes the value in a template (default `text`; null when none does).
   */
  marker(text: string, description?: string, expression: string | null = text): string {
    const marker = unknownMarker(idOf(text));
    // The id as the marker holds it (":" and "/" replaced), which describeUnknown is asked with.
    const id = marker.slice(1, -1);
    if (!this.descriptions.has(id)) {
      this.descriptions.set(id, description ?? shorten(text));
      if (expression !== null) this.texts.set(id, expression.replace(/\s+/g, ' ').trim());
    }
    return marker;
  }

  /** A better description of a marker made before (a role whose name is known). */
  describeAs(marker: string, description: string): void {
    this.descriptions.set(marker.slice(1, -1), description);
  }

  describe(id: string): string | undefined {
    return this.descriptions.get(id) ?? IMPLICIT[id];
  }

  /** The expression a marker stands for, when it stands for one (the implicit ARN parts do not). */
  textOf(id: string): string | undefined {
    return this.texts.get(id);
  }

  /** `value` (a string holding markers) is what the expression `text` evaluates to. */
  wrote(value: string, text: string): void {
    if (!this.expressions.has(value)) this.expressions.set(value, text);
  }

  /** The HCL expression a model string was evaluated from, when the source built it from one. */
  expressionOf(value: string): string | undefined {
    return this.expressions.get(value);
  }
}

/** One line of text, at most 80 characters. */
function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/** A marker id for an expression: its text on one line; a long one is cut and given a hash of the whole. */
function idOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= 80) return line;
  let hash = 0;
  for (let i = 0; i < line.length; i++) hash = (Math.imul(hash, 31) + line.charCodeAt(i)) | 0;
  return `${line.slice(0, 60)}...#${(hash >>> 0).toString(36)}`;
}
