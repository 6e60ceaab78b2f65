// `npm run new-rule <id>`: scaffolds a rule in the five places a rule lives (CONTRIBUTING.md, "Add a rule"):
//   server/src/core/rules/<area>/<id>.ts    the rule, reporting nothing yet
//   server/src/core/rules/<area>/index.ts   its registry entry
//   test/unit/rules/<area>/<id>.test.ts     an empty ruleTester table
//   docs/rules/<id>.md                      its page, with empty Reported/Accepted examples
//   README.md                               the rule table (npm run docs:rules)
// The catalog test fails until the table has a valid and an invalid case and the page an example of each.
// Options (after `--`): --area task-definition|iam|execution-role|document (default: from the id's prefix),
// --title "...", --severity error|warning|information|hint, --dry-run (print, write nothing), --root DIR.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as prettier from 'prettier';

const AREAS = {
  'task-definition': { registry: 'generalTaskDefinitionRules', appliesTo: "['task-definition', 'container-definitions']" },
  iam: { registry: 'iamRules', appliesTo: 'POLICY_SUBJECTS' },
  'execution-role': { registry: 'executionRoleRules', appliesTo: "['task-definition']" },
  document: { registry: 'documentRules', appliesTo: 'EVERY_SUBJECT' },
} as const;
type Area = keyof typeof AREAS;
const SEVERITIES = ['error', 'warning', 'information', 'hint'];

interface NewRuleOptions {
  id: string;
  area?: Area;
  title?: string;
  severity?: string;
  /** The repository to write into (default: this one). */
  root?: string;
}

/** One file the scaffold writes: created, or an existing file with its new content. */
interface Change {
  path: string;
  content: string;
  created: boolean;
}

const camelCase = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function areaOf(id: string): Area {
  if (id.startsWith('iam-')) return 'iam';
  if (id.startsWith('execution-role-')) return 'execution-role';
  return 'task-definition';
}

function ruleFile(id: string, area: Area, title: string, severity: string): string {
  const { appliesTo } = AREAS[area];
  const imports = [
    appliesTo === 'POLICY_SUBJECTS' ? "import { POLICY_SUBJECTS } from '../../model';" : '',
    appliesTo === 'EVERY_SUBJECT' ? "import { EVERY_SUBJECT } from '../../model';" : '',
    "import type { Rule } from '../../rule';",
  ].filter(Boolean);
  return `// ${title}. (Say in a line or two why AWS cares: what it rejects, or what fails at run time.)
${imports.join('\n')}

export const ${camelCase(id)}: Rule = {
  meta: {
    id: '${id}',
    title: '${title.replace(/'/g, "\\'")}',
    defaultSeverity: '${severity}',
    appliesTo: ${appliesTo},
  },
  check({ subject, report }) {
    // Read subject.value (ECS API field names, or the IAM policy grammar) and report each problem with a path
    // relative to the subject: report({ path: ['field'], message: '...' }). Unknown values are never wrong.
    void subject;
    void report;
  },
};
`;
}

function testFile(id: string, area: Area): string {
  return `import { ${camelCase(id)} } from '../../../../server/src/core/rules/${area}/${id}';
import { ruleTester } from '../../../helpers/ruleTester';

// A table of cases (test/helpers/ruleTester.ts says what each may state); at least one of each kind.
ruleTester(${camelCase(id)}, {
  valid: [],
  invalid: [],
});
`;
}

function docsPage(id: string, title: string, severity: string): string {
  return `# ${id}

**${title}.** Default severity: ${severity}.

What AWS does with such a file (rejects it at registration, or the task fails when it starts), in our own
words; and what is not judged (placeholders, unknown values).

## Examples

Reported:

Accepted:

## Sources

- The public pages and data the rule's facts come from, with the date they were checked.
`;
}

/** The area's index.ts with the rule imported and appended to the registry. */
function withRegistryEntry(index: string, id: string, area: Area): string {
  const name = camelCase(id);
  const importLine = `import { ${name} } from './${id}';`;
  const lines = index.split('\n');
  const lastImport = lines.reduce((last, line, i) => (line.startsWith('import ') ? i : last), -1);
  lines.splice(lastImport + 1, 0, importLine);
  const text = lines.join('\n');
  const declaration = `${AREAS[area].registry}: AnyRule[] = [`;
  const start = text.indexOf(declaration);
  if (start < 0) throw new Error(`no "${declaration}" in the ${area} registry`);
  const close = text.indexOf('];', start);
  const before = text.slice(0, close).trimEnd();
  const separator = before.endsWith('[') || before.endsWith(',') ? '' : ',';
  return `${before}${separator}\n  ${name},\n${text.slice(close)}`;
}

