import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/extension/platform/untrustedText';
import { showBidiControls } from '../../../src/webview/shared/bidiControls';
import { messageText, shortName } from '../../../src/extension/platform/untrustedText';

const ZWSP = '\u200b';
/** The name of issue 10.16, its arguments URI-encoded (a space would end VS Code's link). */
const LINK_NAME =
  '[Open notes](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22touch%20%2Ftmp%2Fx%5Cn%22%7D) run';
/** VS Code 1.139's own pattern for links in notifications, dialogs and input box messages (vs/base/common/linkedText.ts). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** VS Code's pattern for `$(icon)` in labels (vs/base/common/iconLabels.ts). */
const VSCODE_ICON = /\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/;

test('a command link in a name is broken for notifications, and reads the same', () => {
  assert.equal(
    messageText(LINK_NAME),
    `[Open notes]${ZWSP}(command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22touch%20%2Ftmp%2Fx%5Cn%22%7D) run`,
  );
  assert.doesNotMatch(messageText(LINK_NAME), VSCODE_LINK);
  assert.match(LINK_NAME, VSCODE_LINK, 'the control: VS Code would make a link of the name as logged');
  assert.equal(messageText(LINK_NAME).replaceAll(ZWSP, ''), LINK_NAME);
});

test('a link cannot be formed across a name and the text after it, nor with https or file', () => {
  assert.equal(messageText('[x]') + messageText('(command:y)'), `[x]${ZWSP}(command:y)`);
  assert.equal(
    messageText('a [b](https://evil) [c](file:///etc)'),
    `a [b]${ZWSP}(https://evil) [c]${ZWSP}(file:///etc)`,
  );
  assert.doesNotMatch(`Checked out ${messageText('[x]')}${messageText('(command:y)')}`, VSCODE_LINK);
});

test('icon syntax is broken, also at the end of a name', () => {
  assert.equal(messageText('$(zap) fast $(sync~spin)'), `$${ZWSP}(zap) fast $${ZWSP}(sync~spin)`);
  assert.equal(messageText('cost $'), `cost $${ZWSP}`);
  assert.equal(messageText('$HOME and $5'), '$HOME and $5');
  assert.doesNotMatch(messageText('$(zap)'), VSCODE_ICON);
});

test('bidi controls are shown as code points, as VS Code shows them in the editor', () => {
  assert.equal(showBidiControls('run\u202Etxt.exe'), 'run<U+202E>txt.exe');
  assert.equal(
    showBidiControls('\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C'),
    '<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069><U+200E><U+200F><U+061C>',
  );
  assert.equal(showBidiControls('שלום עולם مرحبا'), 'שלום עולם مرحبا', 'right-to-left letters themselves stay');
  assert.equal(messageText('a\u202E[b](command:c)'), `a<U+202E>[b]${ZWSP}(command:c)`);
});

test('names are cut for rows and tabs, with their bidi controls shown', () => {
  assert.equal(shortName('x'.repeat(6000)), `${'x'.repeat(59)}…`);
  assert.equal(shortName('baseline-adam'), 'baseline-adam');
  assert.equal(shortName('abc\u202Edef', 5), 'abc<U+202E>…');
  assert.equal(shortName('学習ラン 🚀 – résumé naïve Ωmega'), '学習ラン 🚀 – résumé naïve Ωmega');
});

test('markdown escaping shows bidi controls too', () => {
  assert.equal(escapeMarkdown('evil\u202Eexe.txt'), 'evil\\<U\\+202E\\>exe\\.txt');
});
