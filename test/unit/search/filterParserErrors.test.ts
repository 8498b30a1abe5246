import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SearchSyntaxError } from '../../../src/extension/tracking/errors';
import { parseExperimentFilter, parseRunFilter } from '../../../src/extension/tracking/search/filterParser';

interface ErrorCase {
  filter: string;
  /** Where the offending token starts. */
  position: number;
  /** What the message must say (it names the offending token). */
  message: RegExp;
}

function syntaxErrorOf(parse: (filter: string) => unknown, filter: string): SearchSyntaxError {
  try {
    parse(filter);
  } catch (error) {
    assert.ok(error instanceof SearchSyntaxError, `${filter}: ${String(error)}`);
    return error;
  }
  assert.fail(`no error for ${filter}`);
}

function check(parse: (filter: string) => unknown, cases: readonly ErrorCase[]): void {
  for (const { filter, position, message } of cases) {
    test(`${filter} -> position ${position}`, () => {
      const error = syntaxErrorOf(parse, filter);
      assert.equal(error.errorCode, 'INVALID_PARAMETER_VALUE');
      assert.equal(error.httpStatus, 400);
      assert.equal(error.input, filter);
      assert.equal(error.position, position, error.message);
      assert.match(error.message, message);
      assert.match(error.message, new RegExp(`\\b${position}\\b`), 'the message gives the position');
    });
  }
}

describe('parseRunFilter: errors, each at the offending token', () => {
  describe('text the tokenizer cannot read', () => {
    check(parseRunFilter, [
      { filter: "params.a = 'x' @ b", position: 15, message: /Unexpected character '@'/ },
      { filter: "params.a = 'unterminated", position: 11, message: /Unterminated quoted text/ },
      { filter: 'metrics.`open > 1', position: 8, message: /Unterminated/ },
      { filter: 'metrics.a > 1)', position: 13, message: /Unmatched '\)'/ },
      { filter: 'metrics.a > 0x1F', position: 12, message: /Hexadecimal number '0x1F'/ },
      { filter: "run_id IN ('a', 1)", position: 16, message: /Invalid list.*quoted string/ },
      { filter: "run_id IN ('a' 'b'", position: 18, message: /list is not closed/ },
      { filter: "run_id IN ('a\\x4')", position: 13, message: /truncated \\x escape/ },
    ]);
  });
  describe('comparators', () => {
    check(parseRunFilter, [
      { filter: 'metrics.accuracy >>> 0.9', position: 17, message: /Invalid comparator '>>>'/ },
      { filter: 'metrics.accuracy ~ 0.9', position: 17, message: /Invalid comparator '~'/ },
      { filter: "params.a <> 'x'", position: 9, message: /Invalid comparator '<>'/ },
      { filter: "params.a NOT LIKE 'x%'", position: 9, message: /Invalid comparator 'NOT LIKE'/ },
      { filter: "params.a REGEXP 'x'", position: 9, message: /Invalid comparator 'REGEXP'/ },
      {
        filter: "metrics.acc LIKE '0.9'",
        position: 12,
        message: /Invalid comparator 'LIKE' for metrics\.acc.*=, !=, <, <=, >, >=/,
      },
      { filter: "params.lr < '0.1'", position: 10, message: /Invalid comparator '<' for params\.lr/ },
      { filter: "tags.t IN ('a')", position: 7, message: /Invalid comparator 'IN' for tags\.t/ },
      {
        filter: 'attributes.start_time LIKE 5',
        position: 22,
        message: /Invalid comparator 'LIKE' for attributes\.start_time/,
      },
      { filter: "datasets.name < 'a'", position: 14, message: /Invalid comparator '<' for datasets\.name/ },
      { filter: 'tags.x IS NULL', position: 7, message: /'IS NULL'.*MLflow 3\.5\.1 has no IS \[NOT\] NULL/ },
      { filter: 'params.x is not null', position: 9, message: /'IS NOT NULL'/ },
      { filter: "params.x IS 'a'", position: 12, message: /Expected NULL after IS/ },
      { filter: "params.x NOT 'a'", position: 13, message: /Expected IN or LIKE/ },
      { filter: 'metrics.a 1', position: 10, message: /Expected a comparator after metrics\.a.*found '1'/ },
      { filter: 'metrics.a', position: 9, message: /Expected a comparator after metrics\.a.*end of the filter/ },
    ]);
  });
  describe('AND, OR and the shape of the filter', () => {
    check(parseRunFilter, [
      { filter: "metrics.a > 1 OR params.b = 'x'", position: 14, message: /no OR/ },
      { filter: "metrics.a > 1 or params.b = 'x'", position: 14, message: /no OR/ },
      {
        filter: 'metrics.a > 1 metrics.b > 2',
        position: 14,
        message: /Expected AND between comparisons, found 'metrics'/,
      },
      { filter: 'AND metrics.a > 1', position: 0, message: /Expected a comparison, found 'AND'/ },
      { filter: 'metrics.a > 1 AND', position: 17, message: /Expected a comparison after AND/ },
      { filter: 'metrics.a > 1 AND AND metrics.b > 2', position: 18, message: /Expected a comparison, found 'AND'/ },
      { filter: '(metrics.a > 1)', position: 1, message: /Invalid list/ },
      {
        filter: "params.a = ('x')",
        position: 11,
        message: /Expected a quoted string value for params\.a at position 11, found a list/,
      },
      { filter: "run_id = ('ab')", position: 9, message: /A list can only follow IN or NOT IN, not '='/ },
      { filter: "datasets.name LIKE ('ab')", position: 19, message: /A list can only follow IN or NOT IN, not 'LIKE'/ },
      {
        filter: "run_id IN 'abc'",
        position: 10,
        message: /Expected a parenthesised list of quoted strings after IN at position 10, found ''abc''/,
      },
      { filter: 'metrics.a >', position: 11, message: /Expected a value after metrics\.a >/ },
      { filter: 'metrics.a > 1; metrics.b > 2', position: 13, message: /Unexpected character ';'/ },
      {
        filter: '1 = params.a',
        position: 0,
        message: /Expected an identifier such as metrics\.loss at position 0, found '1'/,
      },
    ]);
  });
  describe('identifiers', () => {
    check(parseRunFilter, [
      { filter: 'foo.bar = 1', position: 0, message: /Invalid entity type 'foo'/ },
      { filter: 'Metrics.a > 1', position: 0, message: /Invalid entity type 'Metrics'/ },
      { filter: '"metrics".a > 1', position: 0, message: /Invalid entity type '"metrics"'/ },
      {
        filter: "attributes.lifecycle_stage = 'active'",
        position: 11,
        message: /Invalid attribute key 'lifecycle_stage'/,
      },
      { filter: "experiment_id = '1'", position: 0, message: /Invalid attribute key 'experiment_id'/ },
      { filter: "datasets.schema = 'x'", position: 9, message: /Invalid dataset key 'schema'/ },
      { filter: 'metrics. a > 1', position: 8, message: /Expected a key right after 'metrics\.'/ },
      { filter: 'metrics.train/loss < 1', position: 13, message: /Unexpected character '\/'/ },
      { filter: 'metrics.v1.5 > 1', position: 10, message: /Expected a comparator after metrics\.v1.*found '\.5'/ },
    ]);
  });
  describe('values', () => {
    check(parseRunFilter, [
      {
        filter: "metrics.accuracy > '0.9'",
        position: 19,
        message: /Expected a numeric value for metrics\.accuracy.*'0\.9'/,
      },
      {
        filter: 'attributes.start_time > "1"',
        position: 24,
        message: /Expected a numeric value for attributes\.start_time/,
      },
      { filter: 'params.optimizer = adam', position: 19, message: /Value adam for params\.optimizer .* is not quoted/ },
      { filter: 'tags.t = `adam`', position: 9, message: /Value `adam` for tags\.t .* is not quoted/ },
      {
        filter: 'params.lr = 0.01',
        position: 12,
        message: /Expected a quoted string value for params\.lr at position 12, found 0\.01/,
      },
      {
        filter: 'attributes.status = 1',
        position: 20,
        message: /Expected a quoted string value for attributes\.status/,
      },
      {
        filter: "attributes.status IN ('finished')",
        position: 21,
        message: /Only the run_id attribute can be compared with a list/,
      },
      { filter: 'run_id IN ()', position: 10, message: /Empty list for run_id/ },
    ]);
  });
});

