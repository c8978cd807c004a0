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
  const { dir, metainfo } = await seededTorrent(t);
  const [a, b] = [new Client(LOOPBACK), new Client(LOOPBACK)];
  t.teardown(() => Promise.all([a.destroy(), b.destroy()]));
  const reasons: string[] = [];
  for (const c of [a, b]) c.on_peer_disconnect((_c, info) => reasons.push(info.reason));
  const seed = await a.addTorrent(metainfo, { dir });
  const leech = await b.addTorrent(metainfo, { dir: await tempDir(t) });
  // A dials B; once that is up, B dials A: a second connection, the other way.
  a.addPeers(metainfo.infoHash, [{ ip: '127.0.0.1', port: b.port! }]);
  await until(() => seed.peers.length === 1 && leech.peers.length === 1, 'the first connection');
  b.addPeers(metainfo.infoHash, [{ ip: '127.0.0.1', port: a.port! }]);
  await until(() => reasons.some((r) => r.startsWith('duplicate connection')), 'the duplicate to be closed');
  await until(() => seed.peers.length === 1 && leech.peers.length === 1, 'one connection at each end');
  // The same connection: incoming at one end, outgoing at the other, and the one dialled by the greater peer id.
  const [atA, atB] = [seed.peers[0]!, leech.peers[0]!];
  t.not(atA.direction, atB.direction);
  const aDialled = atA.direction === 'outgoing';
  t.is(aDialled, Buffer.compare(a.peerId, b.peerId) > 0);
  await leech.whenComplete();
  t.is(leech.progress, 1);
});

test('an address refused for its IP\'s share of connections is dialled again once there is room', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  const [first, second] = [new Client(LOOPBACK), new Client(LOOPBACK)];
  const leecher = new Client({ ...LOOPBACK, limits: { maxConnectionsPerIp: 1 } });
  t.teardown(() => Promise.all([first.destroy(), second.destroy(), leecher.destroy()]));
  await first.addTorrent(metainfo, { dir });
  await second.addTorrent(metainfo, { dir });
  const torrent = await leecher.addTorrent(metainfo, { dir: await tempDir(t), paused: true });
  leecher.addPeers(metainfo.infoHash, [{ ip: '127.0.0.1', port: first.port! }, { ip: '127.0.0.1', port: second.port! }]);
  torrent.resume();
  // One connection per IP: the first seeder is reached, the second refused for now.
  await until(() => torrent.peers.length === 1, 'one connection');
  const reached = torrent.peers[0]!.port;
  const other = reached === first.port ? second : first;
  await (reached === first.port ? first : second).destroy();
  // The refused address comes back on the failure schedule (10 s), and is dialled now that the IP has room.
  await until(() => torrent.peers.some((p) => p.port === other.port), 'the refused address to be dialled again', 30_000);
  t.pass();
});
