// The "Templates" section of each rule's docs page (docs/rules/<id>.md): its ```yaml examples are whole
// templates, opened as a YAML document through the language service, as the editor does (the blocks are read
// by test/helpers/docExamples.ts, as the JSON examples of docs-examples.test.ts are). Every "Reported:"
// example must get a diagnostic of the page's rule, every "Accepted:" example none. yaml-syntax's examples
// (its "Examples" section) are syntax problems of a template.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findRule } from '../../server/src/core/engine';
import { allRules } from '../../server/src/core/rules';
import { parseDocument } from '../../server/src/sources';
import { type DocBlock, docBlocks, documentedIds, ruleDiagnostics, verdictProblem } from '../helpers/docExamples';

/** The blocks this runner takes: YAML under "Templates" (for a rule), or under "Examples" (yaml-syntax). */
function templateBlocks(id: string): DocBlock[] {
  const section = findRule(id) ? 'Templates' : 'Examples';
  return docBlocks(id).filter((b) => b.lang === 'yaml' && b.section === section);
}

/** As in the catalog test: the pages of the two size rules say in words what they report (too long to show). */
const REPORTED_IN_WORDS = new Set(['iam-policy-size', 'task-definition-size']);

test('every rule that runs on templates has a Templates section with a YAML example of each kind', () => {
  const without = allRules
    // Services, AppSpecs and fargate-lint.json are never part of a template.
    .filter((r) => r.meta.appliesTo.some((kind) => kind !== 'service' && kind !== 'appspec' && kind !== 'project-config'))
    .map((r) => r.meta.id)
    .filter((id) => {
      const verdicts = new Set(templateBlocks(id).map((b) => b.verdict));
      return (!verdicts.has('reported') && !REPORTED_IN_WORDS.has(id)) || !verdicts.has('accepted');
    });
  assert.deepEqual(without, []);
});

for (const id of documentedIds()) {
  if (!findRule(id) && id !== 'yaml-syntax') continue;
  templateBlocks(id).forEach((block, i) => {
    test(`${id}: template example ${i + 1} (${block.page}:${block.line}) is ${block.verdict}`, async () => {
      const text = `${block.code}\n`;
      const uri = `file:///ws/${id}-${i + 1}.yaml`;
      const document = parseDocument({ uri, text, languageId: 'yaml' });
      if (!findRule(id)) {
        // yaml-syntax is the CLI's (the editor's YAML extension shows syntax errors): read from the parse.
        const problems = document.syntaxProblems.filter((p) => p.ruleId === id);
        assert.equal(problems.length > 0, block.verdict === 'reported', JSON.stringify(document.syntaxProblems));
        return;
      }
      assert.equal(document.model.kind, 'cloudformation-template', 'the example is a template');
      assert.deepEqual(document.syntaxProblems, [], 'the example is valid YAML');
      const diagnostics = await ruleDiagnostics(id, { uri, text, languageId: 'yaml' });
      assert.equal(verdictProblem(block.verdict, diagnostics), '', `${block.page}:${block.line}\n${text}`);
    });
  });
}
