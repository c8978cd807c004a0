// libtorrent 2.0 downloads whole torrents from a swarmhook seeder over
// loopback: libtorrent's own hash check passes every piece, and the files it
// wrote equal the seed's byte for byte.
import type { ExecutionContext } from 'ava';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { assertSameFiles, makeSeedTorrent, MULTI_FILE, SINGLE_FILE, swarmhookSeed, type SeedTorrentOptions } from '../helpers/interop-swarm.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { tempDir } from '../helpers/payload.ts';

const test = interopTest(LIBTORRENT);

async function uploadToLibtorrent(t: ExecutionContext, shape: SeedTorrentOptions, host: '127.0.0.1' | '::1'): Promise<void> {
  const seed = await makeSeedTorrent(t, shape);
  const ours = await swarmhookSeed(t, seed, { family: host === '::1' ? 6 : 4 });
  const saveDir = await tempDir(t, 'swarmhook-lt-save-');
  const lt = await LibtorrentSession.start(t, {
    torrentPath: seed.torrentPath,
    saveDir,
    mode: 'download',
    listen: host,
    peers: [{ host, port: ours.port }],
  });
  await lt.waitFor((l) => l.event === 'finished', 'libtorrent to finish downloading from us', 60_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${String(ours.log)}`);
  });
  // torrent_finished comes only once every piece passed libtorrent's hash check.
  const pieces = seed.metainfo.pieceCount;
  t.is(lt.lines.find((l) => l.event === 'added')?.pieces, pieces);
  lt.requestStatus();
  const status = await lt.waitFor((l) => l.event === 'progress' && l.num_pieces === pieces, 'libtorrent to report every piece had', 5000);
  t.is(status.total_done, seed.metainfo.length);
  t.is(status.progress, 1);
  t.false(lt.lines.some((l) => l.event === 'alert' && l.type === 'hash_failed'), 'no piece failed libtorrent’s hash check');
  t.false(lt.lines.some((l) => l.event === 'error'));
  // Stopping the session flushes its writes before we read the files.
  await lt.stop();
  await assertSameFiles(t, seed, saveDir);
  t.true(ours.swarm.uploaded >= seed.metainfo.length, `we uploaded ${ours.swarm.uploaded} bytes`);
  t.deepEqual(ours.log.failed, []);
}

test('libtorrent downloads a single-file torrent from swarmhook over 127.0.0.1', async (t) => {
  await uploadToLibtorrent(t, SINGLE_FILE, '127.0.0.1');
});

test('libtorrent downloads a multi-file torrent with odd sizes and an empty file from swarmhook', async (t) => {
  await uploadToLibtorrent(t, MULTI_FILE, '127.0.0.1');
});

test('libtorrent downloads from swarmhook over ::1', async (t) => {
  await uploadToLibtorrent(t, SINGLE_FILE, '::1');
});
