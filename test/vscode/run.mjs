// Real VS Code tests: the integration suites declared in test/vscode/suites.ts (mocha inside a
// code-server extension host), then the UI tests in test/vscode/ui/ (Chromium driving the workbench).
// Usage: node test/vscode/run.mjs [suite-name ... | ui]   (npm run test:vscode -- <names>)
// The harness itself is TypeScript (test/vscode/harness/), loaded through tsx as the unit tests are.
const { continueUnderNode24 } = await import('../../scripts/underNode24.mjs');
continueUnderNode24(import.meta.url);
await import('tsx');
// main.ts loads as CommonJS (the package is not "type": "module"): its exports arrive as `default`.
const { runVscodeTests } = (await import('./harness/main.ts')).default;
process.exitCode = await runVscodeTests(process.argv.slice(2));
