// The commands of the Command Palette and the walkthrough, through vscode.commands as a user runs them.
import assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activateExtension,
  changeAndWaitForDiagnostics,
  has,
  lacks,
  openFixture,
  replaceText,
  revertAndCloseAll,
  waitForDiagnostics,
} from '../helpers';

const EXTENSION_ID = 'fargate-lint.fargate-lint';

suite('commands', () => {
  suiteSetup(activateExtension);
  teardown(revertAndCloseAll);

  test('the extension runs its own build for this extension host (browser in VS Code for the Web)', async () => {
    const api = await activateExtension();
    assert.equal(api.platform, FARGATE_LINT_SUITE_PLATFORM);
  });

  test('the commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'fargateLint.showTaskSizes',
      'fargateLint.createExecutionRolePolicy',
      'fargateLint.restartServer',
      'fargateLint.openSampleTaskDefinition',
    ]) {
      assert.ok(commands.includes(id), id);
    }
  });

  test('"Create execution-role policy" opens the least-privilege policy of the task definition in a new untitled editor', async () => {
    await openFixture('execution-role/task-definition.json');
    const policy = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('fargateLint.createExecutionRolePolicy');
    assert.ok(policy, 'no policy document opened');
    assert.equal(policy.uri.scheme, 'untitled');
    assert.equal(policy.languageId, 'json');
    assert.equal(vscode.window.activeTextEditor?.document, policy, 'the policy is in the active editor');
    // The statements the task needs: pull its private ECR image, write its awslogs stream; nothing more.
    assert.deepEqual(JSON.parse(policy.getText()), {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ExecutionRoleEcrImage', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'ExecutionRoleEcrImage2',
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/web',
        },
        {
          Sid: 'ExecutionRoleAwslogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*',
        },
      ],
    });
    assert.match(policy.getText(), /^\{\n {2}"Version": "2012-10-17",\n/, 'written as JSON with two-space indentation');
    // The new policy is itself checked: an IAM policy with nothing to report.
    await vscode.window.showTextDocument(policy);
  });

  test('"Create execution-role policy" on a file that is not a task definition opens nothing', async () => {
    const { document } = await openFixture('execution-role/iam/execution-policy.json');
    const before = vscode.workspace.textDocuments.length;
    const result = await vscode.commands.executeCommand('fargateLint.createExecutionRolePolicy');
    assert.equal(result, undefined);
    assert.equal(vscode.workspace.textDocuments.length, before);
    assert.equal(vscode.window.activeTextEditor?.document, document);
  });

  test('"Show Fargate task sizes" opens a read-only document with both size tables and their prices', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('fargateLint.showTaskSizes');
    assert.equal(uri.scheme, 'fargate-lint');
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    assert.match(text, /^# Fargate task sizes\n/);
    assert.match(text, /## Linux\n\n\| cpu \| vCPU \| memory \(MiB\) \| memory \(GB\) \|/);
    assert.ok(
      text.includes('| 256 | 0.25 vCPU | 512, 1024, 2048 | 0.5 GB, 1 GB, 2 GB | $9.01–$13.88 |'),
      'the 0.25 vCPU row with its prices',
    );
    assert.match(text, /## Windows\n\n[^#]*\| 1024 \| 1 vCPU \| 2048–8192 \(steps of 1024\) \| 2 GB–8 GB \|/);
    assert.doesNotMatch(text.split('## Windows')[1], /\| 256 \|/, 'Windows has no 0.25 vCPU size');
  });

  test('"Restart server": a new server checks the open documents again', async () => {
    const { document } = await openFixture('task-definition.json');
    await waitForDiagnostics(document.uri, has('fargate-cpu-memory'));
    await vscode.commands.executeCommand('fargateLint.restartServer');
    await (
      await activateExtension()
    ).ready;
    // The new server reports on the open document, and follows its edits.
    await waitForDiagnostics(document.uri, has('fargate-cpu-memory'));
    await changeAndWaitForDiagnostics(
      document.uri,
      () => replaceText(document, '"memory": "4096"', '"memory": "512"'),
      lacks('fargate-cpu-memory'),
    );
  });

  test('"Open a sample task definition" (the walkthrough\'s first step) opens one with the errors the walkthrough names', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('fargateLint.openSampleTaskDefinition');
    assert.equal(editor.document.uri.scheme, 'untitled');
    const diagnostics = await waitForDiagnostics(editor.document.uri, has('fargate-network-mode', 'fargate-cpu-memory'));
    assert.ok(diagnostics.length >= 2);
  });

  test('the walkthrough has its four steps, and their pages ship with the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as {
      id: string;
      steps: { id: string; media: { markdown: string } }[];
    }[];
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['openTaskDefinition', 'seeDiagnostic', 'takeFix', 'checkExecutionRole'],
    );
    for (const step of walkthrough.steps) {
      const page = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, step.media.markdown)),
      );
      assert.match(page, /^# /, step.media.markdown);
    }
  });
});
