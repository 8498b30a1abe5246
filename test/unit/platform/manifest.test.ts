// package.json's menus and when-clauses against the code: every command a menu names is in the
// command map, every contextValue pattern matches rows the tree really makes (and only those),
// every context key a when-clause reads is one the extension sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId } from '../../../src/extension/platform/commandIds';
import { HAS_CHECKOUT_RECORD } from '../../../src/extension/code/checkouts';
import { experimentContextValue } from '../../../src/extension/sidebar/presentation';
import { DEFAULT_SORT } from '../../../src/extension/sidebar/runQuery';
import { runContextValue } from '../../../src/extension/runs/runPresentation';
import { ContextKey, EXPERIMENTS_VIEW_ID, MLFLOW_CONTAINER_ID } from '../../../src/extension/platform/commandIds';
import { aRun, anExperiment } from '../../support/runBuilder';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    menus: Record<string, MenuEntry[]>;
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    viewsWelcome: { view: string; contents: string; when?: string }[];
  };
  activationEvents: string[];
};
const ids = new Set<string>(Object.values(CommandId));
const menuEntries = Object.entries(pkg.contributes.menus).flatMap(([menu, entries]) =>
  entries.map((entry) => ({ menu, ...entry })),
);

const HEAD = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';
const context = (canWrite: boolean, hasWebUi: boolean) => ({
  now: 0,
  currentUser: '',
  primaryMetric: '',
  headCommits: new Set([HEAD]),
  canWrite,
  hasWebUi,
});
/** Every kind of row the tree makes, by its contextValue. */
const rows: Record<string, string> = {
  localRun: runContextValue(aRun('a'), context(false, false)),
  serverRunWithCommit: runContextValue(aRun('b', { tags: { 'mlflow.source.git.commit': HEAD } }), context(true, true)),
  deletedServerRun: runContextValue(aRun('c', { lifecycleStage: 'deleted' }), context(true, true)),
  experiment: experimentContextValue(anExperiment('1', 'e'), { sort: DEFAULT_SORT }),
  filteredExperiment: experimentContextValue(anExperiment('1', 'e'), { filter: 'x', sort: DEFAULT_SORT }),
  storeError: 'storeError',
  signInError: 'storeError error.signIn',
  runsError: 'runsError',
  loadMore: 'loadMore',
  info: 'info',
};

