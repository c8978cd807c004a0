// The dht plugin end to end on loopback: a swarmhook seeder announces its
// torrent to a DHT of one router node, and a swarmhook downloader with only
// `magnet:?xt=urn:btih:<hash>` and that bootstrap node finds the seeder,
// fetches the metadata and downloads the data.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { createClient } from '../../core/create-client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { DhtNode } from '../../plugins/dht/node.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { DHT_NODE_OPTIONS, dhtSwarm } from '../helpers/dht-swarm.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

test('a magnet with only an info hash is found through the DHT and downloaded', async (t) => {
  const { payload, metainfo, plugins } = await dhtSwarm(t, { family: 4, length: 300_000, dht: { host: '127.0.0.1' } });

  const leecher = await createClient({ ...LOOPBACK, config: false, plugins });
  t.teardown(() => leecher.destroy());
  const started = performance.now();
  let firstPeerMs: number | undefined;
  leecher.on_dht_get_peers((_c, info) => {
    if (info.peers > 0) firstPeerMs ??= performance.now() - started;
  });
  const leechDir = await tempDir(t);
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: leechDir });
  await torrent.whenComplete();
  t.true(await sameFiles(payload, leechDir, ['data.bin']));
  t.log(`time to the first peer through the DHT: ${firstPeerMs?.toFixed(0)} ms`);
});

test('private torrents are never announced to the DHT', async (t) => {
  const router = new DhtNode(DHT_NODE_OPTIONS);
  t.teardown(() => router.close());
  await router.listen(0, '127.0.0.1');
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'data.bin': 40_000 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'data.bin'), { pieceLength: 16384, private: true });
  t.true(metainfo.private);
  const events: string[] = [];
  const seeder = await createClient({
    ...LOOPBACK,
    config: false,
    plugins: [['logger', false], ['dht', { bootstrap: [`127.0.0.1:${router.port}`], host: '127.0.0.1' }]],
    on_dht_bootstrap: () => events.push('bootstrap'),
    on_dht_announce: () => events.push('announce'),
  });
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir: join(dir, 'payload') });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  t.deepEqual(events, []);
  t.is(router.table.size, 0);
});

test('the routing table is saved on destroy and loaded at the next start', async (t) => {
  const router = new DhtNode(DHT_NODE_OPTIONS);
  t.teardown(() => router.close());
  await router.listen(0, '127.0.0.1');
  const dir = await tempDir(t);
  const stateFile = join(dir, 'dht-state.json');
  await writeFiles(join(dir, 'payload'), { 'data.bin': 20_000 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'data.bin'), { pieceLength: 16384 });
  const start = async (bootstrap: string[]) => {
    const client = await createClient({ ...LOOPBACK, config: false, plugins: [['logger', false], ['dht', { bootstrap, host: '127.0.0.1', stateFile }]] });
    const bootstrapped = new Promise<number>((resolve) => client.on_dht_bootstrap((_c, info) => resolve(info.nodes)));
    await client.addTorrent(metainfo, { dir: join(dir, 'payload') });
    return { client, nodes: await bootstrapped };
  };
  const first = await start([`127.0.0.1:${router.port}`]);
  t.is(first.nodes, 1);
  await first.client.destroy();
  const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { nodes: { port: number }[] };
  t.deepEqual(saved.nodes.map((n) => n.port), [router.port]);
  // No bootstrap node this time: the saved table alone finds the router.
  const second = await start([]);
  t.teardown(() => second.client.destroy());
  t.is(second.nodes, 1);
});
