// The .vsix ships only what runs: the extension bundle, the webview bundles, media, the manifest
// and the documents the Marketplace shows. Checked against `vsce ls`, i.e. .vscodeignore as vsce
// applies it, so a stray source map, test bundle or fixture fails here before it is shipped.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestOutcome } from '../runner/suiteReport';
import { repoRoot } from './paths';

const shippable = [
  /^package\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE(\.md|\.txt)?$/,
  /^dist\/extension\.js$/,
  /^dist\/webview\/[^/]+\.(js|css)$/,
  /^media\/[^/]+\.(svg|css)$/,
];

/** Lists what `npm run package` would put in the .vsix and checks each file may ship. */
export function checkPackageListing(): TestOutcome {
  const started = Date.now();
  const title = 'the .vsix ships only what runs (vsce ls)';
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'vsce.mjs'), 'ls', '--no-dependencies'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const durationMs = Date.now() - started;
  if (result.status !== 0) return { title, passed: false, durationMs, error: `vsce ls failed:\n${result.stderr}` };
  const files = result.stdout.split('\n').filter((line) => line.trim() !== '');
  const unexpected = files.filter((file) => !shippable.some((pattern) => pattern.test(file)));
  const problems = [
    ...(files.includes('dist/extension.js') ? [] : ['dist/extension.js (package.json "main") is not listed']),
    ...unexpected.map((file) => `${file} would ship but does not run (add it to .vscodeignore)`),
  ];
  return problems.length === 0
    ? { title, passed: true, durationMs }
    : { title, passed: false, durationMs, error: `${problems.join('\n')}\nlisted: ${files.join(', ')}` };
}
