// The engine's MSE/PE with libtorrent 2.0 over loopback: libtorrent with
// forced encryption downloads from a swarmhook seeder (MSE accepted on the
// listening port), and swarmhook with encryption forced downloads from a
// libtorrent seeder that forces it too. Also logs how long libtorrent on its
// default settings (which tries MSE first) takes to finish against a seeder
// that refuses MSE (disabled) and one that takes it (enabled).
import type { ExecutionContext } from 'ava';
import type { PeerEncryption } from '../../core/index.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { assertSameFiles, loopbackClient, makeSeedTorrent, SINGLE_FILE, SwarmLog, within, type SeedTorrent } from '../helpers/interop-swarm.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { tempDir } from '../helpers/payload.ts';

const test = interopTest(LIBTORRENT);

async function seedFromSwarmhook(t: ExecutionContext, seed: SeedTorrent, policy: 'disabled' | 'enabled' | 'forced') {
  const log = new SwarmLog();
  const encryptions = new Set<PeerEncryption>();
  const client = loopbackClient(4, { ...log.listeners(), encryption: { policy }, on_peer_data_in: (_c, e) => void encryptions.add(e.peer.encryption) });
  t.teardown(() => client.destroy());
  await client.addTorrent(seed.torrent, { dir: seed.dir });
  return { client, log, encryptions, port: client.port! };
}

/** libtorrent downloads `seed` from a swarmhook seeder; resolves with the ms from its start to torrent_finished. */
async function libtorrentDownloads(t: ExecutionContext, seed: SeedTorrent, port: number, log: SwarmLog, encryption: 'forced' | 'default'): Promise<number> {
  const saveDir = await tempDir(t, 'swarmhook-lt-save-');
  // Timed from the session's start (Python's start-up included, the same in every run).
  const started = performance.now();
  const lt = await LibtorrentSession.start(t, {
    torrentPath: seed.torrentPath,
    saveDir,
    mode: 'download',
    listen: '127.0.0.1',
    peers: [{ host: '127.0.0.1', port }],
    forcedEncryption: encryption === 'forced',
    defaultEncryption: encryption === 'default',
  });
  await lt.waitFor((l) => l.event === 'finished', 'libtorrent to finish downloading from us', 60_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${String(log)}`);
  });
  const ms = performance.now() - started;
  await lt.stop();
  await assertSameFiles(t, seed, saveDir);
  return ms;
}

test('libtorrent with forced encryption downloads from a swarmhook seeder (encryption enabled): MSE accepted, RC4', async (t) => {
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const ours = await seedFromSwarmhook(t, seed, 'enabled');
  await libtorrentDownloads(t, seed, ours.port, ours.log, 'forced');
  t.deepEqual([...ours.encryptions], ['rc4']);
  t.deepEqual(ours.log.failed, []);
});

test('swarmhook with encryption forced downloads from a libtorrent seeder that forces it too', async (t) => {
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const lt = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir: seed.dir, mode: 'seed', listen: '127.0.0.1', forcedEncryption: true });
  await lt.waitFor((l) => l.event === 'state' && l.state === 'seeding', 'libtorrent to seed', 20000);
  const dir = await tempDir(t, 'swarmhook-leech-');
  const log = new SwarmLog();
  const encryptions = new Set<PeerEncryption>();
  const client = loopbackClient(4, { ...log.listeners(), encryption: { policy: 'forced' }, on_peer_data_in: (_c, e) => void encryptions.add(e.peer.encryption) });
  t.teardown(() => client.destroy());
  const swarm = await client.addTorrent(seed.torrent, { dir, peers: [{ ip: '127.0.0.1', port: lt.port }] });
  await within(swarm.whenComplete(), 60_000, 'swarmhook to download from libtorrent', () => String(log));
  await assertSameFiles(t, seed, dir);
  t.deepEqual([...encryptions], ['rc4']);
});

test('libtorrent on default settings: time to finish from a seeder refusing MSE (disabled) and one taking it (enabled)', async (t) => {
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const refusing = await seedFromSwarmhook(t, seed, 'disabled');
  const plaintextMs = await libtorrentDownloads(t, seed, refusing.port, refusing.log, 'default');
  const taking = await seedFromSwarmhook(t, seed, 'enabled');
  const mseMs = await libtorrentDownloads(t, seed, taking.port, taking.log, 'default');
  t.log(`libtorrent defaults, ${seed.metainfo.length} bytes: seeder refusing MSE ${plaintextMs.toFixed(0)} ms, seeder taking MSE ${mseMs.toFixed(0)} ms`);
  t.deepEqual([...refusing.encryptions], ['none']);
  t.true(taking.encryptions.size === 1 && !taking.encryptions.has('none'), `seen: ${[...taking.encryptions].join(', ')}`);
});
