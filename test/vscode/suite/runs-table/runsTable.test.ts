// The runs table in a real workbench, on each store: the demo workspace's mlflow.db (found by
// itself), the recorded mlruns/ (opened with "Open Local Store…") and the test MLflow server (real
// HTTP, answering from the server's store). The table is opened as a person does, from the
// experiment's row; the webview is the real bundle (it says `runsTable/ready` under the real CSP),
// and what it would send on a click is handed to the panel's message channel, checked as any
// message is. Commands on the table's selection must run the sidebar's own flows.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/extensionObject';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import { FIRST_PAGE_SIZE } from '../../../../src/extension/runsTable/runPaging';
import type { RunsTablePanel } from '../../../../src/extension/runsTable/runsTablePanel';
import type { RunsTables } from '../../../../src/extension/runsTable/runsTables';
import { openFileStore } from '../../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../../src/extension/tracking/local/sqliteStore';
import type { TrackingStore } from '../../../../src/extension/tracking/trackingStore';
import type { RunsTableHostMessage, TableRow, RunsTableWebviewMessage } from '../../../../src/webview/protocol';
import { fromWire } from '../../../../src/webview/protocol';
import { answerGitDialogs } from '../gitSupport/scriptedDialogs';
import { git } from '../gitSupport/repositoryState';
import { startMlflowTestServer } from '../sidebarSupport/mlflowTestServer';
import type { MlflowTestServer } from '../sidebarSupport/mlflowTestServer';
import { row, rowsWhen, setSetting } from '../sidebarSupport/sidebarView';
import { ourExtension, waitFor } from '../support/extension';

const COMMIT = { sgd: 'f3b9b867', head: '9b64e090' };

let root = '';
let tables: RunsTables;
let api: ExtensionApi;

type Rows = Extract<RunsTableHostMessage, { type: 'runsTable/rows' }>;

/** Everything a table posts from now on, in order. */
function recorder(table: RunsTablePanel): { posted: RunsTableHostMessage[]; dispose(): void } {
  const posted: RunsTableHostMessage[] = [];
  const subscription = table.channel.onDidPost((message: RunsTableHostMessage) => {
    posted.push(message);
  });
  return {
    posted,
    dispose: () => {
      subscription.dispose();
    },
  };
}

/** The rows of the newest generation once its last page is in, in the order sent. */
async function loadedRows(posted: readonly RunsTableHostMessage[], after = 0): Promise<TableRow[]> {
  const pages = () =>
    posted.filter((message): message is Rows => message.type === 'runsTable/rows' && message.generation > after);
  const last = await waitFor(
    'the last page of rows',
    () => {
      const newest = pages().at(-1);
      return newest?.done ? newest : undefined;
    },
    30_000,
  );
  return pages()
    .filter((page) => page.generation === last.generation)
    .flatMap((page) => page.rows);
}

/** Sends what the webview would send; the channel checks it as it checks any message. */
function fromWebview(table: RunsTablePanel, message: RunsTableWebviewMessage): void {
  table.channel.receive(message);
}

/** Opens the table from the experiment's row, as its context menu does; waits for the webview's ready. */
async function openFromRow(experiment: string): Promise<{ table: RunsTablePanel; posted: RunsTableHostMessage[] }> {
  await rowsWhen('the experiments', (found) => found.some((entry) => entry.label === experiment));
  const node = (await row(experiment)).node;
  const before = tables.panels.length;
  await vscode.commands.executeCommand(CommandId.openRunsTable, node, [node]);
  const table = await waitFor('a runs table', () => (tables.panels.length > before ? tables.panels.at(-1) : undefined));
  const { posted } = recorder(table);
  await waitFor('the webview to say ready', () => table.channel.hasReceived('runsTable/ready') || undefined, 30_000);
  return { table, posted };
}

function currentGeneration(posted: readonly RunsTableHostMessage[]): number {
  return Math.max(0, ...posted.flatMap((message) => (message.type === 'runsTable/rows' ? [message.generation] : [])));
}

/** The webview asks for a new query (sorted by accuracy unless told); its rows, once all have arrived. */
async function queried(
  table: RunsTablePanel,
  posted: readonly RunsTableHostMessage[],
  filter = '',
  orderBy = ['metrics.accuracy DESC'],
): Promise<TableRow[]> {
  const before = currentGeneration(posted);
  fromWebview(table, { type: 'runsTable/query', filter, orderBy, showDeleted: false });
  return loadedRows(posted, before);
}

