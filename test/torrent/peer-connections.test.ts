// Which connections a torrent keeps and makes: two clients that dial each
// other keep one connection, the same one at both ends (the one dialled by
// the peer with the greater peer id, as libtorrent decides); and an address
// refused for its IP's share of connections is not forgotten.
import test from 'ava';
import { Client } from '../../core/client.ts';
import { tempDir } from '../helpers/payload.ts';
import { seededTorrent, until } from '../helpers/slot-peers.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' }, transports: { order: ['tcp'] } } as const;

test('two clients that dial each other keep one connection, the same at both ends', async (t) => {
  const { metainfo } = await seededTorrent(t);
  // Neither has a piece: nothing completes, so no connection closes for any other reason (two seeds part).
  const [a, b] = [new Client(LOOPBACK), new Client(LOOPBACK)];
  t.teardown(() => Promise.all([a.destroy(), b.destroy()]));
  const reasons: string[] = [];
  for (const c of [a, b]) c.on_peer_disconnect((_c, info) => reasons.push(info.reason));
  const atA = await a.addTorrent(metainfo, { dir: await tempDir(t) });
  const atB = await b.addTorrent(metainfo, { dir: await tempDir(t) });
  // A dials B; once that is up, B dials A: a second connection, the other way.
  a.addPeers(metainfo.infoHash, [{ ip: '127.0.0.1', port: b.port! }]);
  await until(() => atA.peers.length === 1 && atB.peers.length === 1, 'the first connection');
  b.addPeers(metainfo.infoHash, [{ ip: '127.0.0.1', port: a.port! }]);
  await until(() => reasons.some((r) => r.startsWith('duplicate connection')), 'the duplicate to be closed');
  // Until both ends have settled (each closes its side when its own handshake completes, at its own moment).
  const settled = (): boolean => atA.peers.length === 1 && atB.peers.length === 1 && atA.peers[0]!.direction !== atB.peers[0]!.direction;
  await until(settled, 'one connection at each end, the same one');
  // The one dialled by the greater peer id.
  t.is(atA.peers[0]!.direction === 'outgoing', Buffer.compare(a.peerId, b.peerId) > 0);
  t.true(reasons.every((r) => r.startsWith('duplicate connection')), reasons.join('; '));
});

test('an address refused for its IP\'s share of connections is dialled again once there is room', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  // Both on 127.0.0.1: with one connection per IP, the leecher reaches the first (which has nothing) and is refused the seeder.
  const [empty, seeder] = [new Client(LOOPBACK), new Client(LOOPBACK)];
  const leecher = new Client({ ...LOOPBACK, limits: { maxConnectionsPerIp: 1 } });
  t.teardown(() => Promise.all([empty.destroy(), seeder.destroy(), leecher.destroy()]));
  await empty.addTorrent(metainfo, { dir: await tempDir(t) });
  await seeder.addTorrent(metainfo, { dir });
  const torrent = await leecher.addTorrent(metainfo, { dir: await tempDir(t), paused: true });
  leecher.addPeers(metainfo.infoHash, [{ ip: '127.0.0.1', port: empty.port! }, { ip: '127.0.0.1', port: seeder.port! }]);
  torrent.resume();
  await until(() => torrent.peers.length === 1, 'one connection');
  t.is(torrent.peers[0]!.port, empty.port!);
  await empty.destroy();
  // The refused seeder is tried again every 5 s (no failure counted), and reached once the IP has room.
  let complete = false;
  void torrent.whenComplete().then(() => (complete = true));
  await until(() => complete, 'the download from the seeder refused at first', 30_000);
  t.is(torrent.progress, 1);
});
