// A key written twice in one object, in any document fargate-lint reads. AWS's JSON readers keep the last
// one, so `"memory": "512"` followed by `"memory": "4096"` silently means 4096; IAM rejects a policy with a
// duplicate key. The source finds them (the model, like AWS, keeps only the last); this rule reports each on
// the kept occurrence, once, in the innermost subject that holds it.
import type { JsonPath } from '../../json';
import { type DuplicateKey, EVERY_SUBJECT, POLICY_SUBJECTS, type Subject } from '../../model';
import type { Rule } from '../../rule';

interface DuplicateKeyData {
  /** Line of the earlier occurrence, which tells it apart from others of the same key. */
  line: number;
}

export const duplicateKey: Rule<DuplicateKeyData> = {
  meta: {
    id: 'duplicate-key',
    title: 'A key must not be written twice in one object (AWS keeps only the last one)',
    defaultSeverity: 'warning',
    appliesTo: EVERY_SUBJECT,
    fixable: true,
  },
  check({ subject, model, report }) {
    for (const duplicate of model.duplicateKeys) {
      if (!samePath(ownerOf(duplicate, model.subjects)?.path, subject.path)) continue;
      const policy = POLICY_SUBJECTS.includes(subject.kind);
      const where = `"${duplicate.key}" appears more than once in this object (also on line ${duplicate.earlierLine}).`;
      report({
        path: duplicate.path.slice(subject.path.length),
        target: 'key',
        severity: policy ? 'error' : undefined,
        message: policy
          ? `${where} IAM rejects duplicate keys; a JSON reader keeps only the last one, so the earlier one is silently lost.`
          : `${where} AWS reads only the last one, so the earlier value is silently ignored.`,
        data: { line: duplicate.earlierLine },
      });
    }
  },
  fix({ model, path, data }) {
    const duplicate = model.duplicateKeys.find((d) => samePath(d.path, path) && d.earlierLine === data?.line);
    if (!duplicate?.removeEarlier) return [];
    return [{ title: `Remove the earlier "${duplicate.key}" (line ${duplicate.earlierLine})`, edits: [duplicate.removeEarlier] }];
  },
};

/** The innermost subject whose path leads to the duplicate key (several variants share one path). */
function ownerOf(duplicate: DuplicateKey, subjects: readonly Subject[]): Subject | undefined {
  let owner: Subject | undefined;
  for (const subject of subjects) {
    const inside = subject.path.length <= duplicate.path.length && subject.path.every((segment, i) => segment === duplicate.path[i]);
    if (inside && (!owner || subject.path.length > owner.path.length)) owner = subject;
  }
  return owner;
}

function samePath(a: JsonPath | undefined, b: JsonPath): boolean {
  return a !== undefined && a.length === b.length && a.every((segment, i) => segment === b[i]);
}
