// The compare and run panels in a real workbench: the workspace is a clone of the demo repository
// with the fixture's local store, runs come from the MLflow tree as a right-click hands them over,
// the webviews are the real bundles (they say `ready` under the real CSP), and what a webview
// would send on a click is handed to the panel's message channel, checked as any message is.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import type { ExtensionApi } from '../../../../src/extension/extensionObject';
import type { ComparePanel } from '../../../../src/extension/compare/comparePanel';
import type { RunPanel } from '../../../../src/extension/runPanel/runPanel';
import type { HostMessage } from '../../../../src/webview/protocol';
import type { Run } from '../../../../src/extension/tracking/model';
import { pickRuns } from '../../../../src/extension/panels/panelRunPicker';
import { openStore } from '../../../../src/extension/tracking/openStore';
import type { CallOptions, SearchRunsRequest, TrackingStore } from '../../../../src/extension/tracking/trackingStore';
import { git } from '../gitSupport/repositoryState';
import { demoRunRows, onRunRows } from '../sidebarSupport/demoRuns';
import { row, rowsWhen } from '../sidebarSupport/sidebarView';
import type { Row } from '../sidebarSupport/sidebarView';
import { ourExtension, waitFor } from '../support/extension';

let root = '';
let panels: NonNullable<ExtensionApi['panels']>;
let runs = new Map<string, Row>();

/** Runs a run command as the context menu does on these rows. */
function onRuns<T>(command: string, ...labels: string[]): Thenable<T> {
  return onRunRows<T>(runs, command, ...labels);
}

function diffTabs(): vscode.TabInputTextDiff[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs.map((tab) => tab.input))
    .filter((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff);
}

