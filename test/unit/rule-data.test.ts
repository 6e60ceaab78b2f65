// Rule<D>: a rule's findings carry data of its own type D, and its fix receives that type back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { documentOf, fixContextOf } from '../helpers/documents';
import type { Rule } from '../../server/src/core/rule';

interface CountData {
  count: number;
}

const meta = { id: 'test-count', title: 'counts keys', defaultSeverity: 'warning', appliesTo: ['task-definition'] } as const;

const counting: Rule<CountData> = {
  meta,
  check({ subject, report }) {
    const count = Object.keys(subject.value as object).length;
    report({ path: [], message: `${count} keys`, data: { count } });
  },
  fix({ data }) {
    const count: number | undefined = data?.count;
    return count === undefined ? [] : [{ title: `There are ${count} keys`, edits: [] }];
  },
};

test('the engine hands a rule its own data back: report({ data }) to fix({ data })', () => {
  const document = documentOf('{"family": "web", "containerDefinitions": []}');
  const [finding] = analyze(document.model, { rules: [counting] }).findings;
  assert.deepEqual(finding.data, { count: 2 });
  const context = fixContextOf(document, finding);
  const fixes = counting.fix!({ ...context, data: finding.data as CountData });
  assert.deepEqual(
    fixes.map((f) => f.title),
    ['There are 2 keys'],
  );
  assert.deepEqual(counting.fix!({ ...context, data: undefined }), [], 'a finding without data gets no fix');
});

// Checked by `npm run check-types` only (these rules never run): each @ts-expect-error fails the type check
// if the data types loosen.
const wrongData: Rule<CountData> = {
  meta,
  check({ report }) {
    // @ts-expect-error the data must be the rule's own type
    report({ path: [], message: 'wrong', data: { count: 'many' } });
  },
};
const withoutDataType: Rule = {
  meta,
  check({ report }) {
    // @ts-expect-error a rule that declares no data type reports no data
    report({ path: [], message: 'x', data: { count: 1 } });
  },
};
void [wrongData, withoutDataType];
