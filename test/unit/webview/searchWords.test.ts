// The words of MLflow's search language and the quoting of keys, checked against the tracking client's own
// parser (which agrees with a real MLflow 3.5.1 server: test/unit/search/serverAgreement*.test.ts) on every
// key the fixture store logged and on keys that need quoting.
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { SearchSyntaxError } from '../../../src/extension/tracking/errors';
import { parseRunFilter } from '../../../src/extension/tracking/search/filterParser';
import { parseRunOrderBy } from '../../../src/extension/tracking/search/searchRequest';
import {
  ENTITY_PREFIX,
  RUN_ENTITIES,
  quotedKey,
  runEntityOfWord,
  unquotedKey,
} from '../../../src/webview/shared/searchWords';

/** Every param, metric and tag key of the fixture server store, and keys that need quoting. */
function keysToWrite(): string[] {
  const db = new DatabaseSync('test/fixtures/mlflow-3.5.1/server-store/mlflow.db', { readOnly: true });
  try {
    const logged = db
      .prepare('SELECT key FROM params UNION SELECT key FROM latest_metrics UNION SELECT key FROM tags')
      .all()
      .map((row) => String(row.key));
    return [...logged, 'a`b', "it's", 'a.', 'a..b', '.a', 'and', 'NOT', '1st', 'val loss', '精度', 'x-y', 'a"b'];
  } finally {
    db.close();
  }
}

test('quotedKey writes keys bare when they read back as themselves, else quoted', () => {
  assert.deepEqual(
    ['loss', 'mlflow.source.git.commit', '精度', 'train/loss', 'val loss', 'and', '1st', 'a`b', 'a.', 'a`"b'].map(
      quotedKey,
    ),
    [
      'loss',
      'mlflow.source.git.commit',
      '精度',
      '`train/loss`',
      '`val loss`',
      '`and`',
      '`1st`',
      '"a`b"',
      '`a.`',
      undefined,
    ],
  );
});

test("every written key reads back as itself through the tracking client's parser, in a filter and in order_by", () => {
  const keys = keysToWrite();
  assert.ok(keys.length > 60, `${keys.length} keys`);
  for (const key of keys) {
    const written = quotedKey(key);
    assert.notEqual(written, undefined, key);
    assert.equal(unquotedKey(written!), key);
    for (const entity of ['param', 'metric', 'tag'] as const) {
      const value = entity === 'metric' ? '1' : "'x'";
      const [comparison] = parseRunFilter(`${ENTITY_PREFIX[entity]}.${written!} = ${value}`);
      assert.deepEqual([comparison?.entityType, comparison?.key], [entity, key], written);
      const [clause] = parseRunOrderBy([`${ENTITY_PREFIX[entity]}.${written!} DESC`]);
      assert.deepEqual(clause, { entityType: entity, key, ascending: false }, written);
    }
  }
});

test('the entity words are the ones MLflow accepts; a word an object inherits is none', () => {
  for (const [word, type] of Object.entries(RUN_ENTITIES)) {
    assert.equal(runEntityOfWord(word), type);
    const key = type === 'attribute' ? 'status' : type === 'dataset' ? 'name' : 'k';
    const value = type === 'metric' ? '1' : "'x'";
    assert.equal(parseRunFilter(`${word}.${key} = ${value}`)[0]?.entityType, type, word);
  }
  for (const word of ['constructor', 'toString', '__proto__', 'Metrics', 'hasOwnProperty']) {
    assert.equal(runEntityOfWord(word), undefined, word);
    assert.throws(() => parseRunFilter(`${word}.x = 'y'`), SearchSyntaxError);
  }
});
