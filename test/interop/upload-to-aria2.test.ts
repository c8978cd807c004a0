// aria2 downloads whole torrents from a swarmhook seeder over 127.0.0.1.
// aria2 learns our address from a fake tracker (it cannot be given a peer),
// checks every piece as it goes, and exits once complete (--seed-time=0);
// the files it wrote equal the seed's byte for byte.
import type { ExecutionContext } from 'ava';
import { Aria2 } from '../helpers/aria2.ts';
import { ARIA2, interopTest } from '../helpers/interop.ts';
import {
  announced,
  assertSameFiles,
  makeSeedTorrent,
  MULTI_FILE,
  SINGLE_FILE,
  startPeerListTracker,
  swarmhookSeed,
  type SeedTorrentOptions,
} from '../helpers/interop-swarm.ts';
import { tempDir } from '../helpers/payload.ts';

const test = interopTest(ARIA2);

async function uploadToAria2(t: ExecutionContext, shape: SeedTorrentOptions): Promise<void> {
  const seed = await makeSeedTorrent(t, shape);
  const ours = await swarmhookSeed(t, seed);
  const tracker = await startPeerListTracker(t, () => [{ ip: '127.0.0.1', port: ours.port }]);
  const saveDir = await tempDir(t, 'swarmhook-aria2-save-');
  const aria2 = await Aria2.start(t, { torrentPath: seed.torrentPath, dir: saveDir, mode: 'download', tracker: tracker.url });
  const code = await aria2.process.waitForExit('aria2 to download from us and exit', 60_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${String(ours.log)}`);
  });
  t.is(code, 0, aria2.process.tail());
  t.regex(aria2.process.stdout, /Download complete: /);
  t.is(announced(tracker.requests[0]!, 'info_hash'), seed.metainfo.infoHashBuffer.toString('latin1'));
  await assertSameFiles(t, seed, saveDir);
  t.true(ours.swarm.uploaded >= seed.metainfo.length, `we uploaded ${ours.swarm.uploaded} bytes`);
}

test('aria2 downloads a single-file torrent from swarmhook', async (t) => {
  await uploadToAria2(t, SINGLE_FILE);
});

test('aria2 downloads a multi-file torrent with odd sizes and an empty file from swarmhook', async (t) => {
  await uploadToAria2(t, MULTI_FILE);
});
