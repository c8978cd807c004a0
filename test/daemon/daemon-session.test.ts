// The daemon's session in its state folder: what a stop writes, what a
// restart brings back (state, folder, limits, no piece hashed), what a
// removal leaves behind (nothing), and a session file that cannot be used.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { startDaemon } from '../../core/cli/daemon.ts';
import { SESSION_FILE } from '../../core/cli/daemon-session.ts';
import { torrentDir, type Client, type Plugin } from '../../core/index.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { writeDaemonConfig } from '../helpers/bt-daemon.ts';
import { assertSameFiles, freePort, makeSeedTorrent, SINGLE_FILE, swarmhookSeed } from '../helpers/interop-swarm.ts';
import { until } from '../helpers/until.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

async function setup(t: ExecutionContext) {
  const root = await tempDir(t, 'swarmhook-session-root-');
  await writeFiles(root, { 'a.bin': 300_000, 'b.bin': 200_000 });
  const a = (await createTorrent(join(root, 'a.bin'), { pieceLength: 16384 })).metainfo;
  const b = (await createTorrent(join(root, 'b.bin'), { pieceLength: 16384 })).metainfo;
  const state = await tempDir(t, 'swarmhook-session-state-');
  const config = await writeDaemonConfig(await tempDir(t), { rpcPort: await freePort(), root });
  return { root, a, b, state, config };
}

/** Counts the pieces hashed from the moment the client is built. */
function hashCounter(): { plugin: Plugin<unknown>; count: () => number } {
  let hashed = 0;
  const plugin: Plugin<unknown> = {
    name: 'count-hashed',
    apply(client: Client) {
      client.hooks.piece_hash_passed.tap('count-hashed', () => void hashed++);
      client.hooks.piece_hash_failed.tap('count-hashed', () => void hashed++);
    },
  };
  return { plugin, count: () => hashed };
}

test('a stop writes the session; a restart brings the torrents back in order, paused or not, with their folders and limits, hashing nothing', async (t) => {
  const { root, a, b, state, config } = await setup(t);
  const first = await startDaemon({ state, config, logLevel: 'off' });
  await first.client.addTorrent(a, { dir: root });
  const tb = await first.client.addTorrent(b, { dir: root });
  tb.pause();
  tb.setRateLimits({ download: 50_000, upload: 0 });
  first.client.setRateLimits({ upload: 70_000 });
  await first.stop();
  const session = JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8'));
  t.deepEqual(session, {
    version: 1,
    rateLimits: { download: 0, upload: 70_000 },
    torrents: [
      { infoHash: a.infoHash, name: 'a.bin', dir: root, paused: false, rateLimits: { download: 0, upload: 0 } },
      { infoHash: b.infoHash, name: 'b.bin', dir: root, paused: true, rateLimits: { download: 50_000, upload: 0 } },
    ],
  });
  t.deepEqual((await readdir(join(state, 'torrents'))).sort(), [`${a.infoHash}.torrent`, `${b.infoHash}.torrent`].sort());
  t.deepEqual((await readdir(join(state, 'resume'))).sort(), [`${a.infoHash}.swarmhook-resume`, `${b.infoHash}.swarmhook-resume`].sort());

  const counter = hashCounter();
  const second = await startDaemon({ state, config, logLevel: 'off', plugins: [counter.plugin] });
  t.teardown(() => second.stop());
  t.deepEqual(second.client.torrents.map((x) => [x.infoHash, x.state, x.progress]), [[a.infoHash, 'seeding', 1], [b.infoHash, 'paused', 1]]);
  t.is(counter.count(), 0, 'nothing was hashed');
  t.deepEqual(second.client.torrents[1]!.rateLimits, { download: 50_000, upload: 0 });
  t.deepEqual(second.client.rateLimits, { download: 0, upload: 70_000 });

  await second.client.removeTorrent(a.infoHash);
  await second.stop();
  t.deepEqual(await readdir(join(state, 'torrents')), [`${b.infoHash}.torrent`], 'a removed torrent leaves no .torrent');
  t.deepEqual(await readdir(join(state, 'resume')), [`${b.infoHash}.swarmhook-resume`], 'nor resume data');
});

