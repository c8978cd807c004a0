// The tracker-failover built-in: libtorrent's back-off formula, the BEP 12
// choice (tiers, failover, announce to all), its own order (shuffled once, the
// tracker that answers in front), and the plugin on a client: promotion,
// retryAt after failures (its tracker_retry answer), and the default that
// remains when it is switched off.
import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { join } from 'node:path';
import { Client } from '../../core/client.ts';
import { createClient } from '../../core/create-client.ts';
import type { TrackerCandidate } from '../../core/hooks.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import {
  backoffSeconds,
  chooseTrackers,
  groupByTier,
  shuffle,
  TrackerOrder,
  trackerFailoverPlugin,
} from '../../plugins/tracker-failover/index.ts';
import { bencode, FakeHttpTracker, type HttpBehavior } from '../helpers/fake-tracker.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

// ------------------------------------------------------------------ back-off

test('back-off: 5 + 5 * 250/100 * n^2 seconds, capped at an hour', (t) => {
  t.is(backoffSeconds(0), 0);
  t.is(backoffSeconds(1), 17.5);
  t.is(backoffSeconds(2), 55);
  t.is(backoffSeconds(3), 117.5);
  t.is(backoffSeconds(10), 1255);
  t.is(backoffSeconds(16), 3205);
  t.is(backoffSeconds(17), 3600);
  t.is(backoffSeconds(1000), 3600);
});

test('back-off options: base, percent and cap', (t) => {
  const o = { backoffBaseSeconds: 1, backoffPercent: 100, maxBackoffSeconds: 30 };
  t.is(backoffSeconds(1, o), 2);
  t.is(backoffSeconds(3, o), 10);
  t.is(backoffSeconds(6, o), 30);
  t.is(backoffSeconds(4, { backoffPercent: 0 }), 5, 'percent 0: a constant wait');
});

test('back-off grows with failures in a row and stays between base and cap (property)', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10_000 }),
      fc.double({ min: 0.001, max: 600, noNaN: true }),
      fc.double({ min: 0, max: 10_000, noNaN: true }),
      fc.double({ min: 0.001, max: 100_000, noNaN: true }),
      (n, base, percent, max) => {
        const o = { backoffBaseSeconds: base, backoffPercent: percent, maxBackoffSeconds: max };
        const here = backoffSeconds(n, o);
        return here <= max && here >= Math.min(base, max) && backoffSeconds(n + 1, o) >= here;
      },
    ),
  );
  t.pass();
});

// ------------------------------------------------------------------ choice

const cand = (url: string, tier: number, retryAt = 0): TrackerCandidate => ({ url, tier, timesInRow: retryAt > 0 ? 1 : 0, retryAt });
const NOW = 1_000_000;

test('choice: the first tracker of the first tier that has one not backing off', (t) => {
  const trackers = [cand('a1', 0), cand('a2', 0), cand('b1', 1)];
  t.deepEqual(chooseTrackers(trackers, NOW), ['a1']);
  t.deepEqual(chooseTrackers([cand('a1', 0, NOW + 1), cand('a2', 0), cand('b1', 1)], NOW), ['a2'], 'the next in the tier');
  t.deepEqual(chooseTrackers([cand('a1', 0, NOW + 1), cand('a2', 0, NOW + 5), cand('b1', 1)], NOW), ['b1'], 'the next tier when a whole tier fails');
  t.deepEqual(chooseTrackers([cand('a1', 0, NOW + 1), cand('b1', 1, NOW + 1)], NOW), [], 'nothing while everything backs off');
  t.deepEqual(chooseTrackers([cand('a1', 0, NOW)], NOW), ['a1'], 'a back-off ending now is over');
});

test('choice: announce to all tiers, to all trackers, or both', (t) => {
  const trackers = [cand('a1', 0, NOW + 1), cand('a2', 0), cand('a3', 0), cand('b1', 1), cand('b2', 1), cand('c1', 2, NOW + 9)];
  t.deepEqual(chooseTrackers(trackers, NOW, { announceToAllTiers: true }), ['a2', 'b1']);
  t.deepEqual(chooseTrackers(trackers, NOW, { announceToAllTrackers: true }), ['a2', 'a3']);
  t.deepEqual(chooseTrackers(trackers, NOW, { announceToAllTiers: true, announceToAllTrackers: true }), ['a2', 'a3', 'b1', 'b2']);
  t.deepEqual(groupByTier(trackers).map((tier) => tier.map((c) => c.url)), [['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']]);
});

