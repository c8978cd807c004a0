// swarmhook downloads whole torrents from a Transmission 3.00 seeder over
// 127.0.0.1, dialing it (Transmission never dials loopback peers). Plain
// handshakes: Transmission runs with encryption 0 (clear preferred). Every
// piece passes our hash check and every file equals the seed's byte for byte.
import type { ExecutionContext } from 'ava';
import { interopTest, TRANSMISSION } from '../helpers/interop.ts';
import { assertDownloaded, makeSeedTorrent, MULTI_FILE, SINGLE_FILE, swarmhookDownload, type SeedTorrentOptions } from '../helpers/interop-swarm.ts';
import { TransmissionSeeder } from '../helpers/transmission.ts';

const test = interopTest(TRANSMISSION);

async function downloadFromTransmission(t: ExecutionContext, shape: SeedTorrentOptions): Promise<void> {
  const seed = await makeSeedTorrent(t, shape);
  const transmission = await TransmissionSeeder.start(t, { torrentPath: seed.torrentPath, dir: seed.dir });
  // Transmission unchokes on its 10 s rechoke pulse: allow a few of them.
  const download = await swarmhookDownload(t, seed, { ip: '127.0.0.1', port: transmission.port }, {
    ms: 90_000,
    explain: () => transmission.process.tail(),
  });
  await assertDownloaded(t, seed, download);
  t.false(transmission.process.exited, 'transmission still seeding');
  t.true(download.log.lines.some((l) => /handshake with .*\(Transmission 3\.00\)/.test(l)), download.log.lines.join('\n'));
}

test('swarmhook downloads a single-file torrent from transmission', async (t) => {
  await downloadFromTransmission(t, SINGLE_FILE);
});

test('swarmhook downloads a multi-file torrent with odd sizes and an empty file from transmission', async (t) => {
  await downloadFromTransmission(t, MULTI_FILE);
});
