// What fargate-unsupported-parameter and fargate-windows-unsupported have in common: report every hit of a
// parameter table, and fix it by removing the value (or setting the allowed value the table names).
import { remove, set } from '../../model';
import type { JsonPath } from '../../json';
import type { Fix, FixContext, RuleContext } from '../../rule';
import { taskOf } from '../../taskdef/model';
import {
  type ParameterHit,
  type ParameterList,
  findParameters,
  parameterEntry,
  parameterMessage,
  targetsOnlyFargate,
} from '../../taskdef/fargate-parameters';

export interface ParameterFixData {
  list: ParameterList;
  entry: string;
  /** Relative to the subject. */
  removePaths: JsonPath[];
  /** The value removed, for the fix title (strings only). */
  item?: string;
  /** Fix all may apply the removal: the entry is harmless to drop and the task targets only Fargate. */
  safe: boolean;
}

export function reportParameters(
  context: RuleContext<ParameterFixData>,
  list: ParameterList,
  hits: ParameterHit[] = findParameters(context.subject, list),
): void {
  const task = taskOf(context.subject);
  for (const hit of hits) {
    const data: ParameterFixData = {
      list,
      entry: hit.entry.id,
      removePaths: hit.removePaths,
      item: typeof hit.value === 'string' ? hit.value : undefined,
      safe: hit.entry.safe && targetsOnlyFargate(task),
    };
    const target = hit.entry.when === 'used' ? 'key' : 'value';
    context.report({ path: hit.path, target, message: parameterMessage(hit), data: hit.entry.fix === 'none' ? undefined : data });
  }
}

const lastKey = (path: JsonPath) => String([...path].reverse().find((p) => typeof p === 'string') ?? '');

export function parameterFixes({ subjectPath, data: d }: FixContext<ParameterFixData>): Fix[] {
  const entry = d && parameterEntry(d.list, d.entry);
  if (!d || !entry || !Array.isArray(d.removePaths) || d.removePaths.length === 0) return [];
  const [main, ...extra] = d.removePaths;
  const itemIndex = typeof main[main.length - 1] === 'number';
  const names = d.removePaths.map((p) => `"${lastKey(p)}"`).join(' and ');
  const title = itemIndex
    ? `Remove ${d.item !== undefined ? JSON.stringify(d.item) : `the ${entry.match?.values.join('/') ?? ''} entry`} from ${entry.path.join('.')}`
    : `Remove ${names}`;
  const fixes: Fix[] = [
    {
      title,
      isPreferred: true,
      safe: d.safe,
      edits: [main, ...extra].map((p) => remove([...subjectPath, ...p])),
    },
  ];
  if (entry.replaceWith !== undefined && !itemIndex) {
    fixes.push({
      title: `Set ${lastKey(main)} to ${JSON.stringify(entry.replaceWith)}`,
      edits: [set([...subjectPath, ...main], entry.replaceWith)],
    });
  }
  return fixes.filter((f) => f.edits.length > 0);
}
