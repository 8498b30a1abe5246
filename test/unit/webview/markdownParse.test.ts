import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAllowedLink, parseInline, parseMarkdown } from '../../../src/webview/shared/markdownParse';

test('the recorded demo-classifier description: heading, paragraph with code and a link, a list', () => {
  const note =
    '## Demo classifier\nToy runs produced by `train.py` in https://example.com/team/demo.git at 4 different commits.\n\n' +
    '* params: lr, batch_size, epochs, optimizer, seed\n* metrics: loss, accuracy, val_*';
  const blocks = parseMarkdown(note);
  assert.deepEqual(
    blocks.map((block) => block.kind),
    ['heading', 'paragraph', 'list'],
  );
  assert.deepEqual(blocks[0], { kind: 'heading', level: 2, children: [{ kind: 'text', text: 'Demo classifier' }] });
  const paragraph = blocks[1]!;
  assert.equal(paragraph.kind, 'paragraph');
  if (paragraph.kind !== 'paragraph') return;
  assert.deepEqual(
    paragraph.children.find((node) => node.kind === 'code'),
    { kind: 'code', text: 'train.py' },
  );
  const link = paragraph.children.find((node) => node.kind === 'link');
  assert.deepEqual(link, {
    kind: 'link',
    url: 'https://example.com/team/demo.git',
    children: [{ kind: 'text', text: 'https://example.com/team/demo.git' }],
  });
  const list = blocks[2]!;
  assert.ok(list.kind === 'list' && !list.ordered && list.items.length === 2);
});

test('HTML in a description stays text', () => {
  const blocks = parseMarkdown('<script>alert(1)</script> and <b>bold</b>');
  assert.deepEqual(blocks, [
    { kind: 'paragraph', children: [{ kind: 'text', text: '<script>alert(1)</script> and <b>bold</b>' }] },
  ]);
});

test('only http(s) and mailto links become links; others stay as the text written', () => {
  assert.deepEqual(parseInline('[x](javascript:alert(1))'), [{ kind: 'text', text: '[x](javascript:alert(1))' }]);
  assert.deepEqual(parseInline('[docs](https://mlflow.org/docs)'), [
    { kind: 'link', url: 'https://mlflow.org/docs', children: [{ kind: 'text', text: 'docs' }] },
  ]);
  assert.deepEqual(parseInline('[f](file:///etc/passwd)'), [{ kind: 'text', text: '[f](file:///etc/passwd)' }]);
  assert.ok(isAllowedLink('mailto:team@example.com'));
  assert.ok(!isAllowedLink('command:workbench.action.reloadWindow'));
  assert.ok(!isAllowedLink('vscode://file/etc/passwd'));
});

test('emphasis, strong, code, escapes, hard breaks', () => {
  assert.deepEqual(parseInline('**big** and *small* and `a*b`'), [
    { kind: 'strong', children: [{ kind: 'text', text: 'big' }] },
    { kind: 'text', text: ' and ' },
    { kind: 'em', children: [{ kind: 'text', text: 'small' }] },
    { kind: 'text', text: ' and ' },
    { kind: 'code', text: 'a*b' },
  ]);
  assert.deepEqual(parseInline('snake_case_name \\*not em\\*'), [{ kind: 'text', text: 'snake_case_name *not em*' }]);
  assert.deepEqual(parseInline('line one  \nline two'), [
    { kind: 'text', text: 'line one' },
    { kind: 'break' },
    { kind: 'text', text: 'line two' },
  ]);
});

test('fenced code keeps its text as written; ordered lists, quotes and rules', () => {
  const blocks = parseMarkdown('```python\nx = "<b>"\n```\n1. one\n2. two\n\n> quoted *text*\n\n---');
  assert.deepEqual(blocks[0], { kind: 'code', text: 'x = "<b>"' });
  assert.ok(blocks[1]!.kind === 'list' && blocks[1]!.ordered && blocks[1]!.items.length === 2);
  assert.equal(blocks[2]!.kind, 'quote');
  assert.deepEqual(blocks[3], { kind: 'rule' });
});

test('an image is its alt text, never a link; an empty link shows its URL (item 14.6)', () => {
  assert.deepEqual(parseInline('![](https://tracker.example.com/pixel.png)'), [
    { kind: 'image', alt: '', url: 'https://tracker.example.com/pixel.png' },
  ]);
  assert.deepEqual(parseInline('see ![loss curve](plots/loss.png "Loss") here'), [
    { kind: 'text', text: 'see ' },
    { kind: 'image', alt: 'loss curve', url: 'plots/loss.png' },
    { kind: 'text', text: ' here' },
  ]);
  assert.deepEqual(parseInline('![x](javascript:alert(1))'), [
    { kind: 'image', alt: 'x', url: 'javascript:alert(1' },
    { kind: 'text', text: ')' },
  ]);
  assert.deepEqual(parseInline('[](https://mlflow.org)'), [
    { kind: 'link', url: 'https://mlflow.org', children: [{ kind: 'text', text: 'https://mlflow.org' }] },
  ]);
  assert.deepEqual(parseInline('wow\\![x](https://a.example)'), [
    { kind: 'text', text: 'wow!' },
    { kind: 'link', url: 'https://a.example', children: [{ kind: 'text', text: 'x' }] },
  ]);
  assert.deepEqual(parseMarkdown('![](https://a.example/i.png)'), [
    { kind: 'paragraph', children: [{ kind: 'image', alt: '', url: 'https://a.example/i.png' }] },
  ]);
});
