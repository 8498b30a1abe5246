// A panel's built webview bundle in a real Chromium, outside VS Code: the page the extension's
// HTML builder makes (same Content-Security-Policy), served over HTTP from the repository's
// dist/webview and media folders, with a fake `acquireVsCodeApi()` that records what the webview
// posts and keeps its state, and a way to post messages to it as the host would.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureVscodeTools } from '../../../scripts/vscode-tools.mjs';
import { newNonce, webviewHtml } from '../../../src/extension/panels/webviewHtml';
import type { HostMessage } from '../../../src/webview/protocol';
import { launchChromium } from '../../vscode/harness/browser';
import { repoRoot } from '../../vscode/harness/paths';
import type { ThemeKind } from './themes';
import { themeCss, themes } from './themes';

export type PanelName = 'compare' | 'run' | 'runsTable';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

// Runs in the page before its script: the fake VS Code API, and a record of CSP violations.
const INIT_SCRIPT = `
  window.__posted = [];
  window.__cspViolations = [];
  window.__state = window.__initialState;
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => window.__state,
      setState: (state) => { window.__state = JSON.parse(JSON.stringify(state)); },
    };
  };
`;

/** One HTTP server and one browser for a test file; pages come and go. */
export class WebviewHarness {
  private constructor(
    private readonly server: Server,
    private readonly origin: string,
    private readonly browser: BrowserContext,
    private readonly profile: string,
  ) {}

  static async start(): Promise<WebviewHarness> {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const body = route(url.pathname);
      if (body === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': body.type }).end(body.content);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const profile = await mkdtemp(join(tmpdir(), 'mlflow-webview-'));
    // Installs Debian's chromium on a machine that lacks it (as root), as the VS Code tests do.
    const { chromium } = ensureVscodeTools({
      parts: ['chromium'],
      log: (line) => console.error(`[vscode-tools] ${line}`),
    });
    const browser = await launchChromium(chromium, profile);
    return new WebviewHarness(server, origin, browser, profile);
  }

  /** Opens a panel's page; `state` is what `getState()` returns at first (as after a reload). */
  async open(panel: PanelName, options: { state?: unknown; theme?: ThemeKind } = {}): Promise<WebviewPage> {
    if (!existsSync(join(repoRoot, 'dist', 'webview', `${panel}.js`)))
      throw new Error(`dist/webview/${panel}.js is missing: run \`npm run build\` (npm run test:webview does)`);
    const page = await this.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(
      `window.__initialState = ${JSON.stringify(options.state ?? null)} ?? undefined;\n${INIT_SCRIPT}`,
    );
    const theme = options.theme ?? 'dark';
    const html = webviewHtml({
      title: panel,
      cspSource: this.origin,
      nonce: newNonce(),
      scriptUri: `${this.origin}/dist/webview/${panel}.js`,
      styleUris: [
        `${this.origin}/theme/${theme}.css`,
        `${this.origin}/media/webview.css`,
        `${this.origin}/media/${panel}.css`,
      ],
    });
    await page.route(`${this.origin}/page.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(`${this.origin}/page.html`);
    await page.evaluate(`document.body.classList.add('vscode-${theme}')`);
    const webview = new WebviewPage(page, errors);
    await webview.waitForPosted(panel === 'runsTable' ? 'runsTable/ready' : 'ready');
    return webview;
  }

  /**
   * A plain page (no CSP, no panel) with `entry` (a *.browser.ts file) bundled and loaded, for
   * running the webviews' pure modules in Chromium.
   */
  async scriptPage(entry: string): Promise<Page> {
    const result = await build({
      entryPoints: [join(repoRoot, entry)],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'warning',
    });
    const page = await this.browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: result.outputFiles[0]!.text });
    return page;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.profile, { recursive: true, force: true });
  }

  get url(): string {
    return this.origin;
  }
}

function route(path: string): { type: string; content: string | Buffer } | undefined {
  const theme = /^\/theme\/(dark|light)\.css$/.exec(path);
  if (theme) return { type: 'text/css', content: themeCss(theme[1] as ThemeKind) };
  const file = normalize(path).replace(/^\/+/, '');
  if (!/^(dist\/webview|media)\/[\w.-]+$/.test(file)) return undefined;
  const full = join(repoRoot, file);
  if (!existsSync(full)) return undefined;
  return {
    type: CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream',
    content: readFileSync(full),
  };
}

export interface PostedMessage {
  type: string;
  [key: string]: unknown;
}

export class WebviewPage {
  constructor(
    readonly page: Page,
    private readonly errors: string[],
  ) {}

  /** Everything the webview has posted to the host so far. */
  async posted(): Promise<PostedMessage[]> {
    return this.page.evaluate<PostedMessage[]>('window.__posted');
  }

  /** The first posted message of `type` (after `after` of that type) matching `accept`, waiting for it. */
  async waitForPosted(
    type: string,
    accept: (message: PostedMessage) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<PostedMessage> {
    for (const deadline = Date.now() + timeoutMs; ;) {
      const found = (await this.posted()).find((message) => message.type === type && accept(message));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `the webview did not post ${type}; it posted ${JSON.stringify((await this.posted()).map((m) => m.type))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Waits until a page expression is truthy. (Playwright's waitForFunction evaluates its predicate
   * with eval inside the page, which the panel's CSP rightly forbids.)
   */
  async waitUntil(expression: string, timeoutMs = 10_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; !(await this.page.evaluate<unknown>(expression));) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Posts a message to the webview as the extension host would. */
  async send(message: HostMessage | Record<string, unknown>): Promise<void> {
    await this.page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  }

  async state(): Promise<unknown> {
    return this.page.evaluate('window.__state');
  }

  /** Switches the page to another theme the way VS Code does: new variables on the root, a new body class. */
  async setTheme(kind: ThemeKind): Promise<void> {
    const variables = JSON.stringify(themes[kind]);
    await this.page.evaluate(`(() => {
      for (const [name, value] of Object.entries(${variables})) document.documentElement.style.setProperty(name, value);
      document.body.classList.remove('vscode-dark', 'vscode-light');
      document.body.classList.add('vscode-${kind}');
    })()`);
  }

  /** Content-Security-Policy violations and uncaught errors so far (both should stay empty). */
  async problems(): Promise<string[]> {
    const csp = await this.page.evaluate<string[]>('window.__cspViolations');
    const reported = (await this.posted())
      .filter((message) => message.type === 'problem')
      .map((message) => String(message.message));
    return [...csp.map((entry) => `CSP: ${entry}`), ...this.errors, ...reported];
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
