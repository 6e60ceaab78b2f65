// From model paths to where values are written, and back: each subject's values carry a Loc tree (the
// node each value comes from), so a model path is followed through it, and an offset is found in it.
import type { JsonPath } from '../../core/model';
import type { Loc } from './evaluate';
import type { Located } from './read';
import type { SyntaxNode } from './syntax';

export interface Rooted {
  /** Model path of `loc`. */
  base: JsonPath;
  loc: Loc;
  located?: Located;
}

const startsWith = (path: JsonPath, prefix: JsonPath) => prefix.length <= path.length && prefix.every((s, i) => s === path[i]);

/**
 * Where to start following `path`: the given subject when it holds the path, else the innermost subject
 * (its first variant) that does, else the Properties of the resource the path is in.
 */
export function rootFor(
  path: JsonPath,
  located: readonly Located[],
  properties: ReadonlyMap<string, Loc>,
  own?: Located,
): Rooted | undefined {
  if (own && startsWith(path, own.subject.path)) return { base: own.subject.path, loc: own.loc, located: own };
  let best: Located | undefined;
  for (const l of located) if (startsWith(path, l.subject.path) && (!best || l.subject.path.length > best.subject.path.length)) best = l;
  if (best) return { base: best.subject.path, loc: best.loc, located: best };
  if (path[0] === 'Resources' && typeof path[1] === 'string' && path[2] === 'Properties') {
    const loc = properties.get(path[1]);
    if (loc) return { base: path.slice(0, 3), loc };
  }
  return undefined;
}

/** The locations along `path` from `root` (root first), as far as they exist, and the segments left over. */
export function follow(root: Loc, path: JsonPath): { chain: Loc[]; rest: JsonPath } {
  const chain = [root];
  let current = root;
  for (let i = 0; i < path.length; i++) {
    const next = current.children?.get(path[i]);
    if (!next) return { chain, rest: path.slice(i) };
    chain.push(next);
    current = next;
  }
  return { chain, rest: [] };
}

export const contains = (node: { start: number; end: number } | undefined, offset: number) =>
  node !== undefined && node.start <= offset && offset <= node.end;

export interface Hit {
  path: JsonPath;
  loc: Loc;
  onKey: boolean;
  depth: number;
}

/** The innermost value (or key) of a Loc tree at an offset. */
export function hitAt(root: Loc, base: JsonPath, offset: number): Hit | undefined {
  if (!contains(root.span, offset)) return undefined;
  let current = root;
  const path = [...base];
  for (let depth = 0; depth < 200; depth++) {
    let next: [string | number, Loc] | undefined;
    for (const entry of current.children ?? []) {
      const child = entry[1];
      if (child.key && contains(child.key, offset) && child.key !== child.node)
        return { path: [...path, entry[0]], loc: child, onKey: true, depth: depth + 1 };
      if (child.key && child.key === child.node && contains(child.key, offset))
        return { path: [...path, entry[0]], loc: child, onKey: offset <= child.key.end, depth: depth + 1 };
      if (contains(child.span, offset)) next = entry;
    }
    if (!next) return { path, loc: current, onKey: false, depth };
    path.push(next[0]);
    current = next[1];
  }
  return undefined;
}

/** Every Loc of a tree with its model path, parents first. */
export function* locs(root: Loc, base: JsonPath): Generator<{ path: JsonPath; loc: Loc }> {
  const pending: { path: JsonPath; loc: Loc }[] = [{ path: base, loc: root }];
  while (pending.length) {
    const item = pending.shift()!;
    yield item;
    for (const [segment, child] of item.loc.children ?? []) pending.push({ path: [...item.path, segment], loc: child });
  }
}

/** The chain of nodes from `root` down to `target` (both included), by position; undefined when it is not under it. */
export function nodePath(root: SyntaxNode, target: SyntaxNode): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  let current: SyntaxNode | undefined = root;
  for (let depth = 0; current && depth < 400; depth++) {
    if (current === target) return path;
    const node: SyntaxNode = current;
    current = undefined;
    if (node.kind === 'tag') {
      current = node.value;
      continue;
    }
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        if (entry.value && entry.value.start <= target.start && target.end <= entry.value.end) {
          path.push(entry.key);
          current = entry.value;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      node.items.forEach((item, i) => {
        if (!current && item && item.start <= target.start && target.end <= item.end) {
          path.push(i);
          current = item;
        }
      });
    }
  }
  return undefined;
}
