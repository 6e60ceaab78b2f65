// core/uris.ts: the URI arithmetic behind fargate-lint.json's relative paths, file comparisons across
// editors' encodings, and base names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { basename, basenameOf, canonicalUri, isInside, relativePath, resolveRelative, sameUri } from '../../server/src/core/uris';

describe('URIs', () => {
  test('relative paths resolve against the folder of fargate-lint.json', () => {
    assert.equal(resolveRelative('file:///ws/fargate-lint.json', 'iam/exec.json'), 'file:///ws/iam/exec.json');
    assert.equal(resolveRelative('file:///ws/a/fargate-lint.json', '../iam\\exec policy.json'), 'file:///ws/iam/exec%20policy.json');
    assert.equal(resolveRelative('file:///ws/fargate-lint.json', './x/../y.json'), 'file:///ws/y.json');
  });

  test('comparisons ignore percent-encoding and drive-letter case', () => {
    assert.ok(sameUri('file:///c%3A/ws/x.json', 'file:///C:/ws/x.json'));
    assert.ok(sameUri('file:///ws/exec%20policy.json', 'file:///ws/exec policy.json'));
    assert.equal(canonicalUri('file:///ws/'), 'file:///ws');
    assert.equal(canonicalUri('file:///C:/ws/x.json'), 'file:///c:/ws/x.json');
    assert.equal(canonicalUri('file:///ws/x.json?v=2#top'), 'file:///ws/x.json');
    assert.equal(canonicalUri('file:///ws/a b.json'), 'file:///ws/a b.json');
    assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.ok(isInside('file:///ws/a/b.json', 'file:///ws'));
    assert.ok(!isInside('file:///wsx/b.json', 'file:///ws'));
    assert.equal(relativePath('file:///ws/services', 'file:///ws/iam/exec.json'), '../iam/exec.json');
  });

  test('basename of a file path (either separator) and of a URI (decoded, without query)', () => {
    assert.equal(basename('/ws/iam/exec.json'), 'exec.json');
    assert.equal(basename('C:\\ws\\task-def.json'), 'task-def.json');
    assert.equal(basename('C:\\ws/mixed\\fargate-lint.json'), 'fargate-lint.json');
    assert.equal(basename('task-def.json'), 'task-def.json');
    assert.equal(basename('/ws/'), '');
    assert.equal(basenameOf('file:///ws/exec%20policy.json?x=1#y'), 'exec policy.json');
    assert.equal(basenameOf('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(basenameOf('file:///ws/100%.json'), '100%.json', 'a bad escape is kept as written');
  });
});
