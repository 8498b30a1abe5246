// The whole flow as a person sees it, on the workspace `npm run demo` opens (the demo repository
// with the recorded local store beside its code): the MLflow view, the demo experiment's runs with
// their status and metrics, a filter, two runs compared (a differing parameter, a chart), a run's
// commit checked out on a clean tree and then on a dirty one (stashed), the source at a run's
// commit, and one Return from both checkouts back to main with the stashed edit. The screen is
// checked against the store's manifest, and git against git itself. Each
// step leaves a screenshot (listed at the end); a failing step is named and keeps its screenshot.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeDemoWorkspace } from '../../../scripts/demoWorkspace';
import { repoRoot } from '../harness/paths';
import { git } from '../suite/gitSupport/repositoryState';
import { WorkbenchDriver } from './driver';
import { chartInk, paramsTable } from './journeyCompare';
import type { ParamRow } from './journeyCompare';
import { manifestRuns, runNamed, shownMetric, topLevelRuns } from './journeyFixture';
import { fullCommit, headBranch, headCommit, waitForBranch, waitForHead } from './journeyGit';
import { JourneyScreenshots } from './journeyPictures';
import { readmeComparePicture, readmeSidebarPicture } from './journeyReadmePictures';
import { selectRuns, sortBy, tableRunNames } from './journeyRunsTable';
import { chooseFromContextMenu, experimentDescriptionBecomes, filterRuns, runRowsWhen } from './journeySidebar';
import type { RunRow } from './journeySidebar';
import {
  activeTabLabel,
  answerModal,
  firstEditorLine,
  hideNotifications,
  lastLineNumber,
  modalDialog,
  notificationMatching,
} from './journeyWorkbench';

const EXPERIMENT = 'demo-classifier';
const FILTER = "params.optimizer = 'adamw'";
const runs = manifestRuns(EXPERIMENT);
const listed = topLevelRuns(runs);
const filtered = listed.filter((run) => run.params.optimizer === 'adamw');
const [compared, other] = [runNamed(runs, 'best-so-far'), runNamed(runs, 'adamw-long')];
/** The three runs of highest accuracy, best first: the top of the runs table sorted by it. */
const mostAccurate = runs
  .filter((run) => run.metrics.accuracy !== undefined)
  .sort((a, b) => Number(b.metrics.accuracy) - Number(a.metrics.accuracy))
  .slice(0, 3)
  .map((run) => run.run_name);

/** Each listed run in its row: its status icon, HEAD when its commit is checked out, the experiment's metric first. */
function checkRunRows(shown: RunRow[], head: string): void {
  assert.deepEqual(
    shown.map((entry) => entry.name),
    listed.map((run) => run.run_name),
    'every top-level run, newest first',
  );
  assert.deepEqual(
    shown.map((entry) => entry.status),
    listed.map((run) => run.status),
    'each status icon',
  );
  for (const [index, run] of listed.entries()) {
    const description = shown[index]!.description;
    assert.equal(
      /(?:^| · )HEAD(?: · |$)/.test(description),
      run.git_commit === head,
      `${run.run_name}: HEAD marked when its commit is checked out (${description})`,
    );
    const [key, value] = shownMetric(runs, run);
    if (value === undefined) assert.fail(`${run.run_name} has no ${key}`);
    // The experiment's one metric comes first, so a narrow sidebar does not cut it off.
    const printed = new RegExp(`^${key}=(\\S+)(?: · |$)`).exec(description)?.[1];
    assert.ok(
      printed !== undefined && Math.abs(Number(printed) - value) <= Math.abs(value) * 1e-3,
      `${run.run_name}: ${key}=${value} in "${description}"`,
    );
  }
}

