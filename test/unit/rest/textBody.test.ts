/**
 * An answer's text is decoded chunk by chunk as it arrives (responseBody.ts readText): a character
 * whose UTF-8 bytes are split between two chunks must still read whole, and bytes that are not
 * UTF-8 read as Buffer#toString reads them (U+FFFD), as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import { closeServer, listen } from '../../support/replayServer';
import { FAST_RETRY, NO_ENV } from './restTestKit';

const NAME = 'naïve € 😀 日本語';

/** Serves `body` for runs/get in writes of `size` bytes, each sent before the next is written. */
async function servingInPieces(body: Buffer, size: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'Content-Type': 'application/json' });
    void (async () => {
      for (let start = 0; start < body.length; start += size) {
        response.write(body.subarray(start, start + size));
        await sleep(2);
      }
      response.end();
    })();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

function runJson(name: string, note = name): string {
  return JSON.stringify({
    run: {
      info: { run_id: 'r'.repeat(32), run_name: name, experiment_id: '1', status: 'FINISHED', start_time: 1 },
      data: { params: [{ key: 'note', value: note }] },
    },
  });
}

test('a character whose bytes are split between chunks of the answer reads whole', async () => {
  const body = Buffer.from(runJson(NAME));
  // Every split point: pieces of 1, 2 and 3 bytes cut each multibyte character somewhere.
  for (const size of [1, 2, 3, 5]) {
    const server = await servingInPieces(body, size);
    const store = createRestStore(server.url, { env: NO_ENV, retry: FAST_RETRY });
    try {
      const run = await store.getRun('r'.repeat(32));
      assert.equal(run.info.runName, NAME, `pieces of ${size} bytes`);
      assert.equal(run.data.params['note'], NAME);
    } finally {
      store.dispose();
      await server.close();
    }
  }
});

test('bytes that are not UTF-8 read as U+FFFD, as Buffer#toString reads them', async () => {
  const [before, after] = runJson('a<>b', 'plain').split('<>') as [string, string];
  // A lone continuation byte, a truncated 3-byte sequence and an overlong encoding, cut into pieces.
  const invalid = Buffer.from([0x80, 0xe2, 0x82, 0x41, 0xc0, 0xaf]);
  const body = Buffer.concat([Buffer.from(before), invalid, Buffer.from(after)]);
  const server = await servingInPieces(body, 3);
  const store = createRestStore(server.url, { env: NO_ENV, retry: FAST_RETRY });
  try {
    const run = await store.getRun('r'.repeat(32));
    assert.equal(run.info.runName, `a${invalid.toString('utf8')}b`);
    assert.match(run.info.runName, /^a\uFFFD+A\uFFFD+b$/);
  } finally {
    store.dispose();
    await server.close();
  }
});
