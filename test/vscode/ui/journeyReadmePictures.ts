// The README's two pictures, taken during the journey: the sidebar with the demo experiment's runs
// (widened so every row reads in full) and the top of the compare panel down to its first charts
// (in a taller window, so parameters, metrics and charts fit in one picture).
import type { Locator, Page } from 'playwright-core';
import type { WorkbenchDriver } from './driver';
import type { PageWindow } from './journeyDom';
import type { JourneyScreenshots } from './journeyPictures';
import { resizeSidebar } from './journeySidebar';

type Box = { x: number; y: number; width: number; height: number };

const window = { width: 1400, height: 900 };
const pictureSidebarWidth = 520;
const workingSidebarWidth = 360;
const pictureWindowHeight = 1500;
const margin = 12;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the part to picture is not on screen');
  return box;
}

/** Moves the pointer off the sidebar and waits for the hover highlights to fade. */
async function restPointer(page: Page): Promise<void> {
  await page.mouse.move(window.width - 100, window.height - 100);
  await page.waitForTimeout(500);
}

/** The sidebar from the activity bar to just below its last row; then a narrower sidebar to work with. */
export async function readmeSidebarPicture(page: Page, journey: JourneyScreenshots): Promise<void> {
  await resizeSidebar(page, pictureSidebarWidth);
  await restPointer(page);
  const sidebar = await boxOf(page.locator('.part.sidebar'));
  const lastRow = await boxOf(page.locator('.part.sidebar .monaco-list-row').last());
  const bottom = Math.min(sidebar.y + sidebar.height, lastRow.y + lastRow.height + margin);
  await journey.readmePicture('sidebar', page, {
    x: 0,
    y: sidebar.y,
    width: sidebar.x + sidebar.width,
    height: bottom - sidebar.y,
  });
  await resizeSidebar(page, workingSidebarWidth);
  await restPointer(page);
}

/** The compare panel from its top down to its first row of charts, in a taller window. */
export async function readmeComparePicture(workbench: WorkbenchDriver, journey: JourneyScreenshots): Promise<void> {
  const page = workbench.page;
  await page.setViewportSize({ width: window.width, height: pictureWindowHeight });
  try {
    const frame = await workbench.webview('Compare 2 runs');
    await frame.locator('body').evaluate(() => (globalThis as unknown as PageWindow).scrollTo(0, 0));
    const firstChart = frame.locator('.chart-card').first();
    await firstChart.locator('canvas').waitFor();
    await restPointer(page);
    const editor = await boxOf(page.locator('.part.editor'));
    const chart = await boxOf(firstChart);
    const bottom = Math.min(editor.y + editor.height, chart.y + chart.height + margin);
    await journey.readmePicture('compare', page, {
      x: editor.x,
      y: editor.y,
      width: editor.width,
      height: bottom - editor.y,
    });
  } finally {
    await page.setViewportSize(window);
  }
}
