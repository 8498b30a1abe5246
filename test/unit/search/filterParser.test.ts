import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Comparison } from '../../../src/extension/tracking/search/filterParser';
import { parseRunFilter } from '../../../src/extension/tracking/search/filterParser';

function only(filter: string): Comparison {
  const comparisons = parseRunFilter(filter);
  assert.equal(comparisons.length, 1, `one comparison in ${filter}`);
  return comparisons[0]!;
}

function shape(filter: string): Omit<Comparison, 'position'> {
  const { position: _position, ...rest } = only(filter);
  return rest;
}

describe('parseRunFilter: comparators', () => {
  for (const comparator of ['=', '!=', '<', '<=', '>', '>='] as const) {
    test(`metrics and numeric attributes take ${comparator}`, () => {
      assert.deepEqual(shape(`metrics.loss ${comparator} 0.5`), {
        entityType: 'metric',
        key: 'loss',
        comparator,
        value: 0.5,
      });
      assert.deepEqual(shape(`attributes.end_time ${comparator} 17`), {
        entityType: 'attribute',
        key: 'end_time',
        comparator,
        value: 17,
      });
    });
  }
  for (const comparator of ['=', '!=', 'LIKE', 'ILIKE'] as const) {
    test(`params, tags, string attributes and datasets take ${comparator}`, () => {
      assert.deepEqual(shape(`params.opt ${comparator} 'a%'`), {
        entityType: 'param',
        key: 'opt',
        comparator,
        value: 'a%',
      });
      assert.deepEqual(shape(`tags.team ${comparator} "b_"`), {
        entityType: 'tag',
        key: 'team',
        comparator,
        value: 'b_',
      });
      assert.deepEqual(shape(`attributes.user_id ${comparator} 'c'`), {
        entityType: 'attribute',
        key: 'user_id',
        comparator,
        value: 'c',
      });
      assert.deepEqual(shape(`datasets.digest ${comparator} 'd'`), {
        entityType: 'dataset',
        key: 'digest',
        comparator,
        value: 'd',
      });
    });
  }
  for (const comparator of ['IN', 'NOT IN'] as const) {
    test(`run_id and datasets take ${comparator} with a list`, () => {
      assert.deepEqual(shape(`attributes.run_id ${comparator} ('a1', 'b2')`), {
        entityType: 'attribute',
        key: 'run_id',
        comparator,
        value: ['a1', 'b2'],
      });
      assert.deepEqual(shape(`datasets.name ${comparator} ('iris',)`), {
        entityType: 'dataset',
        key: 'name',
        comparator,
        value: ['iris'],
      });
      assert.deepEqual(shape(`datasets.context ${comparator} ("train", 'eval')`), {
        entityType: 'dataset',
        key: 'context',
        comparator,
        value: ['train', 'eval'],
      });
    });
  }
  test('keywords are case-insensitive for run filters', () => {
    assert.equal(only("params.a like 'x'").comparator, 'LIKE');
    assert.equal(only("params.a Ilike 'x'").comparator, 'ILIKE');
    assert.equal(only("run_id in ('ab')").comparator, 'IN');
    assert.equal(only("run_id not  In ('ab')").comparator, 'NOT IN');
  });
});

describe('parseRunFilter: entities and attributes', () => {
  const entities: [string, Comparison['entityType']][] = [
    ['metric', 'metric'],
    ['metrics', 'metric'],
    ['param', 'param'],
    ['params', 'param'],
    ['parameter', 'param'],
    ['parameters', 'param'],
    ['tag', 'tag'],
    ['tags', 'tag'],
  ];
  for (const [prefix, entityType] of entities) {
    test(`${prefix}.x is a ${entityType}`, () => {
      const value = entityType === 'metric' ? '1' : "'1'";
      assert.equal(only(`${prefix}.x = ${value}`).entityType, entityType);
    });
  }
  for (const prefix of ['attribute', 'attributes', 'attr', 'run', '`attributes`']) {
    test(`${prefix}.status is an attribute`, () => {
      assert.deepEqual(shape(`${prefix}.status = 'FAILED'`), {
        entityType: 'attribute',
        key: 'status',
        comparator: '=',
        value: 'FAILED',
      });
    });
  }
  test('dataset and datasets name a run dataset input', () => {
    assert.equal(only("dataset.name = 'iris'").entityType, 'dataset');
    assert.equal(only("datasets.context = 'eval'").key, 'context');
  });
  const attributes: [string, string, string][] = [
    ['run_id', 'run_id', "'abc'"],
    ['run_name', 'run_name', "'x'"],
    ['user_id', 'user_id', "'u'"],
    ['status', 'status', "'RUNNING'"],
    ['artifact_uri', 'artifact_uri', "'s3://b'"],
    ['start_time', 'start_time', '1'],
    ['end_time', 'end_time', '2'],
    ['created', 'start_time', '3'],
    ['Created', 'start_time', '4'],
    ['`run name`', 'run_name', "'a'"],
    ['"Run name"', 'run_name', "'b'"],
    ['`Run Name`', 'run_name', "'c'"],
  ];
  for (const [written, key, value] of attributes) {
    test(`attribute ${written} compares ${key}, with or without a prefix`, () => {
      assert.equal(only(`${written} = ${value}`).key, key);
      assert.equal(only(`attributes.${written} = ${value}`).key, key);
    });
  }
});