async function runNamesOf(store: TrackingStore, experiment: string, filterString?: string): Promise<string[]> {
  const { experimentId } = await store.getExperimentByName(experiment);
  const names: string[] = [];
  for await (const run of store.iterateRuns({ experimentIds: [experimentId], filterString }))
    names.push(run.info.runName);
  return names.sort();
}

suite('the runs table on every store', () => {
  let local: TrackingStore;

  suiteSetup(async () => {
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    api = (await ourExtension().activate()) as ExtensionApi;
    assert.ok(api.runsTables, 'the extension hands its runs tables to the tests');
    tables = api.runsTables;
    await setSetting('mlflow.runs.autoRefreshSeconds', 0);
    local = await openSqliteStore(join(root, 'mlflow.db'));
  });

  suiteTeardown(() => local?.dispose());

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('mlflow.db: opened from the experiment, titled with its name, every run streamed in, commits in git log order with HEAD', async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    const rows = await loadedRows(posted);
    assert.equal(table.panel.title, 'demo-classifier');
    const init = table.channel.last('runsTable/init');
    const { experimentId } = await local.getExperimentByName('demo-classifier');
    assert.deepEqual(init?.experiments, [{ id: experimentId, name: 'demo-classifier' }]);
    assert.equal(init?.writable, false, 'a local store is read-only');
    assert.equal(init?.hasRepository, true);
    assert.deepEqual(rows.map((entry) => entry.runName).sort(), await runNamesOf(local, 'demo-classifier'));
    const sgd = rows.find((entry) => entry.runName === 'sgd-momentum')!;
    assert.equal(sgd.params.optimizer, 'sgd');
    assert.ok(sgd.commit?.startsWith(COMMIT.sgd));
    const commits = await waitFor('the commit order', () => table.channel.last('runsTable/commits'));
    assert.deepEqual(
      commits.commits.map((commit) => [commit.short, commit.onBranch]),
      [
        ['9b64e09', true],
        ['2c3a103', true],
        ['f3b9b86', true],
        ['7aead6a', true],
      ],
    );
    assert.ok(commits.head?.startsWith(COMMIT.head));
    assert.ok(!table.channel.hasReceived('problem'), 'the webview reported no problem');
  });

  test('sort by a metric, then filter: each is a new query to the store, whose rows replace the old', async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    await loadedRows(posted);
    const sorted = await queried(table, posted);
    const accuracies = sorted.flatMap((entry) =>
      entry.metrics.accuracy === undefined ? [] : [fromWire(entry.metrics.accuracy)],
    );
    assert.ok(accuracies.length >= 10);
    assert.deepEqual(
      accuracies,
      [...accuracies].sort((a, b) => b - a),
    );
    assert.equal(sorted.length, (await runNamesOf(local, 'demo-classifier')).length);

    const filter = "params.optimizer = 'sgd'";
    const filtered = await queried(table, posted, filter);
    assert.deepEqual(filtered.map((entry) => entry.runName).sort(), await runNamesOf(local, 'demo-classifier', filter));
    assert.ok(filtered.every((entry) => entry.params.optimizer === 'sgd'));

    fromWebview(table, { type: 'runsTable/checkFilter', filter: 'metrics.accuracy >> 0.9' });
    const checked = await waitFor('the filter check', () => table.channel.last('runsTable/filterChecked'));
    assert.equal(checked.filter, 'metrics.accuracy >> 0.9');
    assert.ok(checked.problem, 'a bad filter has a problem');
    assert.equal(checked.filter.slice(checked.problem.start, checked.problem.end).startsWith('>'), true);
  });

  test('"Filter Sidebar" gives the table\'s filter to the sidebar: its run list shows exactly the filtered runs', async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    await loadedRows(posted);
    const first = currentGeneration(posted);
    const filter = "params.optimizer = 'sgd'";
    fromWebview(table, { type: 'runsTable/query', filter, orderBy: [], showDeleted: false });
    await loadedRows(posted, first);
    const wanted = await runNamesOf(local, 'demo-classifier', filter);
    assert.ok(wanted.length > 0 && wanted.length < (await runNamesOf(local, 'demo-classifier')).length);
    const experiment = (await row('demo-classifier')).node;
    try {
      fromWebview(table, { type: 'runsTable/filterSidebar' });
      await rowsWhen(
        'the filtered runs',
        (found) =>
          found
            .map((entry) => entry.label)
            .filter((label) => typeof label === 'string')
            .sort()
            .join('\n') === wanted.join('\n'),
        experiment,
      );
    } finally {
      await vscode.commands.executeCommand(CommandId.clearFilter, experiment);
    }
  });

  test('the way back from the sidebar: a table opened on an experiment the sidebar filters starts with that filter', async () => {
    // `scale` has no table of its own in this suite until now: no saved view to start from.
    await rowsWhen('the experiments', (found) => found.some((entry) => entry.label === 'scale'));
    const experiment = (await row('scale')).node;
    const { experimentId } = await local.getExperimentByName('scale');
    const filter = "params.optimizer = 'sgd'";
    const wanted = await runNamesOf(local, 'scale', filter);
    assert.equal(wanted.length, 34);
    await vscode.commands.executeCommand(CommandId.filterRuns, experimentId, filter);
    try {
      const { table, posted } = await openFromRow('scale');
      const rows = await loadedRows(posted);
      assert.equal(table.channel.last('runsTable/init')?.state?.filter, filter, 'the filter box shows it');
      const pages = posted.filter((message) => message.type === 'runsTable/rows');
      assert.deepEqual(
        pages.map((page) => page.generation),
        [1],
        'the first query is the filtered one: no unfiltered rows were ever sent',
      );
      assert.deepEqual(rows.map((entry) => entry.runName).sort(), wanted);
      assert.ok(rows.every((entry) => entry.params.optimizer === 'sgd'));
      assert.equal(table.currentQuery?.filter, filter);
    } finally {
      await vscode.commands.executeCommand(CommandId.clearFilter, experiment);
    }
  });

  test('select three and Compare: the compare panel opens on exactly those runs', async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    await loadedRows(posted);
    const rows = await queried(table, posted);
    const top = rows.slice(0, 3).map((entry) => entry.runId);
    const before = api.panels!.comparePanels.length;
    fromWebview(table, { type: 'runsTable/run', command: 'compare', runIds: top });
    const compare = await waitFor('a compare panel', () =>
      api.panels!.comparePanels.length > before ? api.panels!.comparePanels.at(-1) : undefined,
    );
    assert.deepEqual(compare.runIdList, top);
    const data = await waitFor('the compared runs', () => compare.channel.last('compareData'), 20_000);
    assert.deepEqual(
      data.runs.map((run) => run.runId),
      top,
    );
    // Back on the table: the three runs carry their compare panel's colours.
    table.panel.reveal();
    const compared = await waitFor('the swatches', () => {
      const last = table.channel.last('runsTable/compared');
      return last && last.runIds.length === 3 ? last : undefined;
    });
    assert.deepEqual(compared.colors, {
      [top[0]!]: 'var(--vscode-charts-blue)',
      [top[1]!]: 'var(--vscode-charts-red)',
      [top[2]!]: 'var(--vscode-charts-yellow)',
    });
  });

  test("Check Out from the table's selection runs the sidebar's flow: detached at the run's commit, the same offer, Return brings main back", async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    const rows = await loadedRows(posted);
    const sgd = rows.find((entry) => entry.runName === 'sgd-momentum')!;
    const answered = await answerGitDialogs({ inform: [undefined] });
    try {
      fromWebview(table, { type: 'runsTable/run', command: 'mlflow.git.checkOut', runIds: [sgd.runId] });
      await waitFor('HEAD at the run commit', () =>
        git(root, 'rev-parse', 'HEAD').startsWith(COMMIT.sgd) ? true : undefined,
      );
      const offer = await waitFor('the offer', () => answered.shown.find((entry) => entry.kind === 'inform'));
      assert.match(offer.message, /Checked out f3b9b86, the commit of the run "sgd-momentum" .*HEAD is detached/);
      assert.deepEqual(offer.actions, ['Create Branch']);
      assert.ok(answered.shown.some((entry) => entry.kind === 'progress'));
    } finally {
      answered.dispose();
      await vscode.commands.executeCommand(CommandId.returnToPreviousBranch);
    }
    assert.equal(git(root, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  });

  test('a request naming a run the table never sent is refused: nothing runs', async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    await loadedRows(posted);
    const before = api.panels!.comparePanels.length;
    fromWebview(table, { type: 'runsTable/run', command: 'compare', runIds: ['0123456789abcdef0123456789abcdef'] });
    fromWebview(table, { type: 'runsTable/metricRanges', runIds: ['0123456789abcdef0123456789abcdef'], keys: ['x'] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(api.panels!.comparePanels.length, before);
    assert.equal(table.channel.last('runsTable/metricRanges'), undefined);
  });

  test('min and max columns: ranges of the asked metric for the asked runs, from the histories', async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    const rows = await loadedRows(posted);
    const withLoss = rows.filter((entry) => entry.metrics.val_loss !== undefined).slice(0, 3);
    fromWebview(table, {
      type: 'runsTable/metricRanges',
      runIds: withLoss.map((entry) => entry.runId),
      keys: ['val_loss'],
    });
    const { ranges } = await waitFor('the ranges', () => table.channel.last('runsTable/metricRanges'));
    assert.deepEqual(
      ranges.map((range) => range.runId),
      withLoss.map((entry) => entry.runId),
    );
    for (const range of ranges) {
      const history = await local.getMetricHistory(range.runId, 'val_loss');
      assert.equal(fromWire(range.min), Math.min(...history.map((point) => point.value)));
      assert.equal(fromWire(range.max), Math.max(...history.map((point) => point.value)));
    }
  });

  test('several experiments selected: one table over all of them, titled with both names', async () => {
    await rowsWhen('the experiments', (found) => found.some((entry) => entry.label === 'project-runs'));
    const [demo, project] = [(await row('demo-classifier')).node, (await row('project-runs')).node];
    const before = tables.panels.length;
    await vscode.commands.executeCommand(CommandId.openRunsTable, project, [demo, project]);
    const table = await waitFor('a runs table', () =>
      tables.panels.length > before ? tables.panels.at(-1) : undefined,
    );
    const { posted } = recorder(table);
    const rows = await loadedRows(posted);
    assert.equal(table.panel.title, 'demo-classifier, project-runs');
    assert.equal(table.channel.last('runsTable/init')?.experiments.length, 2);
    assert.equal(
      rows.length,
      (await runNamesOf(local, 'demo-classifier')).length + (await runNamesOf(local, 'project-runs')).length,
    );
  });

  test('"Diff with previous" opens the files changed between the two groups\' commits, the older on the left', async () => {
    const { table, posted } = await openFromRow('demo-classifier');
    const rows = await loadedRows(posted);
    const [older, newer] = [
      rows.find((entry) => entry.runName === 'baseline-adam')!,
      rows.find((entry) => entry.runName === 'best-so-far')!,
    ];
    const answered = await answerGitDialogs({ pick: ['train.py'] });
    try {
      fromWebview(table, { type: 'runsTable/diffCommits', runIds: [older.runId, newer.runId] });
      const tab = await waitFor('a diff tab', () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return active?.input instanceof vscode.TabInputTextDiff ? active : undefined;
      });
      const input = tab.input as vscode.TabInputTextDiff;
      const side = (uri: vscode.Uri) => (JSON.parse(uri.query) as { commit: string }).commit;
      assert.ok(side(input.original).startsWith(older.commit!.slice(0, 8)));
      assert.ok(side(input.modified).startsWith(newer.commit!.slice(0, 8)));
      assert.equal(tab.label, 'train.py (7aead6a baseline-adam ↔ 9b64e09 best-so-far)');
    } finally {
      answered.dispose();
    }
  });

  test('live: a run renamed in mlflow.db by another process is sent as an update, on the auto-refresh cadence', async () => {
    const { posted } = await openFromRow('demo-classifier');
    const rows = await loadedRows(posted);
    const target = rows.find((entry) => entry.runName === 'manual-stop')!;
    const { DatabaseSync } = await import('node:sqlite');
    const rename = (name: string) => {
      const db = new DatabaseSync(join(root, 'mlflow.db'));
      try {
        db.prepare('UPDATE runs SET name = ? WHERE run_uuid = ?').run(name, target.runId);
      } finally {
        db.close();
      }
    };
    await setSetting('mlflow.runs.autoRefreshSeconds', 1);
    try {
      rename('manual-stop, renamed meanwhile');
      const update = await waitFor(
        'the update',
        () => posted.find((message) => message.type === 'runsTable/update'),
        15_000,
      );
      assert.equal(update.type, 'runsTable/update');
      if (update.type !== 'runsTable/update') return;
      assert.deepEqual(
        update.rows.map((entry) => [entry.runId, entry.runName]),
        [[target.runId, 'manual-stop, renamed meanwhile']],
      );
      assert.equal(update.generation, currentGeneration(posted), 'merged into the rows shown, not a new query');
    } finally {
      await setSetting('mlflow.runs.autoRefreshSeconds', 0);
      rename('manual-stop');
    }
  });

  test('mlruns/: the same table from the recorded file store', async () => {
    const mlruns = join(root, 'data', 'mlruns');
    await vscode.commands.executeCommand(CommandId.openLocalStore, mlruns);
    const fileStore = await openFileStore(mlruns);
    try {
      await rowsWhen('the file store experiments', (found) => found.some((entry) => entry.label === 'edge-cases'));
      const { table, posted } = await openFromRow('demo-classifier');
      await loadedRows(posted);
      const rows = await queried(table, posted);
      assert.deepEqual(rows.map((entry) => entry.runName).sort(), await runNamesOf(fileStore, 'demo-classifier'));
      const accuracies = rows.flatMap((entry) =>
        entry.metrics.accuracy === undefined ? [] : [fromWire(entry.metrics.accuracy)],
      );
      assert.deepEqual(
        accuracies,
        [...accuracies].sort((a, b) => b - a),
      );
    } finally {
      fileStore.dispose();
    }
  });

  suite('on an MLflow server', () => {
    let source: TrackingStore;
    let server: MlflowTestServer;

    suiteSetup(async () => {
      source = await openSqliteStore(join(root, 'data', 'server.db'));
      server = await startMlflowTestServer({ source });
      await vscode.commands.executeCommand(CommandId.connectServer, server.url);
    });

    suiteTeardown(async () => {
      await server?.close();
      source?.dispose();
    });

    test('the first page is asked for before the experiment is described: the server has the search when init is posted', async () => {
      await rowsWhen('the server experiments', (found) => found.some((entry) => entry.label === 'scale'));
      const node = (await row('scale')).node;
      const before = tables.panels.length;
      const searchesBefore = server.bodies.length;
      const tableSearches = () =>
        server.bodies
          .slice(searchesBefore)
          // The table's own: a screenful with no filter (the status bar counts runs at HEAD with one) and no
          // order_by (the sidebar's list always sends its sort).
          .filter(
            (entry) =>
              entry.path.endsWith('/runs/search') &&
              entry.body.max_results === FIRST_PAGE_SIZE &&
              entry.body.filter === undefined &&
              entry.body.order_by === undefined,
          ).length;
      await vscode.commands.executeCommand(CommandId.openRunsTable, node, [node]);
      const table = await waitFor('a runs table', () =>
        tables.panels.length > before ? tables.panels.at(-1) : undefined,
      );
      const order: string[] = [];
      let searchesAtInit = -1;
      const subscription = table.channel.onDidPost((message: RunsTableHostMessage) => {
        if (message.type === 'runsTable/init') searchesAtInit = tableSearches();
        if (message.type !== 'runsTable/compared') order.push(message.type);
      });
      try {
        await waitFor('the last page', () => table.channel.last('runsTable/rows')?.done || undefined, 30_000);
      } finally {
        subscription.dispose();
      }
      // The search went out before experiments/get, whose answer init waited for.
      assert.equal(searchesAtInit, 1);
      // The webview still hears of the experiments first, then of their runs.
      assert.deepEqual(order.slice(0, 2), ['runsTable/init', 'runsTable/rows']);
    });

    test("sort by a metric: the requests carry MLflow's order_by, a screenful then 1,000 runs a page, and the rows come sorted", async () => {
      await rowsWhen('the server experiments', (found) => found.some((entry) => entry.label === 'scale'));
      const { table, posted } = await openFromRow('scale');
      const all = await loadedRows(posted);
      assert.equal(all.length, 150);
      assert.equal(table.channel.last('runsTable/init')?.writable, true, 'a server writes');
      const searchesBefore = server.bodies.length;
      fromWebview(table, {
        type: 'runsTable/query',
        filter: '',
        orderBy: ['metrics.accuracy ASC'],
        showDeleted: false,
      });
      const sorted = await loadedRows(posted, currentGeneration(posted));
      const searches = server.bodies.slice(searchesBefore).filter((entry) => entry.path.endsWith('/runs/search'));
      assert.deepEqual(
        searches.map((entry) => [entry.body.order_by, entry.body.max_results, entry.body.run_view_type]),
        [
          [['metrics.accuracy ASC'], FIRST_PAGE_SIZE, 'ACTIVE_ONLY'],
          [['metrics.accuracy ASC'], 1000, 'ACTIVE_ONLY'],
        ],
      );
      const accuracies = sorted.map((entry) => fromWire(entry.metrics.accuracy!));
      assert.deepEqual(
        accuracies,
        [...accuracies].sort((a, b) => a - b),
      );
    });
  });
});
