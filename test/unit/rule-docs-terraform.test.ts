// The Terraform examples of the rule pages (docs/rules/<id>.md, section "## Terraform") are run through the
// Terraform source and the rule: each `Reported:` example must get a finding of the page's rule, each
// `Accepted:` one none. Every rule that looks at task definitions or policies has the section.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { POLICY_SUBJECTS } from '../../server/src/core/model';
import { allRules } from '../../server/src/core/rules';
import { nodeAssets } from '../../server/src/node/assets';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { prepareSources } from '../../server/src/sources';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

/** The pages whose Terraform section says it in words: an example would not be small (sizes) or there is none. */
const PROSE_ONLY = new Set(['task-definition-size', 'iam-policy-size', 'describe-only-field', 'duplicate-key']);

interface Example {
  expected: 'Reported' | 'Accepted';
  hcl: string;
}

/** The ```hcl blocks of the page's Terraform section, each with the `Reported:` or `Accepted:` it follows. */
function examplesOf(page: string): Example[] | undefined {
  const section = /\n## Terraform\n([\s\S]*?)(?=\n## |$)/.exec(page)?.[1];
  if (section === undefined) return undefined;
  const examples: Example[] = [];
  let expected: Example['expected'] | undefined;
  for (const part of section.split(/^```/m).map((p, i) => ({ p, code: i % 2 === 1 }))) {
    if (!part.code) {
      const label = [...part.p.matchAll(/^(Reported|Accepted)\b[^\n]*:\s*$/gm)].pop();
      if (label) expected = label[1] as Example['expected'];
      continue;
    }
    assert.ok(part.p.startsWith('hcl\n'), 'the Terraform section shows HCL');
    assert.ok(expected, 'an example follows "Reported:" or "Accepted:"');
    examples.push({ expected, hcl: part.p.slice('hcl\n'.length) });
  }
  return examples;
}

/** The rule's findings on a module made of one file. */
function findings(ruleId: string, hcl: string): string[] {
  const uri = `file:///docs/${ruleId}/main.tf`;
  const workspace = new WorkspaceIndex(['file:///docs']);
  const document = workspace.set(uri, hcl);
  assert.deepEqual(document.syntaxProblems, [], 'the example is valid HCL');
  const rule = allRules.find((r) => r.meta.id === ruleId)!;
  return analyze(document.model, { document: { uri, fileName: 'main.tf', workspace }, rules: [rule] })
    .findings.filter((f) => document.locate(f.path, f.target)?.uri === undefined)
    .map((f) => `${f.severity}: ${f.message}`);
}

before(() => prepareSources(nodeAssets));

const checked = new Set(['task-definition', 'container-definitions', ...POLICY_SUBJECTS]);

describe('the Terraform examples of the rule pages', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    const page = readFileSync(join(DOCS, `${id}.md`), 'utf8');
    const examples = examplesOf(page);
    if (!rule.meta.appliesTo.some((kind) => checked.has(kind))) continue;
    test(`${id}: its page has a Terraform section, whose examples the rule reports or accepts as they say`, () => {
      assert.ok(examples, `docs/rules/${id}.md has no "## Terraform" section`);
      if (PROSE_ONLY.has(id)) return;
      assert.ok(
        examples.some((e) => e.expected === 'Reported') && examples.some((e) => e.expected === 'Accepted'),
        'a Reported and an Accepted example',
      );
      for (const example of examples) {
        const found = findings(id, example.hcl);
        if (example.expected === 'Reported') assert.ok(found.length > 0, `not reported:\n${example.hcl}`);
        else assert.deepEqual(found, [], `reported although accepted:\n${example.hcl}`);
      }
    });
  }
});
