import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { GitDocument } from '../../../src/extension/code/gitDocument';
import {
  GitDocumentReader,
  diffTitle,
  documentText,
  gitDocumentQuery,
  gitDocumentTitle,
  parseGitDocumentQuery,
} from '../../../src/extension/code/gitDocument';
import { GitError } from '../../../src/extension/git/gitErrors';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { commitAll, git, removeTempFolders, tempFolder, writeFiles } from '../git/helpers/gitCli';

const COMMIT = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';

/** The query and the URI path VS Code would hand back for `document`. */
function roundTrip(document: GitDocument): GitDocument {
  return parseGitDocumentQuery(gitDocumentQuery(document), `${document.repository}/${document.path}`);
}

function query(fields: Record<string, unknown>): string {
  return JSON.stringify({ repository: '/work/demo', commit: COMMIT, path: 'train.py', ...fields });
}

test('a document survives its URI: repository, commit, path, run name and the absent flag', () => {
  const document: GitDocument = {
    repository: '/work/demo',
    commit: COMMIT,
    path: 'src/model/train.py',
    runName: 'lr-0.01',
  };
  assert.deepEqual(roundTrip(document), document);
  assert.deepEqual(roundTrip({ ...document, absent: true }), { ...document, absent: true });
  const upper = roundTrip({ ...document, commit: COMMIT.toUpperCase() });
  assert.equal(upper.commit, COMMIT);
});

test('the title names the short commit and the run; slashes and control characters cannot cut the label', () => {
  assert.equal(gitDocumentTitle({ commit: COMMIT, runName: 'lr-0.01' }), '9b64e09, lr-0.01');
  assert.equal(gitDocumentTitle({ commit: COMMIT }), '9b64e09');
  const hostile = gitDocumentTitle({ commit: COMMIT, runName: '<script>alert("x")</script>\n\u202e/..\\x' });
  assert.ok(!/[/\\\n\u202e]/.test(hostile), hostile);
  assert.match(hostile, /^9b64e09, <script>alert\("x"\)<\u2215script>/);
  assert.equal(
    JSON.parse(gitDocumentQuery({ repository: '/r', commit: COMMIT, path: 'a.py', runName: 'a/b' })).title,
    '9b64e09, a\u2215b',
  );
});

test('hostile or malformed URIs are refused with a specific error before any git runs', () => {
  const refused: [string, string, RegExp][] = [
    ['not json', '/work/demo/train.py', /query is not JSON/],
    ['[1]', '/work/demo/train.py', /not an object/],
    [JSON.stringify({ repository: '/work/demo', path: 'train.py' }), '/work/demo/train.py', /missing/],
    [query({ commit: '--upload-pack=touch x' }), '/work/demo/train.py', /Invalid commit id/],
    [query({ commit: 'HEAD;rm -rf .' }), '/work/demo/train.py', /Invalid commit id/],
    [query({ commit: '-x' }), '/work/demo/train.py', /Invalid commit id/],
    [query({ commit: 'a'.repeat(41) }), '/work/demo/train.py', /more than 40/],
    [query({ path: '../../etc/passwd' }), '/etc/passwd', /Invalid path/],
    [query({ path: '/etc/passwd' }), '/etc/passwd', /Invalid path/],
    [query({ repository: 'relative/repo' }), '/relative/repo/train.py', /Not an absolute repository/],
    [query({ repository: '/work/demo/../other' }), '/work/other/train.py', /Not an absolute repository/],
    [query({ run: 42 }), '/work/demo/train.py', /run name is not text/],
    [query({ absent: 'yes' }), '/work/demo/train.py', /"absent"/],
    [query({}), '/work/demo/other.py', /is not the file train.py/],
  ];
  for (const [text, path, message] of refused) {
    assert.throws(
      () => parseGitDocumentQuery(text, path),
      (error: unknown) => {
        assert.ok(error instanceof MlflowError, String(error));
        assert.match(error.message, message, text);
        return true;
      },
    );
  }
});

