// Drives a real workbench the way a person would: a fresh code-server with this repository loaded
// as the extension under development, in Chromium. Each step of a journey is named; it leaves a
// screenshot at test-output/screenshots/<step>.png, and a failing step says which one it was.
//
//   const workbench = await WorkbenchDriver.open({ workspace: copyIntoWorkspace('test/fixtures/...', 'mlruns') });
//   await workbench.step('sidebar-open', () => workbench.clickActivityBarTab('MLflow'));
//   const rows = await workbench.step('sidebar-experiments', () => workbench.treeItems());
//   await workbench.close();
//
// Selectors are the ones ../shared/TESTING.md found to work with VS Code 1.139.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { ensureVscodeTools } from '../../../scripts/vscode-tools.mjs';
import { repoRoot, runDirVariable, testOutputDir } from '../harness/paths';
import { startWorkbench } from '../harness/workbench';
import type { Workbench } from '../harness/workbench';

export const screenshotDir = join(testOutputDir, 'screenshots');
const workbenchTimeoutMs = 60_000;
const commandTimeoutMs = 30_000;

export interface OpenOptions {
  /** Fills the workspace folder before the workbench opens it; empty when omitted. */
  workspace?: (folder: string) => Promise<void> | void;
}

/** What the smoke-test driver (code-server's --vscode-option enable-smoke-test-driver) puts on `window`. */
interface SmokeTestDriver {
  whenWorkbenchRestored(): Promise<void>;
}

/**
 * Waits until the workbench has restored its layout and created its contributions: before that,
 * a panel a step opens may be closed again by the layout being restored.
 */
async function whenWorkbenchRestored(page: Page): Promise<void> {
  await page.waitForFunction(() => 'driver' in globalThis, undefined, { timeout: workbenchTimeoutMs });
  await page.evaluate(() => (globalThis as unknown as { driver: SmokeTestDriver }).driver.whenWorkbenchRestored());
}

export class WorkbenchDriver {
  private constructor(
    private readonly workbench: Workbench,
    private readonly dir: string,
  ) {}

  /** Starts code-server and Chromium and waits until the workbench is on screen. */
  static async open(options: OpenOptions = {}): Promise<WorkbenchDriver> {
    if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
      throw new Error('dist/extension.js is missing: run `npm run build` (npm run test:vscode does it for you)');
    }
    const tools = ensureVscodeTools({ log: (line) => console.log(`[vscode-tools] ${line}`) });
    const dir = await mkdtemp(join(process.env[runDirVariable] ?? tmpdir(), 'mlflow-explorer-ui-'));
    const folder = join(dir, 'workspace');
    await mkdir(folder);
    await options.workspace?.(folder);
    const workbench = await startWorkbench(dir, tools);
    const driver = new WorkbenchDriver(workbench, dir);
    try {
      await workbench.page.goto(workbench.urlFor(folder), { waitUntil: 'domcontentloaded' });
      await whenWorkbenchRestored(workbench.page);
    } catch (error) {
      await driver.close();
      throw error;
    }
    return driver;
  }

  get page(): Page {
    return this.workbench.page;
  }

  /**
   * Runs one named step of a journey and screenshots the result. On failure the error names the
   * step and the screenshot shows the screen at that moment.
   */
  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
      throw new Error(`step name "${name}": use lowercase words and dashes (it names a file)`);
    let result: T;
    try {
      result = await action();
    } catch (error) {
      const shot = await this.screenshot(name).catch(() => 'none');
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`step "${name}" failed (screenshot: ${shot}): ${reason}`, { cause: error });
    }
    await this.screenshot(name);
    return result;
  }

  /** Saves test-output/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    await mkdir(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * Clicks the activity bar entry with this name (e.g. 'Explorer' or 'MLflow') so its sidebar
   * shows; not when it is already the open one, since that click would hide the sidebar.
   */
  async clickActivityBarTab(name: string): Promise<void> {
    const tab = this.page.locator('.part.activitybar').getByRole('tab', { name });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await this.page.locator('.part.sidebar').waitFor();
  }

  /** The sidebar's tree item with this accessible name. */
  treeItem(name: string | RegExp): Locator {
    return this.page.locator('.part.sidebar').getByRole('treeitem', { name });
  }

  /** The text of every row the sidebar shows, top to bottom. */
  async treeItems(): Promise<string[]> {
    const rows = this.page.locator('.part.sidebar .monaco-list-row');
    await rows.first().waitFor();
    return (await rows.allInnerTexts()).map((text) => text.trim());
  }

  /**
   * Runs a command from the palette (F1) by its full title, e.g. 'MLflow: Show Log'. Right after
   * the workbench opens the extension host may not have read the extension's commands yet, so an
   * empty palette is closed and opened again until the command shows up.
   */
  async runCommand(title: string): Promise<void> {
    const palette = this.page.locator('.quick-input-widget');
    // Click the row with exactly this label: Enter would take whatever fuzzy match comes first.
    const row = palette.locator('.monaco-list-row .label-name').getByText(title, { exact: true }).first();
    for (const deadline = Date.now() + commandTimeoutMs; ;) {
      await this.page.keyboard.press('F1');
      await palette.locator('input.input').pressSequentially(title, { delay: 5 });
      const found = await row.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => false,
      );
      if (found) break;
      if (Date.now() > deadline) throw new Error(`the palette does not list "${title}"`);
      await this.page.keyboard.press('Escape');
    }
    await row.click();
    await palette.waitFor({ state: 'hidden' });
  }

  /**
   * The content of the webview in the editor tab with this title, made the active tab of its group
   * if it is not. VS Code keeps every webview's iframe in one overlay layer, hidden ones with
   * `visibility: hidden`: the one meant is the visible iframe lying over the tab's editor group.
   */
  async webview(tabTitle: string): Promise<FrameLocator> {
    const tab = this.page.locator('.tab', { hasText: tabTitle }).first();
    await tab.waitFor();
    if (!/\bactive\b/.test((await tab.getAttribute('class')) ?? '')) await tab.click();
    const group = this.page
      .locator('.editor-group-container', { has: this.page.locator('.tab.active', { hasText: tabTitle }) })
      .first();
    for (const deadline = Date.now() + commandTimeoutMs; ;) {
      const area = await group.boundingBox();
      for (const frame of await this.page.locator('iframe.webview.ready').all()) {
        const box = await frame.boundingBox();
        if (!area || !box || !(await frame.isVisible())) continue;
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        const name = await frame.getAttribute('name');
        if (name && x > area.x && x < area.x + area.width && y > area.y && y < area.y + area.height) {
          return this.page.frameLocator(`iframe.webview[name="${name}"]`).frameLocator('iframe#active-frame');
        }
      }
      if (Date.now() > deadline) throw new Error(`no webview shows over the editor group of the tab "${tabTitle}"`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Stops the browser and code-server (checking no process is left) and removes the temp folder. */
  async close(): Promise<void> {
    await this.workbench.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