describe('parseRunFilter: keys', () => {
  test('quoted with backticks, double or single quotes, holding spaces, slashes and dots', () => {
    assert.equal(only('metrics.`train/loss` < 1').key, 'train/loss');
    assert.equal(only('metrics."val loss" < 1').key, 'val loss');
    assert.equal(only("metrics.'val loss' < 1").key, 'val loss');
    assert.equal(only("tags.`mlflow.source.git.commit` = 'f3'").key, 'mlflow.source.git.commit');
    assert.equal(only('metrics.`精度` > 0.9').key, '精度');
  });
  test('unquoted keys may hold dots, digits and underscores', () => {
    assert.equal(only("tags.mlflow.parentRunId = 'p'").key, 'mlflow.parentRunId');
    assert.equal(only('metrics.2nd_stage_loss > 0').key, '2nd_stage_loss');
    assert.equal(only('metrics.精度 > 0').key, '精度');
  });
  test('nothing inside quotes is unescaped, as in MLflow', () => {
    assert.equal(only('metrics.`a``b` > 0').key, 'a``b');
    assert.equal(only('tags."a""b" = \'x\'').key, 'a""b');
  });
});

describe('parseRunFilter: values', () => {
  test('numbers: integers, decimals, exponents, negatives', () => {
    const values = ['0', '42', '-7', '0.25', '-.5', '3.', '1e3', '-2.5E-2', '1794600000000'].map(
      (text) => only(`metrics.m > ${text}`).value,
    );
    assert.deepEqual(values, [0, 42, -7, 0.25, -0.5, 3, 1000, -0.025, 1794600000000]);
  });
  test('strings keep their inner text as written: doubled quotes and backslashes stay', () => {
    assert.equal(only("params.p = 'it''s'").value, "it''s");
    assert.equal(only("params.p = 'it\\'s'").value, "it\\'s");
    assert.equal(only('params.p = "say ""hi"""').value, 'say ""hi""');
    assert.equal(only("params.p = ''").value, '');
    assert.equal(only("params.p = 'a AND b = ''c'''").value, "a AND b = ''c''");
  });
  test('an escaped backslash ends before the closing quote, as in sqlparse', () => {
    assert.deepEqual(
      parseRunFilter('params.p = \'a\\\\\' AND params.q = "b\\\\"').map((comparison) => comparison.value),
      ['a\\\\', 'b\\\\'],
    );
  });
  test('lists are Python tuples: escapes decoded, adjacent strings joined, trailing comma allowed', () => {
    assert.deepEqual(only("run_id IN ('a\\'b', \"c\\x64\", 'e' 'f', )").value, ["a'b", 'cd', 'ef']);
    assert.deepEqual(only("run_id IN ( 'ab' )").value, ['ab']);
  });
  test('list values that are not lower-case are dropped, as MLflow drops them', () => {
    assert.deepEqual(only("run_id IN ('ABC', 'abc', '123', 'a1')").value, ['abc', 'a1']);
    assert.deepEqual(only("datasets.name NOT IN ('Iris')").value, []);
  });
});

describe('parseRunFilter: AND, whitespace, positions', () => {
  test('AND joins any number of comparisons, in order, whatever its case', () => {
    const comparisons = parseRunFilter(
      "metrics.a > 1 AND params.b = 'x' and tags.c != 'y' And attributes.status = 'FINISHED'",
    );
    assert.deepEqual(
      comparisons.map((comparison) => [comparison.entityType, comparison.key, comparison.position]),
      [
        ['metric', 'a', 0],
        ['param', 'b', 18],
        ['tag', 'c', 37],
        ['attribute', 'status', 55],
      ],
    );
  });
  test('spaces are optional around comparators and may be any whitespace', () => {
    assert.deepEqual(
      parseRunFilter('metrics.a>1 AND\tparams.b=\'x\'\nAND tags.c!="y"').map((comparison) => comparison.value),
      [1, 'x', 'y'],
    );
    assert.equal(only('   metrics.a >= -1   ').position, 3);
  });
  test('an empty or blank filter has no comparison', () => {
    assert.deepEqual(parseRunFilter(''), []);
    assert.deepEqual(parseRunFilter(' \t\n'), []);
  });
  test('the same key may appear twice, for a range', () => {
    assert.deepEqual(
      parseRunFilter('metrics.loss >= 0.1 AND metrics.loss <= 0.15').map((comparison) => comparison.comparator),
      ['>=', '<='],
    );
  });
});
