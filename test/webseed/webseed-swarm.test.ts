// Web seeds in a real download: a multi-file torrent fetched from a web seed
// alone (a node:http server with Range support started here), a single-file
// one from a magnet-style ws URL, and seeds that send corrupt data, the wrong
// length, 404, or cannot be resolved or reached, beside an honest peer that
// then supplies every piece: url_seed tells, and the result is correct.
import { rename, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import type { EventInfo } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { bytes, sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { WebSeedServer, type SeedBehavior } from '../helpers/web-seed-server.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

const FILES = { 'a b.bin': 70_000, 'empty.txt': 0, 'sub/ç #1.bin': 33_333, 'z.bin': 50_001 };

/** A multi-file torrent "My Payload" in seedDir, its web seeds given by the caller. */
async function payload(t: ExecutionContext, urlList: (seedDir: string) => Promise<string[]>): Promise<{ metainfo: Metainfo; seedDir: string }> {
  const seedDir = await tempDir(t);
  await writeFiles(join(seedDir, 'src'), FILES);
  const urls = await urlList(seedDir);
  const { metainfo } = await createTorrent(join(seedDir, 'src'), { pieceLength: 16384, name: 'My Payload', urlList: urls });
  await rename(join(seedDir, 'src'), join(seedDir, metainfo.name));
  return { metainfo, seedDir };
}

function client(t: ExecutionContext): Client {
  const c = new Client(LOOPBACK);
  t.teardown(() => c.destroy());
  return c;
}

test('a multi-file torrent downloads from a web seed alone, with URL-encoded paths', async (t) => {
  let server!: WebSeedServer;
  const { metainfo, seedDir } = await payload(t, async (dir) => {
    server = await WebSeedServer.start(t, dir);
    return [server.url];
  });
  const leecher = client(t);
  const passed: EventInfo<'piece_hash_passed'>[] = [];
  const seedEvents: string[] = [];
  leecher.on_piece_hash_passed((_c, i) => passed.push(i));
  leecher.on_url_seed((_c, i) => seedEvents.push(i.reason));
  const leechDir = await tempDir(t);
  const swarm = await leecher.addTorrent(metainfo, { dir: leechDir });
  await swarm.whenComplete();
  t.true(await sameFiles(seedDir, leechDir, metainfo.files.map((f) => f.path)));
  t.is(new Set(passed.map((p) => p.index)).size, metainfo.pieceCount);
  for (const p of passed) {
    t.deepEqual(p.peers, []);
    t.true(p.blocks.length > 0 && p.blocks.every((b) => b.ip === server.url && b.peer === undefined));
  }
  t.deepEqual(seedEvents, []);
  t.is(swarm.downloaded, metainfo.length);
  const paths = new Set(server.requests.map((r) => r.rawPath));
  t.true(paths.has('/My%20Payload/sub/%C3%A7%20%231.bin'), [...paths].join(' '));
  t.true(paths.has('/My%20Payload/a%20b.bin'));
  t.false(paths.has('/My%20Payload/empty.txt'), 'a zero-length file is never asked for');
  t.true(server.requests.every((r) => r.range !== undefined));
});

test('a single-file torrent downloads from a ws URL ending in "/": the name is appended', async (t) => {
  const seedDir = await tempDir(t);
  await writeFile(join(seedDir, 'solo file.bin'), bytes('solo', 100_000));
  const { metainfo } = await createTorrent(join(seedDir, 'solo file.bin'), { pieceLength: 32768 });
  t.false(metainfo.multiFile);
  const server = await WebSeedServer.start(t, seedDir);
  const leecher = client(t);
  const leechDir = await tempDir(t);
  const swarm = await leecher.addTorrent(metainfo, { dir: leechDir, webSeeds: [`${server.url}`] });
  await swarm.whenComplete();
  t.true(await sameFiles(seedDir, leechDir, ['solo file.bin']));
  t.true(server.requests.every((r) => r.rawPath === '/solo%20file.bin'));
});

/** A leecher with the given web seeds and one honest peer: it must complete, and report the seeds. */
async function beside(t: ExecutionContext, behaviors: ((dir: string) => Promise<string>)[]) {
  const { metainfo, seedDir } = await payload(t, (dir) => Promise.all(behaviors.map((b) => b(dir))));
  const seeder = client(t);
  await seeder.addTorrent(metainfo, { dir: seedDir });
  const leecher = client(t);
  const urlSeed: EventInfo<'url_seed'>[] = [];
  const failed: EventInfo<'piece_hash_failed'>[] = [];
  leecher.on_url_seed((_c, i) => urlSeed.push(i));
  leecher.on_piece_hash_failed((_c, i) => failed.push(i));
  const leechDir = await tempDir(t);
  const swarm = await leecher.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await swarm.whenComplete();
  t.true(await sameFiles(seedDir, leechDir, metainfo.files.map((f) => f.path)));
  return { urlSeed, failed, swarm };
}

const serving = (t: ExecutionContext, behavior: SeedBehavior) => async (dir: string) => (await WebSeedServer.start(t, dir, () => behavior)).url;

test('a web seed sending corrupt data: url_seed, piece_hash_failed naming its URL, and a correct result from the peer', async (t) => {
  let url = '';
  const { urlSeed, failed, swarm } = await beside(t, [
    async (dir) => (url = await serving(t, 'corrupt')(dir)),
  ]);
  t.true(urlSeed.length >= 1);
  t.is(urlSeed[0]!.url, url);
  t.is(urlSeed[0]!.torrent, swarm);
  t.regex(urlSeed[0]!.reason, /^piece \d+ failed its hash check; retrying in 30 s$/);
  t.true(failed.length >= 1);
  t.deepEqual(failed[0]!.peers, []);
  t.true(failed[0]!.blocks.every((b) => b.ip === url && b.peer === undefined));
  t.is(swarm.state, 'seeding');
});

test('a web seed sending the wrong length, one answering 404, one that cannot be resolved and one refusing: each reported, the peer supplies all', async (t) => {
  const closedPort = await new Promise<number>((ok) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => ok(port));
    });
  });
  const { urlSeed } = await beside(t, [
    serving(t, 'short'),
    serving(t, { status: 404 }),
    async () => 'http://no-such-host.invalid/seed/',
    async () => `http://127.0.0.1:${closedPort}/`,
  ]);
  const reasons = urlSeed.map((u) => `${u.url.startsWith('http://no-such') ? 'dns' : u.url.includes(String(closedPort)) ? 'refused' : 'server'}: ${u.reason}`).sort();
  t.is(reasons.length, 4, reasons.join('\n'));
  t.regex(reasons[0]!, /^dns: host not found \(\w+\); retrying in 30 s$/);
  t.regex(reasons[1]!, /^refused: connection refused; retrying in 30 s$/);
  t.true(reasons.some((r) => /^server: HTTP 404 Not Found; retrying in 30 s$/.test(r)));
  t.true(reasons.some((r) => /^server: sent \d+ bytes where \d+ were asked; retrying in 30 s$/.test(r)));
});