test('a download folder changed at run time (transmission-remote -w) is kept across a restart; the configured one writes nothing', async (t) => {
  const { root, a, state, config } = await setup(t);
  const first = await startDaemon({ state, config, logLevel: 'off' });
  await first.stop();
  t.false('downloadDir' in JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8')));

  const elsewhere = join(root, 'elsewhere');
  const second = await startDaemon({ state, config, logLevel: 'off' });
  second.client.setDownloadDir(elsewhere);
  await second.stop();
  t.is(JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8')).downloadDir, elsewhere);

  const third = await startDaemon({ state, config, logLevel: 'off' });
  t.teardown(() => third.stop());
  t.is(third.client.downloadDir, elsewhere);
  const added = await third.client.addTorrent(a, { paused: true });
  t.is(torrentDir(added), elsewhere, 'a torrent added without a folder goes to the kept one');
});

test('a session file that cannot be used stops the start with DAEMON_BAD_STATE (rather than start empty and lose it), and releases the lock', async (t) => {
  const { state, config } = await setup(t);
  await writeFile(join(state, SESSION_FILE), '{"version":1,"rateLimits":{"download":0,"upload":0},"torrents":[{"infoHash":"zz"}]}');
  const error = await t.throwsAsync(startDaemon({ state, config, logLevel: 'off' }), { code: 'DAEMON_BAD_STATE' });
  t.regex(error!.message, /torrents\[0\]/);
  await writeFile(join(state, SESSION_FILE), 'not json');
  await t.throwsAsync(startDaemon({ state, config, logLevel: 'off' }), { code: 'DAEMON_BAD_STATE' });
  await writeFile(join(state, SESSION_FILE), JSON.stringify({ version: 1, rateLimits: { download: 0, upload: 0 }, torrents: [] }));
  const daemon = await startDaemon({ state, config, logLevel: 'off' });
  t.deepEqual(daemon.client.torrents, []);
  await daemon.stop();
});

test('file priorities are kept: a torrent whose files were skipped, raised and lowered while it ran comes back with the same priorities', async (t) => {
  const { root, state, config } = await setup(t);
  await writeFiles(join(root, 'four'), { 'w.bin': 40_000, 'x.bin': 40_000, 'y.bin': 40_000, 'z.bin': 40_000 });
  const meta = (await createTorrent(join(root, 'four'), { pieceLength: 16384 })).metainfo;
  const first = await startDaemon({ state, config, logLevel: 'off' });
  const torrent = await first.client.addTorrent(meta, { dir: root, files: [0, 2, 3] });
  torrent.files[2]!.setPriority('high');
  torrent.files[3]!.setPriority('low');
  await first.stop();
  const session = JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8'));
  t.deepEqual(session.torrents[0].priorities, ['normal', 'skip', 'high', 'low']);
  const second = await startDaemon({ state, config, logLevel: 'off' });
  t.teardown(() => second.stop());
  t.deepEqual(second.client.torrents[0]!.files.map((f) => f.priority), ['normal', 'skip', 'high', 'low']);
  await second.stop();
  const again = JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8'));
  t.deepEqual(again.torrents[0].priorities, ['normal', 'skip', 'high', 'low'], 'a restart changes nothing');
});

test('a torrent whose files are all at normal writes no priorities', async (t) => {
  const { root, a, state, config } = await setup(t);
  const daemon = await startDaemon({ state, config, logLevel: 'off' });
  await daemon.client.addTorrent(a, { dir: root });
  await daemon.stop();
  const session = JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8'));
  t.false('priorities' in session.torrents[0]);
});

test('a magnet link still fetching its metadata is kept: it comes back after a restart (name, trackers, folder) and becomes a torrent once a peer gives the metadata', async (t) => {
  const { root, state, config } = await setup(t);
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const downloads = join(root, 'downloads');
  // The tracker is never reached (nothing listens there); the link keeps it all the same.
  const tracker = `http://127.0.0.1:${await freePort()}/announce`;
  const link = `magnet:?xt=urn:btih:${seed.metainfo.infoHash}&dn=later.bin&tr=${encodeURIComponent(tracker)}`;
  const first = await startDaemon({ state, config, logLevel: 'off' });
  first.client.addTorrent(link, { dir: downloads }).catch(() => undefined);
  await until('the magnet to be listed', 10_000, () => (first.client.magnets.length === 1 ? true : undefined));
  await first.stop();
  const session = JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8'));
  t.deepEqual(session.torrents, []);
  t.deepEqual(session.magnets, [
    { infoHash: seed.metainfo.infoHash, name: 'later.bin', magnet: `magnet:?xt=urn:btih:${seed.metainfo.infoHash}&dn=later.bin&tr=${encodeURIComponent(tracker)}`, dir: downloads, paused: false },
  ]);

  const second = await startDaemon({ state, config, logLevel: 'off' });
  t.teardown(() => second.stop());
  await until('the magnet to be back', 10_000, () => (second.client.magnets.length === 1 ? true : undefined));
  const [back] = second.client.magnets;
  t.deepEqual([back!.infoHash, back!.name, back!.dir, back!.link.trackers], [seed.metainfo.infoHash, 'later.bin', downloads, [tracker]]);

  const seeder = await swarmhookSeed(t, seed);
  seeder.swarm.addPeers([{ ip: '127.0.0.1', port: second.client.port! }]);
  await until('the metadata to come and the torrent to complete', 60_000, () => (second.client.torrents[0]?.state === 'seeding' ? true : undefined));
  await assertSameFiles(t, seed, downloads);
  await second.stop();
  const after = JSON.parse(await readFile(join(state, SESSION_FILE), 'utf8'));
  t.deepEqual(after.torrents.map((x: { infoHash: string }) => x.infoHash), [seed.metainfo.infoHash]);
  t.false('magnets' in after, 'a magnet that became a torrent is saved as a torrent');
  t.deepEqual(await readdir(join(state, 'torrents')), [`${seed.metainfo.infoHash}.torrent`]);
});
