// The CLI on worker threads: the same bytes on stdout, and the same exit code, on one thread and on three
// (--jobs 1 analyses in the main thread; three workers on fewer cores share the chunks unevenly), in every format, over files whose checks look across
// files (the execution-role fixtures, with fargate-lint.json and role files) mixed with files that are
// none of ours, broken JSON and a binary file. And the formats written report by report equal the whole
// documents they replace.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defaultJobs } from '../../server/src/cli/main';
import { type FileReport, jsonFormatter, stylishFormatter } from '../../server/src/cli/report';
import { isSourceFileName } from '../../server/src/sources';
import { cli, cliProcess } from '../helpers/cli';

const FIXTURES = join(__dirname, '..', 'fixtures', 'execution-role');

/** The files a source reads under `dir`, in the order the CLI walks them (sorted, depth first), relative to `dir`. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(dir, join(prefix, e.name)) : isSourceFileName(e.name) ? [join(prefix, e.name)] : []));
}

/** The execution-role fixtures (cross-file cases), each twice, among 40 other files of every sort. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-threads-'));
  cpSync(FIXTURES, join(dir, 'a'), { recursive: true });
  cpSync(FIXTURES, join(dir, 'z'), { recursive: true });
  mkdirSync(join(dir, 'm'));
  for (let i = 0; i < 40; i++) {
    const name = join(dir, 'm', `file-${String(i).padStart(3, '0')}.json`);
    if (i % 10 === 0) writeFileSync(name, '{"broken": ');
    else if (i % 10 === 1)
      writeFileSync(
        name,
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `s3:GetObjec${i}`, Resource: '*' }] }),
      );
    else if (i % 10 === 2)
      writeFileSync(name, JSON.stringify({ family: `f${i}`, containerDefinitions: [{ name: 'app', image: 'nginx' }] }));
    else if (i === 3) writeFileSync(name, Buffer.from([0x7b, 0x00, 0x01]));
    else writeFileSync(name, JSON.stringify({ id: i, tags: ['a', 'b'] }));
  }
  return dir;
}

describe('the CLI on worker threads', () => {
  const dir = workspace();
  for (const format of ['json', 'sarif', 'stylish']) {
    // One thread in this process (the main thread's analysis), three as the built CLI runs them.
    test(`--format ${format}: the same output on 1 and 3 threads`, async () => {
      const one = await cli(['--format', format, '--jobs', '1', '.'], dir);
      assert.equal(one.code, 1, one.stderr);
      const many = cliProcess(['--format', format, '--jobs', '3', '.'], dir);
      assert.equal(many.stderr, '');
      assert.equal(many.code, one.code);
      assert.equal(many.stdout, one.stdout);
      if (format === 'json') {
        const reports = JSON.parse(one.stdout) as FileReport[];
        assert.deepEqual(
          reports.map((r) => r.file),
          walk(dir),
          'every file once, in the order of the walk',
        );
        // Pass 2 ran: a role's policy in another file is what the task definition is checked against.
        const missing = reports.find((r) => r.file === 'z/missing/task-definition.json');
        assert.deepEqual(
          missing?.diagnostics.map((d) => d.rule).filter((r) => r.startsWith('execution-role')),
          ['execution-role-permission'],
        );
      }
    });
  }

  test('without --jobs: threads only from 1,000 files and on 4 cores or more (a worker parses every file again)', () => {
    assert.equal(defaultJobs(999, 8), 1);
    assert.equal(defaultJobs(1000, 8), 8);
    assert.equal(defaultJobs(1000, 4), 4);
    assert.equal(defaultJobs(100000, 3), 1);
    assert.equal(defaultJobs(100000, 2), 1);
  });

  test('--jobs needs a whole number of threads', async () => {
    const { code, stderr } = await cli(['--jobs', '0', '.'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /--jobs needs a whole number of threads, at least 1: 0/);
  });
});

describe('the formats written report by report', () => {
  const report = (file: string, rules: string[]): FileReport => ({
    file,
    kind: rules.length ? 'task-definition' : 'unknown',
    diagnostics: rules.map((rule, i) => ({
      rule,
      severity: i ? 'warning' : 'error',
      message: `message of ${rule}\nwith a second line`,
      range: { start: { line: i, character: 0 }, end: { line: i, character: 3 } },
      subjectPath: [],
    })),
  });
  const lists: FileReport[][] = [
    [],
    [report('a.json', ['x'])],
    [report('a.json', ['x', 'y']), report('b.json', []), report('c.json', ['z'])],
  ];
  const whole = (formatter: ReturnType<typeof jsonFormatter>, reports: FileReport[]) =>
    [...reports.flatMap((r) => formatter.add(r)), ...formatter.end({ hidden: 0, threshold: 'hint' })].join('\n');

  test('json: the same text as JSON.stringify of the whole list (without subject paths)', () => {
    for (const reports of lists) {
      const expected = JSON.stringify(
        reports.map((r) => ({ ...r, diagnostics: r.diagnostics.map(({ subjectPath: _, ...d }) => d) })),
        null,
        2,
      );
      assert.equal(whole(jsonFormatter(), reports), expected);
    }
  });

  test('stylish: each file with findings, then the totals', () => {
    assert.equal(
      whole(stylishFormatter(false), lists[2]),
      [
        'a.json  (task-definition)',
        '  1:1      error   message of x\nwith a second line  x',
        '  2:1      warning message of y\nwith a second line  y',
        '',
        'c.json  (task-definition)',
        '  1:1      error   message of z\nwith a second line  z',
        '',
        '2 errors, 1 warnings, 0 notes in 3 files (2 recognised)',
      ].join('\n'),
    );
  });
});