describe('parseExperimentFilter', () => {
  test('name, creation_time, last_update_time and tags', () => {
    const comparisons = parseExperimentFilter(
      "name LIKE 'demo%' AND attribute.creation_time > 5 AND last_update_time <= 7 AND tags.team = 'x' AND tag.`a b` ILIKE 'y'",
    );
    assert.deepEqual(
      comparisons.map(({ entityType, key, comparator, value }) => [entityType, key, comparator, value]),
      [
        ['attribute', 'name', 'LIKE', 'demo%'],
        ['attribute', 'creation_time', '>', 5],
        ['attribute', 'last_update_time', '<=', 7],
        ['tag', 'team', '=', 'x'],
        ['tag', 'a b', 'ILIKE', 'y'],
      ],
    );
  });
  check(parseExperimentFilter, [
    { filter: "name === 'x'", position: 5, message: /Invalid comparator '==='/ },
    { filter: "name like 'x'", position: 5, message: /Invalid comparator 'like'.*capitals/ },
    { filter: "attributes.name = 'x'", position: 0, message: /Invalid entity type 'attributes'.*attribute, tag, tags/ },
    { filter: 'metrics.a > 1', position: 0, message: /Invalid entity type 'metrics'/ },
    { filter: "`tag`.a = 'x'", position: 0, message: /Invalid entity type '`tag`'/ },
    { filter: "experiment_id = '1'", position: 0, message: /Invalid attribute key 'experiment_id'/ },
    { filter: "name IN ('x')", position: 5, message: /Invalid comparator 'IN' for name/ },
    { filter: 'creation_time LIKE 5', position: 14, message: /Invalid comparator 'LIKE' for creation_time/ },
    { filter: "creation_time > '5'", position: 16, message: /Expected a numeric value for creation_time/ },
    { filter: 'name = demo', position: 7, message: /Value demo for name .* is not quoted/ },
    { filter: "tags.t < 'x'", position: 7, message: /Invalid comparator '<' for tags\.t/ },
    { filter: 'tags.t IS NOT NULL', position: 7, message: /'IS NOT NULL'/ },
  ]);
});
