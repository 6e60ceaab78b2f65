// The "Templates" section of each rule's docs page (docs/rules/<id>.md): its YAML examples are whole
// templates, read by the CloudFormation source and checked with that rule alone. Every "Reported:" example
// must get a finding of the rule, every "Accepted:" example none. yaml-syntax's examples are syntax problems.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze, findRule } from '../../server/src/core/engine';
import { allRules } from '../../server/src/core/rules';
import { parseDocument } from '../../server/src/sources';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

interface Example {
  expect: 'reported' | 'accepted';
  yaml: string;
}

/** The YAML blocks of a section, each under the last "Reported:" or "Accepted:" above it. */
function examplesOf(section: string): Example[] {
  const examples: Example[] = [];
  let expect: Example['expect'] | undefined;
  const lines = section.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^Reported\b/.test(lines[i])) expect = 'reported';
    if (/^Accepted\b/.test(lines[i])) expect = 'accepted';
    if (lines[i] !== '```yaml') continue;
    const end = lines.indexOf('```', i + 1);
    if (expect) examples.push({ expect, yaml: `${lines.slice(i + 1, end).join('\n')}\n` });
    i = end;
  }
  return examples;
}

function sectionOf(page: string, title: string): string | undefined {
  const start = page.indexOf(`\n## ${title}\n`);
  if (start < 0) return undefined;
  const next = page.indexOf('\n## ', start + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));

test('every rule that runs on templates has a Templates section with YAML examples', () => {
  const without = allRules
    .map((r) => r.meta.id)
    .filter((id) => {
      const section = sectionOf(readFileSync(join(DOCS, `${id}.md`), 'utf8'), 'Templates');
      return !section || examplesOf(section).length === 0;
    });
  assert.deepEqual(without, []);
});

for (const page of pages) {
  const id = page.replace(/\.md$/, '');
  const text = readFileSync(join(DOCS, page), 'utf8');
  const rule = findRule(id);
  const section = sectionOf(text, rule ? 'Templates' : 'Examples');
  if (!section || (!rule && id !== 'yaml-syntax')) continue;
  examplesOf(section).forEach((example, i) => {
    test(`${id}: template example ${i + 1} is ${example.expect}`, () => {
      const uri = `file:///docs/${id}-${i + 1}.yaml`;
      const document = parseDocument({ uri, text: example.yaml });
      if (!rule) {
        const problems = document.syntaxProblems.filter((p) => p.ruleId === id);
        assert.equal(problems.length > 0, example.expect === 'reported', JSON.stringify(document.syntaxProblems));
        return;
      }
      assert.equal(document.model.kind, 'cloudformation-template', 'the example is a template');
      assert.deepEqual(document.syntaxProblems, [], 'the example is valid YAML');
      const findings = analyze(document.model, { document: { uri, fileName: `${id}.yaml` }, rules: [rule] }).findings;
      if (example.expect === 'reported') assert.ok(findings.length > 0, `no ${id} finding on:\n${example.yaml}`);
      else
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
        );
    });
  });
}
