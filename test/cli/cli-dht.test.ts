// `bt download` with only a magnet link's info hash and --dht-node: it finds
// the seeder through the DHT, says so while it searches, and downloads.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { createClient } from '../../core/create-client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { DhtNode } from '../../plugins/dht/node.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

const BT = new URL('../../bin/bt.js', import.meta.url).pathname;
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

test('bt download magnet:?xt=urn:btih:<hash> --dht-node finds the seeder through the DHT', async (t) => {
  const router = new DhtNode({ maxNodes: 100, maxPeersPerTorrent: 10, maxStoredPeers: 100, maxQueriesPerSecond: 1000, queryTimeoutMs: 1000 });
  t.teardown(() => router.close());
  await router.listen(0, '127.0.0.1');
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'data.bin': 100_000 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'data.bin'), { pieceLength: 16384 });
  const seeder = await createClient({
    ...LOOPBACK,
    config: false,
    plugins: [['logger', false], ['dht', { bootstrap: [`127.0.0.1:${router.port}`], host: '127.0.0.1' }]],
  });
  t.teardown(() => seeder.destroy());
  const announced = new Promise<void>((resolve) => seeder.on_dht_announce((_c, info) => info.nodes > 0 && resolve()));
  await seeder.addTorrent(metainfo, { dir: join(dir, 'payload') });
  await announced;

  const out = await tempDir(t);
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [BT, 'download', `magnet:?xt=urn:btih:${metainfo.infoHash}`, '-o', out, '--port', '0', '--dht-node', `127.0.0.1:${router.port}`],
    { cwd: out, timeout: 60_000 },
  );
  t.regex(stdout + stderr, /searching the DHT: \d+ nodes, \d+ peers so far/);
  t.regex(stdout + stderr, /complete: data\.bin/);
  t.true(await sameFiles(join(dir, 'payload'), out, ['data.bin']));
});
