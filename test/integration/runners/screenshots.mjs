// Second phase of the code-server runner: open the fixture in the workbench with the packaged extension
// loaded (no tests this time) and take the README's screenshots by driving the editor with its keyboard
// shortcuts, as a user would: the hover on a diagnostic, the completion list on `memory`, the quick-fix menu,
// the cost code lens of a second fixture, and the hover on `Cpu` in a YAML CloudFormation template.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './prepare.mjs';

const FILE = 'task-definition.json';
// 1-based line:column in the fixture: just inside the "4096" of `"memory": "4096"`, and inside "bridge".
const MEMORY_VALUE = '6:14';
const NETWORK_MODE_VALUE = '4:19';
const MIN_HEIGHT = 420; // px: the fixture's 16 lines under the title and tab bars
const COST_FILE = 'cost/task-definition.json';
const COST_MIN_HEIGHT = 500; // px: that fixture's 19 lines and the code lens line
const TEMPLATE_FILE = 'cloudformation/template.yaml';
// 1-based line:column: on the `Cpu` key of `Cpu: !If [IsProd, 1024, 256]`.
const TEMPLATE_CPU = '16:8';
// A picture is rewritten only when more pixels than this differ from the committed one, so that a run
// leaves docs/images alone unless the product looks different (transient bits such as a progress bar
// flicker change a handful of pixels; one changed character changes a few dozen).
const UNCHANGED_PIXELS = 16;
const WIDGET_TIMEOUT = 15_000; // ms for one try at opening a widget

export async function takeScreenshots(page, base, prepared, { workbenchUrl, log }) {
  const outDir = join(ROOT, 'docs', 'images');
  mkdirSync(outDir, { recursive: true });
  const url = workbenchUrl(base, prepared.workspacePath, [
    ['extensionDevelopmentPath', prepared.extensionPath],
    ['openFile', `${prepared.workspacePath}/${FILE}:${MEMORY_VALUE}`],
    ['gotoLineMode', 'true'],
    ['skipWelcome', 'true'],
  ]);
  log('screenshots: opening the fixture with the extension loaded');
  // A tall page, because VS Code caps a hover at a quarter of the editor's height (the size table needs
  // room); each picture is then cut to the editor's top part plus the widget it shows.
  await page.setViewportSize({ width: 1100, height: 2200 });
  await page.goto(url);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor({ state: 'visible', timeout: 60_000 });
  // Both diagnostics drawn: the language server is up.
  await page.locator('.squiggly-error').nth(1).waitFor({ state: 'attached', timeout: 60_000 });
  // More room for the editor: hide the side bar and any panel.
  await closeSideBar(page);
  await focusEditor(page);

  const files = [];
  const snap = async (name, widget, minHeight = MIN_HEIGHT) => {
    const file = join(outDir, name);
    const box = await widget.boundingBox();
    const height = Math.max(minHeight, Math.ceil((box?.y ?? 0) + (box?.height ?? 0) + 16));
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 1100, height } });
    const changed = existsSync(file) ? await differentPixels(page, readFileSync(file), png) : Infinity;
    if (changed > UNCHANGED_PIXELS) writeFileSync(file, png);
    files.push(`docs/images/${name} (${changed > UNCHANGED_PIXELS ? 'updated' : 'unchanged'})`);
  };

  // 1. The diagnostic on memory with its hover (Ctrl+K Ctrl+I: Show or Focus Hover).
  await attempt('the hover', page, async () => {
    await goTo(page, MEMORY_VALUE);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    // Complete once the diagnostic's part has found its quick fix (it says "Checking for quick fixes" before).
    const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'Fargate task sizes' }).filter({ hasText: 'Quick Fix' }).first();
    await hover.waitFor({ timeout: WIDGET_TIMEOUT });
    await snap('diagnostic-hover.png', hover);
  });

  // 2. The completion list on memory (Ctrl+Space), showing only the values valid for cpu 256.
  await attempt('the completion list', page, async () => {
    await goTo(page, MEMORY_VALUE);
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget.visible');
    await suggest.filter({ hasText: '2048' }).waitFor({ timeout: WIDGET_TIMEOUT });
    await snap('completion-memory.png', suggest);
  });

  // 3. The quick-fix menu on networkMode (Ctrl+G to go to the value, then Ctrl+.).
  await attempt('the quick-fix menu', page, async () => {
    await goTo(page, NETWORK_MODE_VALUE);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget').filter({ hasText: 'awsvpc' }).first();
    await menu.waitFor({ state: 'visible', timeout: WIDGET_TIMEOUT });
    await snap('quick-fix.png', menu);
  });

  // 4. The code lens with the monthly price above cpu, in a task definition of a valid size.
  await attempt('the cost code lens', page, async () => {
    await page.goto(
      workbenchUrl(base, prepared.workspacePath, [
        ['extensionDevelopmentPath', prepared.extensionPath],
        ['openFile', `${prepared.workspacePath}/${COST_FILE}:1:1`],
        ['gotoLineMode', 'true'],
        ['skipWelcome', 'true'],
      ]),
    );
    await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    await closeSideBar(page);
    const lens = page.locator('.codelens-decoration').filter({ hasText: '/month' }).first();
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    await snap('cost-lens.png', lens, COST_MIN_HEIGHT);
  });

  // 5. The hover on Cpu in a YAML template: the combinations of its condition above the size table.
  await attempt('the template hover', page, async () => {
    await page.goto(
      workbenchUrl(base, prepared.workspacePath, [
        ['extensionDevelopmentPath', prepared.extensionPath],
        ['openFile', `${prepared.workspacePath}/${TEMPLATE_FILE}:${TEMPLATE_CPU}`],
        ['gotoLineMode', 'true'],
        ['skipWelcome', 'true'],
      ]),
    );
    await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.squiggly-error').nth(1).waitFor({ state: 'attached', timeout: 60_000 });
    await closeSideBar(page);
    await goTo(page, TEMPLATE_CPU);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'Combinations' }).first();
    await hover.waitFor({ timeout: WIDGET_TIMEOUT });
    await snap('cloudformation-hover.png', hover);
  });
  return files;
}