/** The parameters table against the two runs' params: every key, its values, marked when they differ. */
function checkParamsTable(table: { runs: string[]; rows: ParamRow[] }): void {
  assert.deepEqual(table.runs, [compared.run_name, other.run_name]);
  const keys = [...new Set([...Object.keys(compared.params), ...Object.keys(other.params)])].sort();
  assert.deepEqual(table.rows.map((entry) => entry.key).sort(), keys);
  for (const entry of table.rows) {
    const values = [compared.params[entry.key] ?? '—', other.params[entry.key] ?? '—'];
    assert.deepEqual(entry.values, values, entry.key);
    assert.equal(entry.differs, values[0] !== values[1], `${entry.key} marked as differing exactly when it differs`);
  }
  const lr = table.rows.find((entry) => entry.key === 'lr');
  assert.deepEqual(
    lr,
    { key: 'lr', differs: true, values: [compared.params.lr, other.params.lr] },
    'the learning rates differ and say so',
  );
}

describe('the whole flow on the demo workspace, as a person sees it', () => {
  let workbench: WorkbenchDriver;
  let journey: JourneyScreenshots;
  let folder = '';
  const row = (name: string) => workbench.treeItem(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  const named = (names: string[]) => (rows: RunRow[]) => rows.map((entry) => entry.name).join() === names.join();
  const atHead = (name: string) => (rows: RunRow[]) =>
    rows.some((entry) => entry.name === name && /(?:^| · )HEAD(?: · |$)/.test(entry.description));
  /** Right-clicks the run's row alone (a click first, so no earlier multi-selection applies) and chooses `item`. */
  const onRun = async (name: string, item: string) => {
    await row(name).click();
    return chooseFromContextMenu(workbench.page, row(name), item);
  };

  before(async () => {
    workbench = await WorkbenchDriver.open({
      workspace: (workspace) => makeDemoWorkspace(repoRoot, (folder = workspace)),
    });
    journey = new JourneyScreenshots(workbench);
  });

  after(async () => {
    const written = journey?.written() ?? [];
    console.log(`Screenshots of the journey (${written.length}):\n${written.map((path) => `  ${path}`).join('\n')}`);
    await workbench?.close();
  });

  test("the sidebar: the demo experiment's runs with their status and metrics, then filtered", async () => {
    await journey.step('journey-open-view', async () => {
      await workbench.clickActivityBarTab('MLflow');
      await workbench.treeItem(EXPERIMENT).waitFor();
    });
    await journey.step('journey-expand-experiment', async () => {
      await workbench.treeItem(EXPERIMENT).click();
      checkRunRows(
        await runRowsWhen(workbench.page, 'every run of the experiment', (found) => found.length === listed.length),
        headCommit(folder),
      );
      await readmeSidebarPicture(workbench.page, journey);
    });
    await journey.step('journey-filter-runs', async () => {
      await filterRuns(workbench.page, workbench.treeItem(EXPERIMENT), FILTER);
      const rows = await runRowsWhen(
        workbench.page,
        `the runs matching ${FILTER}`,
        named(filtered.map((run) => run.run_name)),
      );
      assert.ok(rows.every((entry) => entry.status === 'FINISHED'));
      await experimentDescriptionBecomes(workbench.page, EXPERIMENT, `${filtered.length} runs · filter: ${FILTER}`);
    });
  });

  test('two runs compared: the parameters side by side, a differing one marked, and a chart', async () => {
    const page = workbench.page;
    await journey.step('journey-select-two-runs', async () => {
      await row(compared.run_name).click();
      await row(other.run_name).click({ modifiers: ['ControlOrMeta'] });
      await page.locator('.part.sidebar .monaco-list-row.selected').nth(1).waitFor();
    });
    await journey.step('journey-open-compare', async () => {
      const offered = await chooseFromContextMenu(page, row(other.run_name), 'Compare Runs');
      assert.ok(
        !offered.includes("Check Out Run's Commit"),
        `a single-run command is not offered for two runs: ${offered.join(', ')}`,
      );
      checkParamsTable(await paramsTable(await workbench.webview('Compare 2 runs')));
    });
    await journey.step('journey-compare-chart', async () => {
      const ink = await chartInk(await workbench.webview('Compare 2 runs'), 'val_loss');
      assert.deepEqual(ink.runs, [compared.run_name, other.run_name]);
      assert.ok(
        ink.pixelsInRunColour.every((count) => count > 50),
        `a line in each run's colour: ${ink.pixelsInRunColour.join(', ')} pixels`,
      );
    });
    await journey.step('journey-readme-compare', () => readmeComparePicture(workbench, journey));
  });

  test('the runs table: opened from the experiment, sorted by a metric, the top three selected and compared', async () => {
    const page = workbench.page;
    await workbench.runCommand('View: Close All Editors');
    await journey.step('journey-open-runs-table', async () => {
      await chooseFromContextMenu(page, workbench.treeItem(EXPERIMENT), 'Open Runs Table');
      const table = await workbench.webview(EXPERIMENT);
      await table.getByRole('checkbox', { name: 'Flat', exact: true }).check();
      // The sidebar still filters the experiment: the table starts with the same filter, then it is cleared.
      const input = table.getByRole('combobox', { name: /^Filter runs/ });
      assert.equal(await input.inputValue(), FILTER, "the table starts with the sidebar's filter");
      const grid = table.getByRole('grid');
      const adamw = runs.filter((run) => run.params.optimizer === 'adamw');
      for (const deadline = Date.now() + 30_000; ; await page.waitForTimeout(200)) {
        const count = await grid.getAttribute('aria-rowcount');
        if (count === String(adamw.length + 1)) break;
        if (Date.now() > deadline) assert.equal(count, String(adamw.length + 1), "the runs the sidebar's filter keeps");
      }
      await input.fill('');
      await input.press('Enter');
      // Flat: one row per run of the experiment, and the header row.
      for (const deadline = Date.now() + 30_000; ; await page.waitForTimeout(200)) {
        const count = await grid.getAttribute('aria-rowcount');
        if (count === String(runs.length + 1)) break;
        if (Date.now() > deadline) assert.equal(count, String(runs.length + 1), 'every run of the experiment, flat');
      }
      assert.notEqual((await tableRunNames(table))[0], undefined);
    });
    await journey.step('journey-runs-table-sorted', async () => {
      const table = await workbench.webview(EXPERIMENT);
      await sortBy(table, 'accuracy', 'descending');
      for (const deadline = Date.now() + 30_000; ; await page.waitForTimeout(200)) {
        const top = (await tableRunNames(table)).slice(0, 3);
        if (top.join() === mostAccurate.join()) break;
        if (Date.now() > deadline) assert.deepEqual(top, mostAccurate, 'the three most accurate runs on top');
      }
    });
    await journey.step('journey-runs-table-compare', async () => {
      const table = await workbench.webview(EXPERIMENT);
      await selectRuns(table, mostAccurate);
      await table.getByRole('button', { name: 'Compare (3)' }).click();
      const compare = await paramsTable(await workbench.webview('Compare 3 runs'));
      assert.deepEqual(compare.runs, mostAccurate);
    });
    await workbench.runCommand('View: Close All Editors');
  });

  test("a run's commit checked out: on a clean tree, then on a dirty one with the stash", async () => {
    const [first, second] = [fullCommit(folder, other.git_commit!), fullCommit(folder, compared.git_commit!)];
    assert.equal(git(folder, 'status', '--porcelain'), '', 'the demo workspace starts clean');
    await workbench.runCommand('View: Close All Editors');
    await journey.step('journey-check-out-clean', async () => {
      await onRun(other.run_name, "Check Out Run's Commit");
      await waitForHead(folder, first);
      assert.equal(headBranch(folder), undefined, 'HEAD is detached at the run commit');
      await runRowsWhen(workbench.page, `${other.run_name} at HEAD`, atHead(other.run_name));
    });
    await journey.step('journey-check-out-notification', async () => {
      await notificationMatching(
        workbench,
        new RegExp(`^Checked out ${first.slice(0, 7)}, the commit of the run "${other.run_name}".*HEAD is detached`),
      );
    });
    await hideNotifications(workbench);

    const edit = `${readFileSync(join(folder, 'train.py'), 'utf8')}# tuned by hand during the journey\n`;
    writeFileSync(join(folder, 'train.py'), edit);
    await journey.step('journey-check-out-dirty-asks', async () => {
      await onRun(compared.run_name, "Check Out Run's Commit");
      const question = await modalDialog(workbench.page);
      assert.match(question.text, /has uncommitted changes/);
      assert.match(question.text, /Unstaged: train\.py\./);
      for (const choice of ['Stash and Check Out', 'Check Out in New Worktree', 'Cancel'])
        assert.ok(question.buttons.includes(choice), JSON.stringify(question.buttons));
    });
    await journey.step('journey-check-out-stashed', async () => {
      await answerModal(workbench.page, 'Stash and Check Out');
      await waitForHead(folder, second);
      await runRowsWhen(workbench.page, `${compared.run_name} at HEAD`, atHead(compared.run_name));
      const stashed = `mlflow: before checking out run "${compared.run_name}" (${compared.run_id}) at ${second.slice(0, 7)}`;
      assert.ok(
        git(folder, 'stash', 'list', '--format=%gs').split('\n')[0]!.endsWith(`: ${stashed}`),
        'the newest stash is named after the run',
      );
      assert.equal(git(folder, 'show', 'stash@{0}:train.py'), edit, 'the edit is kept, byte for byte, in the stash');
      assert.equal(git(folder, 'status', '--porcelain'), '', 'the working tree is the commit');
      assert.equal(readFileSync(join(folder, 'train.py'), 'utf8'), git(folder, 'show', `${second}:train.py`));
    });
  });

  test("the source at a run's commit, in an editor titled with the file and the short commit", async () => {
    const commit = fullCommit(folder, other.git_commit!);
    const title = `train.py (${commit.slice(0, 7)}, ${other.run_name})`;
    const source = git(folder, 'show', `${commit}:train.py`);
    assert.notEqual(
      source,
      readFileSync(join(folder, 'train.py'), 'utf8'),
      'the checked-out file differs, so the editor shows the commit',
    );
    await journey.step('journey-open-source', async () => {
      await onRun(other.run_name, 'Open Source at Commit');
      await workbench.page.locator('.part.editor .tab', { hasText: title }).waitFor();
      const seen = {
        label: await activeTabLabel(workbench.page),
        first: await firstEditorLine(workbench.page),
        last: await lastLineNumber(workbench.page),
      };
      assert.deepEqual(seen, { label: title, first: source.split('\n')[0], last: source.split('\n').length });
    });
  });

  test("one Return from the run's context menu after both checkouts: back on main, with every byte of the edit made at the first run", async () => {
    const atFirst = fullCommit(folder, other.git_commit!);
    const edit = `${git(folder, 'show', `${atFirst}:train.py`)}# tuned by hand during the journey\n`;
    assert.equal(
      git(folder, 'show', 'stash@{0}:train.py'),
      edit,
      'the stash made by the second checkout holds the edit',
    );
    await workbench.runCommand('View: Close All Editors');
    await journey.step('journey-return-asks', async () => {
      await onRun(compared.run_name, 'Return to Previous Branch');
      const question = await modalDialog(workbench.page);
      assert.match(question.text, /Restore the changes stashed when run commits were checked out/);
      assert.ok(question.buttons.includes('Pop Stash'), JSON.stringify(question.buttons));
    });
    await journey.step('journey-returned', async () => {
      await answerModal(workbench.page, 'Pop Stash');
      await waitForBranch(folder, 'main');
      await notificationMatching(workbench, /^Back on main\. Your stashed changes are restored\.$/);
      assert.equal(headBranch(folder), 'main', 'back on the branch the first checkout left');
      assert.equal(
        readFileSync(join(folder, 'train.py'), 'utf8'),
        `${git(folder, 'show', 'HEAD:train.py')}# tuned by hand during the journey\n`,
        'the edit, on main',
      );
      assert.equal(
        git(folder, 'diff', 'HEAD', '--', 'train.py')
          .split('\n')
          .filter((line) => /^[+-][^+-]/.test(line))
          .join('\n'),
        '+# tuned by hand during the journey',
      );
      assert.equal(git(folder, 'status', '--porcelain'), ' M train.py\n');
      assert.equal(git(folder, 'stash', 'list'), '', 'the stash was popped, not left behind');
    });
  });
});
