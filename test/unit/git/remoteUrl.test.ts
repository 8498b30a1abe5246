import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseRemoteUrl, redactRemoteUrl, sameRepositoryUrl } from '../../../src/extension/git/remoteUrl';

const spellingsOfOneRepository = [
  'https://example.com/team/demo.git',
  'https://example.com/team/demo',
  'https://example.com/team/demo/',
  'https://example.com/team/demo.git/',
  'https://user@example.com/team/demo.git',
  'https://user:secret-token@example.com/team/demo.git',
  'http://EXAMPLE.com/team/demo',
  'https://example.com:443/team/demo',
  'git@example.com:team/demo.git',
  'git@example.com:/team/demo.git',
  'example.com:team/demo',
  'ssh://git@example.com/team/demo.git',
  'ssh://user@example.com:22/team/demo',
  'ssh://example.com:2222/team//demo.git',
  'git://example.com/team/demo.git',
  'git+https://example.com/team/demo.git',
  'git+ssh://git@example.com/team/demo',
  '  https://example.com/Team/Demo.GIT  ',
];

for (const url of spellingsOfOneRepository) {
  test(`${JSON.stringify(url)} names example.com/team/demo`, () => {
    assert.equal(normaliseRemoteUrl(url), 'example.com/team/demo');
    assert.ok(sameRepositoryUrl(url, 'https://example.com/team/demo.git'));
  });
}

test('other repositories, hosts and nested paths do not match', () => {
  assert.ok(!sameRepositoryUrl('https://example.com/team/demo', 'https://example.com/team/demo2'));
  assert.ok(!sameRepositoryUrl('https://example.com/team/demo', 'https://example.org/team/demo'));
  assert.ok(!sameRepositoryUrl('git@example.com:team/demo.git', 'git@example.com:other/demo.git'));
  assert.ok(!sameRepositoryUrl('https://example.com/group/sub/demo', 'https://example.com/group/demo'));
  assert.ok(!sameRepositoryUrl('', ''), 'empty text names no repository');
  assert.equal(normaliseRemoteUrl('https://example.com/'), undefined);
});

test('local paths and file URLs of one folder match each other, not a host', () => {
  assert.equal(normaliseRemoteUrl('/srv/git/demo.git'), 'file:srv/git/demo');
  assert.ok(sameRepositoryUrl('/srv/git/demo.git', 'file:///srv/git/demo'));
  assert.ok(sameRepositoryUrl('/srv/git/demo/', '/srv/git/demo.git'));
  assert.ok(!sameRepositoryUrl('/srv/git/demo', 'https://srv/git/demo'));
  assert.equal(normaliseRemoteUrl('C:\\repos\\demo.git')?.startsWith('file:'), true);
});

test('IPv6 hosts keep their brackets and lose the port', () => {
  assert.equal(normaliseRemoteUrl('ssh://git@[::1]:2222/team/demo.git'), '[::1]/team/demo');
});

test('a password or token never reaches a message', () => {
  assert.equal(
    redactRemoteUrl('https://user:ghp_secret@example.com/team/demo.git'),
    'https://***@example.com/team/demo.git',
  );
  assert.equal(redactRemoteUrl('https://ghp_secret@example.com/x'), 'https://***@example.com/x');
  assert.equal(redactRemoteUrl('ssh://git:pass@example.com/x'), 'ssh://git:***@example.com/x');
  assert.equal(redactRemoteUrl('ssh://git@example.com/x'), 'ssh://git@example.com/x');
  assert.equal(redactRemoteUrl('https://example.com/x'), 'https://example.com/x');
  assert.equal(redactRemoteUrl('git@example.com:team/demo.git'), 'git@example.com:team/demo.git');
});
