// The compare panel as a person reads it, inside its webview: the parameters table (which rows
// are marked as differing, and their values) and a metric chart (a line in each run's colour).
import type { FrameLocator } from 'playwright-core';
import type { PageCanvas, PageElement, PageWindow } from './journeyDom';

export interface ParamRow {
  key: string;
  /** The row is marked as one whose values differ between the runs. */
  differs: boolean;
  values: string[];
}

export interface ChartInk {
  /** The run names of the chart legend, in order. */
  runs: string[];
  /** For each run, how many pixels of the chart are drawn in its legend colour. */
  pixelsInRunColour: number[];
}

const chartTimeoutMs = 30_000;

/** The runs named in the header of the parameters table, then one entry per parameter row. */
export async function paramsTable(frame: FrameLocator): Promise<{ runs: string[]; rows: ParamRow[] }> {
  const table = frame.getByRole('table', { name: 'Parameters' });
  await table.locator('tbody tr').first().waitFor();
  const runs = (await table.locator('thead .run-name').allInnerTexts()).map((name) => name.trim());
  const rows = await table.locator('tbody tr').evaluateAll((elements) =>
    (elements as unknown as PageElement[]).map((row) => ({
      key: row.querySelector('th')?.textContent?.trim() ?? '',
      differs: row.classList.contains('differs'),
      values: Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim() ?? ''),
    })),
  );
  return { runs, rows };
}

/**
 * Scrolls the chart of `metric` into view and counts, once it is drawn, the pixels in each run's
 * legend colour: a run whose history is drawn leaves a line of them.
 */
export async function chartInk(frame: FrameLocator, metric: string): Promise<ChartInk> {
  const card = frame.locator(`.chart-card[data-metric="${metric}"]`);
  await card.scrollIntoViewIfNeeded();
  const canvas = card.locator('canvas');
  await canvas.waitFor({ timeout: chartTimeoutMs });
  const legend = frame.locator('.legend .legend-entry');
  const runs = (await legend.allInnerTexts()).map((name) => name.trim());
  const colours = await legend
    .locator('.swatch')
    .evaluateAll((swatches) =>
      swatches.map((swatch) => (globalThis as unknown as PageWindow).getComputedStyle(swatch).backgroundColor),
    );
  for (const deadline = Date.now() + chartTimeoutMs; ;) {
    const pixelsInRunColour = await canvas.evaluate(countPixels, colours);
    if (pixelsInRunColour.every((count) => count > 0) || Date.now() > deadline) return { runs, pixelsInRunColour };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Runs in the webview (passed whole to the page: it may use nothing from this module): pixels of
 * the canvas within a small distance of each `rgb(...)` colour.
 */
function countPixels(element: unknown, colours: string[]): number[] {
  const canvas = element as PageCanvas;
  const context = canvas.getContext('2d');
  if (!context) return colours.map(() => 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const targets = colours.map((colour) => (colour.match(/\d+/g) ?? []).slice(0, 3).map(Number));
  const counts = targets.map(() => 0);
  for (let index = 0; index < data.length; index += 4) {
    if (data[index + 3]! < 200) continue;
    targets.forEach(([r = -1, g = -1, b = -1], run) => {
      const distance = Math.abs(data[index]! - r) + Math.abs(data[index + 1]! - g) + Math.abs(data[index + 2]! - b);
      if (distance < 40) counts[run]! += 1;
    });
  }
  return counts;
}
