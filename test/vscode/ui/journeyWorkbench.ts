// Parts of the workbench the journey reads besides the sidebar and the panel: notifications, a
// modal dialog, and the editor of an opened file.
import type { Page } from 'playwright-core';
import type { WorkbenchDriver } from './driver';
import type { PageElement } from './journeyDom';

const notificationTimeoutMs = 10_000;

export interface ModalDialog {
  text: string;
  buttons: string[];
}

/**
 * Opens the notification center and waits for a message that matches `expected` (a command may
 * notify a moment after its effect shows); returns every message there. With the smoke-test
 * driver on (as the harness runs code-server) the workbench shows no toasts: every notification
 * goes to the center alone.
 */
export async function notificationMatching(workbench: WorkbenchDriver, expected: RegExp): Promise<string[]> {
  await workbench.runCommand('Notifications: Show Notifications');
  const center = workbench.page.locator('.notifications-center');
  await center.waitFor();
  for (const deadline = Date.now() + notificationTimeoutMs; ;) {
    const messages = (await center.locator('.notification-list-item-message').allInnerTexts()).map((text) =>
      text.trim(),
    );
    if (messages.some((message) => expected.test(message))) return messages;
    if (Date.now() > deadline)
      throw new Error(`no notification matches ${String(expected)}: ${JSON.stringify(messages)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function hideNotifications(workbench: WorkbenchDriver): Promise<void> {
  await workbench.runCommand('Notifications: Hide Notifications');
  await workbench.page.locator('.notifications-center').waitFor({ state: 'hidden' });
}

/** The modal dialog on screen: its text and its buttons. */
export async function modalDialog(page: Page): Promise<ModalDialog> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor();
  const buttons = (await dialog.locator('.dialog-buttons').getByRole('button').allInnerTexts())
    .map((text) => text.trim())
    .filter(Boolean);
  return { text: await dialog.locator('.dialog-message-row').innerText(), buttons };
}

/** Presses a button of the modal dialog and waits for the dialog to close. */
export async function answerModal(page: Page, button: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.locator('.dialog-buttons').getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The editor group that has the focus (a run panel may be open in another group). */
const activeGroup = '.part.editor .editor-group-container.active';

/** The label of the active editor tab, e.g. `train.py (2c3a103, adamw-long)`. */
export function activeTabLabel(page: Page): Promise<string> {
  return page.locator(`${activeGroup} .tab.active .label-name`).first().innerText();
}

/** The topmost line the active editor shows (Monaco draws spaces as no-break spaces). */
export async function firstEditorLine(page: Page): Promise<string> {
  const lines = page.locator(`${activeGroup} .editor-instance .view-lines`).first().locator('.view-line');
  await lines.first().waitFor();
  // Monaco places its line elements by their `top`, not by their order in the DOM.
  const top = await lines.evaluateAll(
    (elements) =>
      (elements as unknown as PageElement[]).sort((a, b) => a.offsetTop - b.offsetTop)[0]?.textContent ?? '',
  );
  return top.replace(/\u00a0/g, ' ');
}

/** Moves the cursor to the end of the active editor and reads its line number from the status bar. */
export async function lastLineNumber(page: Page): Promise<number> {
  const position = page.locator('.part.statusbar').getByText(/^Ln \d+, Col \d+/);
  const line = async () => Number(/^Ln (\d+)/.exec(await position.innerText())?.[1]);
  await page.locator(`${activeGroup} .editor-instance .view-lines`).first().click();
  await position.waitFor();
  const clicked = await line();
  await page.keyboard.press('ControlOrMeta+End');
  // The status bar follows the cursor a moment later: wait until it moved (a one-line file stays).
  for (const deadline = Date.now() + 5_000; ;) {
    const current = await line();
    if (current !== clicked || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
