// Rate limits end to end: two clients over loopback. The bounds are wide
// (the bench measures accuracy: bench/rate-limit.ts); these check that a
// limit holds at all, from either side, and that one set at run time takes
// effect.
import test from 'ava';
import { measureRate, startRateSwarm } from '../helpers/rate-swarm.ts';

const MiB = 1024 * 1024;

test('a 1 MiB/s download limit holds over 3 s (within 25%)', async (t) => {
  const swarm = await startRateSwarm({ length: 16 * MiB, downloader: { rates: { maxDownloadRate: MiB } } });
  t.teardown(() => swarm.close());
  t.deepEqual(swarm.downloader.rateLimits, { download: MiB, upload: 0 });
  const rate = await measureRate(swarm.downloading, 3000);
  t.true(Math.abs(rate - MiB) / MiB < 0.25, `${Math.round(rate)} B/s`);
});

test('a 1 MiB/s upload limit of the seeder holds over 3 s (within 25%)', async (t) => {
  const swarm = await startRateSwarm({ length: 16 * MiB, seeder: { rates: { maxUploadRatePerTorrent: MiB } } });
  t.teardown(() => swarm.close());
  t.deepEqual(swarm.seeding.rateLimits, { download: 0, upload: MiB });
  const rate = await measureRate(swarm.downloading, 3000);
  t.true(Math.abs(rate - MiB) / MiB < 0.25, `${Math.round(rate)} B/s`);
});

test('a limit set at run time takes effect, and lifting it lets the download finish', async (t) => {
  const swarm = await startRateSwarm({ length: 8 * MiB, downloader: { rates: { maxDownloadRate: 128 * 1024 } } });
  t.teardown(() => swarm.close());
  // Far below the file's size in that time: the limit holds.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  t.true(swarm.downloading.downloaded < 2 * MiB, `${swarm.downloading.downloaded} bytes after 1 s`);
  t.false(swarm.downloading.complete);
  // The torrent's own limit applies too, then both are lifted.
  swarm.downloading.setRateLimits({ download: 64 * 1024 });
  t.deepEqual(swarm.downloading.rateLimits, { download: 64 * 1024, upload: 0 });
  swarm.downloading.setRateLimits({ download: 0 });
  swarm.downloader.setRateLimits({ download: 0 });
  await swarm.downloading.whenComplete();
  t.pass();
});

test('a bad rate is a coded error', async (t) => {
  const swarm = await startRateSwarm({ length: MiB, downloader: { rates: { maxDownloadRate: 64 * 1024 } } });
  t.teardown(() => swarm.close());
  t.throws(() => swarm.downloader.setRateLimits({ upload: -5 }), { code: 'BAD_RATE' });
  t.throws(() => swarm.downloading.setRateLimits({ download: Number.POSITIVE_INFINITY }), { code: 'BAD_RATE' });
});
