// Untrusted names in a real workbench: the demo workspace with runs renamed as any server user
// could rename them (see hostileSupport/workspace.ts). Every text the extension hands VS Code to
// show is captured (hostileSupport/shownText.ts) while the commands that show a run's name run:
// none may hold a link VS Code would make clickable, an icon, or a bidi control; rows and tabs
// show names cut and their bidi controls visible.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import type { ExtensionApi } from '../../../../src/extension/extensionObject';
import type { RunPanel } from '../../../../src/extension/runPanel/runPanel';
import { openSqliteStore } from '../../../../src/extension/tracking/local/sqliteStore';
import type { TrackingStore } from '../../../../src/extension/tracking/trackingStore';
import { git } from '../gitSupport/repositoryState';
import { HOSTILE_RUNS, LINK_NAME } from '../hostileSupport/hostileNames';
import { captureShownText, recordQuickPick } from '../hostileSupport/shownText';
import type { Capture, ShownText } from '../hostileSupport/shownText';
import { startMlflowTestServer } from '../sidebarSupport/mlflowTestServer';
import type { MlflowTestServer } from '../sidebarSupport/mlflowTestServer';
import { row, rowsWhen, tooltipText } from '../sidebarSupport/sidebarView';
import type { Row } from '../sidebarSupport/sidebarView';
import { ourExtension, waitFor } from '../support/extension';

const ZWSP = '\u200b';
/** VS Code 1.139's pattern for links in notifications, dialogs, progress and input box messages (vs/base/common/linkedText.ts). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** VS Code's pattern for `$(icon)` in quick picks, titles and the status bar (vs/base/common/iconLabels.ts). */
const VSCODE_ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The link name as every message must show it: the same characters, `](` broken by a zero-width space. */
const LINK_SHOWN = LINK_NAME.replace('](', `]${ZWSP}(`);

let root = '';
let runRows = new Map<string, Row>();

function runRow(runId: string): Row {
  return runRows.get(runId) ?? assert.fail(`no row for run ${runId}`);
}

/** Runs a run command as the context menu does on the row of `runId`. */
function onRun<T>(command: string, runId: string): Thenable<T> {
  const { node } = runRow(runId);
  return vscode.commands.executeCommand<T>(command, node, [node]);
}

/** Nothing shown may be a link or an icon to VS Code, nor reorder text; `where` names the step. */
function assertInert(shown: readonly ShownText[], where: string): void {
  for (const entry of shown) {
    assert.doesNotMatch(entry.text, VSCODE_LINK, `${where}: ${entry.where} would show a link: ${entry.text}`);
    assert.doesNotMatch(entry.text, VSCODE_ICON, `${where}: ${entry.where} would show an icon: ${entry.text}`);
    assert.doesNotMatch(entry.text, BIDI_CONTROL, `${where}: ${entry.where} holds a bidi control: ${entry.text}`);
  }
}

function named(shown: readonly ShownText[], text: string): ShownText[] {
  return shown.filter((entry) => entry.text.includes(text));
}

/** The demo-classifier rows by run id, once `accept` holds for them. */
async function demoRowsById(what: string, accept: (rows: Row[]) => boolean): Promise<Map<string, Row>> {
  await rowsWhen('the experiments', (found) => found.some((entry) => entry.label === 'demo-classifier'));
  const demo = await row('demo-classifier');
  const found = await rowsWhen(what, accept, demo.node);
  return new Map(found.flatMap((entry) => (entry.node.kind === 'run' ? [[entry.node.runId, entry] as const] : [])));
}

async function capturing<T>(
  what: string,
  work: (capture: Capture) => Promise<T>,
  pick?: Parameters<typeof captureShownText>[0],
): Promise<ShownText[]> {
  const capture = captureShownText(pick);
  try {
    await work(capture);
  } finally {
    capture.dispose();
  }
  assertInert(capture.shown, what);
  return capture.shown;
}

