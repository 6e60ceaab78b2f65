// Bundles test files once with esbuild, so that each test process starts on plain JavaScript instead of
// compiling TypeScript on the fly (one `tsx` start per file was most of the unit tests' time). Each test
// file becomes one CommonJS bundle of itself and the project code it imports (packages stay external),
// under node_modules/.cache/fargate-lint-tests/, at the same relative path (test/unit/arn.test.js); a
// source map points failures back at the TypeScript. `__dirname`, `__filename` and `import.meta.url` keep
// meaning the source file's own location, as under tsx, so fixtures and snapshots are found where they are.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
export const TEST_BUNDLES = join(root, 'node_modules', '.cache', 'fargate-lint-tests');

/** The source file's location where a bundle would see its own. */
const locations = {
  name: 'source-locations',
  setup(build) {
    // A module a test imports dynamically (bench/cold-start.mjs) is loaded as it is, as under tsx.
    build.onResolve({ filter: /\.mjs$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: join(args.resolveDir, args.path), external: true } : undefined,
    );
    build.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
      if (args.path.includes(`${join('/', 'node_modules', '/')}`)) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      const loader = extname(args.path) === '.ts' ? 'ts' : 'js';
      if (contents.includes('import.meta.url'))
        contents = contents.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      const declarations = [];
      if (/\b__dirname\b/.test(contents)) declarations.push(`const __dirname = ${JSON.stringify(dirname(args.path))};`);
      if (/\b__filename\b/.test(contents)) declarations.push(`const __filename = ${JSON.stringify(args.path)};`);
      // On the first line, so that the source map's line numbers stay right.
      return { contents: declarations.join(' ') + contents, loader };
    });
  },
};

/** esbuild's options for a test bundle that starts with `setup`. */
function optionsFor(setup) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    define: { FARGATE_LINT_VERSION: JSON.stringify(version) },
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    logOverride: { 'import-is-undefined': 'error' },
    plugins: [locations],
    // Imported first by every bundle, into the bundle's own copy of the modules it sets up.
    inject: setup ? [setup] : [],
  };
}

/**
 * Bundles one test file to `outfile` as bundleTests bundles a file of its own, for a test that runs a test
 * file of a copy of the project (new-rule.test.ts): a compile of a second or two less than tsx's.
 */
export async function bundleTest(file, outfile, setup) {
  await esbuild.build({ ...optionsFor(setup), entryPoints: [file], outfile });
}

/**
 * Bundles `files` (absolute paths of *.test.ts), each starting with `setup`. `groupOf` names the group a file
 * runs in: the files of one group make one bundle between them, named after it (`groups/<group>.test.js`), and so one
 * process; a file with no group is a bundle of its own. Returns the bundles: first those of one file, in the
 * order given, then the groups, the largest first (node --test starts them in this order).
 */
export async function bundleTests(files, setup, groupOf = () => undefined) {
  rmSync(TEST_BUNDLES, { recursive: true, force: true });
  const options = optionsFor(setup);
  const alone = files.filter((file) => !groupOf(file));
  const groups = new Map();
  for (const file of files.filter((f) => groupOf(f))) groups.set(groupOf(file), [...(groups.get(groupOf(file)) ?? []), file]);
  const builds = [];
  if (alone.length) builds.push(esbuild.build({ ...options, entryPoints: alone, outdir: TEST_BUNDLES, outbase: root }));
  const grouped = [];
  for (const [name, members] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const outfile = join(TEST_BUNDLES, 'groups', `${name}.test.js`);
    grouped.push(outfile);
    // The files run in the order given, as the modules of one bundle, each with its own scope.
    const contents = members.map((file) => `import ${JSON.stringify(file)};`).join('\n');
    builds.push(esbuild.build({ ...options, stdin: { contents, resolveDir: root, sourcefile: `${name}.test.ts`, loader: 'ts' }, outfile }));
  }
  await Promise.all(builds);
  return [...alone.map((file) => join(TEST_BUNDLES, relative(root, file)).replace(/\.ts$/, '.js')), ...grouped];
}
