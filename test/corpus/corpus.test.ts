// The real files in ../shared/corpus: the analysis must not crash on any of them (no rule may throw), and what
// it reports is kept in a reviewed snapshot per part of the corpus. Every error carries a note saying why it is
// real. Each part is analysed as one workspace, as the CLI reads the folders it is given (services link to the
// task definitions beside them). For the CloudFormation templates, wherever the corpus's MANIFEST says cfn-lint
// reports one of its ECS rules (E3047, E3048, E3042, E3053), we must report the matching rule (or
// test/peer/README.md must say why cfn-lint is wrong there).
// After a deliberate change: UPDATE_SNAPSHOT=1 npm test, then review the diff and write the "why" of new errors.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { run } from '../../server/src/cli/main';
import { analyze } from '../../server/src/core/engine';
import { parseDocument } from '../../server/src/sources';
import type { FileReport } from '../../server/src/cli/report';
import { CFN_LINT_ECS_RULES } from '../helpers/cfn-lint';
import { type Snapshot, snapshotOf, unreviewedErrors } from '../helpers/corpusSnapshot';
import { SHARED, skipWithoutShared } from '../helpers/shared.mjs';

const CORPUS = join(SHARED, 'corpus');

/** The parts of the corpus, each with its folders and its snapshot file next to this test. */
const PARTS = [
  { name: 'task definitions and IAM', folders: ['taskdefs', 'iam'], snapshot: 'corpus-snapshot.json' },
  { name: 'services and AppSpecs', folders: ['services'], snapshot: 'services-snapshot.json' },
  { name: 'CloudFormation templates', folders: ['cloudformation'], snapshot: 'cloudformation-snapshot.json' },
];

/** The CLI's reports on `folders` of the corpus, made once for the tests that read them (the templates: two). */
const analysed = new Map<string, Promise<FileReport[]>>();
function analyseCorpus(folders: string[]): Promise<FileReport[]> {
  const key = folders.join('\n');
  if (!analysed.has(key)) analysed.set(key, runOnCorpus(folders));
  return analysed.get(key)!;
}

async function runOnCorpus(folders: string[]): Promise<FileReport[]> {
  let output = '';
  const cwd = process.cwd();
  process.chdir(CORPUS);
  try {
    await run(
      ['--format', 'json', ...folders],
      (text) => (output += text),
      () => undefined,
    );
  } finally {
    process.chdir(cwd);
  }
  return JSON.parse(output) as FileReport[];
}

for (const part of PARTS) {
  const skip = skipWithoutShared('corpus', part.folders[0]);
  const snapshotFile = join(__dirname, part.snapshot);
  test(
    `corpus, ${part.name}: every file is analysed without an exception, and the findings match the reviewed snapshot`,
    { skip },
    async () => {
      const reports = await analyseCorpus(part.folders);
      const previous: Snapshot = existsSync(snapshotFile) ? JSON.parse(readFileSync(snapshotFile, 'utf8')) : {};
      const current = snapshotOf(reports, previous);
      if (process.env.UPDATE_SNAPSHOT) writeFileSync(snapshotFile, `${JSON.stringify(current, null, 2)}\n`);
      assert.deepEqual(current, previous);
      const unreviewed = unreviewedErrors(current);
      assert.deepEqual(unreviewed, [], 'errors on real files need a "why" in the snapshot saying why they are real');
    },
  );
}

const cloudformationSkip = skipWithoutShared('corpus', 'cloudformation');

/** The cfn-lint rules the issue names for templates (E3046 is not among them). */
const CHECKED = ['E3047', 'E3048', 'E3042', 'E3053'];

test('no rule throws on any CloudFormation template of the corpus', { skip: cloudformationSkip }, () => {
  const folder = join(CORPUS, 'cloudformation');
  const thrown: string[] = [];
  for (const file of readdirSync(folder).filter((f) => /\.(ya?ml|json)$/.test(f))) {
    const uri = pathToFileURL(join(folder, file)).href;
    const document = parseDocument({ uri, text: readFileSync(join(folder, file), 'utf8') });
    analyze(document.model, {
      document: { uri, fileName: file },
      onRuleError: (rule, error) => thrown.push(`${file} ${rule}: ${String(error)}`),
    });
  }
  assert.deepEqual(thrown, []);
});

test('where cfn-lint reports an ECS rule on a corpus template, we report the matching rule', { skip: cloudformationSkip }, async () => {
  const manifest = readFileSync(join(CORPUS, 'cloudformation', 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const explained = readFileSync(join(__dirname, '..', 'peer', 'README.md'), 'utf8');
  const reports = new Map((await analyseCorpus(['cloudformation'])).map((r) => [r.file, r]));
  const missing: string[] = [];
  for (const row of manifest) {
    const [file, , , , , notes] = row.split('\t');
    const e3 = /cfn-lint E3: ([^(]*)/.exec(notes)?.[1] ?? '';
    for (const cfnRule of e3.split(',').map((r) => r.trim())) {
      if (!CHECKED.includes(cfnRule)) continue;
      const ours = CFN_LINT_ECS_RULES[cfnRule];
      const report = reports.get(`cloudformation/${file}`);
      const found = report?.diagnostics.some((d) => d.severity === 'error' && ours.includes(d.rule) && d.resource);
      if (!found && !explained.includes(`cloudformation/${file}`)) missing.push(`${file}: ${cfnRule}`);
    }
  }
  assert.deepEqual(missing, []);
});
