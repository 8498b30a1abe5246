// The code at a run's commit in a real workbench: the workspace is a clone of the demo repository
// with the fixture's local store in it, and the runs come from the MLflow tree as a right-click
// hands them over. Dialogs are answered from a script (see gitSupport/scriptedDialogs.ts);
// documents, diff editors, progress and git are all real.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import type { CheckoutOutcome } from '../../../../src/extension/git/checkoutFlow';
import type { ReturnOutcome } from '../../../../src/extension/git/returnFlow';
import type { GitDocument } from '../../../../src/extension/code/gitDocument';
import { answerGitDialogs } from '../gitSupport/scriptedDialogs';
import { git, repositoryState } from '../gitSupport/repositoryState';
import { demoRunRows, onRunRows } from '../sidebarSupport/demoRuns';
import type { Row } from '../sidebarSupport/sidebarView';
import { waitFor } from '../support/extension';

const COMMIT = {
  baseline: '7aead6ae',
  sgd: 'f3b9b867',
  rmsprop: '2c3a103b',
  head: '9b64e090',
};

let root = '';
let runs = new Map<string, Row>();

/** Runs a run command as the context menu does on these rows. */
function onRuns<T>(command: string, ...labels: string[]): Thenable<T> {
  return onRunRows<T>(runs, command, ...labels);
}

function queryOf(uri: vscode.Uri): { commit: string; path: string; repository: string } {
  return JSON.parse(uri.query) as { commit: string; path: string; repository: string };
}

function activeTab(): vscode.Tab {
  return vscode.window.tabGroups.activeTabGroup.activeTab ?? assert.fail('no active tab');
}

