import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Flags that keep a headless Chromium quiet and off the network (see ../shared/TESTING.md). */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-crash-reporter',
];

/**
 * Launches Debian's Chromium (never a downloaded one) with a fresh profile in `profileDir`.
 * Its config and cache folders (crash reports included) are kept inside the profile too.
 */
export function launchChromium(executablePath: string, profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: chromiumArgs,
    // The harness closes the browser itself on an interrupt, after the workbench, then stops
    // code-server; Playwright's own handlers would exit the process before that is done.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: join(profileDir, 'xdg-cache'),
    },
  });
}
