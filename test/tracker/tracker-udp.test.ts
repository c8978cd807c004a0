import test, { type ExecutionContext } from 'ava';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { Tracker, type TrackerAnnounceParams, type TrackerOptions } from '../../core/tracker/tracker.ts';
import {
  compactPeers,
  FakeUdpTracker,
  fakeTorrent,
  RecordingSink,
  udpReply,
  type UdpHandler,
} from '../helpers/fake-tracker.ts';
import { trackerSettings } from '../helpers/default-settings.ts';

const PEER_ID = Buffer.from('-SH0001-udpudpudpudp');
const CONNECT = 0;
const ANNOUNCE = 1;

async function setup(t: ExecutionContext, o: { family?: 4 | 6; handler?: UdpHandler; tracker?: Partial<TrackerOptions> } = {}) {
  const server = await FakeUdpTracker.start({ family: o.family ?? 4, ...(o.handler ? { handler: o.handler } : {}) });
  t.teardown(() => server.close());
  const sink = new RecordingSink();
  const infoHash = randomBytes(20);
  const tracker = new Tracker({
    ...trackerSettings(),
    url: server.url,
    tier: 0,
    torrent: fakeTorrent(infoHash),
    sink,
    peerId: PEER_ID,
    key: 0xcafe0001,
    timeoutMs: 5000,
    udp: { baseTimeoutMs: 100, maxRetries: 3 },
    ...o.tracker,
  });
  t.teardown(() => tracker.abort());
  const params: TrackerAnnounceParams = { infoHash, port: 51413, uploaded: 11, downloaded: 22, left: 33, event: 'started', numwant: 25 };
  return { server, sink, tracker, infoHash, params };
}

test('UDP announce over IPv4: connect, announce, peers, every field sent, events with byte counts', async (t) => {
  const { server, sink, tracker, infoHash, params } = await setup(t);
  server.peers = [
    { ip: '10.1.1.1', port: 1001 },
    { ip: '10.2.2.2', port: 1002 },
  ];
  server.interval = 600;
  const result = await tracker.announce(params);
  t.deepEqual(result, { peers: server.peers, interval: 600, complete: 3, incomplete: 4 });

  t.deepEqual(server.requests.map((r) => r.action), [CONNECT, ANNOUNCE]);
  t.is(server.requests[0]!.raw.readBigUInt64BE(0), 0x41727101980n);
  const a = server.requests[1]!;
  t.deepEqual(a.infoHash, infoHash);
  t.deepEqual(a.peerId, PEER_ID);
  t.is(a.event, 2);
  t.is(a.port, 51413);
  t.is(a.uploaded, 11n);
  t.is(a.downloaded, 22n);
  t.is(a.left, 33n);
  t.is(a.key, 0xcafe0001);
  t.is(a.numwant, 25);
  t.not(server.requests[0]!.tid, a.tid);

  t.deepEqual(sink.names(), ['tracker_announce', 'tracker_write', 'tracker_read', 'tracker_write', 'tracker_read', 'tracker_success']);
  t.deepEqual(sink.of('tracker_write').map((e) => e.length), [16, 98]);
  t.deepEqual(sink.of('tracker_read').map((e) => e.length), [16, 20 + 12]);
  t.like(sink.of('tracker_success')[0], { peer_count: 2, interval: 600, url: server.url });
  t.is(tracker.timesInRow, 0);
  t.is(tracker.lastStatusCode, 0);
  t.is(tracker.protocol, 'udp');
});

test('UDP announce over IPv6: 18-byte peers', async (t) => {
  const { server, tracker, params } = await setup(t, { family: 6 });
  server.peers = [
    { ip: '2001:db8::7', port: 7777 },
    { ip: '::1', port: 8888 },
  ];
  t.true(server.url.startsWith('udp://[::1]:'));
  const result = await tracker.announce(params);
  t.deepEqual(result?.peers, server.peers);
});

test('event codes: none 0, completed 1, started 2, stopped 3', async (t) => {
  const { server, tracker, params } = await setup(t);
  for (const event of ['none', 'completed', 'started', 'stopped'] as const) t.truthy(await tracker.announce({ ...params, event }));
  t.deepEqual(server.requests.filter((r) => r.action === ANNOUNCE).map((r) => r.event), [0, 1, 2, 3]);
});

test('the connection id is reused within a minute and renewed after it', async (t) => {
  let now = 1_000_000;
  const { server, tracker, params } = await setup(t, { tracker: { now: () => now } });
  t.truthy(await tracker.announce(params));
  now += 59_000;
  t.truthy(await tracker.announce({ ...params, event: 'none' }));
  t.is(server.count(CONNECT), 1);
  const ids = server.requests.filter((r) => r.action === ANNOUNCE).map((r) => r.connectionId.toString('hex'));
  t.is(ids[0], ids[1]);
  now += 2_000;
  t.truthy(await tracker.announce({ ...params, event: 'none' }));
  t.is(server.count(CONNECT), 2);
  t.is(server.count(ANNOUNCE), 3);
});

