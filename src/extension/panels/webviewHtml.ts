import { randomBytes } from 'node:crypto';

/** What goes into a panel's page; every URI already converted for the webview. */
export interface WebviewPage {
  /** The page's own title (not shown by VS Code, which uses the panel's title). */
  title: string;
  /** `webview.cspSource`: where the panel's own scripts, styles, fonts and images come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
}

/** A fresh nonce for one page's script tag. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The one HTML page every panel uses. The Content-Security-Policy allows nothing by default:
 * scripts only by this page's nonce (no eval), styles, fonts and images only from the extension's
 * own files (images also as data: URIs, for artifact previews), no network at all. The toolkit's
 * components probe for `:focus-visible` with a `<style>` element carrying the nonce it reads from
 * the `csp-nonce` meta tag, so styles accept the nonce too. The page holds no data: everything
 * arrives as messages after the script says `ready`.
 */
export function webviewHtml(page: WebviewPage): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `font-src ${page.cspSource}`,
    `img-src ${page.cspSource} data:`,
  ].join('; ');
  const styles = page.styleUris.map((uri) => `<link rel="stylesheet" href="${attribute(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
    <meta property="csp-nonce" content="${attribute(page.nonce)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${text(page.title)}</title>
  </head>
  <body>
    <main id="app"></main>
    <script nonce="${attribute(page.nonce)}" src="${attribute(page.scriptUri)}"></script>
  </body>
</html>
`;
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
