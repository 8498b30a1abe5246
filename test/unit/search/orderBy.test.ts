import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SearchSyntaxError } from '../../../src/extension/tracking/errors';
import { parseExperimentOrderBy, parseRunOrderBy } from '../../../src/extension/tracking/search/searchRequest';
import { loadTranscript } from './support/recordedTranscripts';

function syntaxErrorOf(run: () => unknown): SearchSyntaxError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SearchSyntaxError, String(error));
    return error;
  }
  assert.fail('no error');
}

describe('parseRunOrderBy', () => {
  test('entity, key and direction, ascending by default, direction in any case', () => {
    assert.deepEqual(
      parseRunOrderBy([
        'metrics.loss',
        'metric.`val loss` DESC',
        'params.lr asc',
        'tags."mlflow.source.git.commit" Desc',
        'attributes.start_time DESC',
        'run_name',
        "param.'batch size' ASC",
        'tags.mlflow.runName   desc',
      ]),
      [
        { entityType: 'metric', key: 'loss', ascending: true },
        { entityType: 'metric', key: 'val loss', ascending: false },
        { entityType: 'param', key: 'lr', ascending: true },
        { entityType: 'tag', key: 'mlflow.source.git.commit', ascending: false },
        { entityType: 'attribute', key: 'start_time', ascending: false },
        { entityType: 'attribute', key: 'run_name', ascending: true },
        { entityType: 'param', key: 'batch size', ascending: true },
        { entityType: 'tag', key: 'mlflow.runName', ascending: false },
      ],
    );
  });
  test('every orderable attribute, created as start_time', () => {
    const keys = [
      'run_id',
      'run_name',
      'user_id',
      'status',
      'artifact_uri',
      'start_time',
      'end_time',
      'created',
      'Created',
    ];
    assert.deepEqual(
      keys.map((key) => parseRunOrderBy([`attr.${key}`])[0]!.key),
      ['run_id', 'run_name', 'user_id', 'status', 'artifact_uri', 'start_time', 'end_time', 'start_time', 'start_time'],
    );
  });
  test("137: a direction other than ASC or DESC, with the server's message beside ours", () => {
    const transcript = loadTranscript('137-error-runs-search-bad-order-by.json');
    const error = syntaxErrorOf(() => parseRunOrderBy(['metrics.accuracy SIDEWAYS']));
    assert.equal(error.errorCode, transcript.response.body.error_code);
    assert.equal(error.position, 17);
    assert.match(
      error.message,
      /Invalid ordering key in order_by clause 'metrics\.accuracy SIDEWAYS'/,
      `server: ${transcript.response.body.message}`,
    );
  });
  const failures: [string, number, RegExp][] = [
    ['', 0, /could not be parsed/],
    [' metrics.loss', 0, /could not be parsed/],
    ['metrics.loss DESC ', 17, /could not be parsed/],
    ['metrics.loss DESC extra', 18, /unexpected 'extra' after DESC/],
    ['metrics.loss > 1', 13, /unexpected '>'/],
    ['metric.a, metric.b', 8, /Unexpected character ','/],
    ['datasets.name', 0, /cannot be ordered by datasets/],
    ['attributes.`run name`', 11, /Invalid attribute key 'run name'/],
    ['attributes.lifecycle_stage DESC', 11, /Invalid attribute key 'lifecycle_stage'/],
    ['foo.bar', 0, /Invalid entity type 'foo'/],
  ];
  for (const [clause, position, message] of failures) {
    test(`refuses ${JSON.stringify(clause)} at ${position}`, () => {
      const error = syntaxErrorOf(() => parseRunOrderBy([clause]));
      assert.equal(error.errorCode, 'INVALID_PARAMETER_VALUE');
      assert.equal(error.input, clause);
      assert.equal(error.position, position, error.message);
      assert.match(error.message, message);
    });
  }
  test('the same field twice is refused, whatever spelling names it', () => {
    assert.match(syntaxErrorOf(() => parseRunOrderBy(['metrics.loss', 'metric.`loss` DESC'])).message, /twice/);
    assert.match(syntaxErrorOf(() => parseRunOrderBy(['created', 'attributes.start_time'])).message, /twice/);
    assert.equal(parseRunOrderBy(['metrics.loss', 'params.loss', 'tags.loss']).length, 3);
  });
});

describe('parseExperimentOrderBy', () => {
  test('name, experiment_id, creation_time, last_update_time', () => {
    assert.deepEqual(
      parseExperimentOrderBy(['name', 'experiment_id DESC', 'attribute.creation_time asc', 'last_update_time DESC']),
      [
        { key: 'name', ascending: true },
        { key: 'experiment_id', ascending: false },
        { key: 'creation_time', ascending: true },
        { key: 'last_update_time', ascending: false },
      ],
    );
  });
  test('tags and unknown keys are refused', () => {
    assert.match(syntaxErrorOf(() => parseExperimentOrderBy(['tags.team'])).message, /Invalid order_by entity/);
    assert.match(
      syntaxErrorOf(() => parseExperimentOrderBy(['artifact_location'])).message,
      /Invalid attribute key 'artifact_location'/,
    );
    assert.match(syntaxErrorOf(() => parseExperimentOrderBy(['name SIDEWAYS'])).message, /Invalid ordering key/);
  });
});