test('a reply with the wrong transaction id is ignored; the right one still counts', async (t) => {
  const { server, tracker, params, sink } = await setup(t, {
    handler: (req, s) => {
      if (req.action !== ANNOUNCE) return s.answer(req);
      const bogus = { interval: 1, leechers: 0, seeders: 0, peers: compactPeers([{ ip: '6.6.6.6', port: 666 }]) };
      return [
        udpReply.announce((req.tid + 1) >>> 0, bogus),
        udpReply.error((req.tid ^ 0xffff) >>> 0, 'not for you'),
        ...s.answer(req),
      ];
    },
  });
  server.peers = [{ ip: '7.7.7.7', port: 777 }];
  const result = await tracker.announce(params);
  t.deepEqual(result?.peers, [{ ip: '7.7.7.7', port: 777 }]);
  t.is(sink.of('tracker_failure').length, 0);
  // Ignored datagrams are still bytes read from the tracker.
  t.is(sink.of('tracker_read').length, 4);
});

test('a reply with the wrong action is ignored', async (t) => {
  const { server, tracker, params } = await setup(t, {
    handler: (req, s) => {
      if (req.action === CONNECT) return [udpReply.scrape(req.tid, [{ seeders: 1, completed: 1, leechers: 1 }]), ...s.answer(req)];
      if (req.action === ANNOUNCE) return [udpReply.connect(req.tid, Buffer.alloc(8)), ...s.answer(req)];
      return [];
    },
  });
  server.peers = [{ ip: '8.8.8.8', port: 88 }];
  const result = await tracker.announce(params);
  t.deepEqual(result?.peers, [{ ip: '8.8.8.8', port: 88 }]);
});

test('an error action fails with its message as the reason, status 0', async (t) => {
  const { sink, tracker, params } = await setup(t, {
    handler: (req, s) => (req.action === ANNOUNCE ? [udpReply.error(req.tid, 'info hash not whitelisted\0')] : s.answer(req)),
  });
  t.is(await tracker.announce(params), undefined);
  t.like(sink.of('tracker_failure')[0], { status_code: 0, times_in_row: 1, reason: 'info hash not whitelisted' });
  t.is(tracker.lastError?.code, 'TRACKER_FAILURE_REASON');
});

test('a lost connect and a lost announce are retransmitted after the base time-out', async (t) => {
  const dropped = new Set<number>();
  const { server, tracker, params, sink } = await setup(t, {
    handler: (req, s) => {
      if (!dropped.has(req.action)) {
        dropped.add(req.action);
        return [];
      }
      return s.answer(req);
    },
    tracker: { udp: { baseTimeoutMs: 30, maxRetries: 4 } },
  });
  server.peers = [{ ip: '9.9.9.9', port: 99 }];
  const result = await tracker.announce(params);
  t.deepEqual(result?.peers, [{ ip: '9.9.9.9', port: 99 }]);
  t.deepEqual(server.requests.map((r) => r.action), [CONNECT, CONNECT, ANNOUNCE, ANNOUNCE]);
  // Retransmissions repeat the transaction id, so a late reply to the first copy is still accepted.
  t.is(server.requests[0]!.tid, server.requests[1]!.tid);
  t.is(server.requests[2]!.tid, server.requests[3]!.tid);
  t.deepEqual(sink.of('tracker_write').map((e) => e.length), [16, 16, 98, 98]);
});

test('when retransmissions run out the announce times out with status 0', async (t) => {
  const { server, sink, tracker, params } = await setup(t, { handler: () => [], tracker: { udp: { baseTimeoutMs: 20, maxRetries: 2 } } });
  t.is(await tracker.announce(params), undefined);
  t.is(server.count(CONNECT), 3);
  t.like(sink.of('tracker_failure')[0], { status_code: 0, times_in_row: 1, reason: 'no reply after 3 attempts (2 retransmissions)' });
  t.is(tracker.lastError?.code, 'TRACKER_TIMEOUT');
});

test('the HTTP time limit does not apply to UDP', async (t) => {
  const dropped = new Set<number>();
  const { tracker, params } = await setup(t, {
    handler: (req, s) => (dropped.has(req.action) ? s.answer(req) : (dropped.add(req.action), [])),
    tracker: { timeoutMs: 10, udp: { baseTimeoutMs: 40, maxRetries: 3 } },
  });
  t.truthy(await tracker.announce(params), tracker.lastError?.message);
});

