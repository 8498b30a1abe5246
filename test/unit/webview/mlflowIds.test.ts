import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommitId } from '../../../src/extension/git/commitId';
import { parseCheckoutRecord } from '../../../src/extension/git/checkoutRecord';
import { requireRunCommit, runSourceOf } from '../../../src/extension/git/runSource';
import { runFamily } from '../../../src/extension/runPanel/runDetails';
import { runCommit } from '../../../src/extension/runs/runPresentation';
import { commitFilter } from '../../../src/extension/sidebar/runQuery';
import { openStore } from '../../../src/extension/tracking/openStore';
import {
  isCommitId,
  isFullCommitId,
  isRunId,
  shortCommitId,
  SHORT_COMMIT_LENGTH,
} from '../../../src/webview/shared/mlflowIds';
import { startScriptedServer } from '../../support/scriptedServer';
import type { ScriptedServer } from '../../support/scriptedServer';
import { loadTranscripts, responseBytes } from '../../support/transcripts';
import { aRun } from '../../support/runBuilder';

const SHA1 = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';
const SHA256 = `${SHA1}0123456789abcdef01234567`;

/** [text, a commit id (full or abbreviated), a full commit id] */
const COMMITS: readonly [string, boolean, boolean][] = [
  [SHA1, true, true],
  [SHA256, true, true],
  ['9b64e09', true, false],
  [SHA1.slice(0, 39), true, false],
  ['9b64e0', false, false],
  [`${SHA1}a`, false, false],
  [SHA256.slice(0, 63), false, false],
  [`${SHA256}a`, false, false],
  [SHA1.toUpperCase(), false, false],
  ['', false, false],
  ['g'.repeat(40), false, false],
  ['--upload-pack=touch x', false, false],
  [' 9b64e09', false, false],
  ['9b64e09\n', false, false],
  ['HEAD~1', false, false],
];

test('commit ids: full is 40 or 64 lowercase hex digits, abbreviated is 7 to 40 more', () => {
  assert.deepEqual(
    COMMITS.map(([text]) => [text, isCommitId(text), isFullCommitId(text)]),
    COMMITS,
  );
  assert.equal(SHORT_COMMIT_LENGTH, 7);
  assert.equal(shortCommitId(SHA256), '9b64e09');
  assert.equal(shortCommitId('9b64e09'), '9b64e09');
});

test('run ids: what MLflow accepts (a letter or digit, then up to 255 of letters, digits, _ and -), nothing else', () => {
  const table: [string, boolean][] = [
    ['4b3c988b9a7b435e9c3ebfc416b5a356', true],
    ['a', true],
    ['A_b-9', true],
    ['a'.repeat(256), true],
    ['a'.repeat(257), false],
    ['_abc', false],
    ['-x', false],
    ['', false],
    ['a/b', false],
    ['..', false],
    ["a'b", false],
    ['a b', false],
    ['\u00e9t\u00e9', false],
    ['abc\n', false],
  ];
  assert.deepEqual(
    table.map(([text]) => [text, isRunId(text)]),
    table,
  );
});

function accepts(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

// Before one rule, a run's tag was a commit at 7-64 digits, git took 7-40, the commit filter and the
// checkout records 40 (and 64): a 41-digit tag showed as a commit that every git command refused,
// and a SHA-256 run showed a commit it could never check out.
test('every path agrees: the commit a run shows is the one git takes; filters and records take its full form', () => {
  const record = {
    repository: '/r',
    runId: 'r',
    runName: 'n',
    commit: SHA1,
    previous: { kind: 'branch', branch: 'main' },
    stashes: [],
  };
  for (const [text, , full] of COMMITS) {
    for (const tag of new Set([text, text.toUpperCase()])) {
      const lowered = tag.trim().toLowerCase();
      const run = aRun('r', { tags: { 'mlflow.source.git.commit': tag } });
      const shown = runCommit(run);
      assert.equal(shown, isCommitId(lowered) ? lowered : undefined, `runCommit(${JSON.stringify(tag)})`);
      const checkedOut = accepts(() => assert.equal(requireRunCommit(runSourceOf(run)), shown));
      assert.equal(checkedOut, shown !== undefined, `the git commands on a run tagged ${JSON.stringify(tag)}`);
      assert.equal(
        accepts(() => parseCommitId(lowered)),
        shown !== undefined,
        `parseCommitId(${JSON.stringify(tag)})`,
      );
      assert.equal(
        accepts(() => commitFilter(tag)),
        isFullCommitId(lowered),
        `commitFilter(${JSON.stringify(tag)})`,
      );
    }
    assert.equal(
      accepts(() => parseCheckoutRecord({ ...record, commit: text })),
      full,
      `record of ${text}`,
    );
  }
});

let server: ScriptedServer | undefined;
after(() => server?.close());

test('the run panel lists children of any run id MLflow accepts, and asks nothing for one it does not', async () => {
  const [child] = loadTranscripts(['070']);
  server = await startScriptedServer((request) =>
    request.path === '/api/2.0/mlflow/runs/search'
      ? { body: { runs: [(JSON.parse(responseBytes(child!).toString('utf8')) as { run: unknown }).run] } }
      : { status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND' } },
  );
  const store = await openStore(server.url, { env: {} });
  try {
    const long = `a${'0'.repeat(99)}`;
    const family = await runFamily(store, aRun(long));
    assert.deepEqual(
      family.children.map((link) => link.name),
      ['sweep-parent-trial-0'],
    );
    assert.equal(server.requests.length, 1);
    assert.match(server.requests[0]!.text, new RegExp(`mlflow\\.parentRunId\` = '${long}'`));

    const refused = await runFamily(store, aRun('-x'));
    assert.deepEqual(refused, { children: [], moreChildren: false });
    assert.equal(server.requests.length, 1, 'no search for a run id MLflow would refuse');
  } finally {
    store.dispose();
  }
});
