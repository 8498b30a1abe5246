// The MLflow sidebar as a person reads and uses it: run rows (name, status icon, description), a
// row's context menu, the filter input, and a wider sidebar so the descriptions show in full.
import type { Locator, Page } from 'playwright-core';
import type { PageElement } from './journeyDom';

export interface RunRow {
  name: string;
  /** The status the row's icon stands for (RUNNING, FINISHED, ...), or the icon's name when it stands for none. */
  status: string;
  /** `loss=0.1469 · HEAD · 12 days ago · 8m 22s`: the parts the row shows after the name. */
  description: string;
}

/** The codicons the sidebar draws for each run status. */
const STATUS_ICONS: Record<string, string> = {
  sync: 'RUNNING',
  clock: 'SCHEDULED',
  pass: 'FINISHED',
  error: 'FAILED',
  'circle-slash': 'KILLED',
};

const contextMenuTimeoutMs = 3_000;
const rowsTimeoutMs = 30_000;

function sidebar(page: Page): Locator {
  return page.locator('.part.sidebar');
}

/** The rows one level under the experiments (the runs of the expanded experiment), top to bottom. */
export async function runRows(page: Page): Promise<RunRow[]> {
  const rows = sidebar(page).locator('.monaco-list-row[aria-level="2"]');
  return rows.evaluateAll(
    (elements, icons) =>
      (elements as unknown as PageElement[]).map((row) => {
        const iconClass = row.querySelector('.custom-view-tree-node-item-icon')?.className ?? '';
        const icon = /\bcodicon-([a-z-]+)\b/.exec(iconClass)?.[1] ?? 'none';
        return {
          name: row.querySelector('.label-name')?.textContent?.trim() ?? '',
          status: icons[icon] ?? icon,
          description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        };
      }),
    STATUS_ICONS,
  );
}

/** Waits until the run rows satisfy `settled` (the tree redraws as runs load) and returns them. */
export async function runRowsWhen(page: Page, what: string, settled: (rows: RunRow[]) => boolean): Promise<RunRow[]> {
  for (const deadline = Date.now() + rowsTimeoutMs; ;) {
    const rows = await runRows(page);
    if (settled(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`the sidebar never showed ${what}; it shows ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the experiment row's description (run count, filter) reads `expected`. */
export async function experimentDescriptionBecomes(page: Page, experiment: string, expected: string): Promise<void> {
  const description = sidebar(page).getByRole('treeitem', { name: experiment }).locator('.label-description');
  for (const deadline = Date.now() + rowsTimeoutMs; ;) {
    const shown = await description.innerText();
    if (shown === expected) return;
    if (Date.now() > deadline) throw new Error(`the experiment ${experiment} reads "${shown}", not "${expected}"`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Right-clicks `row` and chooses `item` from its context menu; returns every item the menu
 * offered. A menu closes as it runs its action, so a menu still open means the click did not
 * land (the tree may have redrawn under it) and the click is made again.
 */
export async function chooseFromContextMenu(page: Page, row: Locator, item: string): Promise<string[]> {
  const menu = page.locator('.context-view .monaco-menu');
  await row.click({ button: 'right' });
  const entry = menu.getByRole('menuitem', { name: item, exact: true });
  await entry.waitFor();
  const offered = (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
  for (let attempt = 1; ; attempt++) {
    await entry.click();
    const closed = await menu.waitFor({ state: 'hidden', timeout: contextMenuTimeoutMs }).then(
      () => true,
      () => false,
    );
    if (closed) return offered;
    if (attempt === 3) throw new Error(`the context menu stayed open after choosing "${item}" ${attempt} times`);
  }
}

/** "Filter Runs…" on an experiment, with `filter` typed into the input box and confirmed. */
export async function filterRuns(page: Page, experiment: Locator, filter: string): Promise<void> {
  await chooseFromContextMenu(page, experiment, 'Filter Runs…');
  const input = page.locator('.quick-input-widget');
  await input.getByText('Filter Runs of').waitFor();
  await input.locator('input.input').fill(filter);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Drags the sidebar's edge until it is `width` pixels wide. */
export async function resizeSidebar(page: Page, width: number): Promise<void> {
  const part = await sidebar(page).boundingBox();
  const sash = await page.locator('.monaco-sash.primary-sidebar-sash').boundingBox();
  if (!part || !sash) throw new Error('the sidebar or its edge is not on screen');
  const y = sash.y + sash.height / 2;
  await page.mouse.move(sash.x + sash.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(sash.x + sash.width / 2 + (width - part.width), y, { steps: 12 });
  await page.mouse.up();
}
