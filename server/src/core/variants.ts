// Subjects with variants: a source that can enumerate a choice (a CloudFormation condition, a parameter
// with AllowedValues) emits one subject per resolution, all with the same path. The rules run on each, and
// a finding is reported when some choice fails whatever the others are: when there is a choice point c and
// an option v such that every variant with c = v has the finding (same rule, path and target). With one
// condition that reads "either branch fails"; with two independent ones, a pair is reported only where it
// fails for every value of the other. The message names the slice: " (when condition IsProd is false)".
import type { Subject, Variant } from './model';
import type { Finding } from './rule';
import { sanitizeMessage } from './messages';

/**
 * The most variants the engine runs for one path; a source turns further choice points into unknown markers.
 * @public For sources.
 */
export const MAX_VARIANTS = 64;

/** Subjects in document order, the variants of one path (and kind) together, at most MAX_VARIANTS of them. */
export function groupSubjects(subjects: readonly Subject[]): Subject[][] {
  const groups: Subject[][] = [];
  const byPath = new Map<string, Subject[]>();
  for (const subject of subjects) {
    if (!subject.variant) {
      groups.push([subject]);
      continue;
    }
    const key = `${subject.kind} ${JSON.stringify(subject.path)}`;
    const group = byPath.get(key);
    if (!group) {
      const created = [subject];
      byPath.set(key, created);
      groups.push(created);
    } else if (group.length < MAX_VARIANTS) {
      group.push(subject);
    }
  }
  return groups;
}

interface Slice {
  point: string;
  option: string;
}

/**
 * The findings to report for one rule over the variants of one subject, `found[i]` being what it found on
 * `variants[i]`. Each kept finding is the one of the first variant of its first slice (its data and variant
 * let the fix find that subject again), with the slice appended to its message.
 */
export function mergeVariantFindings(variants: readonly Subject[], found: readonly Finding[][]): Finding[] {
  const byKey = new Map<string, Map<number, Finding>>();
  found.forEach((findings, i) => {
    for (const finding of findings) {
      const key = `${finding.ruleId} ${finding.target} ${JSON.stringify(finding.path)}`;
      let inVariants = byKey.get(key);
      if (!inVariants) byKey.set(key, (inVariants = new Map()));
      if (!inVariants.has(i)) inVariants.set(i, finding);
    }
  });
  const result: Finding[] = [];
  for (const inVariants of byKey.values()) {
    if (inVariants.size === variants.length) {
      result.push(inVariants.values().next().value!);
      continue;
    }
    const slices = failingSlices(variants, inVariants);
    if (slices.length === 0) continue;
    const first = slices[0];
    const index = variants.findIndex((v, i) => v.variant?.choices[first.point] === first.option && inVariants.has(i));
    const finding = inVariants.get(index)!;
    result.push({
      ...finding,
      // The slice names conditions and values of the document: escaped like the rest of the message (core/messages.ts).
      message: `${finding.message} (${sanitizeMessage(slices.map((s) => describeSlice(variants[index].variant, s)).join(', or '))})`,
    });
  }
  return result;
}

/** Every (choice point, option) whose variants all have the finding. */
function failingSlices(variants: readonly Subject[], failing: ReadonlyMap<number, Finding>): Slice[] {
  const points: string[] = [];
  for (const variant of variants)
    for (const point of Object.keys(variant.variant?.choices ?? {})) if (!points.includes(point)) points.push(point);
  const slices: Slice[] = [];
  for (const point of points) {
    const options: string[] = [];
    for (const variant of variants) {
      const option = variant.variant?.choices[point];
      if (option !== undefined && !options.includes(option)) options.push(option);
    }
    for (const option of options) {
      const all = variants.every((v, i) => v.variant?.choices[point] !== option || failing.has(i));
      if (all) slices.push({ point, option });
    }
  }
  return slices;
}

function describeSlice(variant: Variant | undefined, slice: Slice): string {
  return `when ${variant?.labels?.[slice.point] ?? slice.point} is ${slice.option}`;
}
