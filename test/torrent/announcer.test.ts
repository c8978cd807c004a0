// The announcer of one torrent against trackers on loopback: which tracker it
// asks (the policy hook or the default), the events it sends and when, the
// announce_params waterfall, and stopping within its bound.
import test, { type ExecutionContext } from 'ava';
import { randomBytes } from 'node:crypto';
import { Client } from '../../core/client.ts';
import { Stage } from '../../core/hooks.ts';
import { Announcer, defaultRetryDelayMs, firstUsableTracker, trackerTiers, type AnnouncedTorrent, type AnnouncerOptions } from '../../core/torrent/announcer.ts';
import type { Address } from '../../core/types.ts';
import { bencode, compactPeers, FakeHttpTracker, type HttpBehavior, type RecordedHttpRequest } from '../helpers/fake-tracker.ts';
import { trackerSettings } from '../helpers/default-settings.ts';

interface FakeTorrent extends AnnouncedTorrent {
  left: number;
  uploaded: number;
  downloaded: number;
  readonly added: Address[][];
}

function fakeTorrent(left = 1000): FakeTorrent {
  const added: Address[][] = [];
  return {
    infoHash: randomBytes(20).toString('hex'),
    name: 'fake',
    state: 'downloading',
    private: false,
    left,
    uploaded: 0,
    downloaded: 0,
    added,
    addPeers: (a) => void added.push([...a]),
  };
}

const ok = (peers: Address[] = [], extra: Record<string, number> = {}): HttpBehavior => ({
  kind: 'reply',
  body: bencode({ interval: 1800, peers: compactPeers(peers), ...extra }),
});

async function tracker(t: ExecutionContext, handler: (req: RecordedHttpRequest) => HttpBehavior): Promise<FakeHttpTracker> {
  const tr = await FakeHttpTracker.start(handler);
  t.teardown(() => tr.close());
  return tr;
}

function announcer(t: ExecutionContext, client: Client, options: Partial<AnnouncerOptions> & Pick<AnnouncerOptions, 'tiers' | 'torrent'>): Announcer {
  const a = new Announcer({
    ...trackerSettings(),
    sink: client,
    hooks: client.hooks,
    peerId: Buffer.from('-SH0100-announcer000'),
    port: () => 6881,
    timeoutMs: 1000,
    minAnnounceIntervalMs: 0,
    stopTimeoutMs: 500,
    ...options,
  });
  t.teardown(() => a.stop());
  return a;
}

const param = (req: RecordedHttpRequest, key: string): string | undefined => req.query.get(key)?.[0]?.toString();

/** Resolves when cond() holds, polling; fails the test after `ms`. */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('start announces "started" to the first tracker, hands its peers to the torrent, and asks nobody else', async (t) => {
  const peers = [{ ip: '127.0.0.1', port: 40001 }, { ip: '127.0.0.2', port: 40002 }];
  const first = await tracker(t, () => ok(peers));
  const second = await tracker(t, () => ok());
  const client = new Client();
  const torrent = fakeTorrent(1234);
  const a = announcer(t, client, { torrent, tiers: [[first.url, second.url]] });
  a.start();
  await until(() => torrent.added.length === 1);
  t.deepEqual(torrent.added[0], peers);
  const req = first.requests[0]!;
  t.is(param(req, 'event'), 'started');
  t.is(param(req, 'port'), '6881');
  t.is(param(req, 'left'), '1234');
  t.is(param(req, 'numwant'), '50');
  t.is(req.query.get('info_hash')![0]!.toString('hex'), torrent.infoHash);
  t.is(second.requests.length, 0);
});

test('announce_params transforms what is sent (waterfall)', async (t) => {
  const tr = await tracker(t, () => ok());
  const client = new Client();
  const seen: string[] = [];
  client.hooks.announce_params.tap('first', (p) => {
    seen.push(`${p.url} ${p.event} ${p.port}`);
    return { ...p, numwant: 7 };
  });
  client.hooks.announce_params.tap('second', (p) => ({ ...p, port: p.port + 1, uploaded: 99 }));
  const torrent = fakeTorrent();
  const a = announcer(t, client, { torrent, tiers: [[tr.url]] });
  a.start();
  await until(() => tr.requests.length === 1);
  t.deepEqual(seen, [`${tr.url} started 6881`]);
  t.is(param(tr.requests[0]!, 'numwant'), '7');
  t.is(param(tr.requests[0]!, 'port'), '6882');
  t.is(param(tr.requests[0]!, 'uploaded'), '99');
});

