// Token buckets and the scheduler, without sockets: times are given, not waited for (except the scheduler's own short timer).
import test from 'ava';
import { RateBuckets, RateGate, RateLimitError, RateScheduler, TokenBucket } from '../../core/net/rate-limiter.ts';

test('an unlimited bucket never waits', (t) => {
  const b = new TokenBucket(0, 0);
  b.take(1e12, 0);
  t.is(b.waitMs(0), 0);
});

test('a bucket in debt waits for the debt to be paid at its rate', (t) => {
  const b = new TokenBucket(1000, 0);
  // Starts with its burst (at least one block): take it all and 500 more.
  b.take(16 * 1024 + 13 + 500, 0);
  t.is(b.waitMs(0), 500);
  t.is(b.waitMs(250), 250);
  t.is(b.waitMs(500), 0);
});

test('a bucket refills only up to its burst after an idle spell', (t) => {
  const rate = 1_000_000;
  const b = new TokenBucket(rate, 0);
  // Idle for a minute: no more than 100 ms worth of tokens.
  b.take(rate * 0.1 + 1000, 60_000);
  t.is(b.waitMs(60_000), 1);
});

test('over a long run the bytes taken match the rate', (t) => {
  const rate = 4 * 1024 * 1024;
  const b = new TokenBucket(rate, 0);
  let now = 0;
  let bytes = 0;
  // A reader that takes 64 KiB whenever the bucket is out of debt.
  while (now < 30_000) {
    now += b.waitMs(now);
    b.take(65536, now);
    bytes += 65536;
  }
  const measured = (bytes * 1000) / now;
  t.true(Math.abs(measured - rate) / rate < 0.01, `${measured} vs ${rate}`);
});

test('a gate takes from every bucket and waits for the slowest', (t) => {
  const scheduler = new RateScheduler();
  const client = new RateBuckets({ download: scheduler, upload: new RateScheduler() });
  const torrent = new RateBuckets({ download: scheduler, upload: new RateScheduler() }, client);
  client.set({ download: 100_000 });
  torrent.set({ download: 50_000 });
  torrent.download.charge(200_000);
  t.false(torrent.download.ready());
  t.false(client.download.ready());
  // The torrent's bucket is the slower one to refill.
  t.true(torrent.download.waitMs() > client.download.waitMs());
  t.deepEqual(torrent.limits, { download: 50_000, upload: 0 });
});

test('rates are checked', (t) => {
  const buckets = new RateBuckets({ download: new RateScheduler(), upload: new RateScheduler() });
  const error = t.throws(() => buckets.set({ upload: -1 }), { instanceOf: RateLimitError });
  t.is(error.code, 'BAD_RATE');
  t.throws(() => buckets.set({ download: Number.NaN }), { instanceOf: RateLimitError });
});

test('waiters are woken in the order they waited, once the gate is out of debt', async (t) => {
  const scheduler = new RateScheduler();
  const bucket = new TokenBucket(1_000_000);
  const gate = new RateGate([bucket], scheduler);
  gate.charge(1_000_000 * 0.1 + 16 * 1024 + 10_000); // about 10 ms of debt
  const woken: string[] = [];
  gate.wait(() => woken.push('a'));
  gate.wait(() => woken.push('b'));
  const c = (): void => void woken.push('c');
  gate.wait(c);
  gate.cancel(c);
  t.is(scheduler.waiting, 2);
  // Someone waits: a newcomer does not go first.
  t.false(gate.ready());
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.deepEqual(woken, ['a', 'b']);
  t.is(scheduler.waiting, 0);
  t.true(gate.ready());
});

test('a waiter for a limited torrent does not hold back another torrent', (t) => {
  const download = new RateScheduler();
  const client = new RateBuckets({ download, upload: new RateScheduler() });
  const slow = new RateBuckets({ download, upload: new RateScheduler() }, client);
  const other = new RateBuckets({ download, upload: new RateScheduler() }, client);
  slow.set({ download: 1000 });
  slow.download.charge(100_000);
  slow.download.wait(() => undefined);
  t.true(other.download.ready());
  download.destroy();
  t.is(download.waiting, 0);
});

test('a higher rate set while waiting wakes sooner', async (t) => {
  const scheduler = new RateScheduler();
  const buckets = new RateBuckets({ download: scheduler, upload: new RateScheduler() });
  buckets.set({ download: 1000 });
  buckets.download.charge(1_000_000); // about 1000 s of debt at 1000 B/s
  let woken = false;
  buckets.download.wait(() => (woken = true));
  buckets.set({ download: 0 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.true(woken);
});

test("a gate's limit is the tightest of its buckets", (t) => {
  const schedulers = { download: new RateScheduler(), upload: new RateScheduler() };
  const client = new RateBuckets(schedulers);
  const torrent = new RateBuckets(schedulers, client);
  t.is(torrent.download.limit, 0);
  client.set({ download: 100_000 });
  t.is(torrent.download.limit, 100_000);
  torrent.set({ download: 50_000 });
  t.is(torrent.download.limit, 50_000);
  t.is(client.download.limit, 100_000);
});
