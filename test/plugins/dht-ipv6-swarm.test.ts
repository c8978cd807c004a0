// The dht plugin with ipv6 (BEP 32) end to end on ::1: clients that listen
// on IPv6 only announce to and look up in a DHT of one IPv6 router node; the
// downloader, with only `magnet:?xt=urn:btih:<hash>`, finds the seeder's
// IPv6 address there, fetches the metadata and downloads.
import { join } from 'node:path';
import test from 'ava';
import { createClient } from '../../core/create-client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { DhtNode } from '../../plugins/dht/node.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

const LOOPBACK6 = { listen: { ports: 0, tcp4: false, tcp6: true, host6: '::1' } } as const;
const NODE_OPTIONS = { maxNodes: 2000, maxPeersPerTorrent: 100, maxStoredPeers: 10_000, maxQueriesPerSecond: 1000, queryTimeoutMs: 1000 };

test('a magnet with only an info hash is found through the IPv6 DHT and downloaded over IPv6', async (t) => {
  const router = new DhtNode({ ...NODE_OPTIONS, family: 6 });
  t.teardown(() => router.close());
  await router.listen(0, '::1');
  const dht = ['dht', { bootstrap: [`[::1]:${router.port}`], host: '127.0.0.1', ipv6: true, host6: '::1', fewPeersIntervalSeconds: 1 }] as const;
  const quiet = ['logger', false] as const;

  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'data.bin': 200_000 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'data.bin'), { pieceLength: 32768 });
  const seeder = await createClient({ ...LOOPBACK6, config: false, plugins: [quiet, dht] });
  t.teardown(() => seeder.destroy());
  let announced!: () => void;
  const announcedOnce = new Promise<void>((resolve) => (announced = resolve));
  seeder.on_dht_announce((_c, info) => info.nodes > 0 && announced());
  await seeder.addTorrent(metainfo, { dir: join(dir, 'payload') });
  await announcedOnce;
  t.true(router.peers.get(metainfo.infoHash, 10, Date.now()).some((p) => p.ip === '::1' && p.port === seeder.port), 'the router stored the seeder’s IPv6 address');

  const leecher = await createClient({ ...LOOPBACK6, config: false, plugins: [quiet, dht] });
  t.teardown(() => leecher.destroy());
  const peers: string[] = [];
  leecher.on_peer_handshake_complete((_c, { peer }) => void peers.push(`${peer.protocol} ${peer.ip} ${peer.port}`));
  const leechDir = await tempDir(t);
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: leechDir });
  await torrent.whenComplete();
  t.true(await sameFiles(join(dir, 'payload'), leechDir, ['data.bin']));
  // Over uTP, the default first transport, on IPv6.
  t.deepEqual(peers, [`udp6 ::1 ${seeder.port}`]);
});
