// The Terraform examples of the rule pages (docs/rules/<id>.md, section "## Terraform", read by
// test/helpers/docExamples.ts) run through the language service as a module of one main.tf: each ```hcl block
// under `Reported:` must get a diagnostic of the page's rule, each under `Accepted:` none. Every rule that
// looks at task definitions, policies or services (aws_ecs_service) has the section.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { POLICY_SUBJECTS } from '../../server/src/core/model';
import { allRules } from '../../server/src/core/rules';
import { nodeAssets } from '../../server/src/node/assets';
import { parseDocument, prepareSources } from '../../server/src/sources';
import { docBlocks, ruleDiagnostics, verdictProblem } from '../helpers/docExamples';

/** The pages whose Terraform section says it in words: an example would not be small (sizes) or there is none. */
const PROSE_ONLY = new Set(['task-definition-size', 'iam-policy-size', 'describe-only-field', 'duplicate-key']);

before(() => prepareSources(nodeAssets));

const checked = new Set(['task-definition', 'container-definitions', 'service', ...POLICY_SUBJECTS]);

const URI = 'file:///ws/main.tf';
const ROOT = join(__dirname, '..', '..');

describe('the Terraform examples of the rule pages', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    if (!rule.meta.appliesTo.some((kind) => checked.has(kind))) continue;
    test(`${id}: its page has a Terraform section, whose examples the rule reports or accepts as they say`, async () => {
      const page = `docs/rules/${id}.md`;
      assert.match(readFileSync(join(ROOT, page), 'utf8'), /^## Terraform$/m, `${page} has no "## Terraform" section`);
      const blocks = docBlocks(id).filter((b) => b.section === 'Terraform');
      if (PROSE_ONLY.has(id)) return;
      assert.ok(
        blocks.some((b) => b.verdict === 'reported') && blocks.some((b) => b.verdict === 'accepted'),
        `${page} has no "## Terraform" section with a Reported and an Accepted example`,
      );
      const problems: string[] = [];
      for (const block of blocks) {
        assert.equal(block.lang, 'hcl', `${page}:${block.line}: the Terraform section shows HCL`);
        const syntax = parseDocument({ uri: URI, text: block.code, languageId: 'terraform' }).syntaxProblems;
        const problem = syntax.length
          ? `is not valid HCL (${syntax[0].message})`
          : verdictProblem(block.verdict, await ruleDiagnostics(id, { uri: URI, text: block.code, languageId: 'terraform' }));
        if (problem) problems.push(`${page}:${block.line}: ${problem}\n    ${block.code.replace(/\n/g, '\n    ')}`);
      }
      assert.deepEqual(problems, []);
    });
  }
});

test('the Terraform examples read from a page', () => {
  assert.deepEqual(
    docBlocks('fargate-network-mode')
      .filter((b) => b.section === 'Terraform')
      .map((b) => [b.verdict, b.lang]),
    [
      ['reported', 'hcl'],
      ['accepted', 'hcl'],
    ],
  );
});
