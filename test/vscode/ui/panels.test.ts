// A person compares two runs, reloads the window and finds the panel again with its runs; then
// opens a run from its context menu and looks through its artifacts; clicks through runs in one
// preview panel. Everything is clicked, as a person would. (A changed file opened from the compare
// panel's code section is the panels suite's: test/vscode/suite/panels.)
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { demoRepoWithLocalStore } from '../suite/gitSupport/workspace';
import { WorkbenchDriver } from './driver';
import { chooseFromContextMenu } from './journeySidebar';

const EXPERIMENT = 'demo-classifier';
const reloadTimeoutMs = 60_000;

let workbench: WorkbenchDriver;
const row = (name: string) => workbench.treeItem(new RegExp(`^${name} `));

before(async () => {
  workbench = await WorkbenchDriver.open({ workspace: demoRepoWithLocalStore(repoRoot) });
});

after(async () => {
  await workbench?.close();
});

test('two runs compared, and the panel comes back after a reload', async () => {
  const page = workbench.page;
  await workbench.step('panels-open-view', async () => {
    await workbench.clickActivityBarTab('MLflow');
    await workbench.treeItem(EXPERIMENT).click();
    await row('sgd-momentum').waitFor();
  });
  await workbench.step('panels-compare', async () => {
    await row('baseline-adam').click();
    await row('sgd-momentum').click({ modifiers: ['Control'] });
    await chooseFromContextMenu(page, row('sgd-momentum'), 'Compare Runs');
    const frame = await workbench.webview('Compare 2 runs');
    await frame.locator('#runs thead .run-name').first().waitFor();
    assert.deepEqual(await frame.locator('#runs thead .run-name').allInnerTexts(), ['baseline-adam', 'sgd-momentum']);
  });
  await workbench.step('panels-reload', async () => {
    await workbench.runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: reloadTimeoutMs });
    await page.locator('.tab', { hasText: 'Compare 2 runs' }).waitFor({ timeout: reloadTimeoutMs });
    await page.locator('.tab', { hasText: 'Compare 2 runs' }).click();
    const frame = await workbench.webview('Compare 2 runs');
    await frame.locator('#runs thead .run-name').first().waitFor({ timeout: reloadTimeoutMs });
    assert.deepEqual(await frame.locator('#runs thead .run-name').allInnerTexts(), ['baseline-adam', 'sgd-momentum']);
    await frame.locator('#params tbody tr').first().waitFor();
  });
});

test("Open Run from a run's context menu: the run panel lists its artifacts and previews a plot", async () => {
  await workbench.runCommand('View: Close All Editors');
  await workbench.step('panels-open-run', async () => {
    // After the reload the MLflow view is shown again, with its experiments collapsed.
    if (!(await row('best-so-far').isVisible())) await workbench.treeItem(EXPERIMENT).click();
    await row('best-so-far').click();
    await chooseFromContextMenu(workbench.page, row('best-so-far'), 'Open Run');
    const frame = await workbench.webview('Run best-so-far');
    await frame.locator('.artifact-tree .artifact-name').first().waitFor();
    assert.deepEqual(await frame.locator('.artifact-tree > li > .artifact-row .artifact-name').allInnerTexts(), [
      'model',
      'plots',
      'metrics.json',
      'notes.txt',
    ]);
  });
  await workbench.step('panels-preview-plot', async () => {
    const frame = await workbench.webview('Run best-so-far');
    await frame.locator('.artifact-name', { hasText: 'plots' }).click();
    await frame.locator('.artifact-name', { hasText: 'loss_curve.png' }).click();
    const image = frame.locator('.preview img');
    await image.waitFor();
    assert.match((await image.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
  });
});

test('clicking runs shows each in one preview run panel; Open Run keeps it; ctrl-click only selects', async () => {
  const page = workbench.page;
  const runTabs = page.locator('.part.editor .tab', { hasText: /^Run / });
  await workbench.runCommand('View: Close All Editors');
  await workbench.step('panels-preview-click', async () => {
    if (!(await row('baseline-adam').isVisible())) await workbench.treeItem(EXPERIMENT).click();
    await row('baseline-adam').click();
    const frame = await workbench.webview('Run baseline-adam');
    await frame.locator('h1', { hasText: 'baseline-adam' }).waitFor();
    // The focus stays in the sidebar, so the next row is a key press away.
    assert.equal(await page.locator('.part.sidebar .monaco-list:focus-within').count(), 1);
  });
  await workbench.step('panels-preview-reused', async () => {
    await row('sgd-momentum').click();
    const frame = await workbench.webview('Run sgd-momentum');
    await frame.locator('h1', { hasText: 'sgd-momentum' }).waitFor();
    await frame.locator('.artifact-tree .artifact-name').first().waitFor();
    assert.deepEqual(await runTabs.allInnerTexts(), ['Run sgd-momentum']);
  });
  await workbench.step('panels-preview-ctrl-click', async () => {
    await row('baseline-adam').click({ modifiers: ['Control'] });
    // A command would answer within a few hundred milliseconds; give it far more.
    await page.waitForTimeout(2_000);
    assert.deepEqual(await runTabs.allInnerTexts(), ['Run sgd-momentum']);
    assert.equal(await page.locator('.part.sidebar .monaco-list-row.selected').count(), 2);
  });
  await workbench.step('panels-preview-kept', async () => {
    await row('sgd-momentum').click(); // alone again: a multi-selection's menu has no Open Run
    await chooseFromContextMenu(page, row('sgd-momentum'), 'Open Run');
    await row('best-so-far').click();
    const frame = await workbench.webview('Run best-so-far');
    await frame.locator('h1', { hasText: 'best-so-far' }).waitFor();
    assert.deepEqual(await runTabs.allInnerTexts(), ['Run sgd-momentum', 'Run best-so-far']);
    const kept = await workbench.webview('Run sgd-momentum');
    await kept.locator('h1', { hasText: 'sgd-momentum' }).waitFor();
  });
});
