// The runs table as a person uses it, inside its webview: the run names of the rows in the order
// shown, a header clicked until it sorts the way wanted (scrolled into view first: columns are
// virtualised), a run's checkbox, and the selection's buttons.
import type { FrameLocator } from 'playwright-core';
import type { PageElement } from './journeyDom';

const timeoutMs = 30_000;

/** The run names of the rows drawn, top to bottom (by their row index, not their place in the DOM). */
export async function tableRunNames(frame: FrameLocator): Promise<string[]> {
  const grid = frame.getByRole('grid');
  await grid.locator('[role="row"][data-run-id]').first().waitFor({ timeout: timeoutMs });
  const rows = await grid.locator('[role="row"][data-run-id]').evaluateAll((elements) =>
    (elements as unknown as (PageElement & { getAttribute(name: string): string | null })[]).map((row) => ({
      index: Number(row.getAttribute('aria-rowindex')),
      name: (row.querySelector('input[type="checkbox"]') as unknown as { ariaLabel: string | null } | null)?.ariaLabel,
    })),
  );
  return rows.sort((a, b) => a.index - b.index).map((row) => (row.name ?? '').replace(/^Select /, ''));
}

/** Clicks the header of `column` until it says it sorts `direction`, scrolling the grid right to reach it. */
export async function sortBy(
  frame: FrameLocator,
  column: string,
  direction: 'ascending' | 'descending',
): Promise<void> {
  const grid = frame.getByRole('grid');
  const header = grid.getByRole('columnheader', { name: column, exact: true });
  for (const deadline = Date.now() + timeoutMs; (await header.count()) === 0;) {
    if (Date.now() > deadline) throw new Error(`no column header "${column}"`);
    await grid.evaluate((element) => ((element as unknown as { scrollLeft: number }).scrollLeft += 300));
  }
  for (let clicks = 0; (await header.getAttribute('aria-sort')) !== direction; clicks++) {
    if (clicks === 3) throw new Error(`the "${column}" header never sorted ${direction}`);
    await header.click();
  }
}

/** Ticks the checkbox of each named run. */
export async function selectRuns(frame: FrameLocator, names: readonly string[]): Promise<void> {
  for (const name of names) await frame.getByRole('checkbox', { name: `Select ${name}`, exact: true }).click();
}
