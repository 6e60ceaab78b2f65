// The `$fargate-lint` problem matcher (package.json contributes.problemMatchers) against the CLI's real
// stylish output: the regular expressions are applied the way VS Code applies a multi-line pattern (the
// first line names the file, the looping second pattern matches each finding under it), to lines as the
// terminal shows them (colours already rendered, so without escape codes: NO_COLOR gives the same text).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../helpers/cli';

const ROOT = join(__dirname, '..', '..');

interface PatternPart {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'fargate-lint');
const [filePattern, findingPattern] = (matcher.pattern as PatternPart[]).map((p) => ({ ...p, re: new RegExp(p.regexp) }));

interface Problem {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string;
}

/** VS Code's reading of a two-part pattern whose second part loops. */
function match(output: string): Problem[] {
  const problems: Problem[] = [];
  let file: string | undefined;
  for (const line of output.split('\n')) {
    const head = filePattern.re.exec(line);
    if (head) {
      file = head[filePattern.file!];
      continue;
    }
    const m = file === undefined ? null : findingPattern.re.exec(line);
    if (!m) {
      file = undefined;
      continue;
    }
    problems.push({
      file: file!,
      line: Number(m[findingPattern.line!]),
      column: Number(m[findingPattern.column!]),
      severity: m[findingPattern.severity!],
      message: m[findingPattern.message!],
      code: m[findingPattern.code!],
    });
  }
  return problems;
}

const task = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'bridge',
  cpu: '256',
  memory: '4096',
  containerDefinitions: [{ name: 'app', image: 'nginx', essential: true, environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }],
};

test('the problem matcher is contributed with a file line and a looping finding line', () => {
  assert.equal(matcher.owner, 'fargate-lint');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  assert.equal(findingPattern.loop, true);
});

test('$fargate-lint reads every finding of the stylish output: file, line, column, severity, message, rule', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-lint-matcher-'));
  writeFileSync(join(dir, 'task definition.json'), JSON.stringify(task, null, 2));
  writeFileSync(
    join(dir, 'policy.json'),
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }] }, null, 2),
  );
  const output = (await cli(['--severity', 'hint', '.'], dir)).stdout;
  const problems = match(output);
  assert.deepEqual(
    problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`),
    [
      'policy.json:6:17 warning iam-invalid-action',
      'task definition.json:6:18 error fargate-network-mode',
      'task definition.json:8:13 error fargate-cpu-memory',
      'task definition.json:11:15 hint readonly-root-filesystem',
      'task definition.json:11:15 hint container-runs-as-root',
      'task definition.json:17:20 warning secret-in-environment',
    ],
    output,
  );
  const network = problems.find((p) => p.code === 'fargate-network-mode')!;
  assert.equal(network.message, 'Fargate requires networkMode "awsvpc", not "bridge".');
  // Every finding line of the output was read, and nothing else was.
  const findingLines = output.split('\n').filter((l) => /^ {2}\d+:\d+ /.test(l));
  assert.equal(problems.length, findingLines.length);
  assert.match(output.trim().split('\n').at(-1)!, /^2 errors, 2 warnings, 2 notes in 2 files/);
});