test('without a policy tap: the first usable tracker; a failed one waits retryDelayMs and the next is tried', async (t) => {
  const broken = await tracker(t, () => ({ kind: 'reply', status: 404, body: 'not here' }));
  const good = await tracker(t, () => ok());
  const client = new Client();
  const failures: [string, number, number][] = [];
  client.on_tracker_failure((_c, i) => failures.push([i.url, i.times_in_row, i.status_code]));
  const torrent = fakeTorrent();
  const a = announcer(t, client, { torrent, tiers: [[broken.url], [good.url]], retryDelayMs: 60_000 });
  const before = Date.now();
  a.start();
  await until(() => good.requests.length === 1);
  t.deepEqual(failures, [[broken.url, 1, 404]]);
  t.is(broken.requests.length, 1);
  t.true(a.candidate(broken.url)!.retryAt >= before + 60_000);
  t.is(a.candidate(good.url)!.retryAt, 0);
  t.is(param(good.requests[0]!, 'event'), 'started');
});

test('a tracker_retry tap sets when a failing tracker is tried again; an answer not in the future leaves it to the default', async (t) => {
  const broken = await tracker(t, () => ({ kind: 'reply', status: 503, body: 'busy' }));
  const client = new Client();
  const asked: string[] = [];
  let answer: (now: number) => number = (now) => now + 123_000;
  client.hooks.tracker_retry.tap({ name: 'my-retry', stage: Stage.POLICY }, (f) => {
    asked.push(`${f.url} ${f.tier} ${f.timesInRow} ${f.statusCode} ${f.reason} ${f.now}`);
    return answer(f.now);
  });
  let clock = 1_000_000;
  const a = announcer(t, client, { torrent: fakeTorrent(), tiers: [[broken.url]], retryDelayMs: 40_000, now: () => clock });
  a.start();
  await until(() => asked.length === 1);
  t.deepEqual(asked, [`${broken.url} 0 1 503 HTTP 503 Service Unavailable 1000000`]);
  t.is(a.candidate(broken.url)!.retryAt, 1_123_000);
  // Asked to retry at once: the default delay holds instead (40 s doubled at the second failure).
  answer = (now) => now;
  clock = 1_123_000;
  a.reannounce();
  await until(() => asked.length === 2);
  t.is(a.candidate(broken.url)!.retryAt, 1_123_000 + 80_000);
});

test('defaultRetryDelayMs doubles with each failure in a row up to its cap', (t) => {
  t.deepEqual([1, 2, 3, 4, 10].map((n) => defaultRetryDelayMs(n, 30_000, 200_000)), [30_000, 60_000, 120_000, 200_000, 200_000]);
  t.is(defaultRetryDelayMs(0, 30_000, 200_000), 30_000);
});

test('firstUsableTracker picks the first candidate whose retryAt has passed', (t) => {
  const torrent = fakeTorrent();
  const c = (url: string, tier: number, retryAt: number) => ({ url, tier, timesInRow: retryAt > 0 ? 1 : 0, retryAt });
  t.deepEqual(firstUsableTracker({ torrent, now: 100, trackers: [c('a', 0, 200), c('b', 0, 50), c('c', 1, 0)] }), ['b']);
  t.deepEqual(firstUsableTracker({ torrent, now: 100, trackers: [c('a', 0, 200)] }), []);
  t.deepEqual(firstUsableTracker({ torrent, now: 100, trackers: [] }), []);
});

