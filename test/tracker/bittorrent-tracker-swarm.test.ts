// Two swarmhook clients that know nothing of each other find each other
// through the server of the bittorrent-tracker package (webtorrent's tracker),
// over HTTP and over UDP, and exchange a torrent.
import type { AddressInfo } from 'node:net';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import Server from 'bittorrent-tracker/server';
import { createTorrent } from '../../core/metainfo/index.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { trackerTestClient } from '../helpers/tracker-client.ts';


async function startTracker(t: ExecutionContext): Promise<{ http: string; udp: string }> {
  // ws off: the WebSocket part needs the WebRTC module we do not install.
  const server = new Server({ http: true, udp: true, ws: false, stats: false });
  await new Promise<void>((resolve) =>
    server.listen({ http: 0, udp: 0 }, { http: '127.0.0.1', udp: '127.0.0.1', udp6: '::1' }, resolve),
  );
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const http = (server.http.address() as AddressInfo).port;
  const udp = server.udp4.address().port;
  return { http: `http://127.0.0.1:${http}/announce`, udp: `udp://127.0.0.1:${udp}` };
}


for (const scheme of ['http', 'udp'] as const) {
  test(`${scheme}: two clients find each other through bittorrent-tracker's server and exchange a torrent`, async (t) => {
    const urls = await startTracker(t);
    const seedDir = await tempDir(t);
    await writeFiles(join(seedDir, 'src'), { 'a.bin': 200_000, 'b/c.bin': 54_321 });
    const { metainfo } = await createTorrent(join(seedDir, 'src'), { announce: [urls[scheme]], pieceLength: 32768, name: `btt-${scheme}` });
    await rename(join(seedDir, 'src'), join(seedDir, metainfo.name));

    const seeder = await trackerTestClient(t);
    const leecher = await trackerTestClient(t);
    const failures: string[] = [];
    for (const c of [seeder, leecher]) c.on_tracker_failure((_c, i) => failures.push(`${i.url}: ${i.reason}`));
    const seederAnnounced = new Promise<void>((resolve) => seeder.on_tracker_success(() => resolve()));
    await seeder.addTorrent(metainfo, { dir: seedDir });
    await seederAnnounced;

    const leechDir = await tempDir(t);
    const peerCount = new Promise<number>((resolve) => leecher.on_tracker_success((_c, i) => resolve(i.peer_count)));
    const downloading = await leecher.addTorrent(metainfo, { dir: leechDir });
    t.true((await peerCount) >= 1, 'the tracker gave the leecher the seeder');
    await downloading.whenComplete();
    t.true(await sameFiles(seedDir, leechDir, metainfo.files.map((f) => f.path)));
    t.deepEqual(failures, []);
  });
}
