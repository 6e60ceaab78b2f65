// Emacs 28 (Debian 12's emacs-nox) with eglot 1.9 (elpa-eglot) and the README's configuration, in batch
// mode: it visits a task definition (in other runs a YAML template and a Terraform file), eglot starts
// fargate-lint-server from the PATH, and the diagnostic that the server pushes reaches Flymake in that buffer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EDITOR_FILES, type EditorWorld, editorEnv, editorWorld, readmeSnippet, skipWithout } from './editors';

const skip = skipWithout('emacs');
let world: EditorWorld;

before(() => {
  if (!skip) world = editorWorld();
});
after(() => world?.cleanup());

/**
 * After the README's configuration: visit the file; eglot-ensure connects on the next command, which batch
 * mode never has, so run the command hook once by hand; then wait for Flymake's diagnostics and write them.
 */
const HARNESS = `
(require 'json)
(find-file (expand-file-name (getenv "VISIT")))
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 30)) (found nil))
  (while (and (null found) (< (float-time) deadline))
    (accept-process-output nil 0.1)
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (setq found (flymake-diagnostics)))
  (let ((items (mapcar (lambda (d)
                         (save-excursion
                           (goto-char (flymake-diagnostic-beg d))
                           (list (cons 'line (line-number-at-pos))
                                 (cons 'column (current-column))
                                 (cons 'type (symbol-name (flymake-diagnostic-type d)))
                                 (cons 'text (flymake-diagnostic-text d)))))
                       found))
        ;; Read in the file's buffer, before with-temp-file switches to its own.
        (mode (symbol-name major-mode))
        (managed (if (bound-and-true-p eglot--managed-mode) t :json-false)))
    (with-temp-file (getenv "RESULT")
      (insert (json-encode (list (cons 'mode mode) (cons 'managed managed) (cons 'diagnostics (vconcat items))))))))
(kill-emacs 0)
`;

const MODES: Record<string, string> = { 'task-definition.json': 'js-json-mode', 'template.yaml': 'yaml-mode', 'main.tf': 'terraform-mode' };

for (const file of EDITOR_FILES) {
  test(
    `Emacs with eglot and the README configuration: fargate-lint-server starts on ${file.name} and its diagnostic reaches Flymake`,
    { skip },
    () => {
      const init = join(world.home, 'init.el');
      const harness = join(world.home, 'harness.el');
      writeFileSync(init, readmeSnippet('emacs-eglot'));
      writeFileSync(harness, HARNESS);
      const result = join(world.home, `result-${file.name}.json`);
      const run = spawnSync('emacs', ['--batch', '-l', init, '-l', harness], {
        cwd: world.workspace,
        env: { ...editorEnv(world), RESULT: result, VISIT: file.name },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(run.status, 0, `emacs exited with ${run.status}: ${run.stderr}`);
      const outcome = JSON.parse(readFileSync(result, 'utf8'));
      assert.equal(outcome.mode, MODES[file.name], run.stderr);
      assert.equal(outcome.managed, true, `eglot did not manage the buffer: ${run.stderr}`);
      const network = outcome.diagnostics.find((d: { text: string }) => d.text.includes('networkMode'));
      assert.ok(network, `no fargate-lint diagnostic reached Flymake: ${JSON.stringify(outcome.diagnostics)}\n${run.stderr}`);
      // Emacs counts lines from 1 and columns from 0.
      assert.deepEqual(network, { line: file.line + 1, column: file.column, type: 'eglot-error', text: network.text });
      assert.match(network.text, /Fargate requires networkMode "awsvpc", not "bridge"\./);
    },
  );
}