test('a choose_trackers tap is obeyed: always the last tracker', async (t) => {
  const trackers = await Promise.all([0, 1, 2].map(() => tracker(t, () => ok())));
  const client = new Client();
  const choices: string[][] = [];
  client.hooks.choose_trackers.tap({ name: 'last-first', stage: Stage.POLICY }, (choice) => {
    choices.push(choice.trackers.map((c) => c.url));
    return [choice.trackers[choice.trackers.length - 1]!.url];
  });
  const torrent = fakeTorrent();
  const a = announcer(t, client, { torrent, tiers: [[trackers[0]!.url], [trackers[1]!.url, trackers[2]!.url]] });
  a.start();
  await until(() => trackers[2]!.requests.length === 1);
  t.deepEqual(choices[0], trackers.map((x) => x.url));
  t.is(trackers[0]!.requests.length + trackers[1]!.requests.length, 0);
});

test('a tap answering garbage is reported as plugin_error and the default applies', async (t) => {
  const tr = await tracker(t, () => ok());
  const client = new Client();
  const errors: string[] = [];
  client.on_plugin_error((_c, i) => errors.push(`${i.plugin} ${i.hook}`));
  client.hooks.choose_trackers.tap('confused', () => 'everyone' as unknown as string[]);
  const a = announcer(t, client, { torrent: fakeTorrent(), tiers: [[tr.url]] });
  a.start();
  await until(() => tr.requests.length === 1);
  // Asked again after each announce: every answer is reported.
  t.true(errors.length >= 1);
  t.deepEqual(new Set(errors), new Set(['confused choose_trackers']));
});

/** When each announce to `url` began, by the announcer's clock (read as tracker_announce fires). */
function announceTimes(client: Client, a: () => Announcer, url: string): number[] {
  const times: number[] = [];
  client.on_tracker_announce((_c, i) => i.url === url && times.push(a().tracker(url)!.lastAnnounceAt));
  return times;
}

test('regular announces follow the interval but never come before the min interval', async (t) => {
  const tr = await tracker(t, () => ok([], { interval: 1, 'min interval': 2 }));
  const client = new Client();
  const times = announceTimes(client, () => a, tr.url);
  const a = announcer(t, client, { torrent: fakeTorrent(), tiers: [[tr.url]] });
  a.start();
  await until(() => tr.requests.length === 2, 8000);
  t.deepEqual(tr.requests.map((r) => param(r, 'event')), ['started', undefined]);
  // The tracker asked 1 s between announces but at least 2 s: the larger wins.
  t.true(times[1]! - times[0]! >= 2000, `${times[1]! - times[0]!} ms apart`);
  const state = a.tracker(tr.url)!;
  await until(() => state.lastSuccessAt >= times[1]!);
  t.is(state.nextAnnounceAt, state.lastSuccessAt + 2000);
});

test('the min announce interval floor holds back a tracker asking for 0 s', async (t) => {
  const tr = await tracker(t, () => ok([], { interval: 0 }));
  const a = announcer(t, new Client(), { torrent: fakeTorrent(), tiers: [[tr.url]], minAnnounceIntervalMs: 60_000 });
  a.start();
  await until(() => tr.requests.length === 1);
  await new Promise((r) => setTimeout(r, 300));
  t.is(tr.requests.length, 1);
});

test('completed() sends "completed" at once (even inside the min interval) to trackers told "started" while incomplete', async (t) => {
  const tr = await tracker(t, () => ok([], { 'min interval': 600 }));
  const torrent = fakeTorrent(5000);
  const a = announcer(t, new Client(), { torrent, tiers: [[tr.url]] });
  a.start();
  await until(() => a.tracker(tr.url)!.lastSuccessAt > 0);
  torrent.left = 0;
  torrent.downloaded = 5000;
  a.completed();
  await until(() => tr.requests.length === 2);
  t.is(param(tr.requests[1]!, 'event'), 'completed');
  t.is(param(tr.requests[1]!, 'left'), '0');
  t.is(param(tr.requests[1]!, 'downloaded'), '5000');
  // Nothing more is owed: the next announce would be a regular one, 30 minutes later.
  await new Promise((r) => setTimeout(r, 200));
  t.is(tr.requests.length, 2);
});

