// Serves the packaged extension and the web suite over HTTPS from 127.0.0.1, the way vscode.dev and
// github.dev load a web extension: from another origin (their CDN), over https, with CORS. code-server's
// workbench only connects to https: origins other than its own, so the certificate is a self-signed one
// made for this run with openssl (the browser is told to accept it). Read-only, loopback only, and only
// the folders it is given.
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.md': 'text/markdown', '.png': 'image/png', '.txt': 'text/plain' };

function certificate(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'];
  const result = spawnSync('openssl', [...args, '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl could not make a certificate: ${result.stderr}`);
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** `mounts`: URL prefix ("/extension") → folder. Resolves with the base URL once it listens. */
export async function serveOverHttps(mounts, tempDir, log = () => undefined) {
  const server = createServer(certificate(tempDir), (request, response) => {
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    const path = decodeURIComponent(new URL(request.url ?? '/', 'https://x').pathname);
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(`${prefix}/`));
    const file = mount && normalize(join(mounts[mount], path.slice(mount.length)));
    let ok = false;
    try {
      ok = !!file && file.startsWith(normalize(mounts[mount]) + sep) && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...headers, 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET' });
      return response.end();
    }
    if (!ok || (request.method !== 'GET' && request.method !== 'HEAD')) {
      log(`404 ${request.method} ${path}`);
      response.writeHead(404, headers);
      return response.end();
    }
    log(`200 ${request.method} ${path}`);
    response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { url: `https://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
