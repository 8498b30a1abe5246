// The --vscode-* variables a webview gets from VS Code, for two themes (values of Dark Modern and
// Light Modern), so pages in plain Chromium look and behave as they do in the editor.
export type ThemeKind = 'dark' | 'light';

export const themes: Record<ThemeKind, Record<string, string>> = {
  dark: {
    '--vscode-font-family': 'sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
    '--vscode-editor-font-size': '13px',
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-errorForeground': '#f85149',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-editorWidget-border': '#454545',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-editorHoverWidget-background': '#202020',
    '--vscode-editorHoverWidget-foreground': '#cccccc',
    '--vscode-editorHoverWidget-border': '#454545',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
  },
  light: {
    '--vscode-font-family': 'sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
    '--vscode-editor-font-size': '13px',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-errorForeground': '#f85149',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-editorHoverWidget-background': '#f8f8f8',
    '--vscode-editorHoverWidget-foreground': '#3b3b3b',
    '--vscode-editorHoverWidget-border': '#c8c8c8',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
  },
};

/** The variables as a stylesheet on :root (served as a file: the page's CSP forbids inline styles). */
export function themeCss(kind: ThemeKind): string {
  return `:root {\n${Object.entries(themes[kind])
    .map(([name, value]) => `  ${name}: ${value};`)
    .join('\n')}\n}\n`;
}
