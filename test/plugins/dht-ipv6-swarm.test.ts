// The dht plugin with ipv6 (BEP 32) end to end on ::1: clients that listen
// on IPv6 only announce to and look up in a DHT of one IPv6 router node; the
// downloader, with only `magnet:?xt=urn:btih:<hash>`, finds the seeder's
// IPv6 address there, fetches the metadata and downloads.
import test from 'ava';
import { createClient } from '../../core/create-client.ts';
import { sameFiles, tempDir } from '../helpers/payload.ts';
import { dhtSwarm } from '../helpers/dht-swarm.ts';


test('a magnet with only an info hash is found through the IPv6 DHT and downloaded over IPv6', async (t) => {
  const { router, listen, plugins, payload, metainfo, seeder } = await dhtSwarm(t, { family: 6, length: 200_000, dht: { host: '127.0.0.1', ipv6: true, host6: '::1' } });
  t.true(router.peers.get(metainfo.infoHash, 10, Date.now()).some((p) => p.ip === '::1' && p.port === seeder.port), 'the router stored the seeder’s IPv6 address');

  const leecher = await createClient({ ...listen, config: false, plugins });
  t.teardown(() => leecher.destroy());
  const peers: string[] = [];
  leecher.on_peer_handshake_complete((_c, { peer }) => void peers.push(`${peer.protocol} ${peer.ip} ${peer.port}`));
  const leechDir = await tempDir(t);
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: leechDir });
  await torrent.whenComplete();
  t.true(await sameFiles(payload, leechDir, ['data.bin']));
  // Over uTP, the default first transport, on IPv6.
  t.deepEqual(peers, [`udp6 ::1 ${seeder.port}`]);
});
