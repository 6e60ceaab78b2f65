// Workspace indexing: the server started on a folder of 1k, 10k and 50k generated files (one in 50 a policy,
// the rest JSON that is none of ours), with a task definition open from the start whose execution role lies
// in the last folder the scan reaches. Measured: spawn to the open document's first diagnostics while the
// scan runs, the end of the scan (its progress, or its log line), the server's RSS during the scan, and
// whether the role was found in the end.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { workspace } from '../lib/inputs.mjs';
import { memory, sampleMax, startServer } from '../lib/server.mjs';

export const title = 'Workspace indexing (server over stdio, generated folders)';

async function index(root, files) {
  const folder = workspace(files);
  let scanned;
  let scanLog = '';
  const server = await startServer(root, {
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }],
    progress: true,
    onLog: (message, at) => {
      if (/^indexed /.test(message)) {
        scanned ??= at;
        scanLog = message;
      }
    },
  });
  const stopRss = sampleMax(() => memory(server.pid)?.rss, 25);
  const uri = pathToFileURL(join(folder, 'task-definition.json')).href;
  const { readFileSync } = await import('node:fs');
  await server.open(uri, readFileSync(join(folder, 'task-definition.json'), 'utf8'));
  await server.diagnostics(uri);
  const first = performance.now() - server.started;
  const deadline = performance.now() + 240_000;
  const ended = () => server.progressEvents.find((e) => e.value?.kind === 'end');
  while (scanned === undefined && !ended() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const scanEnd = (ended()?.at ?? scanned ?? NaN) - server.started;
  const peak = stopRss();
  await new Promise((r) => setTimeout(r, 300));
  const after = await server.diagnostics(uri);
  const roleFound = !after.some((d) => d.code === 'execution-role-not-in-workspace');
  const reported = server.progressEvents.some((e) => e.value?.kind === 'begin');
  await server.stop();
  return { first, scanEnd, peak, roleFound, reported, scanLog };
}

export async function measure({ root }) {
  const rows = [];
  for (const files of [1000, 10000, 50000]) {
    const r = await index(root, files);
    const label = `${files / 1000}k files`;
    rows.push({
      name: `${label}: first diagnostics of the open task definition`,
      value: r.first,
      unit: 'ms',
      note: `spawn to diagnostics, while the scan runs${files === 50000 ? ' · goal < 1 s' : ''}`,
    });
    rows.push({
      name: `${label}: scan finished`,
      value: r.scanEnd,
      unit: 'ms',
      note: `after spawn · ${r.scanLog || 'no log line'} · progress ${r.reported ? 'reported' : 'not reported'} · role in the last folder ${r.roleFound ? 'found' : 'NOT found'}`,
    });
    rows.push({ name: `${label}: peak RSS during the scan`, value: r.peak, unit: 'MiB', note: files === 50000 ? 'goal < 250 MiB' : '' });
  }
  return rows;
}