test('shuffle is a permutation (property) and follows the random source', (t) => {
  fc.assert(
    fc.property(fc.array(fc.integer()), fc.infiniteStream(fc.double({ min: 0, max: 0.9999, noNaN: true })), (items, stream) => {
      const it = stream[Symbol.iterator]();
      const out = shuffle(items, () => it.next().value as number);
      return out.length === items.length && [...out].sort((a, b) => a - b).join() === [...items].sort((a, b) => a - b).join();
    }),
  );
  t.deepEqual(shuffle([1, 2, 3, 4], () => 0), [2, 3, 4, 1]);
  t.deepEqual(shuffle([1, 2, 3, 4], () => 0.9999), [1, 2, 3, 4]);
});

test('TrackerOrder shuffles each tier once, within the tier, and puts a promoted tracker in front of its tier', (t) => {
  const tiers = [['http://a/1', 'http://a/2', 'http://a/3', 'http://a/4'], ['http://b/1', 'http://b/2'], ['http://c/1']];
  const candidates = tiers.flatMap((urls, tier) => urls.map((url) => cand(url, tier)));
  let k = 0;
  const seq = [0.1, 0.7, 0.3, 0.9, 0.5];
  const order = new TrackerOrder({ random: () => seq[k++ % seq.length]! });
  const urls = (cs: readonly TrackerCandidate[]) => cs.map((c) => c.url);
  const first = order.arrange(candidates);
  t.deepEqual(first.map((c) => c.tier), [0, 0, 0, 0, 1, 1, 2]);
  t.deepEqual(urls(first.slice(0, 4)), shuffle(tiers[0]!, (() => { let j = 0; return () => seq[j++ % seq.length]!; })()));
  t.deepEqual(urls(first.slice(4, 6)).sort(), tiers[1]);
  t.deepEqual(urls(order.arrange(candidates)), urls(first), 'shuffled once: the same order the next time');
  order.promote('http://a/4');
  order.promote('http://b/2');
  const promoted = urls(order.arrange(candidates));
  t.is(promoted[0], 'http://a/4');
  t.is(promoted[4], 'http://b/2');
  t.deepEqual(promoted.slice(1, 4), urls(first.slice(0, 4)).filter((u) => u !== 'http://a/4'), 'the others keep their order');
  t.deepEqual(urls(new TrackerOrder({ shuffleTiers: false }).arrange(candidates)), tiers.flat(), 'without shuffling: the metainfo order');
});

// ------------------------------------------------------------------ on a client

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

async function fakeTracker(t: ExecutionContext, handler: () => HttpBehavior): Promise<FakeHttpTracker> {
  const tr = await FakeHttpTracker.start(handler);
  t.teardown(() => tr.close());
  return tr;
}

const ok = (): HttpBehavior => ({ kind: 'reply', body: bencode({ interval: 1800, peers: Buffer.alloc(0) }) });
const notFound = (): HttpBehavior => ({ kind: 'reply', status: 404, body: 'no' });

