// swarmhook downloads whole torrents from a libtorrent 2.0 seeder over
// loopback (IPv4, and IPv6 once): every piece passes our hash check and every
// file equals the seed's byte for byte.
import type { ExecutionContext } from 'ava';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { assertDownloaded, makeSeedTorrent, MULTI_FILE, SINGLE_FILE, swarmhookDownload, type SeedTorrentOptions } from '../helpers/interop-swarm.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';

const test = interopTest(LIBTORRENT);

async function downloadFromLibtorrent(t: ExecutionContext, shape: SeedTorrentOptions, host: '127.0.0.1' | '::1'): Promise<void> {
  const seed = await makeSeedTorrent(t, shape);
  const lt = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir: seed.dir, mode: 'seed', listen: host });
  const ready = await lt.waitFor((l) => l.event === 'state' && l.state === 'seeding', 'libtorrent to find its data complete and seed', 20000);
  t.truthy(ready);
  const download = await swarmhookDownload(t, seed, { ip: host, port: lt.port }, {
    ms: 60_000,
    family: host === '::1' ? 6 : 4,
    explain: () => `libtorrent: ${JSON.stringify(lt.lines.slice(-10))}\n${lt.stderr.slice(-1000)}`,
  });
  await assertDownloaded(t, seed, download);
  // libtorrent counts the whole torrent as uploaded to us.
  lt.requestStatus();
  await lt.waitFor((l) => l.event === 'progress' && (l.total_upload as number) >= seed.metainfo.length, 'libtorrent to count its upload', 5000);
  const connected = lt.lines.find((l) => l.event === 'alert' && l.type === 'peer_connect');
  t.is(connected?.ip, host, 'libtorrent saw us connect from the loopback address');
}

test('swarmhook downloads a single-file torrent from libtorrent over 127.0.0.1', async (t) => {
  await downloadFromLibtorrent(t, SINGLE_FILE, '127.0.0.1');
});

test('swarmhook downloads a multi-file torrent with odd sizes and an empty file from libtorrent', async (t) => {
  await downloadFromLibtorrent(t, MULTI_FILE, '127.0.0.1');
});

test('swarmhook downloads from libtorrent over ::1', async (t) => {
  await downloadFromLibtorrent(t, SINGLE_FILE, '::1');
});
