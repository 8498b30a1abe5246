// What a person sees of the MLflow sidebar: the activity-bar entry, the experiments of the
// workspace's mlflow.db, an experiment expanded, two runs selected and their context menu; and,
// with no store, the welcome view. Screenshots of each step land in test-output/screenshots/.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { demoRepoWith } from '../suite/sidebarSupport/workspaces';
import { WorkbenchDriver } from './driver';

describe('the MLflow sidebar on a workspace with a mlflow.db', () => {
  let workbench: WorkbenchDriver;

  before(async () => {
    workbench = await WorkbenchDriver.open({
      workspace: demoRepoWith(repoRoot, { 'mlflow.db': 'local-store/mlflow.db' }),
    });
  });

  after(async () => {
    await workbench?.close();
  });

  test('open the view, expand an experiment, select two runs, open their context menu', async () => {
    const page = workbench.page;
    await workbench.step('sidebar-open', async () => {
      await workbench.clickActivityBarTab('MLflow');
      await workbench.treeItem('demo-classifier').waitFor();
    });
    const title = await page.locator('.part.sidebar .composite.title').innerText();
    assert.match(title, /MLflow/i);
    // The store in use is named above the tree: VS Code hides the description of a container's only view.
    await page.locator('.part.sidebar').getByText('Store: mlflow.db in workspace', { exact: true }).waitFor();

    await workbench.step('sidebar-expand-experiment', async () => {
      await workbench.treeItem('demo-classifier').click();
      await workbench.treeItem(/^best-so-far/).waitFor();
    });

    const first = workbench.treeItem(/^best-so-far/);
    const second = workbench.treeItem(/^rmsprop/);
    await workbench.step('sidebar-select-two-runs', async () => {
      await first.click();
      await second.click({ modifiers: ['ControlOrMeta'] });
      await page.locator('.part.sidebar .monaco-list-row.selected').nth(1).waitFor();
    });
    assert.equal(await page.locator('.part.sidebar .monaco-list-row.selected').count(), 2);
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    assert.equal(await second.getAttribute('aria-selected'), 'true');

    const menu = page.locator('.context-view .monaco-menu');
    const entries = await workbench.step('sidebar-run-context-menu', async () => {
      await second.click({ button: 'right' });
      await menu.getByRole('menuitem', { name: 'Copy Run ID' }).waitFor();
      return menu.getByRole('menuitem').allInnerTexts();
    });
    const labels = entries.map((entry) => entry.split('\n')[0]!.trim());
    assert.ok(labels.includes('Copy Run ID'), JSON.stringify(labels));
    assert.ok(labels.includes('Copy Commit ID'), JSON.stringify(labels));
    assert.ok(
      !labels.includes('Rename Run…'),
      'a single-run action is not offered for two runs, nor any write on a local store',
    );
    assert.ok(!labels.includes('Delete Run'), 'no writes on a local store');
    await page.keyboard.press('Escape');
  });

  test('"MLflow: Select Tracking Store" offers the store in use, another URI, or a local store', async () => {
    const picker = workbench.page.locator('.quick-input-widget');
    const choices = await workbench.step('sidebar-select-store', async () => {
      // Not workbench.runCommand: it waits for the palette to close, and this command opens a quick pick.
      await workbench.page.keyboard.press('F1');
      await picker.locator('input.input').pressSequentially('MLflow: Select Tracking Store', { delay: 5 });
      await picker
        .getByRole('option', { name: /MLflow: Select Tracking Store/ })
        .first()
        .click();
      await picker.getByRole('option', { name: /Open Local Store/ }).waitFor();
      return picker.getByRole('option').allInnerTexts();
    });
    const lines = choices.map((choice) => choice.replace(/\s+/g, ' ').trim());
    assert.ok(
      lines.some((line) => /mlflow\.db.*workspace.*\(in use\)/.test(line)),
      JSON.stringify(lines),
    );
    assert.ok(
      lines.some((line) => line.includes('Enter URI…')),
      JSON.stringify(lines),
    );
    await workbench.page.keyboard.press('Escape');
  });
});

describe('the MLflow sidebar on a workspace with no store', () => {
  let workbench: WorkbenchDriver;

  before(async () => {
    workbench = await WorkbenchDriver.open();
  });

  after(async () => {
    await workbench?.close();
  });

  test('the welcome view offers to connect to a server or open a local store', async () => {
    const welcome = workbench.page.locator('.part.sidebar .welcome-view');
    await workbench.step('sidebar-welcome', async () => {
      await workbench.clickActivityBarTab('MLflow');
      await welcome.getByRole('button', { name: 'Connect to MLflow Server…' }).waitFor();
    });
    assert.ok(await welcome.getByRole('button', { name: 'Open Local Store…' }).isVisible());
    assert.match(await welcome.innerText(), /mlflow\.trackingUri setting/);
  });
});