/** The rows a when-clause's `viewItem =~ /.../` tests (all of them) let through. */
function rowsMatching(when: string): string[] {
  const patterns = [...when.matchAll(/viewItem =~ \/((?:[^/\\]|\\.)+)\//g)].map((match) => new RegExp(match[1]!));
  return Object.entries(rows)
    .filter(([, value]) => patterns.every((pattern) => pattern.test(value)))
    .map(([name]) => name);
}

test('every command a menu names is in the command map, and every command in the map is contributed', () => {
  for (const entry of menuEntries)
    assert.ok(ids.has(entry.command), `${entry.menu}: ${entry.command} is not in commandIds.ts`);
  const contributed = new Set(pkg.contributes.commands.map((entry) => entry.command));
  assert.deepEqual(
    [...ids].filter((id) => !contributed.has(id)),
    [],
  );
  assert.deepEqual(
    [...contributed].filter((id) => !ids.has(id)),
    [],
  );
});

test('row menus open on the rows they are meant for, and no other', () => {
  const expected: Record<string, string[]> = {
    [CommandId.copyRunId]: ['localRun', 'serverRunWithCommit', 'deletedServerRun'],
    [CommandId.copyCommitId]: ['serverRunWithCommit'],
    [CommandId.openRunInBrowser]: ['serverRunWithCommit', 'deletedServerRun'],
    [CommandId.renameRun]: ['serverRunWithCommit', 'deletedServerRun'],
    [CommandId.setRunTag]: ['serverRunWithCommit', 'deletedServerRun'],
    [CommandId.deleteRun]: ['serverRunWithCommit'],
    [CommandId.restoreRun]: ['deletedServerRun'],
    [CommandId.filterRuns]: ['experiment', 'filteredExperiment'],
    [CommandId.sortRuns]: ['experiment', 'filteredExperiment'],
    [CommandId.clearFilter]: ['filteredExperiment'],
    [CommandId.showMetric]: ['experiment', 'filteredExperiment'],
    [CommandId.retryConnection]: ['storeError', 'signInError'],
    [CommandId.retryRuns]: ['runsError'],
    [CommandId.signIn]: ['signInError'],
  };
  const itemMenus = menuEntries.filter((entry) => entry.menu === 'view/item/context');
  for (const [command, allowed] of Object.entries(expected)) {
    const entries = itemMenus.filter((entry) => entry.command === command);
    assert.ok(entries.length > 0, `${command} is on no row menu`);
    for (const entry of entries) {
      assert.match(entry.when ?? '', new RegExp(`view == ${EXPERIMENTS_VIEW_ID.replace('.', '\\.')}`));
      assert.deepEqual(
        rowsMatching(entry.when ?? ''),
        allowed,
        `${command} (${entry.group ?? ''}): ${entry.when ?? ''}`,
      );
    }
  }
});

test('Return to Previous Branch and Create Branch are on every run row and in the view\'s "..." menu, while a checkout is recorded', () => {
  for (const command of [CommandId.returnToPreviousBranch, CommandId.createBranchForRun]) {
    const onRows = menuEntries.filter((entry) => entry.menu === 'view/item/context' && entry.command === command);
    assert.equal(onRows.length, 1, `${command} on run rows`);
    assert.deepEqual(rowsMatching(onRows[0]!.when ?? ''), ['localRun', 'serverRunWithCommit', 'deletedServerRun']);
    assert.match(onRows[0]!.when ?? '', new RegExp(`&& ${HAS_CHECKOUT_RECORD.replace('.', '\\.')} &&`));
    const inTitle = menuEntries.filter((entry) => entry.menu === 'view/title' && entry.command === command);
    assert.deepEqual(
      inTitle.map((entry) => entry.when),
      [`view == ${EXPERIMENTS_VIEW_ID} && ${HAS_CHECKOUT_RECORD}`],
    );
    assert.ok(!inTitle[0]!.group?.startsWith('navigation'), 'in the "..." menu, not among the title icons');
  }
});

/** The sidebar's own commands: other features' menus read context keys of their own. */
const SIDEBAR_COMMANDS = new Set<string>([
  CommandId.showLog,
  CommandId.selectStore,
  CommandId.connectServer,
  CommandId.openLocalStore,
  CommandId.retryConnection,
  CommandId.signIn,
  CommandId.signOut,
  CommandId.refresh,
  CommandId.showDeleted,
  CommandId.hideDeleted,
  CommandId.cancelLoading,
  CommandId.filterRuns,
  CommandId.sortRuns,
  CommandId.clearFilter,
  CommandId.showMetric,
  CommandId.loadMoreRuns,
  CommandId.retryRuns,
  CommandId.filterRunsAtHead,
  CommandId.copyRunId,
  CommandId.copyCommitId,
  CommandId.openRunInBrowser,
  CommandId.renameRun,
  CommandId.setRunTag,
  CommandId.editRunDescription,
  CommandId.deleteRun,
  CommandId.restoreRun,
]);

test("the sidebar's when-clauses read only context keys the sidebar sets (or VS Code's own)", () => {
  const ours = new Set<string>(Object.values(ContextKey));
  const vscodeKeys = new Set(['view', 'viewItem', 'listMultiSelection', 'false']);
  for (const entry of menuEntries.filter((candidate) => SIDEBAR_COMMANDS.has(candidate.command))) {
    // What is left once the view test, the contextValue patterns and compared values are taken out: keys.
    const keys =
      (entry.when ?? '')
        .replace(`view == ${EXPERIMENTS_VIEW_ID}`, 'view')
        .replace(/viewItem =~ \/(?:[^/\\]|\\.)+\//g, 'viewItem')
        .replace(/== \w+/g, '')
        .match(/[A-Za-z][\w.]*/g) ?? [];
    for (const key of keys) {
      if (key.startsWith('mlflow.')) assert.ok(ours.has(key), `${entry.command}: unknown context key ${key}`);
      else assert.ok(vscodeKeys.has(key), `${entry.command}: ${key} in "${entry.when ?? ''}"`);
    }
  }
  for (const welcome of pkg.contributes.viewsWelcome) {
    assert.equal(welcome.view, EXPERIMENTS_VIEW_ID);
    for (const [, command] of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(ids.has(command!), command);
  }
});

test('the view lives in its own activity-bar container with a monochrome SVG icon; nothing activates on "*"', () => {
  const [container] = pkg.contributes.viewsContainers.activitybar;
  assert.equal(container?.id, MLFLOW_CONTAINER_ID);
  assert.deepEqual(
    pkg.contributes.views[MLFLOW_CONTAINER_ID]?.map((view) => view.id),
    [EXPERIMENTS_VIEW_ID],
  );
  const svg = readFileSync(join(__dirname, '../../..', container.icon), 'utf8');
  assert.match(svg, /^<svg /);
  const colours = [...svg.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual([...new Set(colours)].sort(), ['currentColor', 'none']);
  assert.ok(!pkg.activationEvents.includes('*'));
});