suite('untrusted names never shape or drive the workbench', () => {
  suiteSetup(async () => {
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    runRows = await demoRowsById('the demo-classifier runs', (rows) =>
      rows.some((entry) => entry.label === 'best-so-far'),
    );
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Check Out and Return: the progress, the notification and its actions show the name with no link in it', async () => {
    const branch = git(root, 'rev-parse', '--abbrev-ref', 'HEAD').trim();
    try {
      const checkout = await capturing('check out', () =>
        Promise.resolve(onRun(CommandId.checkOutRunCommit, HOSTILE_RUNS.checkedOut.runId)),
      );
      assert.equal(git(root, 'rev-parse', 'HEAD').trim().slice(0, 7), '7aead6a', 'the checkout itself happened');
      assert.deepEqual(
        named(checkout, LINK_SHOWN).map((entry) => entry.where),
        ['progress title', 'information'],
        `the name is in the progress and the result: ${JSON.stringify(checkout)}`,
      );
      assert.ok(checkout.some((entry) => entry.where === 'information action' && entry.text === 'Create Branch'));
      const back = await capturing('return', () =>
        Promise.resolve(vscode.commands.executeCommand(CommandId.returnToPreviousBranch)),
      );
      assert.equal(git(root, 'rev-parse', '--abbrev-ref', 'HEAD').trim(), branch);
      assert.ok(
        back.some((entry) => entry.where === 'information'),
        JSON.stringify(back),
      );
    } finally {
      // A failure above must not leave the next tests on the run's commit.
      git(root, 'checkout', '--quiet', branch);
    }
  });

  test('Check Out on a dirty tree: the modal question names the run with no link in it', async () => {
    const file = join(root, 'train.py');
    writeFileSync(file, `${git(root, 'show', 'HEAD:train.py')}# edited\n`);
    try {
      const shown = await capturing('dirty check out', () =>
        Promise.resolve(onRun(CommandId.checkOutRunCommit, HOSTILE_RUNS.checkedOut.runId)),
      );
      assert.deepEqual(
        named(shown, LINK_SHOWN).map((entry) => entry.where),
        ['progress title', 'warning'],
        JSON.stringify(shown),
      );
      assert.equal(git(root, 'status', '--porcelain').trim(), 'M train.py', 'cancelled: nothing moved');
    } finally {
      git(root, 'checkout', '--', 'train.py');
    }
  });

  test("Check Out on a run without a commit: the command wrapper's error names the run with no link in it", async () => {
    const shown = await capturing('no commit', () =>
      Promise.resolve(onRun(CommandId.checkOutRunCommit, HOSTILE_RUNS.noCommit.runId)),
    );
    const errors = shown.filter((entry) => entry.where === 'error');
    assert.equal(errors.length, 1, JSON.stringify(shown));
    assert.ok(errors[0]!.text.includes(`"${LINK_SHOWN.replace(' run', ' run 2')}"`), errors[0]!.text);
    assert.ok(shown.some((entry) => entry.where === 'error action' && entry.text === 'Show Log'));
  });

  test('Check Out on a run whose commit no repository has: the explanation names the run with no link in it', async () => {
    const shown = await capturing('unknown commit', () =>
      Promise.resolve(onRun(CommandId.checkOutRunCommit, HOSTILE_RUNS.unknownCommit.runId)),
    );
    assert.ok(named(shown, LINK_SHOWN.replace(' run', ' run 3')).length > 0, JSON.stringify(shown));
  });

  test('the run picker: names in its items show no icon, no link and no bidi control', async () => {
    let picked: vscode.QuickPick<vscode.QuickPickItem> | undefined;
    const shown = await capturing(
      'run picker',
      async (capture) => {
        const opening = Promise.resolve(vscode.commands.executeCommand(CommandId.openRun));
        picked = await waitFor(
          'the runs in the picker',
          () => capture.quickPicks.find((picker) => !picker.busy && picker.items.length > 0),
          20_000,
        );
        recordQuickPick(capture, picked);
        picked.hide();
        await opening;
      },
      (items) => items.filter((item) => item.label === 'demo-classifier'),
    );
    const labels = shown.filter((entry) => entry.where === 'quick pick label').map((entry) => entry.text);
    assert.ok(labels.includes(`$${ZWSP}(zap) notes<U+202E>txt.exe`), JSON.stringify(labels));
    assert.ok(labels.includes(`${LINK_SHOWN} 1`), JSON.stringify(labels));
    assert.ok(labels.includes('best-so-far'), 'a plain name is unchanged');
  });

  test('tree rows: a name is cut and its bidi controls shown; the tooltip has it in full, escaped', () => {
    const long = runRow(HOSTILE_RUNS.long.runId);
    assert.equal(long.label, `${'n'.repeat(59)}…`);
    assert.ok(tooltipText(long).startsWith(`**${'n'.repeat(6000)}**\n\n`));
    const bidi = runRow(HOSTILE_RUNS.iconAndBidi.runId);
    assert.equal(bidi.label, '$(zap) notes<U+202E>txt.exe');
    assert.ok(tooltipText(bidi).startsWith('**\\$\\(zap\\) notes\\<U\\+202E\\>txt\\.exe**\n\n'), tooltipText(bidi));
    for (const entry of runRows.values()) {
      assert.doesNotMatch(`${entry.label} ${entry.description} ${tooltipText(entry)}`, BIDI_CONTROL, entry.label);
      const tooltip = entry.item.tooltip as vscode.MarkdownString;
      assert.equal(tooltip.isTrusted, false);
      assert.equal(tooltip.supportHtml, false);
    }
  });

  test("the run panel's tab: a long name is cut, a bidi control shown", async () => {
    const api = (await ourExtension().activate()) as ExtensionApi;
    const panels = api.panels ?? assert.fail('the panels hook is handed out in test mode');
    await onRun(CommandId.openRun, HOSTILE_RUNS.long.runId);
    const long: RunPanel = await waitFor('the long-named run panel', () =>
      panels.runPanels.find((panel) => panel.panel.title !== 'Run 7bf9a080' && panel.panel.title.startsWith('Run n')),
    );
    assert.equal(long.panel.title, `Run ${'n'.repeat(59)}…`);
    await waitFor('its tab', () =>
      vscode.window.tabGroups.activeTabGroup.activeTab?.label === `Run ${'n'.repeat(59)}…` ? true : undefined,
    );
    await onRun(CommandId.openRun, HOSTILE_RUNS.iconAndBidi.runId);
    await waitFor('the bidi run panel', () =>
      panels.runPanels.find((panel) => panel.panel.title === 'Run $(zap) notes<U+202E>txt.exe'),
    );
  });

  test("best-so-far's tooltip: its description as markdown, its source relative to the repository", async () => {
    // Read again once the workspace's HEAD is known (the rows of suiteSetup may predate it): the repository is known then too.
    const demo = await row('demo-classifier');
    const found = await rowsWhen(
      'best-so-far at the workspace HEAD',
      (rows) => rows.some((entry) => entry.label === 'best-so-far' && /(^| · )HEAD( · |$)/.test(entry.description)),
      demo.node,
    );
    const tooltip = tooltipText(found.find((entry) => entry.label === 'best-so-far')!);
    assert.ok(tooltip.includes('  \n**Source:** train\\.py  \n'), tooltip);
    assert.ok(
      tooltip.includes(
        '\n\n**Description**\n\nBest run so far\\. Uses **AdamW** with lr\\=0\\.004\\.\n\nSee `plots/`\\.\n\n',
      ),
      tooltip,
    );
  });
});

