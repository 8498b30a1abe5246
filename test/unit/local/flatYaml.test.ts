import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { parseFlatYaml } from '../../../src/extension/tracking/local/flatYaml';
import { FIXTURES } from './fixtures';

const library = (text: string): unknown => parse(text, { intAsBigInt: true });

async function metaFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'artifacts') found.push(...(await metaFiles(path)));
    else if (entry.name === 'meta.yaml') found.push(path);
  }
  return found;
}

test('every meta.yaml of the recorded file store reads as the YAML library reads it, most without it', async () => {
  const files = await metaFiles(join(FIXTURES, 'mlruns'));
  let fast = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const flat = parseFlatYaml(text);
    if (flat === undefined) continue;
    fast += 1;
    assert.deepEqual(flat, library(text), file);
  }
  assert.ok(files.length > 200);
  assert.ok(fast > files.length * 0.8, `${fast} of ${files.length} read by the fast path`);
});

test('the fast path agrees with the YAML library or steps aside, for any flat mapping', () => {
  const key = fc.stringMatching(/^[A-Za-z_][\w.-]{0,12}$/);
  const value = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'null',
      'true',
      'False',
      '~',
      '0o17',
      '1e3',
      '.inf',
      '- x',
      'a: b',
      'x #y',
      "it's",
      '[]',
      '{}',
      '',
      ' lead',
      '123',
      '-7',
      '+5',
      '007',
    ),
    fc.integer(),
    fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
    fc.constant(null),
    fc.double(),
  );
  fc.assert(
    fc.property(fc.dictionary(key, value, { minKeys: 1 }), (record) => {
      const text = stringify(record);
      const flat = parseFlatYaml(text);
      if (flat !== undefined) assert.deepEqual(flat, library(text), text);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (text) => {
      const flat = parseFlatYaml(text);
      if (flat !== undefined) assert.deepEqual(flat, library(text), JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});

test('what the fast path leaves to the library', () => {
  for (const text of [
    '',
    '# only a comment\n',
    'x: 0x1F\n',
    'y: .inf\n',
    'z: ~\n',
    'tags:\n  a: b\n',
    'name: "double quoted"\n',
    'a: 1\na: 2\n',
    'x: 1.5\n',
    'schema: \'{"a":\n  1}\'\n',
  ]) {
    assert.equal(parseFlatYaml(text), undefined, JSON.stringify(text));
  }
  assert.deepEqual(parseFlatYaml("experiment_id: '0'\nstatus: 3\nend_time: null\ntags: []\nname: it''s\n"), {
    experiment_id: '0',
    status: 3n,
    end_time: null,
    tags: [],
    name: "it''s",
  });
});

test('hostile or odd lines read as the YAML library reads them, or go to it', () => {
  const texts = [
    // A `__proto__` key is a key to YAML: it must not become the record's prototype.
    'a: 1\n__proto__: []\n',
    'run_id: abc\n__proto__: x\n',
    '__proto__: {}\n',
    // Line breaks other than \n: CRLF files read; a lone \r or a Unicode line separator in a value is not one line.
    "a: 1\r\n\r\nb: x\r\nc: 'q'\r\n",
    'name: a\rb\n',
    'name: a\u2028b\n',
    'name: a\u2029b\n',
    'name: x\r\r\n',
    // Spaces YAML trims, and characters it keeps.
    'a:  x\n',
    'a: \u00a0x\n',
    'a: x\u0085y\n',
    'a: x\t\n',
    // Keys YAML reads that the fast path does not, and lines that are not keys.
    '"quoted key": 1\n',
    'a b: 1\n',
    'a:b\n',
    ':\n',
    '- a\n',
    '  a: 1\n',
  ];
  for (const text of texts) {
    const flat = parseFlatYaml(text);
    if (flat !== undefined) {
      assert.equal(Object.getPrototypeOf(flat), Object.prototype, JSON.stringify(text));
      assert.deepEqual(flat, library(text), JSON.stringify(text));
    }
  }
  assert.equal(parseFlatYaml('a: 1\n__proto__: []\n'), undefined);
  assert.deepEqual(parseFlatYaml("a: 1\r\n\r\nb: x\r\nc: 'q'\r\n"), { a: 1n, b: 'x', c: 'q' });
});
