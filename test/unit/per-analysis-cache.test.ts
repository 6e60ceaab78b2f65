// PerAnalysisCache: a value per subject value, served again only for the same view of the workspace at the
// same version and the same document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PerAnalysisCache, type WorkspaceView } from '../../server/src/core/workspace';

const view = (version?: number): WorkspaceView & { version?: number } => ({ roots: [], version, files: () => [], file: () => undefined });

test('PerAnalysisCache: made once per subject value, view, version and uri; a view without a version is never served', () => {
  const cache = new PerAnalysisCache<number>();
  let made = 0;
  const make = () => ++made;
  const subject = {};
  const workspace = view(1);
  assert.equal(cache.get(subject, workspace, 'file:///a.json', make), 1);
  assert.equal(cache.get(subject, workspace, 'file:///a.json', make), 1, 'the same analysis: kept');
  assert.equal(cache.get({}, workspace, 'file:///a.json', make), 2, 'another subject value');
  assert.equal(cache.get(subject, workspace, 'file:///b.json', make), 3, 'another document');
  assert.equal(cache.get(subject, view(1), 'file:///b.json', make), 4, 'another view at the same version');
  const moved = view(1);
  assert.equal(cache.get(subject, moved, 'file:///b.json', make), 5);
  moved.version = 2;
  assert.equal(cache.get(subject, moved, 'file:///b.json', make), 6, 'the view at a new version');
  const unversioned = view();
  assert.equal(cache.get(subject, unversioned, 'file:///b.json', make), 7);
  assert.equal(cache.get(subject, unversioned, 'file:///b.json', make), 8, 'no version: made again');
  assert.equal(cache.get('not an object', workspace, 'file:///b.json', make), 9);
  assert.equal(cache.get(undefined, undefined, undefined, make), 10);
});
