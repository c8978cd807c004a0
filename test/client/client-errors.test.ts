// What the Client throws is a ClientError with a code: adding a torrent twice,
// or anything to a destroyed client. Bad addresses are coded errors too.
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { AddressError, Client, ClientError, CodedError } from '../../core/index.ts';
import { parseAddress } from '../../core/net/address.ts';
import { parseTorrent } from '../../core/metainfo/index.ts';
import { dial, DialError } from '../../core/net/dialer.ts';
import { readFile } from 'node:fs/promises';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const SAMPLE = fileURLToPath(new URL('../../examples/sample.torrent', import.meta.url));
const SAMPLE_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

test('adding a torrent twice rejects with TORRENT_EXISTS, by file and by magnet link', async (t) => {
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  await client.addTorrent(SAMPLE, { dir: SAMPLE_DIR, paused: true });
  const again = await t.throwsAsync(client.addTorrent(SAMPLE, { dir: SAMPLE_DIR, paused: true }), { instanceOf: ClientError });
  t.is(again?.code, 'TORRENT_EXISTS');
  t.true(again instanceof CodedError);
  const { infoHash } = parseTorrent(await readFile(SAMPLE));
  const magnet = await t.throwsAsync(client.addTorrent(`magnet:?xt=urn:btih:${infoHash}`, { dir: SAMPLE_DIR }), { instanceOf: ClientError });
  t.is(magnet?.code, 'TORRENT_EXISTS');
});

test('a destroyed client rejects addTorrent with CLIENT_DESTROYED, whether or not it had started', async (t) => {
  const started = new Client(LOOPBACK);
  await started.listen();
  await started.destroy();
  const late = await t.throwsAsync(started.addTorrent(SAMPLE, { dir: SAMPLE_DIR, paused: true }), { instanceOf: ClientError });
  t.is(late?.code, 'CLIENT_DESTROYED');

  const idle = new Client(LOOPBACK);
  await idle.destroy();
  const never = await t.throwsAsync(idle.addTorrent(SAMPLE, { dir: SAMPLE_DIR, paused: true }), { instanceOf: ClientError });
  t.is(never?.code, 'CLIENT_DESTROYED');
  t.deepEqual(idle.torrents, []);
});

test('applying a plugin name twice throws PLUGIN_ALREADY_APPLIED', (t) => {
  const client = new Client();
  client.notePluginApplied('x', {});
  t.is(t.throws(() => client.notePluginApplied('x', {}), { instanceOf: ClientError })?.code, 'PLUGIN_ALREADY_APPLIED');
});

test('a bad address is a coded error: AddressError from the parser, DialError from the dialer', async (t) => {
  const parsed = t.throws(() => parseAddress('localhost:6881'), { instanceOf: AddressError });
  t.true(parsed instanceof CodedError);
  t.is(parsed?.code, 'INVALID_ADDRESS');
  t.is(t.throws(() => parseAddress('192.0.2.1:70000'), { instanceOf: AddressError })?.code, 'INVALID_PORT');
  const dialed = await t.throwsAsync(dial({ ip: 'example.org', port: 6881 }, { timeoutMs: 1000 }), { instanceOf: DialError });
  t.true(dialed instanceof CodedError);
  t.is(dialed?.code, 'INVALID_ADDRESS');
});
