import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentList } from '../../../src/extension/platform/recentList';
import { memoryMemento } from './memoryMemento';

test('most recent first, no duplicates, bounded, blanks ignored', async () => {
  const memento = memoryMemento();
  const recent = new RecentList(memento, 'filters', 2);
  for (const filter of ['a = 1', 'b = 2', ' a = 1 ', '  ', 'c = 3']) await recent.remember(filter);
  assert.deepEqual(recent.entries(), ['c = 3', 'a = 1']);
  assert.deepEqual(memento.values.get('filters'), ['c = 3', 'a = 1']);
});

test('forgetting removes one entry and keeps the order of the rest', async () => {
  const recent = new RecentList(memoryMemento({ servers: ['http://a', 'http://b', 'http://c'] }), 'servers', 5);
  await recent.forget('http://b');
  assert.deepEqual(recent.entries(), ['http://a', 'http://c']);
});

test('stale or foreign state reads as an empty or cleaned list, never a crash', () => {
  assert.deepEqual(new RecentList(memoryMemento({ k: 'not a list' }), 'k', 5).entries(), []);
  assert.deepEqual(new RecentList(memoryMemento({ k: ['ok', 3, null, '', { x: 1 }, 'also ok'] }), 'k', 5).entries(), [
    'ok',
    'also ok',
  ]);
  assert.deepEqual(new RecentList(memoryMemento(), 'k', 5).entries(), []);
});
