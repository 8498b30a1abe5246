import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCommitId } from '../../../src/extension/git/commitId';
import { GitError } from '../../../src/extension/git/gitErrors';
import { isFullCommitId, shortCommitId } from '../../../src/webview/shared/mlflowIds';

test('commit ids of 7 to 40 hex digits pass, lowered', () => {
  assert.equal(parseCommitId('9b64e09'), '9b64e09');
  assert.equal(parseCommitId('9B64E09012181B8429B6D9ADA9ECBCDF5C149EBF'), '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf');
  assert.equal(isFullCommitId(parseCommitId('9b64e09012181b8429b6d9ada9ecbcdf5c149ebf')), true);
  assert.equal(isFullCommitId(parseCommitId('9b64e09')), false);
  assert.equal(shortCommitId('9b64e09012181b8429b6d9ada9ecbcdf5c149ebf'), '9b64e09');
});

const hostile = [
  '--upload-pack=touch x',
  '-x',
  'HEAD;rm -rf .',
  'a'.repeat(41),
  'HEAD',
  'HEAD~1',
  'main',
  '',
  '9b64e0',
  '9b64e09 ',
  ' 9b64e09',
  '9b64e09\n',
  '9b64e09^{tree}',
  '9b64e09:train.py',
  '$(touch x)',
  'g'.repeat(40),
];

for (const value of hostile) {
  test(`the commit string ${JSON.stringify(value)} is refused with a specific error`, () => {
    assert.throws(
      () => parseCommitId(value),
      (error: unknown) =>
        error instanceof GitError && error.reason === 'invalidCommitId' && error.errorCode === 'GIT_INVALID_COMMIT_ID',
    );
  });
}

test('the error says what is wrong with the id', () => {
  assert.throws(() => parseCommitId('a'.repeat(41)), /more than 40 hex digits/);
  assert.throws(() => parseCommitId('abc'), /fewer than 7 hex digits/);
  assert.throws(() => parseCommitId('--upload-pack=x'), /7 to 40 hexadecimal digits/);
});

test('property: whatever passes is 7-40 or 64 lowercase hex, so git can never read it as an option', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 50 }), (text) => {
      let parsed: string | undefined;
      try {
        parsed = parseCommitId(text);
      } catch (error) {
        assert.ok(error instanceof GitError && error.reason === 'invalidCommitId');
        return;
      }
      assert.match(parsed, /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/);
    }),
    { numRuns: 2000 },
  );
});

test('property: every hex string of 7 to 40 digits or of 64 passes, and no other length does', () => {
  const hex = (min: number, max: number) =>
    fc
      .array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: min, maxLength: max })
      .map((chars) => chars.join(''));
  fc.assert(fc.property(hex(7, 40), (id) => assert.equal(parseCommitId(id), id.toLowerCase())));
  fc.assert(fc.property(hex(64, 64), (id) => assert.equal(parseCommitId(id), id.toLowerCase())));
  fc.assert(
    fc.property(
      hex(41, 80).filter((id) => id.length !== 64),
      (id) => assert.throws(() => parseCommitId(id), GitError),
    ),
  );
});
