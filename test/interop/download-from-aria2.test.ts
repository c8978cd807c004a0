// swarmhook downloads whole torrents from an aria2 seeder over 127.0.0.1.
// aria2 checks its data (-V), announces to a fake tracker that hands out no
// peers, and waits on its listen port; swarmhook dials it there. Every piece
// passes our hash check and every file equals the seed's byte for byte.
import type { ExecutionContext } from 'ava';
import { Aria2 } from '../helpers/aria2.ts';
import { ARIA2, interopTest } from '../helpers/interop.ts';
import {
  announced,
  assertDownloaded,
  makeSeedTorrent,
  MULTI_FILE,
  SINGLE_FILE,
  startPeerListTracker,
  swarmhookDownload,
  waitUntil,
  type SeedTorrentOptions,
} from '../helpers/interop-swarm.ts';

const test = interopTest(ARIA2);

async function downloadFromAria2(t: ExecutionContext, shape: SeedTorrentOptions): Promise<void> {
  const seed = await makeSeedTorrent(t, shape);
  const tracker = await startPeerListTracker(t, () => []);
  const aria2 = await Aria2.start(t, { torrentPath: seed.torrentPath, dir: seed.dir, mode: 'seed', tracker: tracker.url });
  // Really seeding: it verified the data and tells the tracker it has everything.
  await waitUntil(
    () => tracker.requests.some((r) => announced(r, 'left') === '0' && announced(r, 'port') === String(aria2.port)),
    15_000,
    'aria2 to announce itself as a seed',
    { explain: () => aria2.process.tail(), gaveUp: () => aria2.process.exited },
  );
  t.is(announced(tracker.requests[0]!, 'info_hash'), seed.metainfo.infoHashBuffer.toString('latin1'));
  const download = await swarmhookDownload(t, seed, { ip: '127.0.0.1', port: aria2.port }, { ms: 60_000, explain: () => aria2.process.tail() });
  await assertDownloaded(t, seed, download);
  t.false(aria2.process.exited, 'aria2 still seeding');
}

test('swarmhook downloads a single-file torrent from aria2', async (t) => {
  await downloadFromAria2(t, SINGLE_FILE);
});

test('swarmhook downloads a multi-file torrent with odd sizes and an empty file from aria2', async (t) => {
  await downloadFromAria2(t, MULTI_FILE);
});