test('reannounce() comes before the interval but not before the min interval', async (t) => {
  const tr = await tracker(t, () => ok([], { 'min interval': 1 }));
  const client = new Client();
  const times = announceTimes(client, () => a, tr.url);
  const a = announcer(t, client, { torrent: fakeTorrent(), tiers: [[tr.url]] });
  a.start();
  await until(() => a.tracker(tr.url)!.lastSuccessAt > 0);
  a.reannounce();
  await until(() => tr.requests.length === 2);
  t.deepEqual(tr.requests.map((r) => param(r, 'event')), ['started', undefined]);
  t.true(times[1]! - times[0]! >= 1000, `${times[1]! - times[0]!} ms apart`);
});

test('a torrent complete from the start sends "started" with left=0 and never "completed"', async (t) => {
  const tr = await tracker(t, () => ok());
  const a = announcer(t, new Client(), { torrent: fakeTorrent(0), tiers: [[tr.url]] });
  a.start();
  a.completed();
  await until(() => a.tracker(tr.url)!.lastSuccessAt > 0);
  await new Promise((r) => setTimeout(r, 200));
  t.deepEqual(tr.requests.map((r) => param(r, 'event')), ['started']);
});

test('stop sends "stopped" (numwant 0) only to trackers told "started", within its bound even when a tracker hangs', async (t) => {
  const hangs = await tracker(t, (req) => (param(req, 'event') === 'stopped' ? { kind: 'hang' } : ok()));
  const never = await tracker(t, () => ok());
  const client = new Client();
  client.hooks.choose_trackers.tap('first-tier-only', (choice) => [choice.trackers[0]!.url]);
  const a = announcer(t, client, { torrent: fakeTorrent(), tiers: [[hangs.url], [never.url]], timeoutMs: 60_000, stopTimeoutMs: 300 });
  a.start();
  await until(() => a.tracker(hangs.url)!.lastSuccessAt > 0);
  await a.stop();
  t.deepEqual(hangs.requests.map((r) => param(r, 'event')), ['started', 'stopped']);
  t.is(param(hangs.requests[1]!, 'numwant'), '0');
  t.is(never.requests.length, 0);
  t.false(a.tracker(hangs.url)!.updating, 'the hanging stopped announce was abandoned');
  t.false(a.running);
  // Started again, it begins with "started" once more.
  a.start();
  await until(() => hangs.requests.length === 3);
  t.is(param(hangs.requests[2]!, 'event'), 'started');
});

test('unsupported URLs and duplicates are left out, empty tiers dropped; candidates keep the metainfo order', (t) => {
  const a = new Announcer({
    ...trackerSettings(),
    torrent: fakeTorrent(),
    tiers: [['wss://tracker.example/ws', 'not a url'], ['http://a.example/announce', 'udp://b.example:80', 'http://a.example/announce'], ['https://c.example/announce']],
    sink: new Client(),
    hooks: new Client().hooks,
    peerId: Buffer.alloc(20, 1),
    port: () => 1,
  });
  t.deepEqual(a.unsupported, ['wss://tracker.example/ws', 'not a url']);
  t.deepEqual(a.tiers.map((tier) => tier.map((x) => x.url)), [['http://a.example/announce', 'udp://b.example:80'], ['https://c.example/announce']]);
  t.deepEqual(a.trackers.map((x) => x.tier), [0, 0, 1]);
  t.deepEqual(a.candidates, [
    { url: 'http://a.example/announce', tier: 0, timesInRow: 0, retryAt: 0 },
    { url: 'udp://b.example:80', tier: 0, timesInRow: 0, retryAt: 0 },
    { url: 'https://c.example/announce', tier: 1, timesInRow: 0, retryAt: 0 },
  ]);
  t.is(a.candidate('nope'), undefined);
});

test('trackerTiers: the metainfo tiers, then each extra tracker in a tier of its own', (t) => {
  t.deepEqual(trackerTiers([['a', 'b'], ['c']], ['d', 'e']), [['a', 'b'], ['c'], ['d'], ['e']]);
  t.deepEqual(trackerTiers([]), []);
});