suite('compare and run panels on the demo repository', () => {
  suiteSetup(async () => {
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const api = (await ourExtension().activate()) as ExtensionApi;
    assert.ok(api.panels, 'the extension hands its panels to the tests');
    panels = api.panels;
    runs = await demoRunRows();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Compare Runs on two selected runs: the webview says ready, then gets both runs with their params and metrics', async () => {
    await onRuns(CommandId.compareRuns, 'baseline-adam', 'sgd-momentum');
    const panel = await waitFor('a compare panel', () => panels.comparePanels.at(-1));
    const data = await waitFor('the runs sent to the webview', () => panel.channel.last('compareData'), 20_000);
    assert.ok(panel.channel.hasReceived('ready'), 'the data went out after the webview said ready');
    assert.deepEqual(
      data.runs.map((run) => run.name),
      ['baseline-adam', 'sgd-momentum'],
    );
    assert.deepEqual(data.problems, []);
    const sgd = data.runs[1]!;
    assert.equal(sgd.params.optimizer, 'sgd');
    assert.ok(Object.keys(sgd.metrics).includes('val_loss'));
    assert.equal(sgd.commit?.slice(0, 7), 'f3b9b86');
    assert.equal(panel.panel.title, 'Compare 2 runs');
    // The webview asks for metric histories by itself; the host answers from the store.
    const history = await waitFor('a metric history', () => panel.channel.last('metricHistory'), 20_000);
    assert.ok(Object.values(history.series).some((series) => series.steps.length > 1));
    assert.ok(
      !panel.channel.hasReceived('problem'),
      'the webview reported no problem (no script error, no message it could not read)',
    );
  });

  test('the code section: the webview asks for the diff of the two commits; a changed file opens in a diff editor beside the panel', async () => {
    await onRuns(CommandId.compareRuns, 'baseline-adam', 'sgd-momentum');
    const panel = await waitFor('a compare panel', () => panels.comparePanels.at(-1));
    const code = await waitFor("the runs' code", () => panel.channel.last('codeInfo'), 30_000);
    assert.deepEqual(
      code.runs.map((entry) => [entry.commit?.slice(0, 7), Boolean(entry.sourceLinkId), entry.problem]),
      [
        ['7aead6a', true, undefined],
        ['f3b9b86', true, undefined],
      ],
    );
    const { diff } = await waitFor('the diff the webview asked for', () => panel.channel.last('codeDiff'), 30_000);
    assert.equal(diff.kind, 'changes', diff.message);
    if (diff.kind !== 'changes') return;
    assert.deepEqual(
      diff.files.map((file) => file.path).sort(),
      git(root, 'diff', '--name-only', '7aead6a', 'f3b9b86').trim().split('\n').sort(),
    );
    const train = diff.files.find((file) => file.path === 'train.py')!;
    panel.channel.receive({ type: 'openDiff', fileId: train.fileId });
    const opened = await waitFor('a diff editor', () => diffTabs()[0], 20_000);
    assert.equal(opened.original.scheme, 'mlflow-git');
    assert.equal(opened.modified.scheme, 'mlflow-git');
    const right = await vscode.workspace.openTextDocument(opened.modified);
    assert.equal(right.getText(), git(root, 'show', 'f3b9b86:train.py'));
    const diffGroup = vscode.window.tabGroups.all.find((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputTextDiff),
    )!;
    assert.notEqual(diffGroup.viewColumn, panel.panel.viewColumn, 'the diff opens beside the panel');
  });

  test('the host refuses what it never handed out: unknown ids, and messages outside the protocol', async () => {
    await onRuns(CommandId.compareRuns, 'baseline-adam', 'sgd-momentum');
    const panel = await waitFor('a compare panel', () => panels.comparePanels.at(-1));
    await waitFor('the runs sent', () => panel.channel.last('compareData'), 20_000);
    const before = vscode.window.tabGroups.all.flatMap((group) => group.tabs).length;
    panel.channel.receive({ type: 'openDiff', fileId: 'file-9999' });
    panel.channel.receive({ type: 'openSource', linkId: '../../etc/passwd' });
    panel.channel.receive({ type: 'openFile', path: '/etc/passwd' });
    panel.channel.receive({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    panel.channel.receive({ type: 'removeRun', runId: 'not-a-compared-run' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).length, before, 'nothing was opened');
    assert.deepEqual(
      panel.runIdList,
      [runs.get('baseline-adam')!.node, runs.get('sgd-momentum')!.node].map(
        (node) => (node as { runId: string }).runId,
      ),
    );
  });

  test('Add to Compare adds a run (from another experiment too) to the open panel', async () => {
    await onRuns(CommandId.compareRuns, 'baseline-adam', 'sgd-momentum');
    const panel = await waitFor('a compare panel', () => panels.comparePanels.at(-1));
    await waitFor('the runs sent', () => panel.channel.last('compareData')?.runs.length === 2 || undefined, 20_000);
    await onRuns(CommandId.addToCompare, 'rmsprop');
    const edgeCases = await row('edge-cases');
    const edge = await rowsWhen(
      'the edge-cases runs',
      (rows) => rows.some((entry) => entry.label === 'nan-inf-metrics'),
      edgeCases.node,
    );
    const nanRun = edge.find((entry) => entry.label === 'nan-inf-metrics')!;
    await vscode.commands.executeCommand(CommandId.addToCompare, nanRun.node, [nanRun.node]);
    const data = await waitFor(
      'four runs in the panel',
      () => (panel.channel.last('compareData')?.runs.length === 4 ? panel.channel.last('compareData') : undefined),
      20_000,
    );
    assert.deepEqual(
      data.runs.map((run) => run.name),
      ['baseline-adam', 'sgd-momentum', 'rmsprop', 'nan-inf-metrics'],
    );
    assert.deepEqual([...new Set(data.runs.map((run) => run.experimentName))], ['demo-classifier', 'edge-cases']);
    assert.equal(panel.panel.title, 'Compare 4 runs');
  });

  test('Open Run shows the run, its artifacts listed from the store, previews and an artifact opened read-only in an editor', async () => {
    await onRuns(CommandId.openRun, 'best-so-far');
    const panel: RunPanel = await waitFor('a run panel', () => panels.runPanels.at(-1));
    const data = await waitFor('the run sent', () => panel.channel.last('runData'), 20_000);
    assert.equal(data.run.name, 'best-so-far');
    const listing = await waitFor('the artifact root', () => panel.channel.last('artifacts'), 20_000);
    assert.equal(listing.dirId, 'root');
    const names = listing.entries.map((entry) => entry.name).sort();
    assert.deepEqual(names, ['metrics.json', 'model', 'notes.txt', 'plots']);
    const notes = listing.entries.find((entry) => entry.name === 'notes.txt')!;
    panel.channel.receive({ type: 'previewArtifact', artifactId: notes.artifactId });
    const preview = await waitFor('the preview', () => panel.channel.last('artifactPreview'), 20_000);
    const onDisk = readFileSync(
      join(root, 'mlruns', data.run.experimentId, data.run.runId, 'artifacts', 'notes.txt'),
      'utf8',
    );
    assert.deepEqual(preview.preview, {
      kind: 'text',
      format: 'text',
      text: onDisk,
      truncated: false,
      size: notes.size,
    });
    const metrics = listing.entries.find((entry) => entry.name === 'metrics.json')!;
    panel.channel.receive({ type: 'openArtifact', artifactId: metrics.artifactId });
    const editor = await waitFor(
      'the artifact in an editor',
      () => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.scheme === 'mlflow-artifact'),
      20_000,
    );
    assert.equal(
      editor.document.getText(),
      readFileSync(join(root, 'mlruns', data.run.experimentId, data.run.runId, 'artifacts', 'metrics.json'), 'utf8'),
    );
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, new Uint8Array([1]))),
      'artifacts are read-only',
    );
    assert.ok(!panel.channel.hasReceived('problem'), 'the webview reported no problem');
  });

  test('Open in Editor on an artifact whose name has a backslash says why it cannot, as the preview does (issue 14.6)', async () => {
    await onRuns(CommandId.openRun, 'best-so-far');
    const panel: RunPanel = await waitFor('a run panel', () => panels.runPanels.at(-1));
    const data = await waitFor('the run sent', () => panel.channel.last('runData'), 20_000);
    // A file store on Linux holds such a name as any other; a server can list one too.
    const odd = join(root, 'mlruns', data.run.experimentId, data.run.runId, 'artifacts', 'logs\\train.txt');
    writeFileSync(odd, 'step 1\n');
    try {
      await panel.reload();
      const listing = await waitFor(
        'the listing with the file',
        () => panel.channel.last('artifacts')?.entries.find((entry) => entry.name === 'logs\\train.txt'),
        20_000,
      );
      panel.channel.receive({ type: 'previewArtifact', artifactId: listing.artifactId });
      const preview = await waitFor('the preview', () => panel.channel.last('artifactPreview'), 20_000);
      assert.deepEqual(preview.preview, {
        kind: 'none',
        reason:
          'logs\\train.txt could not be read: Invalid artifact path "logs\\\\train.txt": it contains a backslash.',
      });
      panel.channel.receive({ type: 'openArtifact', artifactId: listing.artifactId });
      const notice = await waitFor('the reason in the panel', () => panel.channel.last('notice'), 10_000);
      assert.deepEqual(notice, {
        type: 'notice',
        level: 'error',
        message:
          'logs\\train.txt could not be opened: Invalid artifact path "logs\\\\train.txt": it contains a backslash.',
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const artifactTabs = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'mlflow-artifact');
      assert.deepEqual(
        artifactTabs.map((tab) => tab.label),
        [],
        'no editor opened on an error',
      );
    } finally {
      rmSync(odd);
    }
  });

  test('the run panel opens a folder listing on request and refuses ids it never handed out', async () => {
    await onRuns(CommandId.openRun, 'best-so-far');
    const panel: RunPanel = await waitFor('a run panel', () => panels.runPanels.at(-1));
    const listing = await waitFor('the artifact root', () => panel.channel.last('artifacts'), 20_000);
    const model = listing.entries.find((entry) => entry.name === 'model')!;
    panel.channel.receive({ type: 'listArtifacts', dirId: model.artifactId });
    const inner = await waitFor(
      'the model folder',
      () => (panel.channel.last('artifacts')?.dirId === model.artifactId ? panel.channel.last('artifacts') : undefined),
      20_000,
    );
    assert.deepEqual(inner.entries.map((entry) => entry.path).sort(), [
      'model/MLmodel',
      'model/conda.yaml',
      'model/data',
      'model/model.pkl',
      'model/requirements.txt',
    ]);
    const previews = panel.channel.last('artifactPreview');
    panel.channel.receive({ type: 'previewArtifact', artifactId: model.artifactId });
    panel.channel.receive({ type: 'previewArtifact', artifactId: 'artifact-99999' });
    panel.channel.receive({ type: 'openRun', runId: 'aff5a117788046d49baa99539a46e423' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(panel.channel.last('artifactPreview'), previews, 'a folder and an unknown id get no preview');
    assert.equal(panels.runPanels.length, 1, "a run that is not this run's parent or child is not opened");
  });

  test('a click previews runs in one panel: the next run replaces the last, whose artifact ids then mean nothing; Open Run keeps the panel', async () => {
    await vscode.commands.executeCommand(CommandId.previewRun, runs.get('best-so-far')!.node);
    const panel: RunPanel = await waitFor('a run panel', () => panels.runPanels.at(-1));
    assert.equal(panel.preview, true);
    const first = await waitFor("the first run's artifacts", () => panel.channel.last('artifacts'), 20_000);
    const model = first.entries.find((entry) => entry.name === 'model')!;
    await vscode.commands.executeCommand(CommandId.previewRun, runs.get('sgd-momentum')!.node);
    const data = await waitFor(
      'the second run sent',
      () => (panel.channel.last('runData')?.run.name === 'sgd-momentum' ? panel.channel.last('runData') : undefined),
      20_000,
    );
    assert.equal(panels.runPanels.length, 1, 'the preview panel was reused');
    assert.equal(panel.runId, data.run.runId);
    assert.equal(panel.panel.title, 'Run sgd-momentum');
    const second = await waitFor(
      "the second run's artifacts",
      () => (panel.channel.last('artifacts') !== first ? panel.channel.last('artifacts') : undefined),
      20_000,
    );
    assert.ok(
      !second.entries.some((entry) => entry.artifactId === model.artifactId),
      'ids are not reused between runs',
    );
    // A request the page made for the first run, arriving late, is refused.
    panel.channel.receive({ type: 'listArtifacts', dirId: model.artifactId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(panel.channel.last('artifacts'), second);
    await vscode.commands.executeCommand(CommandId.openRun, runs.get('sgd-momentum')!.node);
    assert.equal(panel.preview, false, 'Open Run keeps the panel');
    await vscode.commands.executeCommand(CommandId.previewRun, runs.get('best-so-far')!.node);
    const other = await waitFor('a second run panel', () =>
      panels.runPanels.length === 2 ? panels.runPanels[1] : undefined,
    );
    await waitFor(
      'best-so-far in it',
      () => (other.channel.last('runData')?.run.name === 'best-so-far' ? true : undefined),
      20_000,
    );
    assert.equal(panel.runId, data.run.runId, 'the kept panel still shows its run');
  });

  test("the palette's run picker: Escape while the runs load ends the pick and cancels their search; once loaded, Enter picks a run", async () => {
    const store = await openStore(join(root, 'mlflow.db'));
    const [experiment] = (await store.searchExperiments({ filterString: "name = 'demo-classifier'" })).experiments;
    assert.ok(experiment);
    let signal: AbortSignal | undefined;
    let searched = false;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The store as a slow server would be: the runs come only when the test lets them.
    const slow = {
      searchExperiments: () => Promise.resolve({ experiments: [experiment] }),
      searchRuns: async (request: SearchRunsRequest, options?: CallOptions) => {
        signal = options?.signal;
        await gate;
        const page = await store.searchRuns(request);
        searched = true;
        return page;
      },
    } as unknown as TrackingStore;
    const escaped = pickRuns(slow, { title: 'Open Run', canPickMany: false });
    await waitFor('the runs being searched', () => signal);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await escaped, undefined);
    assert.equal(signal?.aborted, true, 'the search was cancelled');
    release();
    const picking = pickRuns(slow, { title: 'Open Run', canPickMany: false });
    await waitFor('the runs listed', () => (searched ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const picked = await picking;
    const newest = (
      await store.searchRuns({
        experimentIds: [experiment.experimentId],
        maxResults: 1,
        orderBy: ['attributes.start_time DESC'],
      })
    ).runs[0];
    assert.deepEqual(
      picked?.map((run) => run.info.runId),
      [newest?.info.runId],
    );
    store.dispose();
  });

  test('a run panel whose store fails: a history request is answered as failed (the page stops waiting), a file that cannot be read previews as a reason', async () => {
    await onRuns(CommandId.openRun, 'best-so-far');
    const panel: RunPanel = await waitFor('a run panel', () => panels.runPanels.at(-1));
    const data = await waitFor('the run sent', () => panel.channel.last('runData'), 20_000);
    const listing = await waitFor('the artifact root', () => panel.channel.last('artifacts'), 20_000);
    const notes = listing.entries.find((entry) => entry.name === 'notes.txt')!;
    const notesFile = join(root, 'mlruns', data.run.experimentId, data.run.runId, 'artifacts', 'notes.txt');
    const database = join(root, 'mlflow.db');
    const saved = { notes: readFileSync(notesFile), database: readFileSync(database) };
    try {
      rmSync(notesFile);
      panel.channel.receive({ type: 'previewArtifact', artifactId: notes.artifactId });
      const preview = await waitFor('the preview', () => panel.channel.last('artifactPreview'), 20_000);
      assert.equal(preview.preview.kind, 'none');
      assert.match(preview.preview.kind === 'none' ? preview.preview.reason : '', /^notes\.txt could not be read: /);
      writeFileSync(database, 'this is not an SQLite database, as a disk gone bad would leave it\n');
      const [metricKey] = Object.keys(data.run.metrics);
      // The page's own sparkline requests may be answered alongside: keep the answer to this one.
      let answer: HostMessage | undefined;
      const watching = panel.channel.onDidPost((message) => {
        if (
          (message.type === 'metricHistory' || message.type === 'metricHistoryFailed') &&
          message.requestId === 'history-after-damage'
        )
          answer = message;
      });
      panel.channel.receive({
        type: 'requestMetricHistory',
        requestId: 'history-after-damage',
        metricKey: metricKey!,
        maxPoints: 100,
      });
      const failed = await waitFor('the answer to the request', () => answer, 15_000);
      watching.dispose();
      assert.equal(failed.type, 'metricHistoryFailed');
      assert.equal(failed.type === 'metricHistoryFailed' ? failed.metricKey : undefined, metricKey);
      assert.match(failed.message, /SQLite|database/i);
    } finally {
      writeFileSync(notesFile, saved.notes);
      writeFileSync(database, saved.database);
    }
  });

  test('a compare panel is closed with its editor, and "Add to Compare" then opens a new one', async () => {
    await onRuns(CommandId.compareRuns, 'baseline-adam', 'sgd-momentum');
    const panel: ComparePanel = await waitFor('a compare panel', () => panels.comparePanels.at(-1));
    panel.panel.dispose();
    await waitFor('no compare panel', () => (panels.comparePanels.length === 0 ? true : undefined));
    await onRuns(CommandId.addToCompare, 'rmsprop');
    const fresh = await waitFor('a new compare panel', () => panels.comparePanels.at(-1));
    assert.notEqual(fresh, panel);
    assert.deepEqual(fresh.runIdList.length, 1);
  });
  test('issue 11: "Add to Compare" of one run twice in quick succession adds it once', async () => {
    await onRuns(CommandId.compareRuns, 'baseline-adam', 'sgd-momentum');
    const panel: ComparePanel = await waitFor('a compare panel', () => panels.comparePanels.at(-1));
    await waitFor('the runs sent', () => panel.channel.last('compareData')?.runs.length === 2 || undefined, 20_000);
    const [baseline, sgd, rmsprop] = ['baseline-adam', 'sgd-momentum', 'rmsprop'].map(
      (label) => (runs.get(label)!.node as { runId: string }).runId,
    );
    // The second call arrives while the first is still at work, as a quick double click's does.
    await Promise.all([panel.addRuns([rmsprop!]), panel.addRuns([rmsprop!])]);
    assert.deepEqual(panel.runIdList, [baseline, sgd, rmsprop]);
    assert.equal(panel.panel.title, 'Compare 3 runs');
    assert.deepEqual(
      panel.channel.last('compareData')?.runs.map((run) => run.name),
      ['baseline-adam', 'sgd-momentum', 'rmsprop'],
    );
  });

  test("issue 11: a run panel is titled with the run's label: a run whose name is only in its mlflow.runName tag", async () => {
    // As runs logged by older MLflow clients come: no run name attribute, the name in the tag.
    const { run } = runs.get('best-so-far')!.node as unknown as { run: Run };
    const unnamed: Run = { ...run, info: { ...run.info, runName: '' } };
    assert.equal(unnamed.data.tags['mlflow.runName'], 'best-so-far');
    await vscode.commands.executeCommand(CommandId.openRun, { run: unnamed });
    const panel: RunPanel = await waitFor('a run panel', () => panels.runPanels.at(-1));
    await waitFor('the run sent', () => panel.channel.last('runData'), 20_000);
    assert.equal(panel.panel.title, 'Run best-so-far');
  });
});