test('diff titles name the file (both names for a rename) and both sides', () => {
  const from = { commit: COMMIT, runName: 'baseline-adam' };
  const to = { commit: 'f3b9b867aa0a2b8e3e0d1b1e7c3f1a9c2d8e4b5a', runName: 'sgd/momentum' };
  assert.equal(
    diffTitle({ status: 'modified', path: 'src/train.py', letter: 'M' }, from, to),
    'train.py (9b64e09 baseline-adam ↔ f3b9b86 sgd\u2215momentum)',
  );
  assert.equal(
    diffTitle(
      { status: 'renamed', path: 'utils/dataset.py', oldPath: 'utils/data.py', letter: 'R' },
      { commit: COMMIT },
      'workingTree',
    ),
    'data.py → dataset.py (9b64e09 ↔ Working Tree)',
  );
});

let repository = '';
let first = '';
let second = '';

before(() => {
  repository = tempFolder();
  git(repository, 'init', '--quiet');
  writeFiles(repository, {
    'train.py': 'print("v1")\n',
    'data/blob.bin': 'PK\0\0binary',
    'bom.txt': '\ufeffwith a byte order mark\n',
  });
  first = commitAll(repository, 'first');
  writeFiles(repository, { 'train.py': 'print("v2")\n' });
  git(repository, 'rm', '--quiet', 'bom.txt');
  second = commitAll(repository, 'second');
});
after(removeTempFolders);

test("the reader gives a file's text at each commit, equal to git show", async () => {
  const reader = new GitDocumentReader(() => [repository]);
  for (const commit of [first, second]) {
    assert.equal(
      await reader.read({ repository, commit, path: 'train.py' }),
      git(repository, 'show', `${commit}:train.py`),
    );
  }
  assert.equal(await reader.read({ repository, commit: first.slice(0, 7), path: 'train.py' }), 'print("v1")\n');
});

test('a byte order mark is dropped, a binary file is named not dumped, a missing file and an absent side are empty', async () => {
  const reader = new GitDocumentReader(() => [repository]);
  assert.equal(await reader.read({ repository, commit: first, path: 'bom.txt' }), 'with a byte order mark\n');
  assert.match(
    await reader.read({ repository, commit: first, path: 'data/blob.bin' }),
    /data\/blob\.bin is a binary file \(10 bytes\)/,
  );
  assert.equal(await reader.read({ repository, commit: second, path: 'bom.txt' }), '');
  assert.equal(await reader.read({ repository: '/nonexistent/folder', commit: first, path: 'x', absent: true }), '');
  assert.equal(documentText(Buffer.from('plain'), 'x'), 'plain');
});

test('the reader refuses a folder that is not a repository top level, a repository outside the workspace, and a commit the repository lacks', async () => {
  const reader = new GitDocumentReader(() => [repository]);
  writeFiles(repository, { 'sub/keep.txt': 'x' });
  await assert.rejects(
    reader.read({ repository: join(repository, 'sub'), commit: first, path: 'train.py' }),
    (error: unknown) => {
      assert.ok(error instanceof GitError && error.reason === 'notARepository', String(error));
      return true;
    },
  );
  const outside = tempFolder();
  git(outside, 'init', '--quiet');
  await assert.rejects(reader.read({ repository: outside, commit: first, path: 'train.py' }), (error: unknown) => {
    assert.ok(error instanceof MlflowError && error.errorCode === 'PERMISSION_DENIED', String(error));
    assert.match(error.message, /is not a repository of this workspace/);
    return true;
  });
  const plain = tempFolder();
  await assert.rejects(
    new GitDocumentReader(() => [plain]).read({ repository: plain, commit: first, path: 'train.py' }),
    /not the top-level folder/,
  );
  const withSubfolder = new GitDocumentReader(() => [join(repository, 'sub')]);
  assert.equal(
    await withSubfolder.read({ repository, commit: first, path: 'train.py' }),
    'print("v1")\n',
    'a workspace folder inside the repository',
  );
  await assert.rejects(reader.read({ repository, commit: 'deadbeefdeadbeef', path: 'train.py' }), (error: unknown) => {
    assert.ok(error instanceof GitError, String(error));
    assert.equal(error.reason, 'unknownCommit');
    return true;
  });
});
