// URI arithmetic for files that refer to each other (fargate-lint.json's relative paths, a policy written
// next to a task definition). Pure string work on `scheme:///path` URIs; percent-encoding differs between
// editors (VS Code encodes ":" in drive letters, Node's URL does not), so comparisons decode first. Also the
// base name of a file path or URI.

/** `file:///a/b/c.json` → `file:///a/b`. */
export function dirnameOf(uri: string): string {
  const clean = stripQuery(uri);
  const slash = clean.lastIndexOf('/');
  return slash >= 0 ? clean.slice(0, slash) : clean;
}

function stripQuery(uri: string): string {
  const cut = uri.search(/[?#]/);
  return cut >= 0 ? uri.slice(0, cut) : uri;
}

/** A URI in one canonical form for comparisons. */
export function canonicalUri(uri: string): string {
  // Most are canonical already (the index asks for every file, many times): three scans instead of the work.
  if (uri.indexOf('%') < 0 && uri.indexOf('?') < 0 && uri.indexOf('#') < 0 && !uri.endsWith('/') && !hasDriveLetter(uri)) return uri;
  let text = stripQuery(uri);
  try {
    text = decodeURIComponent(text);
  } catch {
    // keep it as it is
  }
  // file:///C:/x and file:///c:/x are the same file on Windows.
  return text.replace(/^file:\/\/\/([A-Za-z]):/, (_, drive: string) => `file:///${drive.toLowerCase()}:`).replace(/\/+$/, '');
}

/** `file:///C:...`: the drive letter is made lower case. */
function hasDriveLetter(uri: string): boolean {
  return uri.charCodeAt(9) === 58 /* : */ && uri.startsWith('file:///');
}

export function sameUri(a: string, b: string): boolean {
  return canonicalUri(a) === canonicalUri(b);
}

/** `uri` is `folder` or lies below it. */
export function isInside(uri: string, folder: string): boolean {
  const u = canonicalUri(uri);
  const f = canonicalUri(folder);
  return u === f || u.startsWith(`${f}/`);
}

/** Resolves a relative path (with `/` or `\`, `.` and `..`) against the folder of `baseUri`. */
export function resolveRelative(baseUri: string, relative: string): string {
  const folder = dirnameOf(baseUri);
  const match = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/]*)?)(.*)$/i.exec(folder);
  const prefix = match ? match[1] : '';
  const segments = (match ? match[2] : folder).split('/');
  for (const segment of relative.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 1) segments.pop();
    } else {
      segments.push(encodeURIComponent(segment));
    }
  }
  return prefix + segments.join('/');
}

/** The relative path from the folder `fromFolderUri` to `toUri`, with `/`, decoded. */
export function relativePath(fromFolderUri: string, toUri: string): string {
  const from = canonicalUri(fromFolderUri).split('/');
  const to = canonicalUri(toUri).split('/');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** The last segment of a file path, with either separator: `C:\ws\task-def.json` → `task-def.json`. */
export function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The last segment of a URI, decoded. */
export function basenameOf(uri: string): string {
  const name = basename(stripQuery(uri));
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
