// What the journey leaves to look at: a screenshot per step (the driver takes them, a failing step
// included) listed at the end, and the README's pictures, cropped to the part they show. The README
// pictures land in test-output/screenshots/readme/; copying them to media/screenshots/ (committed)
// is a person's choice, made when the product's look changes.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from './driver';
import type { WorkbenchDriver } from './driver';

export const readmePictureDir = join(screenshotDir, 'readme');

/** The screenshots of one journey, in the order its steps ran. */
export class JourneyScreenshots {
  private readonly paths: string[] = [];

  constructor(private readonly workbench: WorkbenchDriver) {}

  /** One named step of the journey (see WorkbenchDriver.step); its screenshot is remembered. */
  step<T>(name: string, action: () => Promise<T>): Promise<T> {
    this.paths.push(join(screenshotDir, `${name}.png`));
    return this.workbench.step(name, action);
  }

  /** Saves a README picture: the `clip` rectangle of the page. */
  async readmePicture(
    name: string,
    page: Page,
    clip: { x: number; y: number; width: number; height: number },
  ): Promise<void> {
    await mkdir(readmePictureDir, { recursive: true });
    const path = join(readmePictureDir, `${name}.png`);
    await page.screenshot({ path, clip });
    this.paths.push(path);
  }

  /** The screenshots written so far (a step that failed before its screenshot has none). */
  written(): string[] {
    return this.paths.filter((path) => existsSync(path));
  }
}
