// The lsd built-in (BEP 14) over loopback multicast: two swarmhook clients
// find each other and one downloads from the other; private torrents are
// never announced and announces naming them are ignored; hostile datagrams
// and floods are coded lsd_error events; SWARMHOOK_LSD=off keeps it silent.
// Each test uses a group port of its own, so parallel tests do not hear each
// other.
import dgram from 'node:dgram';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import type { EventInfo } from '../../core/index.ts';
import lsd, { decodeLsdAnnounce, encodeLsdAnnounce, type LsdAnnounce } from '../../plugins/lsd/index.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
// The suite switches LSD off everywhere else (package.json); this file (its own process) is about it.
delete process.env['SWARMHOOK_LSD'];
const GROUP = '239.192.152.143';

/** A UDP port nobody used a moment ago, for this test's group. */
async function groupPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

function lsdClient(t: ExecutionContext, port: number): Client {
  const client = new Client(LOOPBACK);
  lsd.apply(client, { interface: '127.0.0.1', port, intervalSeconds: 1 });
  t.teardown(() => client.destroy());
  return client;
}

/** A socket in the group that records the announces it hears, and can send datagrams to the group. */
async function listener(t: ExecutionContext, port: number): Promise<{ heard: LsdAnnounce[]; send: (datagram: Buffer) => void }> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve) => socket.bind(port, resolve));
  socket.addMembership(GROUP, '127.0.0.1');
  socket.setMulticastInterface('127.0.0.1');
  socket.setMulticastLoopback(true);
  t.teardown(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  const heard: LsdAnnounce[] = [];
  socket.on('message', (datagram) => {
    try {
      heard.push(decodeLsdAnnounce(datagram));
    } catch {
      // What the test itself sent to the group.
    }
  });
  return { heard, send: (datagram) => socket.send(datagram, port, GROUP) };
}

async function torrentOf(t: ExecutionContext, isPrivate = false): Promise<{ dir: string; metainfo: Metainfo }> {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'one.bin': 5 * 65536 + 7 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'one.bin'), { pieceLength: 65536, private: isPrivate });
  return { dir: join(dir, 'payload'), metainfo };
}

test('two clients find each other by LSD on loopback, and one downloads from the other', async (t) => {
  const port = await groupPort();
  const { dir, metainfo } = await torrentOf(t);
  const [seeder, leecher] = [lsdClient(t, port), lsdClient(t, port)];
  const found: EventInfo<'lsd_peer'>[] = [];
  leecher.on_lsd_peer((_c, info) => found.push(info));
  await seeder.addTorrent(metainfo, { dir });
  const leechDir = await tempDir(t);
  const torrent = await leecher.addTorrent(metainfo, { dir: leechDir });
  await waitFor(() => found.some((e) => e.port === seeder.port), 'the leecher to hear the seeder', 15_000);
  t.is(found[0]!.torrent.infoHash, metainfo.infoHash);
  t.is(found[0]!.ip, '127.0.0.1');
  t.false(found.some((e) => e.port === leecher.port), 'its own announces are ignored');
  await torrent.whenComplete();
  t.true(await sameFiles(dir, leechDir, ['one.bin']));
});

test('private torrents are never announced, and announces naming them are ignored', async (t) => {
  const port = await groupPort();
  const group = await listener(t, port);
  const secret = await torrentOf(t, true);
  const open = await torrentOf(t);
  const client = lsdClient(t, port);
  const found: EventInfo<'lsd_peer'>[] = [];
  client.on_lsd_peer((_c, info) => found.push(info));
  await client.addTorrent(secret.metainfo, { dir: secret.dir });
  await client.addTorrent(open.metainfo, { dir: open.dir });
  await waitFor(() => group.heard.filter((a) => a.infoHashes.includes(open.metainfo.infoHash)).length >= 2, 'two announces of the public torrent', 15_000);
  t.false(group.heard.some((a) => a.infoHashes.includes(secret.metainfo.infoHash)), 'the private torrent is never announced');
  t.true(group.heard.every((a) => a.port === client.port && a.cookie !== undefined));
  // Someone else announcing both: only the public one is taken.
  group.send(encodeLsdAnnounce(`${GROUP}:${port}`, { port: 40_001, infoHashes: [secret.metainfo.infoHash, open.metainfo.infoHash], cookie: 'other' }));
  await waitFor(() => found.length > 0, 'the public torrent’s peer', 10_000);
  await new Promise((r) => setTimeout(r, 200));
  t.deepEqual(found.map((e) => `${e.torrent.infoHash} ${e.port}`), [`${open.metainfo.infoHash} 40001`]);
});

test('hostile datagrams are coded lsd_error events; a flood is dropped and reported once a second; the client goes on', async (t) => {
  const port = await groupPort();
  const group = await listener(t, port);
  const { dir, metainfo } = await torrentOf(t);
  const client = new Client(LOOPBACK);
  lsd.apply(client, { interface: '127.0.0.1', port, intervalSeconds: 1, maxDatagramsPerSecond: 5 });
  t.teardown(() => client.destroy());
  const errors: string[] = [];
  client.on_lsd_error((_c, info) => errors.push(info.code));
  const found: EventInfo<'lsd_peer'>[] = [];
  client.on_lsd_peer((_c, info) => found.push(info));
  await client.addTorrent(metainfo, { dir });
  await waitFor(() => group.heard.length > 0, 'the client to join the group', 15_000);
  group.send(Buffer.from('garbage'));
  group.send(Buffer.from(`BT-SEARCH * HTTP/1.1\r\nPort: 99999\r\nInfohash: ${metainfo.infoHash}\r\n\r\n`));
  group.send(Buffer.from(`BT-SEARCH * HTTP/1.1\r\nPort: 6881\r\nInfohash: nothex\r\n\r\n`));
  await waitFor(() => errors.length >= 3, 'three refusals', 10_000);
  t.deepEqual(errors.slice(0, 3), ['LSD_BAD_REQUEST_LINE', 'LSD_BAD_PORT', 'LSD_BAD_INFOHASH']);
  // Past the second's budget (5, two already spent), the rest of a burst is dropped unread.
  await new Promise((r) => setTimeout(r, 1100));
  errors.length = 0;
  for (let i = 0; i < 40; i++) group.send(encodeLsdAnnounce(`${GROUP}:${port}`, { port: 41_000 + i, infoHashes: [metainfo.infoHash], cookie: 'flood' }));
  await waitFor(() => errors.includes('LSD_FLOOD'), 'the flood report', 10_000);
  await new Promise((r) => setTimeout(r, 300));
  t.true(found.length <= 5 + 5, `at most a budget of peers per second taken: ${found.length}`);
  t.is(errors.filter((c) => c === 'LSD_FLOOD').length, 1, 'one report for the burst');
  t.is(client.torrents[0]!.state, 'seeding');
});

// Serial: ava runs it before the concurrent tests, so the environment it sets is seen by no other test.
test.serial('SWARMHOOK_LSD=off keeps the built-in from starting', async (t) => {
  const port = await groupPort();
  const group = await listener(t, port);
  const { dir, metainfo } = await torrentOf(t);
  process.env['SWARMHOOK_LSD'] = 'off';
  let client: Client;
  try {
    client = lsdClient(t, port);
  } finally {
    delete process.env['SWARMHOOK_LSD'];
  }
  await client.addTorrent(metainfo, { dir });
  // Announces are due at once and every second: two and a half seconds of silence say it never started.
  await new Promise((r) => setTimeout(r, 2500));
  t.deepEqual(group.heard, []);
});