/**
 * Runs one screenshot step up to three times: a widget that a key press asked for sometimes never opens
 * (the key arrived before the editor took focus), and asking again is what a user would do.
 */
async function attempt(what, page, step) {
  for (let tries = 1; ; tries++) {
    try {
      await step();
      await page.keyboard.press('Escape');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (tries === 3) throw new Error(`${what}: ${error.message ?? error}`);
    }
  }
}

async function focusEditor(page) {
  await page.locator('.editor-instance .monaco-editor textarea, .editor-instance .monaco-editor .native-edit-context').first().focus();
}

async function closeSideBar(page) {
  const sideBar = page.locator('.part.sidebar');
  if (await sideBar.isVisible()) {
    await focusEditor(page);
    await page.keyboard.press('Control+B');
    await sideBar.waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

async function goTo(page, lineColumn) {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${lineColumn}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** How many pixels differ between two PNGs (Infinity when the sizes differ), decoded by the browser. */
async function differentPixels(page, before, after) {
  const scratch = await page.context().newPage();
  try {
    const count = await scratch.evaluate(
      async ([a, b]) => {
        const decode = async (base64) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d');
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height);
        };
        const [x, y] = await Promise.all([decode(a), decode(b)]);
        if (x.width !== y.width || x.height !== y.height) return -1;
        let n = 0;
        for (let i = 0; i < x.data.length; i += 4) {
          if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) n++;
        }
        return n;
      },
      [before.toString('base64'), after.toString('base64')],
    );
    return count < 0 ? Infinity : count;
  } finally {
    await scratch.close();
  }
}
