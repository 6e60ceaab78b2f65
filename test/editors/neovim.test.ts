// Neovim 0.7 (Debian 12's) with the README's configuration, headless: it opens a task definition (in
// another run a YAML template, in a third a Terraform file), starts fargate-lint-server from the PATH, and
// the diagnostic that the server pushes arrives in the buffer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EDITOR_FILES, type EditorWorld, editorEnv, editorWorld, readmeSnippet, skipWithout } from './editors';

const skip = skipWithout('nvim');
let world: EditorWorld;

before(() => {
  if (!skip) world = editorWorld();
});
after(() => world?.cleanup());

/** After the README's configuration: wait for diagnostics on the opened buffer, write them out, quit. */
const HARNESS = `
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local arrived = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      local lsp = (d.user_data or {}).lsp or {}
      table.insert(found, { code = d.code or lsp.code, source = d.source or lsp.source, lnum = d.lnum, col = d.col, severity = d.severity, message = d.message })
    end
    local clients = {}
    for _, client in pairs(vim.lsp.get_active_clients()) do table.insert(clients, client.name) end
    vim.fn.writefile({ vim.fn.json_encode({ arrived = arrived, filetype = vim.bo.filetype, clients = clients, diagnostics = found }) }, vim.env.RESULT)
    vim.cmd('qa!')
  end,
})
`;

const FILETYPES: Record<string, string> = { 'task-definition.json': 'json', 'template.yaml': 'yaml', 'main.tf': 'terraform' };

for (const file of EDITOR_FILES) {
  test(`Neovim 0.7 with the README configuration: fargate-lint-server starts on ${file.name} and its diagnostic arrives`, { skip }, () => {
    const init = join(world.home, 'init.lua');
    writeFileSync(init, `${readmeSnippet('neovim-0.7')}${HARNESS}`);
    const result = join(world.home, `result-${file.name}.json`);
    const run = spawnSync('nvim', ['--headless', '-i', 'NONE', '-u', init, file.name], {
      cwd: world.workspace,
      env: { ...editorEnv(world), RESULT: result },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}`);
    const outcome = JSON.parse(readFileSync(result, 'utf8'));
    assert.equal(outcome.filetype, FILETYPES[file.name]);
    assert.deepEqual(outcome.clients, ['fargate-lint']);
    assert.equal(outcome.arrived, true, 'no diagnostic arrived within 30 s');
    const network = outcome.diagnostics.find((d: { code: string }) => d.code === 'fargate-network-mode');
    assert.ok(network, `no fargate-network-mode diagnostic: ${JSON.stringify(outcome.diagnostics)}`);
    assert.deepEqual(network, {
      code: 'fargate-network-mode',
      source: 'fargate-lint',
      lnum: file.line,
      col: file.column,
      severity: 1,
      message: network.message,
    });
    assert.match(network.message, /Fargate requires networkMode "awsvpc", not "bridge"\.$/);
  });
}