suite('git commands on the demo repository', () => {
  suiteSetup(async () => {
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    runs = await demoRunRows();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('runs with a commit carry run.hasCommit, which shows the code commands in their menu', () => {
    for (const label of ['baseline-adam', 'sgd-momentum', 'rmsprop', 'best-so-far']) {
      assert.match(runs.get(label)!.contextValue, /\brun\.hasCommit\b/, label);
    }
  });

  test("Open Source at Commit: a read-only editor with git's copy, titled with file, short commit and run", async () => {
    const answered = await answerGitDialogs({});
    try {
      const document = await onRuns<GitDocument>(CommandId.openSourceAtCommit, 'baseline-adam');
      assert.ok(document, 'the command returns what it opened');
      const editor = await waitFor('the source editor', () =>
        vscode.window.activeTextEditor?.document.uri.scheme === 'mlflow-git'
          ? vscode.window.activeTextEditor
          : undefined,
      );
      assert.equal(editor.document.getText(), git(root, 'show', `${COMMIT.baseline}:train.py`));
      assert.equal(editor.document.languageId, 'python');
      assert.equal(queryOf(editor.document.uri).repository, root);
      assert.equal(activeTab().label, 'train.py (7aead6a, baseline-adam)');
      await vscode.commands.executeCommand('type', { text: 'typed by the test' });
      assert.equal(
        editor.document.getText(),
        git(root, 'show', `${COMMIT.baseline}:train.py`),
        'typing changes nothing: the editor is read-only',
      );
      // The control: the same typing does reach an ordinary editor.
      const untitled = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: '' }));
      await vscode.commands.executeCommand('type', { text: 'typed by the test' });
      assert.equal(untitled.document.getText(), 'typed by the test');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.deepEqual(
        answered.shown.map((entry) => entry.kind),
        [],
        'one repository holds the commit: nothing to ask',
      );
    } finally {
      answered.dispose();
    }
  });

  test('Open Source at Commit finds a source logged as an absolute path of another machine', async () => {
    const answered = await answerGitDialogs({});
    try {
      const document = await onRuns<GitDocument>(CommandId.openSourceAtCommit, 'best-so-far');
      assert.equal(document.path, 'train.py');
      const editor = await waitFor('the source editor', () =>
        vscode.window.activeTextEditor?.document.uri.scheme === 'mlflow-git'
          ? vscode.window.activeTextEditor
          : undefined,
      );
      assert.equal(editor.document.getText(), git(root, 'show', `${COMMIT.head}:train.py`));
    } finally {
      answered.dispose();
    }
  });

  test('a mlflow-git: URI with a hostile commit, a path out of the repository or a repository outside the workspace does not open', async () => {
    const uri = (fields: Record<string, string>) =>
      vscode.Uri.file(join(root, 'train.py')).with({
        scheme: 'mlflow-git',
        query: JSON.stringify({
          repository: root,
          commit: git(root, 'rev-parse', 'HEAD').trim(),
          path: 'train.py',
          title: 't',
          ...fields,
        }),
      });
    await assert.doesNotReject(Promise.resolve(vscode.workspace.openTextDocument(uri({}))), 'the control opens');
    const outside = mkdtempSync(join(tmpdir(), 'not-in-the-workspace-'));
    git(outside, 'init', '--quiet');
    const hostile: Record<string, string>[] = [
      { commit: '--upload-pack=touch x' },
      { commit: 'HEAD;rm -rf .' },
      { path: '../outside.txt' },
      { repository: '/' },
      { repository: outside },
    ];
    try {
      for (const fields of hostile) {
        await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(uri(fields))), JSON.stringify(fields));
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('Diff Commits of Runs opens the diff editor: the older run on the left, each side as git has it', async () => {
    const answered = await answerGitDialogs({ pick: ['train.py'] });
    try {
      await onRuns(CommandId.diffRunCommits, 'best-so-far', 'baseline-adam');
      const picked = answered.shown.find((entry) => entry.kind === 'pick');
      assert.deepEqual(
        picked?.items,
        git(root, 'diff', '--name-only', COMMIT.baseline, COMMIT.head).trim().split('\n'),
      );
      const tab = await waitFor('a diff tab', () =>
        vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff
          ? activeTab()
          : undefined,
      );
      const input = tab.input as vscode.TabInputTextDiff;
      assert.equal(tab.label, 'train.py (7aead6a baseline-adam ↔ 9b64e09 best-so-far)');
      assert.ok(queryOf(input.original).commit.startsWith(COMMIT.baseline));
      assert.ok(queryOf(input.modified).commit.startsWith(COMMIT.head));
      const [left, right] = await Promise.all([
        vscode.workspace.openTextDocument(input.original),
        vscode.workspace.openTextDocument(input.modified),
      ]);
      assert.equal(left.getText(), git(root, 'show', `${COMMIT.baseline}:train.py`));
      assert.equal(right.getText(), git(root, 'show', `${COMMIT.head}:train.py`));
    } finally {
      answered.dispose();
    }
  });

  test('Diff with Working Tree: the file at the run commit against the file on disk', async () => {
    const answered = await answerGitDialogs({ pick: ['train.py'] });
    writeFileSync(join(root, 'train.py'), '# edited in the working tree\n');
    try {
      await onRuns(CommandId.diffWithWorkingTree, 'rmsprop');
      const tab = await waitFor('a diff tab', () =>
        vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff
          ? activeTab()
          : undefined,
      );
      const input = tab.input as vscode.TabInputTextDiff;
      assert.equal(tab.label, 'train.py (2c3a103 rmsprop ↔ Working Tree)');
      assert.ok(queryOf(input.original).commit.startsWith(COMMIT.rmsprop));
      assert.equal(input.modified.scheme, 'file');
      assert.equal(input.modified.fsPath, join(root, 'train.py'));
    } finally {
      answered.dispose();
      git(root, 'restore', 'train.py');
    }
  });

  test("Check Out on a clean tree: HEAD becomes the run's commit, detached, and says so; Return goes back to main", async () => {
    const before = repositoryState(root);
    const answered = await answerGitDialogs({ inform: [undefined] });
    try {
      const outcome = await onRuns<CheckoutOutcome>(CommandId.checkOutRunCommit, 'sgd-momentum');
      assert.equal(outcome?.kind, 'checkedOut');
      assert.ok(git(root, 'rev-parse', 'HEAD').startsWith(COMMIT.sgd));
      assert.throws(() => git(root, 'symbolic-ref', '--quiet', 'HEAD'), 'HEAD is detached');
      const offer = answered.shown.find((entry) => entry.kind === 'inform');
      assert.match(
        offer?.message ?? '',
        /Checked out f3b9b86, the commit of the run "sgd-momentum" .*HEAD is detached/,
      );
      assert.deepEqual(offer?.actions, ['Create Branch']);
      assert.ok(answered.shown.some((entry) => entry.kind === 'progress'));

      const back = await vscode.commands.executeCommand<ReturnOutcome>(CommandId.returnToPreviousBranch);
      assert.deepEqual([back?.restored, back?.stash], ['main', 'none']);
      assert.deepEqual(repositoryState(root), before);
    } finally {
      answered.dispose();
    }
  });

  test('Check Out on a dirty tree, "Stash and Check Out": a stash named after the run; Return with Pop restores every byte', async () => {
    writeFileSync(join(root, 'README.md'), '# staged edit\n');
    git(root, 'add', 'README.md');
    writeFileSync(join(root, 'train.py'), '# unstaged edit\n');
    writeFileSync(join(root, 'notes.txt'), 'untracked notes\n');
    const before = repositoryState(root);
    const answered = await answerGitDialogs({ modal: ['Stash and Check Out', 'Pop Stash'], inform: [undefined] });
    try {
      const outcome = await onRuns<CheckoutOutcome>(CommandId.checkOutRunCommit, 'rmsprop');
      assert.equal(outcome?.kind, 'checkedOut');
      const [question] = answered.shown.filter((entry) => entry.kind === 'modal');
      assert.deepEqual(question?.actions, ['Stash and Check Out', 'Check Out in New Worktree']);
      assert.match(question?.detail ?? '', /Staged: README\.md\.\nUnstaged: train\.py\.\nUntracked: notes\.txt\./);
      assert.ok(git(root, 'rev-parse', 'HEAD').startsWith(COMMIT.rmsprop));
      assert.equal(git(root, 'status', '--porcelain', '--untracked-files=all'), '', 'the tree is the commit');
      assert.match(git(root, 'stash', 'list', '--format=%gs'), /mlflow: before checking out run "rmsprop"/);

      const back = await vscode.commands.executeCommand<ReturnOutcome>(CommandId.returnToPreviousBranch);
      assert.equal(back?.stash, 'popped');
      assert.deepEqual(repositoryState(root), before, 'every file, the index, the stash list and HEAD as they were');
    } finally {
      answered.dispose();
      git(root, 'reset', '--quiet', 'README.md');
      git(root, 'restore', 'README.md', 'train.py');
      git(root, 'clean', '--quiet', '--force', 'notes.txt');
    }
  });

  test('issue 10.1: two run checkouts, an edit stashed between them, one Return with Pop: back on main with every byte of the edit', async () => {
    const before = repositoryState(root);
    const answered = await answerGitDialogs({
      modal: ['Stash and Check Out', 'Pop Stash'],
      inform: [undefined, undefined],
    });
    const line = '# tuned by hand at rmsprop\n';
    try {
      assert.equal((await onRuns<CheckoutOutcome>(CommandId.checkOutRunCommit, 'rmsprop'))?.kind, 'checkedOut');
      writeFileSync(join(root, 'train.py'), git(root, 'show', `${COMMIT.rmsprop}:train.py`) + line);
      assert.equal((await onRuns<CheckoutOutcome>(CommandId.checkOutRunCommit, 'sgd-momentum'))?.kind, 'checkedOut');
      assert.ok(git(root, 'rev-parse', 'HEAD').startsWith(COMMIT.sgd));

      const back = await vscode.commands.executeCommand<ReturnOutcome>(CommandId.returnToPreviousBranch);
      assert.deepEqual([back?.restored, back?.stash], ['main', 'popped']);
      assert.equal(git(root, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
      assert.equal(readFileSync(join(root, 'train.py'), 'utf8'), git(root, 'show', 'HEAD:train.py') + line);
      assert.equal(git(root, 'status', '--porcelain'), ' M train.py\n');
      assert.equal(git(root, 'stash', 'list'), '');
      assert.ok(
        answered.shown.some(
          (entry) => entry.kind === 'inform' && entry.message === 'Back on main. Your stashed changes are restored.',
        ),
      );
      assert.equal(
        await vscode.commands.executeCommand(CommandId.returnToPreviousBranch),
        undefined,
        'nothing left to return from',
      );
    } finally {
      answered.dispose();
      git(root, 'restore', 'train.py');
    }
    assert.deepEqual(repositoryState(root), before);
  });

  test('Check Out on a dirty tree, Cancel: nothing changes', async () => {
    writeFileSync(join(root, 'train.py'), '# an edit to keep\n');
    const before = repositoryState(root);
    const answered = await answerGitDialogs({ modal: [undefined] });
    try {
      const outcome = await onRuns<CheckoutOutcome>(CommandId.checkOutRunCommit, 'baseline-adam');
      assert.deepEqual(outcome, { kind: 'cancelled', step: 'uncommittedChanges' });
      assert.deepEqual(repositoryState(root), before);
    } finally {
      answered.dispose();
      git(root, 'restore', 'train.py');
    }
  });
});
