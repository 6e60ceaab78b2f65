// What the editor tests share: the README's configuration snippets (the text the README shows, taken out
// of it, so the two cannot drift apart), the packed npm package installed offline so that
// `fargate-lint-server` is on the PATH as `npm install -g fargate-lint` puts it there, and a workspace with
// a task definition, a YAML template and a Terraform file that each have one mistake Fargate rejects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installOffline, packProject } from '../helpers/pack';
import { fargateTask } from '../helpers/taskdefs';

const README = join(__dirname, '..', '..', 'README.md');

/** The fenced code block that follows `<!-- editor: NAME -->` in the README. */
export function readmeSnippet(name: string): string {
  const text = readFileSync(README, 'utf8');
  const marker = `<!-- editor: ${name} -->\n`;
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `README.md has no ${marker.trim()}`);
  const block = /^```[a-z]*\n([\s\S]*?)\n```\n/.exec(text.slice(at + marker.length));
  assert.ok(block, `no code block after ${marker.trim()} in README.md`);
  return `${block[1]}\n`;
}

/** Whether a program is installed (the editor tests need Debian's neovim, emacs-nox and elpa-eglot). */
function installed(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
}

/** Set by .ci/run, which installs the editors: without them the tests fail instead of skipping. */
const REQUIRE_EDITORS = process.env.FARGATE_LINT_REQUIRE_EDITORS === '1';

export function skipWithout(program: string): string | false {
  if (installed(program)) return false;
  assert.ok(
    !REQUIRE_EDITORS,
    `${program} is not installed, and FARGATE_LINT_REQUIRE_EDITORS=1 asks for it (apt-get install neovim emacs-nox elpa-eglot)`,
  );
  return `${program} is not installed (apt-get install neovim emacs-nox elpa-eglot)`;
}

export interface EditorWorld {
  /** PATH with fargate-lint-server on it. */
  path: string;
  /** The workspace folder, holding the EDITOR_FILES. */
  workspace: string;
  /** A folder for the editor's home, state and result files. */
  home: string;
  cleanup(): void;
}

/**
 * The files the editors open, each with one mistake Fargate rejects (networkMode "bridge"), and where the
 * diagnostic starts (0-based line and column): a task definition, a CloudFormation template in YAML and a
 * Terraform file, which the README's configurations all start the server for.
 */
export const EDITOR_FILES = [
  {
    name: 'task-definition.json',
    text: `${JSON.stringify(fargateTask(undefined, { networkMode: 'bridge' }), null, 2)}\n`,
    line: 5,
    column: 17,
  },
  {
    name: 'template.yaml',
    text: [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      RequiresCompatibilities: [FARGATE]',
      '      NetworkMode: bridge',
      "      Cpu: '256'",
      "      Memory: '512'",
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: nginx',
      '          Essential: true',
      '',
    ].join('\n'),
    line: 6,
    column: 19,
  },
  {
    name: 'main.tf',
    text: [
      'resource "aws_ecs_task_definition" "app" {',
      '  family                   = "app"',
      '  requires_compatibilities = ["FARGATE"]',
      '  network_mode             = "bridge"',
      '  cpu                      = "256"',
      '  memory                   = "512"',
      '  container_definitions = jsonencode([',
      '    { name = "app", image = "nginx", essential = true }',
      '  ])',
      '}',
      '',
    ].join('\n'),
    line: 3,
    column: 29,
  },
] as const;

export function editorWorld(): EditorWorld {
  const packed = packProject();
  const install = installOffline(packed.tarball);
  const workspace = mkdtempSync(join(tmpdir(), 'fargate-lint-editor-ws-'));
  const home = mkdtempSync(join(tmpdir(), 'fargate-lint-editor-home-'));
  for (const file of EDITOR_FILES) writeFileSync(join(workspace, file.name), file.text);
  return {
    path: `${join(install, 'node_modules', '.bin')}:${process.env.PATH}`,
    workspace,
    home,
    cleanup: () => [packed.folder, install, workspace, home].forEach((dir) => rmSync(dir, { recursive: true, force: true })),
  };
}

/** An environment for an editor that sees nothing of the user's own configuration. */
export function editorEnv(world: EditorWorld): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: world.path,
    HOME: world.home,
    XDG_CONFIG_HOME: join(world.home, 'config'),
    XDG_DATA_HOME: join(world.home, 'data'),
    XDG_STATE_HOME: join(world.home, 'state'),
    XDG_CACHE_HOME: join(world.home, 'cache'),
    TERM: 'dumb',
  };
}
