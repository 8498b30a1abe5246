// A person runs "MLflow: Show Log" from the palette and sees the MLflow output channel.
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WorkbenchDriver } from './driver';

let workbench: WorkbenchDriver;

before(async () => {
  workbench = await WorkbenchDriver.open();
});

after(async () => {
  await workbench?.close();
});

test('"MLflow: Show Log" from the palette shows the MLflow output channel', async () => {
  await workbench.step('show-log-palette', () => workbench.runCommand('MLflow: Show Log'));
  const panel = workbench.page.locator('.part.panel');
  const channel = await workbench.step('show-log-output', async () => {
    await panel.getByRole('tab', { name: 'Output', selected: true }).waitFor();
    await panel.locator('.view-lines', { hasText: '[extension] activated' }).waitFor();
    return panel.getByRole('combobox', { name: 'Switch Output' }).locator('option:checked').textContent();
  });
  assert.equal(channel, 'MLflow');
});