/** A leecher of a fresh 1-piece torrent announced to these tiers (nothing on disk, so it stays downloading). */
let torrents = 0;
async function leech(t: ExecutionContext, client: Client, announce: string[][]) {
  const src = await tempDir(t);
  await writeFiles(src, { 'f.bin': 1000 });
  // A distinct info hash each time, so that one client can hold several.
  const { metainfo } = await createTorrent(join(src, 'f.bin'), { announce, source: `test ${++torrents}` });
  return client.addTorrent(metainfo, { dir: await tempDir(t) });
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function client(t: ExecutionContext, failover: object | false) {
  const c = await createClient({ config: false, ...LOOPBACK, plugins: [['logger', false], ['peer-ban', false], ['tracker-failover', failover]] });
  t.teardown(() => c.destroy());
  return c;
}

test('plugin: a failing tracker backs off by the formula and the one that answers moves to the front of its tier', async (t) => {
  const bad = await fakeTracker(t, notFound);
  const good = await fakeTracker(t, ok);
  const c = await client(t, { shuffleTiers: false });
  const failedAt: number[] = [];
  c.on_tracker_failure(() => failedAt.push(Date.now()));
  const swarm = await leech(t, c, [[bad.url, good.url]]);
  await until(() => good.requests.length === 1);
  const announcer = swarm.announcer!;
  await until(() => announcer.tracker(good.url)!.lastSuccessAt > 0);
  const retryAt = announcer.candidate(bad.url)!.retryAt;
  // 5 + 5 * 2.5 * 1^2 = 17.5 s after the failure (the listener's clock reading is a moment before the plugin's).
  t.true(Math.abs(retryAt - (failedAt[0]! + 17_500)) < 1000, `retryAt ${retryAt - failedAt[0]!} ms after the failure`);
  t.is(announcer.candidate(good.url)!.retryAt, 0);
  // Once bad's back-off is over, both may be asked: the one that answered comes first.
  const later = { torrent: swarm, trackers: announcer.candidates, now: retryAt + 1 };
  t.deepEqual(c.hooks.choose_trackers.call(later), [good.url]);
});

test('plugin: each tier is shuffled once, on the first choice, within the tier', async (t) => {
  const urls = (tier: string) => [1, 2, 3, 4, 5].map((i) => `http://127.0.0.1:9/${tier}${i}/announce`);
  const tiers = [urls('a'), urls('b')];
  // Announcing to every tracker, the plugin's answer shows its whole order.
  const c = await client(t, { announceToAllTiers: true, announceToAllTrackers: true });
  const orders: string[][][] = [];
  for (let i = 0; i < 3; i++) {
    const swarm = await leech(t, c, tiers);
    const orderNow = (): string[][] => {
      const answer = c.hooks.choose_trackers.call({ torrent: swarm, trackers: swarm.announcer!.candidates, now: Infinity }) ?? [];
      return [answer.slice(0, 5), answer.slice(5)];
    };
    const first = orderNow();
    t.deepEqual(first.map((tier) => [...tier].sort()), tiers.map((tier) => [...tier].sort()));
    orders.push(first);
    // Failures that follow do not shuffle again (nothing answered, so nothing moved).
    await until(() => swarm.announcer!.trackers.filter((x) => x.timesInRow > 0).length >= 1);
    t.deepEqual(orderNow(), first);
  }
  // Six shuffles of five trackers all landing on the original order: 1 in 120^6.
  t.true(orders.some((o) => o.some((tier, i) => tier.join() !== tiers[i]!.join())));
});

test('plugin: announceToAllTiers and announceToAllTrackers', async (t) => {
  const trackers = await Promise.all([0, 1, 2, 3].map(() => fakeTracker(t, ok)));
  const [a1, a2, b1, b2] = trackers.map((x) => x.url) as [string, string, string, string];
  const tiersOnly = await client(t, { shuffleTiers: false, announceToAllTiers: true });
  await leech(t, tiersOnly, [[a1, a2], [b1, b2]]);
  await until(() => trackers[0]!.requests.length === 1 && trackers[2]!.requests.length === 1);
  t.is(trackers[1]!.requests.length + trackers[3]!.requests.length, 0);

  const all = await client(t, { shuffleTiers: false, announceToAllTiers: true, announceToAllTrackers: true });
  await leech(t, all, [[a1, a2], [b1, b2]]);
  await until(() => trackers.every((x) => x.requests.length >= 1) && trackers[0]!.requests.length === 2 && trackers[2]!.requests.length === 2);
  t.deepEqual(trackers.map((x) => x.requests.length), [2, 1, 2, 1]);
});

test('plugin switched off: no tap on choose_trackers, and the default still announces to the first usable tracker', async (t) => {
  const bad = await fakeTracker(t, notFound);
  const good = await fakeTracker(t, ok);
  const c = await client(t, false);
  t.false(c.plugins.has('tracker-failover'));
  t.is(c.hooks.choose_trackers.taps.length, 0);
  const swarm = await leech(t, c, [[bad.url], [good.url]]);
  await until(() => good.requests.length === 1);
  t.is(bad.requests.length, 1);
  // The engine's own fixed delay (30 s) stands in for the back-off.
  t.true(swarm.announcer!.candidate(bad.url)!.retryAt > Date.now() + 20_000);
});

test('plugin: its options are validated against its schema', async (t) => {
  const err = await t.throwsAsync(createClient({ config: false, plugins: [['tracker-failover', { backoffPercent: -1 }]] }));
  t.regex(err!.message, /tracker-failover.*backoffPercent/);
  t.is(trackerFailoverPlugin.name, 'tracker-failover');
});