// Last, as it changes the store in use: the same runs on an MLflow server, where they can be written.
suite('untrusted names in the write commands, on a server', () => {
  let source: TrackingStore | undefined;
  let server: MlflowTestServer | undefined;

  suiteSetup(async () => {
    source = await openSqliteStore(join(root, 'mlflow.db'));
    server = await startMlflowTestServer({ source });
    await vscode.commands.executeCommand(CommandId.connectServer, server.url);
    runRows = await demoRowsById('the runs on the server', (rows) =>
      rows.some((entry) => entry.contextValue.includes('run.writable')),
    );
  });

  suiteTeardown(async () => {
    await server?.close();
    source?.dispose();
  });

  test("Set Tag, Edit Description, Delete and a write's progress name the run with no link in them", async () => {
    const { runId, name } = HOSTILE_RUNS.checkedOut;
    const shown = await capturing('write commands', async () => {
      await onRun(CommandId.setRunTag, runId);
      await onRun(CommandId.editRunDescription, runId);
      await onRun(CommandId.deleteRun, runId);
      const { node } = runRow(runId);
      await vscode.commands.executeCommand(CommandId.renameRun, node, [node], name);
    });
    assert.deepEqual(
      named(shown, `${LINK_SHOWN} 1`).map((entry) => entry.where),
      ['input box title', 'input box title', 'warning', 'progress message'],
      JSON.stringify(shown),
    );
  });
});
