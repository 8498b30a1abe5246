import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { queryArrays, queryRows } from '../../../src/extension/tracking/local/sqliteQuery';
import { LOCAL_DB, tempDir } from './fixtures';
import { withoutReturnArrays } from './support/withoutReturnArrays';
import { writeSql } from './sqliteWriter';

const CHILD_QUERIES = [
  'SELECT run_uuid, key, value FROM params ORDER BY run_uuid, key',
  'SELECT run_uuid, key, value FROM tags ORDER BY run_uuid, key',
  'SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics ORDER BY run_uuid, key',
];

test('rows as arrays hold the cells of the SELECT list in order, with or without setReturnArrays, and a text read as objects still gets objects', async () => {
  const dir = await tempDir();
  const path = join(dir, 'mlflow.db');
  await copyFile(LOCAL_DB, path);
  // Cells MLflow's store can hold besides text: a clamped infinity, a NaN (is_nan, value 0), a param
  // written by another tool as an integer (TEXT affinity keeps it as text) or as a blob.
  const run = 'a'.repeat(32);
  writeSql(
    path,
    `INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)
       VALUES ('${run}', 'odd', 'LOCAL', '', '', 'u', 'FINISHED', 1, 2, '', 'active', '', 0);
     INSERT INTO params (key, value, run_uuid) VALUES ('n', 7, '${run}'), ('raw', X'0102', '${run}');
     INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
       VALUES ('inf', 1.7976931348623157e308, 5, 3, 0, '${run}'), ('nan', 0, 6, 4, 1, '${run}');`,
  );
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    for (const sql of CHILD_QUERIES) {
      const objects = queryRows(db, sql);
      assert.ok(objects.length > 0, sql);
      const expected = objects.map((row) => Object.values(row));
      assert.deepEqual(queryArrays(db, sql), expected, sql);
      assert.deepEqual(queryArrays(withoutReturnArrays(db), sql), expected, `${sql} (no setReturnArrays)`);
      // The same text through queryRows after queryArrays: still objects keyed by column name.
      assert.deepEqual(queryRows(db, sql), objects, sql);
    }
    const odd = `SELECT key, value FROM params WHERE run_uuid = ? ORDER BY key`;
    assert.deepEqual(queryArrays(db, odd, [run]), [
      ['n', '7'],
      ['raw', new Uint8Array([1, 2])],
    ]);
    assert.deepEqual(
      queryArrays(
        db,
        'SELECT key, value, timestamp, step, is_nan FROM latest_metrics WHERE run_uuid = ? ORDER BY key',
        [run],
      ),
      [
        ['inf', 1.7976931348623157e308, 5, 3, 0],
        ['nan', 0, 6, 4, 1],
      ],
    );
    assert.deepEqual(queryArrays(db, 'SELECT key FROM params WHERE run_uuid = ?', ['none']), []);
  } finally {
    db.close();
  }
});
