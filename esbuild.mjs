// Two builds: the extension host (Node, CommonJS, 'vscode' external) and the webviews (browser,
// one entry per panel). `--production` minifies for packaging; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** One webview bundle per panel: src/webview/<panel>/main.ts -> dist/webview/<panel>.js */
function webviewEntries() {
  if (!existsSync('src/webview')) return {};
  const entries = {};
  for (const panel of readdirSync('src/webview', { withFileTypes: true })) {
    const main = `src/webview/${panel.name}/main.ts`;
    if (panel.isDirectory() && existsSync(main)) entries[panel.name] = main;
  }
  return entries;
}

const common = { bundle: true, sourcemap: true, minify: production, logLevel: 'info' };

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    // VS Code 1.101's extension host (Electron 35) runs Node 22.15, the first with node:sqlite unflagged.
    target: 'node22',
    external: ['vscode'],
    // Dependencies that branch on NODE_ENV get the branch of the build being made.
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
];
const webviews = webviewEntries();
if (Object.keys(webviews).length > 0) {
  builds.push({
    ...common,
    entryPoints: webviews,
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
