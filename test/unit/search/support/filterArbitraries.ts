/**
 * fast-check generators of valid run filters, each with the comparisons it must parse to: every
 * entity spelling, every quoting form, every comparator, random keyword case and whitespace.
 */
import fc from 'fast-check';
import type { Comparator, Comparison } from '../../../../src/extension/tracking/search/filterParser';

export interface RenderedClause {
  text: string;
  comparison: Omit<Comparison, 'position'>;
}

export interface RenderedFilter {
  text: string;
  comparisons: Comparison[];
}

const space = fc.constantFrom(' ', '  ', '\t', '\n', ' \n ');
const optionalSpace = fc.constantFrom('', ' ', '\t');
const word = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const dottedWord = fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));

/** A key and how it is written: a bare (possibly dotted) word, or a name in backticks, double or single quotes. */
const key: fc.Arbitrary<{ written: string; key: string }> = fc.oneof(
  dottedWord.map((text) => ({ written: text, key: text })),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 12 })
    .filter((text) => !text.includes('`'))
    .map((text) => ({ written: `\`${text}\``, key: text })),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 12 })
    .filter((text) => !text.includes('"'))
    .map((text) => ({ written: `"${text}"`, key: text })),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 12 })
    .filter((text) => !text.includes("'"))
    .map((text) => ({ written: `'${text}'`, key: text })),
);

/** A string value in single or double quotes; its inner text comes back unchanged. */
const stringValue: fc.Arbitrary<{ written: string; value: string }> = fc.oneof(
  fc
    .string({ unit: 'binary', maxLength: 16 })
    .filter((text) => !text.includes("'"))
    .map((value) => ({ written: `'${value}'`, value })),
  fc
    .string({ unit: 'binary', maxLength: 16 })
    .filter((text) => !text.includes('"'))
    .map((value) => ({ written: `"${value}"`, value })),
);

/** A number written the way MLflow's tokenizer reads numbers (no `+` in exponents). */
const numberValue: fc.Arbitrary<{ written: string; value: number }> = fc
  .oneof(
    fc.integer({ min: -1e12, max: 1e15 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
  )
  // String(-0) is "0", which reads back as 0.
  .map((value) => (Object.is(value, -0) ? 0 : value))
  .map((value) => ({ written: String(value).replace('e+', 'e'), value }));

/** A list of lower-case strings (MLflow drops the others), written as a Python tuple. */
const lowerList: fc.Arbitrary<{ written: string; value: string[] }> = fc
  .array(fc.stringMatching(/^[a-f0-9]{0,6}[a-z][a-z0-9]{0,6}$/), { minLength: 1, maxLength: 4 })
  .chain((items) =>
    fc.tuple(fc.constant(items), fc.constantFrom('', ','), optionalSpace).map(([list, trailing, pad]) => ({
      written: `(${pad}${list.map((item) => `'${item}'`).join(`,${pad}`)}${trailing})`,
      value: list,
    })),
  );

function keyword(text: string): fc.Arbitrary<string> {
  return fc.constantFrom(text, text.toLowerCase(), text[0] + text.slice(1).toLowerCase());
}

function clause(
  prefixes: readonly string[],
  entityType: Comparison['entityType'],
  keys: fc.Arbitrary<{ written: string; key: string }>,
  tail: fc.Arbitrary<{ written: string; comparator: Comparator; value: Comparison['value'] }>,
): fc.Arbitrary<RenderedClause> {
  return fc.tuple(fc.constantFrom(...prefixes), keys, tail).map(([prefix, k, t]) => ({
    text: `${prefix}${k.written}${t.written}`,
    comparison: { entityType, key: k.key, comparator: t.comparator, value: t.value },
  }));
}

const numericTail = fc
  .tuple(optionalSpace, fc.constantFrom<Comparator>('=', '!=', '<', '<=', '>', '>='), optionalSpace, numberValue)
  .map(([a, comparator, b, number]) => ({
    written: `${a === '' && b === '' ? ' ' : a}${comparator}${b}${number.written}`,
    comparator,
    value: number.value,
  }));

const stringTail = fc.oneof(
  fc
    .tuple(optionalSpace, fc.constantFrom<Comparator>('=', '!='), optionalSpace, stringValue)
    .map(([a, comparator, b, text]) => ({
      written: `${a}${comparator}${b}${text.written}`,
      comparator,
      value: text.value,
    })),
  fc.tuple(space, fc.constantFrom<Comparator>('LIKE', 'ILIKE'), space, stringValue).chain(([a, comparator, b, text]) =>
    keyword(comparator).map((written) => ({
      written: `${a}${written}${b}${text.written}`,
      comparator,
      value: text.value,
    })),
  ),
);

const listTail = fc
  .tuple(space, fc.constantFrom<Comparator>('IN', 'NOT IN'), optionalSpace, lowerList)
  .chain(([a, comparator, b, list]) =>
    keyword(comparator).map((written) => ({
      written: `${a}${written.replace(' ', ' ')}${b === '' ? ' ' : b}${list.written}`,
      comparator,
      value: list.value,
    })),
  );

const fixedKey = (written: string, canonical: string): fc.Arbitrary<{ written: string; key: string }> =>
  fc.constant({ written, key: canonical });

/** One valid run filter comparison with what it parses to. */
export const runClause: fc.Arbitrary<RenderedClause> = fc.oneof(
  clause(['metrics.', 'metric.'], 'metric', key, numericTail),
  clause(['params.', 'param.', 'parameter.', 'parameters.'], 'param', key, stringTail),
  clause(['tags.', 'tag.'], 'tag', key, stringTail),
  clause(
    ['', 'attributes.', 'attribute.', 'attr.', 'run.'],
    'attribute',
    fc.constantFrom(
      ...['status', 'user_id', 'artifact_uri', 'run_name', 'run_id'].map((name) => ({ written: name, key: name })),
    ),
    stringTail,
  ),
  clause(
    ['', 'attributes.'],
    'attribute',
    fc.oneof(
      fixedKey('start_time', 'start_time'),
      fixedKey('end_time', 'end_time'),
      fixedKey('created', 'start_time'),
      fixedKey('Created', 'start_time'),
    ),
    numericTail,
  ),
  clause(
    ['', 'attributes.'],
    'attribute',
    fc.oneof(fixedKey('`Run Name`', 'run_name'), fixedKey('"run name"', 'run_name')),
    stringTail,
  ),
  clause(['', 'attr.'], 'attribute', fixedKey('run_id', 'run_id'), listTail),
  clause(
    ['datasets.', 'dataset.'],
    'dataset',
    fc.constantFrom(...['name', 'digest', 'context'].map((name) => ({ written: name, key: name }))),
    fc.oneof(stringTail, listTail),
  ),
);

/** A valid run filter of 1 to 4 comparisons joined by AND, with the comparisons and their offsets. */
export const runFilter: fc.Arbitrary<RenderedFilter> = fc
  .tuple(
    fc.array(runClause, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(space, keyword('AND'), space), { minLength: 3, maxLength: 3 }),
    fc.constantFrom('', ' ', '\n'),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([clauses, joins, lead, trail]) => {
    let text = lead;
    const comparisons: Comparison[] = [];
    clauses.forEach((rendered, index) => {
      if (index > 0) text += joins[index - 1]!.join('');
      comparisons.push({ ...rendered.comparison, position: text.length });
      text += rendered.text;
    });
    return { text: text + trail, comparisons };
  });