async function planNewRule(options: NewRuleOptions): Promise<Change[]> {
  const root = options.root ?? join(__dirname, '..');
  const { id } = options;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`"${id}" is not a kebab-case rule id`);
  const area = options.area ?? areaOf(id);
  if (!(area in AREAS)) throw new Error(`unknown area "${area}": one of ${Object.keys(AREAS).join(', ')}`);
  const severity = options.severity ?? 'warning';
  if (!SEVERITIES.includes(severity)) throw new Error(`unknown severity "${severity}": one of ${SEVERITIES.join(', ')}`);
  const title = options.title ?? `TODO: what must hold for ${id}`;
  const paths = {
    rule: join(root, 'server', 'src', 'core', 'rules', area, `${id}.ts`),
    index: join(root, 'server', 'src', 'core', 'rules', area, 'index.ts'),
    test: join(root, 'test', 'unit', 'rules', area, `${id}.test.ts`),
    docs: join(root, 'docs', 'rules', `${id}.md`),
  };
  for (const path of [paths.rule, paths.test, paths.docs]) {
    if (existsSync(path)) throw new Error(`${relative(root, path)} exists already`);
  }
  const config = (await prettier.resolveConfig(paths.index)) ?? {};
  const format = (text: string, filepath: string) => prettier.format(text, { ...config, filepath });
  return [
    { path: paths.rule, content: await format(ruleFile(id, area, title, severity), paths.rule), created: true },
    {
      path: paths.index,
      content: await format(withRegistryEntry(readFileSync(paths.index, 'utf8'), id, area), paths.index),
      created: false,
    },
    { path: paths.test, content: await format(testFile(id, area), paths.test), created: true },
    { path: paths.docs, content: docsPage(id, title, severity), created: true },
  ];
}

function parseArguments(args: string[]): NewRuleOptions & { dryRun: boolean } {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const flags = new Set(['--area', '--title', '--severity', '--root']);
  const positional = args.filter((a, i) => !a.startsWith('--') && !flags.has(args[i - 1]));
  if (positional.length !== 1) throw new Error('usage: npm run new-rule <id> [-- --area AREA --title TEXT --severity LEVEL --dry-run]');
  return {
    id: positional[0],
    area: value('--area') as Area | undefined,
    title: value('--title'),
    severity: value('--severity'),
    root: value('--root'),
    dryRun: args.includes('--dry-run'),
  };
}

/** `npm run new-rule` with `args`, writing to `out` and `err`: its exit code (1: refused). */
export async function newRuleCommand(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    await main(args, out);
    return 0;
  } catch (error: unknown) {
    err(`new-rule: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function main(args: string[], out: (text: string) => void): Promise<void> {
  const options = parseArguments(args);
  const root = options.root ?? join(__dirname, '..');
  const changes = await planNewRule({ ...options, root });
  for (const change of changes) {
    const verb = change.created ? 'create' : 'update';
    out(`${options.dryRun ? `would ${verb}` : verb} ${relative(root, change.path)}\n`);
    if (options.dryRun) continue;
    mkdirSync(dirname(change.path), { recursive: true });
    writeFileSync(change.path, change.content);
  }
  out(`${options.dryRun ? 'would update' : 'update'} README.md (the rule table)\n`);
  if (options.dryRun) return;
  // A new process, so that the registry it imports has the new rule.
  const table = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'rule-table.ts')], { cwd: root, stdio: 'inherit' });
  if (table.status !== 0) throw new Error('npm run docs:rules failed');
  out(
    `\nNext: write the check, a valid and an invalid case in the table, a Reported and an Accepted example in the page,\n` +
      `then npm run test:rule -- ${options.id} (CONTRIBUTING.md, "Add a rule").\n`,
  );
}

if (process.argv[1]?.endsWith('new-rule.ts')) {
  void newRuleCommand(
    process.argv.slice(2),
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  ).then((code) => {
    process.exitCode = code;
  });
}
