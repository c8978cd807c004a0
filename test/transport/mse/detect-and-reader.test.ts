// detectIncoming on first bytes, and the handshake reader's memory bound.
import test from 'ava';
import { detectIncoming } from '../../../core/transport/mse/index.ts';
import { HandshakeReader } from '../../../core/transport/mse/handshake-reader.ts';
import { duplexPair } from './streams.ts';

const PLAIN = Buffer.concat([Buffer.from([19]), Buffer.from('BitTorrent protocol'), Buffer.alloc(48)]);

test('detectIncoming: the plain BitTorrent handshake, an MSE key, and too few bytes to tell', (t) => {
  t.is(detectIncoming(PLAIN), 'plaintext');
  t.is(detectIncoming(PLAIN.subarray(0, 20)), 'plaintext');
  for (let n = 0; n < 20; n++) t.is(detectIncoming(PLAIN.subarray(0, n)), 'undecided');
  t.is(detectIncoming(Buffer.from([0x13, 0x42, 0x00])), 'mse');
  t.is(detectIncoming(Buffer.from([0x7f])), 'mse');
  const almost = Buffer.from(PLAIN);
  almost[19] = 0x78;
  t.is(detectIncoming(almost), 'mse');
});

test('the reader gives up a scan once the window has passed, holding at most the window plus one chunk', async (t) => {
  const [theirs, ours] = duplexPair();
  const reader = new HandshakeReader(ours, 5000);
  const scan = reader.skipPast(Buffer.alloc(20, 0xee), 512, 'the pattern');
  let sent = 0;
  const pump = setInterval(() => {
    theirs.write(Buffer.alloc(10));
    sent += 10;
  }, 1);
  const err = await t.throwsAsync(scan);
  clearInterval(pump);
  t.is((err as { code?: string }).code, 'MSE_NO_SYNC');
  t.true(reader.buffered.length <= 512 + 20 + 10);
  t.true(sent < 2000);
});

test('the reader pauses the stream when nobody reads and more than the handshake needs has arrived', async (t) => {
  const [theirs, ours] = duplexPair();
  const reader = new HandshakeReader(ours, 5000);
  t.is((await (async () => {
    const first = reader.read(1);
    theirs.write(Buffer.alloc(10_000));
    return first;
  })()).length, 1);
  await new Promise((r) => setImmediate(r));
  t.is(ours.readableFlowing, false);
  t.deepEqual(reader.release().length, 9_999);
});
