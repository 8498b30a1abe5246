import { test } from 'node:test';
import assert from 'node:assert/strict';
import { descriptionMarkdown } from '../../../src/extension/sidebar/presentation';

test("a description's markdown is kept: emphasis, code, lists, headings, quotes, code blocks", () => {
  assert.equal(
    descriptionMarkdown('Best run so far. Uses **AdamW** with lr=0.004.\n\nSee `plots/`.', 600),
    'Best run so far\\. Uses **AdamW** with lr\\=0\\.004\\.\n\nSee `plots/`\\.',
  );
  assert.equal(
    descriptionMarkdown('# Notes\n- one *a*\n- two\n\n1. first\n2. second', 600),
    '**Notes**\n\n- one *a*\n- two\n\n1. first\n2. second',
  );
  assert.equal(
    descriptionMarkdown('> quoted **b**\n\n```python\nprint("<b>")\n```', 600),
    '> quoted **b**\n\n```\nprint("<b>")\n```',
  );
});

test('HTML stays text, links show their text only, images are never fetched', () => {
  assert.equal(
    descriptionMarkdown('**bold** <img src=x onerror=alert(1)>', 600),
    '**bold** \\<img src\\=x onerror\\=alert\\(1\\)\\>',
  );
  assert.equal(
    descriptionMarkdown('see [the docs](https://example.com/docs) or https://evil.example', 600),
    'see the docs or https\\:\\/\\/evil\\.example',
  );
  assert.equal(
    descriptionMarkdown('[run it](command:workbench.action.terminal.sendSequence?x)', 600),
    '\\[run it\\]\\(command\\:workbench\\.action\\.terminal\\.sendSequence\\?x\\)',
  );
  assert.equal(
    descriptionMarkdown('before ![a chart](https://tracker.example/pixel.png) after ![](http://x/y.png).', 600),
    'before a chart after \\.',
  );
  assert.equal(
    descriptionMarkdown('<script>alert("note")</script>', 600),
    '\\<script\\>alert\\(\\"note\\"\\)\\<\\/script\\>',
  );
});

test('code cannot close its fence early, and bidi controls inside it are shown', () => {
  assert.equal(descriptionMarkdown('run ``a ` b`` now', 600), 'run ``a ` b`` now');
  assert.equal(
    descriptionMarkdown('```\na ```` b\n[l](command:y)\n```', 600),
    '`````\na ```` b\n[l](command:y)\n`````',
  );
  assert.equal(descriptionMarkdown('`evil\u202Eexe`', 600), '`evil<U+202E>exe`');
});

test('a long description is cut before it is read', () => {
  assert.equal(descriptionMarkdown(`**${'a'.repeat(50)}**`, 20), `\\*\\*${'a'.repeat(17)}…`);
});
