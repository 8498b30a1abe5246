import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { openGitRepository } from '../../../src/extension/git/repository';
import type { LogEntry } from '../../../src/extension/git/gitListings';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { runCommit } from '../../../src/extension/runs/runPresentation';
import { commitOrder, headAs } from '../../../src/extension/runsTable/commitOrder';
import { git, removeTempFolders, tempFolder } from '../git/helpers/gitCli';
import { FIXTURES } from '../git/helpers/runs';

/** A clone of the demo repository the recorded runs were logged from, and the demo runs' commits. */
let clone = '';
let runCommits: string[] = [];

before(async () => {
  clone = join(tempFolder(), 'demo-repo');
  git(tempFolder(), 'clone', '--quiet', join(FIXTURES, 'demo-repo.bundle'), clone);
  const store = await openSqliteStore(join(FIXTURES, 'server-store', 'mlflow.db'));
  try {
    const { experimentId } = await store.getExperimentByName('demo-classifier');
    const { runs } = await store.searchRuns({ experimentIds: [experimentId], orderBy: ['attributes.run_name ASC'] });
    runCommits = runs.flatMap((run) => runCommit(run) ?? []);
  } finally {
    store.dispose();
  }
});
after(removeTempFolders);

test("group by commit follows the demo repository's history: its four commits newest first, with their subjects", async () => {
  const log = await openGitRepository(clone).reader.commitLog(1000);
  const order = commitOrder(runCommits, log);
  assert.deepEqual(
    order.map((commit) => [commit.short, commit.onBranch]),
    [
      ['9b64e09', true],
      ['2c3a103', true],
      ['f3b9b86', true],
      ['7aead6a', true],
    ],
  );
  assert.deepEqual(
    order.map((commit) => commit.subject),
    log.filter((entry) => order.some((commit) => commit.sha === entry.commit)).map((entry) => entry.subject),
  );
  assert.ok(order.every((commit) => commit.subject !== ''));
  assert.equal(headAs(order, log[0]!.commit), order[0]!.sha);
});

test('on an older branch the newer commit comes after, marked as not on it', async () => {
  const work = join(tempFolder(), 'older');
  git(tempFolder(), 'clone', '--quiet', clone, work);
  const older = git(work, 'rev-parse', '2c3a103').trim();
  git(work, 'switch', '--quiet', '-c', 'older', older);
  const log = await openGitRepository(work).reader.commitLog(1000);
  assert.deepEqual(
    commitOrder(runCommits, log).map((commit) => [commit.short, commit.onBranch, commit.subject === '']),
    [
      ['2c3a103', true, false],
      ['f3b9b86', true, false],
      ['7aead6a', true, false],
      ['9b64e09', false, true],
    ],
  );
});

test('a run commit is kept as its tag spells it (abbreviated too), so rows name their group exactly', () => {
  const log: LogEntry[] = [
    { commit: 'a'.repeat(40), subject: 'newest' },
    { commit: 'b'.repeat(40), subject: 'older' },
  ];
  assert.deepEqual(commitOrder(['bbbbbbb', 'a'.repeat(40), 'ccccccc', 'bbbbbbb'], log), [
    { sha: 'a'.repeat(40), short: 'aaaaaaa', subject: 'newest', onBranch: true },
    { sha: 'bbbbbbb', short: 'bbbbbbb', subject: 'older', onBranch: true },
    { sha: 'ccccccc', short: 'ccccccc', subject: '', onBranch: false },
  ]);
  assert.equal(headAs(commitOrder(['bbbbbbb'], log), 'b'.repeat(40)), 'bbbbbbb');
  assert.equal(headAs([], 'd'.repeat(40)), 'd'.repeat(40));
  assert.equal(headAs([], undefined), undefined);
});
