// A person filters and sorts a runs table (by a metric, then by duration, a key only the loaded runs
// can be sorted by), ticks two runs, reloads the window, and finds the table again as it was: the
// same filter in its box, the same sort on its headers, the same runs ticked and listed in the same order. The tab comes back through the table's panel serializer (and the
// `onWebviewPanel:mlflow.runsTable` activation), with the state the webview last saved.
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { demoRepoWithLocalStore } from '../suite/gitSupport/workspace';
import { WorkbenchDriver } from './driver';
import { sortBy, selectRuns, tableRunNames } from './journeyRunsTable';
import { chooseFromContextMenu } from './journeySidebar';

const EXPERIMENT = 'demo-classifier';
const FILTER = 'metrics.accuracy > 0.9';
const reloadTimeoutMs = 60_000;

let workbench: WorkbenchDriver;

before(async () => {
  workbench = await WorkbenchDriver.open({ workspace: demoRepoWithLocalStore(repoRoot) });
});

after(async () => {
  await workbench?.close();
});

interface HeaderElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}

/**
 * Scrolls the grid from its left edge right until the header of `column` is drawn (columns are
 * virtualised); clicks nothing.
 */
async function revealHeader(table: FrameLocator, column: string) {
  const grid = table.getByRole('grid');
  const header = grid.getByRole('columnheader', { name: column, exact: true });
  await grid.evaluate((element) => ((element as unknown as { scrollLeft: number }).scrollLeft = 0));
  for (const deadline = Date.now() + reloadTimeoutMs; (await header.count()) === 0;) {
    if (Date.now() > deadline) throw new Error(`no column header "${column}"`);
    await grid.evaluate((element) => ((element as unknown as { scrollLeft: number }).scrollLeft += 300));
  }
  return header;
}

/** The headers sorted by, read one by one (they may lie far apart): `accuracy▼ descending`. */
const SORTED_COLUMNS = ['Duration', 'accuracy'];

/** What a person sees of the table's view: the filter box, the sorted header, the ticked runs, the rows. */
async function tableView(table: FrameLocator) {
  const names = await tableRunNames(table);
  const ticked: string[] = [];
  for (const name of names)
    if (await table.getByRole('checkbox', { name: `Select ${name}`, exact: true }).isChecked()) ticked.push(name);
  const sorted: string[] = [];
  for (const column of SORTED_COLUMNS)
    sorted.push(
      await (
        await revealHeader(table, column)
      ).evaluate((header) => {
        const element = header as unknown as HeaderElement;
        return `${element.textContent?.trim() ?? ''} ${element.getAttribute('aria-sort') ?? ''}`;
      }),
    );
  return { filter: await table.getByRole('combobox', { name: /^Filter runs/ }).inputValue(), sorted, ticked, names };
}

test('a filtered, sorted runs table with two runs ticked comes back the same after a window reload', async () => {
  const page = workbench.page;
  await workbench.step('table-reload-open', async () => {
    await workbench.clickActivityBarTab('MLflow');
    await chooseFromContextMenu(page, workbench.treeItem(EXPERIMENT), 'Open Runs Table');
    const table = await workbench.webview(EXPERIMENT);
    await tableRunNames(table);
  });
  const before = await workbench.step('table-reload-arranged', async () => {
    const table = await workbench.webview(EXPERIMENT);
    const input = table.getByRole('combobox', { name: /^Filter runs/ });
    await input.fill(FILTER);
    await input.press('Enter');
    await sortBy(table, 'accuracy', 'descending');
    // Then by duration (shift-click: a second key): MLflow cannot order by it, only the loaded runs are.
    await (await revealHeader(table, 'Duration')).click({ modifiers: ['Shift'] });
    // The filtered answer is in when the last row is no longer a run the filter leaves out (14 of 21 runs).
    for (const deadline = Date.now() + 30_000; ; await page.waitForTimeout(200)) {
      const count = await table.getByRole('grid').getAttribute('aria-rowcount');
      if (Number(count) <= 15) break;
      if (Date.now() > deadline) assert.fail(`the filter left ${count} rows`);
    }
    const names = await tableRunNames(table);
    await selectRuns(table, names.slice(0, 2));
    const view = await tableView(table);
    assert.deepEqual(
      [view.filter, view.sorted, view.ticked],
      [FILTER, ['Duration▲2 ascending', 'accuracy▼ descending'], names.slice(0, 2)],
    );
    // The webview saves its state a moment after a change (debounced): give it that moment.
    await page.waitForTimeout(1_000);
    return view;
  });
  await workbench.step('table-reload-back', async () => {
    await workbench.runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: reloadTimeoutMs });
    await page.locator('.part.editor .tab', { hasText: EXPERIMENT }).waitFor({ timeout: reloadTimeoutMs });
    const table = await workbench.webview(EXPERIMENT);
    await tableRunNames(table);
    for (const deadline = Date.now() + reloadTimeoutMs; ; await page.waitForTimeout(200)) {
      const after = await tableView(table);
      if (JSON.stringify(after) === JSON.stringify(before)) break;
      if (Date.now() > deadline) assert.deepEqual(after, before, 'the table as it was before the reload');
    }
  });
});
