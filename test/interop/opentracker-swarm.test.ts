// Two swarmhook clients that know nothing of each other find each other
// through Debian's opentracker, over HTTP and over UDP, and exchange a
// torrent; the leecher then tells the tracker it completed, and both say
// "stopped" when they shut down.
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '../../core/client.ts';
import type { AnnounceEvent } from '../../core/hooks.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { interopTest, OPENTRACKER } from '../helpers/interop.ts';
import { startOpentracker } from '../helpers/opentracker.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { trackerTestClient } from '../helpers/tracker-client.ts';

const test = interopTest(OPENTRACKER);



function announces(c: Client): AnnounceEvent[] {
  const seen: AnnounceEvent[] = [];
  c.on_tracker_announce((_c, i) => seen.push(i.announce_event));
  return seen;
}

for (const scheme of ['http', 'udp'] as const) {
  test(`${scheme}: two clients find each other through opentracker and exchange a torrent`, async (t) => {
    const seedDir = await tempDir(t);
    await writeFiles(join(seedDir, 'src'), { 'one.bin': 300_000, 'two/three.bin': 12_345 });
    // The tracker's URL is known only once it runs, and the whitelist needs the info hash: make the torrent in between.
    const ot = await startOpentracker();
    t.teardown(() => ot.stop());
    const url = scheme === 'http' ? ot.httpUrl : ot.udpUrl;
    const { metainfo } = await createTorrent(join(seedDir, 'src'), { announce: [url], pieceLength: 32768, name: `opentracker-${scheme}` });
    await rename(join(seedDir, 'src'), join(seedDir, metainfo.name));
    await ot.allow(metainfo.infoHash);

    const seeder = await trackerTestClient(t);
    const leecher = await trackerTestClient(t);
    const leecherEvents = announces(leecher);
    const failures: string[] = [];
    for (const c of [seeder, leecher]) c.on_tracker_failure((_c, i) => failures.push(`${i.url}: ${i.reason}`));
    const seederKnown = new Promise<void>((resolve) => seeder.on_tracker_success(() => resolve()));
    const seeding = await seeder.addTorrent(metainfo, { dir: seedDir });
    t.is(seeding.state, 'seeding');
    await seederKnown;

    const leechDir = await tempDir(t);
    const peersFromTracker = new Promise<number>((resolve) => leecher.on_tracker_success((_c, i) => resolve(i.peer_count)));
    const downloading = await leecher.addTorrent(metainfo, { dir: leechDir });
    t.true((await peersFromTracker) >= 1, 'opentracker gave the leecher the seeder');
    await downloading.whenComplete();
    t.true(await sameFiles(seedDir, leechDir, metainfo.files.map((f) => f.path)));

    // completed follows the download (the tracker gave no min interval).
    const completed = new Promise<void>((resolve) => {
      const check = (): void => void (leecherEvents.includes('completed') ? resolve() : setTimeout(check, 20));
      check();
    });
    await completed;
    t.deepEqual(leecherEvents.slice(0, 2), ['started', 'completed']);
    t.deepEqual(failures, []);

    // Removing the torrent says stopped, and waits for it (bounded).
    await leecher.removeTorrent(metainfo.infoHash);
    t.deepEqual(leecherEvents, ['started', 'completed', 'stopped']);
  });
}
