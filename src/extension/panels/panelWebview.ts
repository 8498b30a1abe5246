import * as vscode from 'vscode';
import { newNonce, webviewHtml } from './webviewHtml';

export type PanelKind = 'compare' | 'run' | 'runsTable';

/** The view types the panels are registered under (and restored by). */
export const PanelViewType: Record<PanelKind, string> = {
  compare: 'mlflow.compare',
  run: 'mlflow.run',
  runsTable: 'mlflow.runsTable',
};

/** Each page's own title (VS Code shows the panel's title; this one is the document's). */
const PAGE_TITLES: Record<PanelKind, string> = { compare: 'Compare Runs', run: 'Run', runsTable: 'Runs Table' };

/**
 * Scripts on, command URIs off, files only from the built webviews and media/. The panels keep
 * their state while hidden: charts and tables of many runs are costly to build again.
 */
function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    retainContextWhenHidden: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** Sets the panel's options and its page (the one HTML builder, with this panel's bundle and styles). */
export function setUpWebview(webview: vscode.Webview, extensionUri: vscode.Uri, kind: PanelKind): void {
  webview.options = panelOptions(extensionUri);
  const uri = (...parts: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  webview.html = webviewHtml({
    title: PAGE_TITLES[kind],
    cspSource: webview.cspSource,
    nonce: newNonce(),
    scriptUri: uri('dist', 'webview', `${kind}.js`),
    styleUris: [uri('media', 'webview.css'), uri('media', `${kind}.css`)],
  });
}
