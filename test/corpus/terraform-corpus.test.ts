// The real Terraform modules of ../shared/corpus/terraform (MANIFEST.tsv: one folder or one file per entry,
// each a module of its own): the analysis must not crash on any of them, and what it reports is kept in a
// reviewed snapshot, every error with a note saying why it is real. A folder entry is read as one module; a
// single-file entry as a module of its own (the corpus keeps those side by side, which Terraform would read as
// one module). After a deliberate change: UPDATE_SNAPSHOT=1 node test/run-tests.mjs terraform-corpus, then
// review the diff and write the "why" of new errors.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { FileReport } from '../../server/src/cli/report';
import { type Snapshot, snapshotOf, unreviewedErrors } from '../helpers/corpusSnapshot';
import { SHARED, skipWithoutShared } from '../helpers/shared.mjs';

const CORPUS = join(SHARED, 'corpus', 'terraform');
const skip = skipWithoutShared('corpus', 'terraform', 'MANIFEST.tsv');
const SNAPSHOT = join(__dirname, 'terraform-corpus-snapshot.json');

async function analyseEntry(entry: string): Promise<FileReport[]> {
  let output = '';
  let failure = '';
  const cwd = process.cwd();
  process.chdir(CORPUS);
  try {
    const code = await run(
      ['--format', 'json', entry],
      (text) => (output += text),
      (text) => (failure += text),
      { namedFilesAlone: true },
    );
    assert.notEqual(code, 2, `${entry}: ${failure}`);
  } finally {
    process.chdir(cwd);
  }
  return JSON.parse(output) as FileReport[];
}

test(
  'every Terraform module of the corpus is analysed without an exception, and the findings match the reviewed snapshot',
  { skip },
  async () => {
    const entries = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[0])
      .filter(Boolean);
    assert.ok(entries.length >= 49, `${entries.length} entries`);
    const previous: Snapshot = existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, 'utf8')) : {};
    const current: Snapshot = {};
    for (const entry of entries) snapshotOf(await analyseEntry(entry), previous, current);
    if (process.env.UPDATE_SNAPSHOT) writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`);
    assert.deepEqual(current, previous);
    const unreviewed = unreviewedErrors(current);
    assert.deepEqual(unreviewed, [], 'errors on real files need a "why" in the snapshot saying why they are real');
  },
);
