import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SearchSyntaxError } from '../../../src/extension/tracking/errors';
import { parseExperimentFilter, parseRunFilter } from '../../../src/extension/tracking/search/filterParser';
import { parseExperimentOrderBy, parseRunOrderBy } from '../../../src/extension/tracking/search/searchRequest';
import { tokenize } from '../../../src/extension/tracking/search/filterSyntax';
import { runFilter } from './support/filterArbitraries';

/** Calls `parse` and fails unless it returns or throws a SearchSyntaxError pointing inside the text. */
function returnsOrThrowsSyntaxError(parse: (text: string) => unknown, text: string): void {
  try {
    parse(text);
  } catch (error) {
    if (!(error instanceof SearchSyntaxError))
      throw new Error(`not a SearchSyntaxError for ${JSON.stringify(text)}: ${String(error)}`);
    assert.equal(error.errorCode, 'INVALID_PARAMETER_VALUE');
    assert.equal(error.input, text);
    assert.ok(
      Number.isInteger(error.position) && error.position >= 0 && error.position <= text.length,
      `position ${error.position} in ${JSON.stringify(text)}`,
    );
  }
}

const parsers: [string, (text: string) => unknown][] = [
  ['parseRunFilter', parseRunFilter],
  ['parseExperimentFilter', parseExperimentFilter],
  ['parseRunOrderBy', (text) => parseRunOrderBy([text])],
  ['parseExperimentOrderBy', (text) => parseExperimentOrderBy([text])],
];

/** Strings made of the filter language's own pieces, so the parser gets past its first token. */
const filterish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'metrics.',
        'params.',
        'tags.',
        'attributes.',
        'datasets.',
        'run_id',
        'status',
        'name',
        'start_time',
        'loss',
        '`a b`',
        '"k"',
        "'v'",
        '"v"',
      ),
      fc.constantFrom(
        ' ',
        '=',
        '!=',
        '<',
        '>=',
        '~',
        ' AND ',
        ' and ',
        ' OR ',
        ' IN ',
        ' NOT ',
        ' LIKE ',
        ' IS ',
        ' NULL ',
        '(',
        ')',
        ',',
        '.',
        '-',
        '1',
        '0.5',
        '1e5',
        '\\',
        "'",
        '"',
        '`',
        ';',
      ),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));

/** A valid filter changed at one place: a slice cut out, a piece inserted, or a character replaced. */
const mutatedFilter = runFilter.chain(({ text }) =>
  fc.oneof(
    fc.tuple(fc.nat(text.length), fc.nat(6)).map(([at, length]) => text.slice(0, at) + text.slice(at + length)),
    fc
      .tuple(
        fc.nat(text.length),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 3 }),
          fc.constantFrom("'", '"', '`', '(', ')', ' OR ', ' AND ', '.', ','),
        ),
      )
      .map(([at, piece]) => text.slice(0, at) + piece + text.slice(at)),
    fc
      .tuple(fc.nat(Math.max(0, text.length - 1)), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
      .map(([at, char]) => text.slice(0, at) + char + text.slice(at + 1)),
  ),
);

describe('filter and order_by parsers never fail in any other way than SearchSyntaxError', () => {
  for (const [name, parse] of parsers) {
    test(`${name}: arbitrary Unicode strings`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => returnsOrThrowsSyntaxError(parse, text)),
        { numRuns: 2000 },
      );
    });
    test(`${name}: strings made of filter pieces`, () => {
      fc.assert(
        fc.property(filterish, (text) => returnsOrThrowsSyntaxError(parse, text)),
        { numRuns: 3000 },
      );
    });
  }
  test('parseRunFilter: valid filters mutated at one place', () => {
    fc.assert(
      fc.property(mutatedFilter, (text) => returnsOrThrowsSyntaxError(parseRunFilter, text)),
      { numRuns: 3000 },
    );
  });
  test('parseExperimentFilter: valid run filters mutated at one place', () => {
    fc.assert(
      fc.property(mutatedFilter, (text) => returnsOrThrowsSyntaxError(parseExperimentFilter, text)),
      { numRuns: 1000 },
    );
  });
});

describe('generated valid filters round-trip', () => {
  test('parseRunFilter gives back the comparisons a filter was built from, with their offsets', () => {
    fc.assert(
      fc.property(runFilter, ({ text, comparisons }) => {
        assert.deepEqual(parseRunFilter(text), comparisons, text);
      }),
      { numRuns: 3000 },
    );
  });
});

/** The tokens of a text, or the error the tokenizer throws, as data to compare. */
function tokensOrError(text: string, unicode: boolean): unknown {
  try {
    return tokenize(text, unicode);
  } catch (error) {
    return error instanceof SearchSyntaxError ? { error: error.message, position: error.position } : error;
  }
}

test('an ASCII text reads the same with the ASCII rules as with the Unicode ones: same tokens, same errors', () => {
  const ascii = fc.string({
    unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
    maxLength: 30,
  });
  fc.assert(
    fc.property(
      fc.oneof(
        filterish.filter((text) => /^[\x00-\x7f]*$/.test(text)),
        ascii,
        runFilter.map(({ text }) => text),
      ),
      (text) => {
        fc.pre(/^[\x00-\x7f]*$/.test(text));
        assert.deepEqual(tokensOrError(text, false), tokensOrError(text, true), text);
      },
    ),
    { numRuns: 3000 },
  );
});
