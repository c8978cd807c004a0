// The dht plugin against libtorrent's DHT on loopback: a libtorrent seeder
// announces through a swarmhook DHT node (libtorrent's KRPC parsed by our
// strict codec), and a swarmhook client with only the info hash finds it and
// downloads; then libtorrent's own lookup time through the same node, for
// comparison. Skipped locally without python3-libtorrent; fails in CI.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { createClient } from '../../core/create-client.ts';
import { createTorrent, encodeTorrent } from '../../core/metainfo/index.ts';
import { DhtNode } from '../../plugins/dht/node.ts';
import { interopTest, LIBTORRENT, PYTHON } from '../helpers/interop.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

const test = interopTest(LIBTORRENT);
const SCRIPT = fileURLToPath(new URL('../helpers/libtorrent_dht.py', import.meta.url));
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

function run(args: string[]): { child: ChildProcessWithoutNullStreams; line: (event: string) => Promise<Record<string, number>> } {
  const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = new Map<string, (v: Record<string, number>) => void>();
  const seen = new Map<string, Record<string, number>>();
  lines.on('line', (text) => {
    const obj = JSON.parse(text) as Record<string, number> & { event: string };
    seen.set(obj.event, obj);
    waiting.get(obj.event)?.(obj);
  });
  return {
    child,
    line: (event) => new Promise((resolve) => (seen.has(event) ? resolve(seen.get(event)!) : waiting.set(event, resolve))),
  };
}

test('a swarmhook client finds a libtorrent seeder through the DHT and downloads', async (t) => {
  const router = new DhtNode({ maxNodes: 100, maxPeersPerTorrent: 10, maxStoredPeers: 100, maxQueriesPerSecond: 1000, queryTimeoutMs: 1000 });
  t.teardown(() => router.close());
  await router.listen(0, '127.0.0.1');
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'data.bin': 200_000 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'data.bin'), { pieceLength: 16384 });
  const torrentFile = join(dir, 'data.torrent');
  await writeFile(torrentFile, encodeTorrent(metainfo));
  const seeder = run(['seed', '--dht-node', `127.0.0.1:${router.port}`, '--torrent', torrentFile, '--dir', join(dir, 'payload')]);
  t.teardown(() => seeder.child.kill());
  await seeder.line('listening');
  // Wait until libtorrent's announce reached our node.
  const hash = Buffer.from(metainfo.infoHash, 'hex');
  for (let i = 0; i < 200 && router.peers.get(metainfo.infoHash, 1, Date.now()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  t.is(router.peers.get(hash.toString('hex'), 1, Date.now()).length, 1, 'libtorrent announced to our node');

  const leecher = await createClient({
    ...LOOPBACK,
    config: false,
    plugins: [['logger', false], ['dht', { bootstrap: [`127.0.0.1:${router.port}`], host: '127.0.0.1', fewPeersIntervalSeconds: 1 }]],
  });
  t.teardown(() => leecher.destroy());
  const started = performance.now();
  let firstPeerMs: number | undefined;
  leecher.on_dht_get_peers((_c, info) => {
    if (info.peers > 0) firstPeerMs ??= performance.now() - started;
  });
  const out = await tempDir(t);
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: out });
  await torrent.whenComplete();
  t.true(await sameFiles(join(dir, 'payload'), out, ['data.bin']));
  t.log(`swarmhook: first peer through the DHT after ${firstPeerMs?.toFixed(0)} ms`);

  const fetcher = run(['fetch', '--dht-node', `127.0.0.1:${router.port}`, '--hash', metainfo.infoHash, '--dir', await tempDir(t)]);
  t.teardown(() => fetcher.child.kill());
  const first = await fetcher.line('first_peer');
  t.log(`libtorrent: first peer through the same DHT node after ${first['ms']} ms`);
});
