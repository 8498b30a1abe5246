// One workbench to test against: a fresh code-server and a fresh Chromium page, both under `dir`,
// stopped together (also on SIGINT/SIGTERM).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { VscodeToolPaths } from '../../../scripts/vscode-tools.mjs';
import { launchChromium } from './browser';
import { startCodeServer } from './codeServer';
import type { CodeServer } from './codeServer';
import { repoRoot } from './paths';
import { onInterrupt } from './processGroups';

export interface Workbench {
  readonly server: CodeServer;
  readonly browser: BrowserContext;
  readonly page: Page;
  /** The workbench address for `folder`, with this repository loaded as the extension under development. */
  urlFor(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** Turns a path on this machine into the URI the workbench uses for it. */
  remoteUri(path: string): string;
  close(): Promise<void>;
}

/** Starts code-server and Chromium with all their state in `dir` (not yet navigated anywhere). */
export async function startWorkbench(dir: string, tools: VscodeToolPaths): Promise<Workbench> {
  await mkdir(dir, { recursive: true });
  const server = await startCodeServer(join(dir, 'code-server'), tools);
  let browser: BrowserContext;
  try {
    browser = await launchChromium(tools.chromium, join(dir, 'chromium'));
  } catch (error) {
    await server.stop();
    throw error;
  }
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(30_000);
  const close = async (): Promise<void> => {
    removeInterruptHandler();
    await browser.close().catch(() => undefined);
    await server.stop();
  };
  const removeInterruptHandler = onInterrupt(close, 'the browser');
  const remoteUri = (path: string): string => `vscode-remote://${server.url.host}${path}`;
  const urlFor = (folder: string, payload: ReadonlyArray<readonly [string, string]> = []): string => {
    const fullPayload = [['extensionDevelopmentPath', remoteUri(repoRoot)], ...payload];
    const query = `folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(fullPayload))}`;
    return new URL(`/?${query}`, server.url).toString();
  };
  return { server, browser, page, urlFor, remoteUri, close };
}