test('the UDP total time limit ends the exchange before the retransmission schedule does', async (t) => {
  const { sink, tracker, params } = await setup(t, { handler: () => [], tracker: { udp: { baseTimeoutMs: 10_000, maxRetries: 8, timeoutMs: 150 } } });
  t.is(await tracker.announce(params), undefined);
  t.like(sink.of('tracker_failure')[0], { status_code: 0, reason: 'no complete reply within 150 ms' });
});

test('a truncated reply fails; so does a peer list of the wrong length', async (t) => {
  let mode: 'short' | 'odd' = 'short';
  const { tracker, params, sink } = await setup(t, {
    handler: (req, s) => {
      if (req.action !== ANNOUNCE) return s.answer(req);
      const full = udpReply.announce(req.tid, { interval: 60, leechers: 0, seeders: 0, peers: Buffer.alloc(mode === 'short' ? 0 : 7) });
      return [mode === 'short' ? full.subarray(0, 12) : full];
    },
  });
  t.is(await tracker.announce(params), undefined);
  t.regex(sink.of('tracker_failure')[0]!.reason, /truncated announce reply of 12 bytes/);
  mode = 'odd';
  t.is(await tracker.announce(params), undefined);
  t.regex(sink.of('tracker_failure')[1]!.reason, /7 bytes is not a multiple of 6/);
  t.deepEqual(sink.of('tracker_failure').map((f) => f.times_in_row), [1, 2]);
  t.is(tracker.lastError?.code, 'TRACKER_BAD_RESPONSE');
});

test('a reused connection id the tracker forgot is replaced after one time-out', async (t) => {
  const { server, tracker, params } = await setup(t, { tracker: { udp: { baseTimeoutMs: 100, maxRetries: 3 } } });
  t.truthy(await tracker.announce(params));
  server.connectionIds.clear(); // the tracker restarted
  t.truthy(await tracker.announce({ ...params, event: 'none' }));
  const actions = server.requests.map((r) => r.action);
  // A loaded machine may answer after a time-out and see a request resent: a resend is the same step again.
  const steps = actions.filter((a, i) => i === 0 || a !== actions[i - 1]);
  t.deepEqual(steps, [CONNECT, ANNOUNCE, CONNECT, ANNOUNCE], `requests: ${actions.join(',')}`);
  // The forgotten id cost one time-out: the announce with it was not retried until the retries ran out.
  t.true(actions.filter((a) => a === ANNOUNCE).length < 2 + 3, `requests: ${actions.join(',')}`);
});

test('no tracker on the port: fails fast with connection refused', async (t) => {
  const probe = dgram.createSocket('udp4');
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', r));
  const port = probe.address().port;
  await new Promise<void>((r) => probe.close(() => r()));
  const sink = new RecordingSink();
  const tracker = new Tracker({
    ...trackerSettings(),
    url: `udp://127.0.0.1:${port}`,
    tier: 0,
    torrent: fakeTorrent(),
    sink,
    peerId: PEER_ID,
    key: 1,
    // Long enough that only the ICMP port-unreachable, not a time-out, can end the exchange within ava's limit.
    udp: { baseTimeoutMs: 60_000, maxRetries: 0 },
  });
  t.is(await tracker.announce({ infoHash: randomBytes(20), port: 1, uploaded: 0, downloaded: 0, left: 0, event: 'started', numwant: 1 }), undefined);
  t.is(tracker.lastError?.code, 'TRACKER_CONNECTION');
  t.like(sink.of('tracker_failure')[0], { status_code: 0 });
  t.regex(sink.of('tracker_failure')[0]!.reason, /connection refused/);
});

test('UDP scrape', async (t) => {
  const { server, tracker, infoHash } = await setup(t);
  t.true(tracker.canScrape);
  t.deepEqual(await tracker.scrape(), { complete: 3, incomplete: 4, downloaded: 7 });
  const scrape = server.requests.find((r) => r.action === 2);
  t.deepEqual(scrape?.hashes, [infoHash]);
});

test('UDP scrape error resolves undefined', async (t) => {
  const { tracker } = await setup(t, { handler: (req, s) => (req.action === 2 ? [udpReply.error(req.tid, 'scrape disabled')] : s.answer(req)) });
  t.is(await tracker.scrape(), undefined);
  t.is(tracker.lastScrapeError?.message, 'scrape disabled');
});

test('abort() ends a UDP exchange in flight without a failure event', async (t) => {
  const { sink, tracker, params } = await setup(t, { handler: () => [], tracker: { udp: { baseTimeoutMs: 5000, maxRetries: 8 } } });
  const pending = tracker.announce(params);
  await new Promise((r) => setTimeout(r, 50));
  tracker.abort();
  t.is(await pending, undefined);
  t.is(sink.of('tracker_failure').length, 0);
  t.is(tracker.timesInRow, 0);
});
