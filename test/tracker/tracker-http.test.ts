import test, { type ExecutionContext } from 'ava';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import zlib from 'node:zlib';
import { Client } from '../../core/client.ts';
import type { EventInfo } from '../../core/hooks.ts';
import { Tracker, type TrackerAnnounceParams, type TrackerOptions } from '../../core/tracker/tracker.ts';
import {
  bencode,
  compactPeers,
  FakeHttpTracker,
  fakeTorrent,
  RecordingSink,
  type HttpBehavior,
  type RecordedHttpRequest,
} from '../helpers/fake-tracker.ts';
import { trackerSettings } from '../helpers/default-settings.ts';

const PEER_ID = Buffer.from('-SH0001-abcdefghijkl');

async function setup(
  t: ExecutionContext,
  handler: (req: RecordedHttpRequest) => HttpBehavior,
  options: Partial<TrackerOptions> & { host?: string } = {},
) {
  const server = await FakeHttpTracker.start(handler, options.host);
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
    key: 0x1234abcd,
    timeoutMs: 3000,
    ...options,
  });
  t.teardown(() => tracker.abort());
  const params: TrackerAnnounceParams = { infoHash, port: 6881, uploaded: 1, downloaded: 2, left: 3, event: 'started', numwant: 50 };
  return { server, sink, tracker, infoHash, params };
}

const ok = (dict: Parameters<typeof bencode>[0]): HttpBehavior => ({ kind: 'reply', body: bencode(dict) });

test('announce: sends every parameter, parses compact peers, fires announce, write, read, success in order', async (t) => {
  const { server, sink, tracker, infoHash, params } = await setup(t, () =>
    ok({ interval: 900, 'min interval': 30, complete: 2, incomplete: 1, peers: compactPeers([{ ip: '10.0.0.2', port: 7000 }]) }),
  );
  const before = Date.now();
  const result = await tracker.announce(params);
  t.deepEqual(result, { peers: [{ ip: '10.0.0.2', port: 7000 }], interval: 900, minInterval: 30, complete: 2, incomplete: 1 });

  const q = server.requests[0]!.query;
  t.is(server.requests[0]!.path, '/announce');
  t.deepEqual(q.get('info_hash'), [infoHash]);
  t.deepEqual(q.get('peer_id'), [PEER_ID]);
  t.is(q.get('port')?.toString(), '6881');
  t.is(q.get('uploaded')?.toString(), '1');
  t.is(q.get('downloaded')?.toString(), '2');
  t.is(q.get('left')?.toString(), '3');
  t.is(q.get('compact')?.toString(), '1');
  t.is(q.get('numwant')?.toString(), '50');
  t.is(q.get('key')?.toString(), '1234ABCD');
  t.is(q.get('event')?.toString(), 'started');

  t.deepEqual(sink.names(), ['tracker_announce', 'tracker_write', 'tracker_read', 'tracker_success']);
  t.like(sink.of('tracker_announce')[0], { url: server.url, announce_event: 'started' });
  t.true(sink.of('tracker_write')[0]!.length > 100);
  // The read count is the whole HTTP reply: status line, headers and body.
  t.true(sink.of('tracker_read')[0]!.length > 60);
  t.like(sink.of('tracker_success')[0], { url: server.url, peer_count: 1, interval: 900 });

  t.is(tracker.timesInRow, 0);
  t.is(tracker.lastStatusCode, 200);
  t.is(tracker.interval, 900);
  t.is(tracker.minInterval, 30);
  t.is(tracker.complete, 2);
  t.is(tracker.incomplete, 1);
  t.true(tracker.nextAnnounceAt >= before + 900_000);
  t.false(tracker.updating);
});

test('announce events map to the event parameter; a regular announce has none', async (t) => {
  const { server, tracker, params } = await setup(t, () => ok({ interval: 60 }));
  for (const event of ['started', 'completed', 'stopped', 'none'] as const) await tracker.announce({ ...params, event });
  t.deepEqual(
    server.requests.map((r) => r.query.get('event')?.toString()),
    ['started', 'completed', 'stopped', undefined],
  );
});

test('a warning message fires tracker_warning after tracker_success', async (t) => {
  const { sink, tracker, params } = await setup(t, () => ok({ interval: 60, 'warning message': 'slow down', peers: Buffer.alloc(0) }));
  const result = await tracker.announce(params);
  t.is(result?.warning, 'slow down');
  t.deepEqual(sink.names().slice(-2), ['tracker_success', 'tracker_warning']);
  t.like(sink.of('tracker_warning')[0], { warning: 'slow down' });
});

test('dictionary peers and peers6 are mixed into one list', async (t) => {
  const { tracker, params } = await setup(t, () =>
    ok({
      interval: 60,
      peers: [
        { ip: '1.1.1.1', port: 1111, 'peer id': 'x'.repeat(20) },
        { ip: '::2', port: 2222 },
      ],
      peers6: compactPeers([{ ip: 'fe80::1', port: 3333 }]),
    }),
  );
  const result = await tracker.announce(params);
  t.deepEqual(result?.peers, [
    { ip: '1.1.1.1', port: 1111 },
    { ip: '::2', port: 2222 },
    { ip: 'fe80::1', port: 3333 },
  ]);
});

test('the tracker id of a reply is sent back as trackerid', async (t) => {
  const { server, tracker, params } = await setup(t, () => ok({ interval: 60, 'tracker id': 'T-42' }));
  await tracker.announce(params);
  await tracker.announce({ ...params, event: 'none' });
  t.false(server.requests[0]!.query.has('trackerid'));
  t.is(server.requests[1]!.query.get('trackerid')?.toString(), 'T-42');
  t.is(tracker.trackerId, 'T-42');
});

async function failure(t: ExecutionContext, behavior: HttpBehavior | ((req: RecordedHttpRequest) => HttpBehavior), options: Partial<TrackerOptions> = {}) {
  const { sink, tracker, params, server } = await setup(t, typeof behavior === 'function' ? behavior : () => behavior, options);
  const result = await tracker.announce(params);
  t.is(result, undefined);
  const failures = sink.of('tracker_failure');
  t.is(failures.length, 1);
  t.is(sink.of('tracker_success').length, 0);
  t.is(failures[0]!.times_in_row, 1);
  t.is(tracker.timesInRow, 1);
  t.is(failures[0]!.status_code, tracker.lastStatusCode ?? -1);
  t.is(failures[0]!.reason, tracker.lastError?.message ?? '');
  return { failure: failures[0]!, tracker, sink, server };
}

test('a tracker that never answers times out with status 0', async (t) => {
  const { failure: f, tracker, sink } = await failure(t, { kind: 'hang' }, { timeoutMs: 300 });
  t.is(f.status_code, 0);
  t.is(tracker.lastError?.code, 'TRACKER_TIMEOUT');
  t.regex(f.reason, /no complete reply within 300 ms/);
  // The request went out; nothing came back.
  t.deepEqual(sink.names(), ['tracker_announce', 'tracker_write', 'tracker_failure']);
});

test('a connection closed without a reply fails with status 0', async (t) => {
  const { failure: f, tracker } = await failure(t, { kind: 'close' });
  t.is(f.status_code, 0);
  t.is(tracker.lastError?.code, 'TRACKER_CONNECTION');
  t.regex(f.reason, /closed without a reply/);
});

test('a reply cut short in the body fails with status 0', async (t) => {
  const { failure: f, tracker } = await failure(t, { kind: 'truncate', body: bencode({ interval: 60, peers: Buffer.alloc(60) }), sendBytes: 20 });
  t.is(f.status_code, 0);
  t.is(tracker.lastError?.code, 'TRACKER_CONNECTION');
});

test('a refused connection fails with status 0', async (t) => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as net.AddressInfo).port;
  await new Promise<void>((r) => blocker.close(() => r()));
  const sink = new RecordingSink();
  const tracker = new Tracker({ ...trackerSettings(), url: `http://127.0.0.1:${port}/announce`, tier: 0, torrent: fakeTorrent(), sink, peerId: PEER_ID, key: 1, timeoutMs: 2000 });
  t.is(await tracker.announce({ infoHash: randomBytes(20), port: 1, uploaded: 0, downloaded: 0, left: 0, event: 'none', numwant: 1 }), undefined);
  t.like(sink.of('tracker_failure')[0], { status_code: 0, reason: 'connection refused', times_in_row: 1 });
  t.deepEqual(sink.names(), ['tracker_announce', 'tracker_failure']);
});

test('HTTP 404 fails with status 404', async (t) => {
  const { failure: f, tracker } = await failure(t, { kind: 'reply', status: 404, body: '<h1>Not Found</h1>' });
  t.is(f.status_code, 404);
  t.is(f.reason, 'HTTP 404 Not Found');
  t.is(tracker.lastError?.code, 'TRACKER_HTTP_STATUS');
});

test('HTTP 500 fails with status 500 and quotes a bencoded failure reason in the body', async (t) => {
  const { failure: f } = await failure(t, { kind: 'reply', status: 500, body: bencode({ 'failure reason': 'database down' }) });
  t.is(f.status_code, 500);
  t.is(f.reason, 'HTTP 500 Internal Server Error: database down');
});

test('a redirect loop fails with the redirect status', async (t) => {
  const { failure: f, tracker, server } = await failure(t, (req) =>
    req.path === '/announce' ? { kind: 'redirect', location: `/other${req.search}` } : { kind: 'redirect', location: `/announce${req.search}` },
  );
  t.is(f.status_code, 302);
  t.is(tracker.lastError?.code, 'TRACKER_REDIRECT_LOOP');
  t.regex(f.reason, /redirect loop/);
  t.is(server.requests.length, 2);
});

test('endless redirects to new URLs stop at the limit', async (t) => {
  let n = 0;
  const { failure: f, server } = await failure(t, () => ({ kind: 'redirect', location: `/announce${++n}`, status: 307 }), { http: { maxRedirects: 3 } });
  t.is(f.status_code, 307);
  t.is(f.reason, 'more than 3 redirects');
  t.is(server.requests.length, 4);
});

test('a redirect to a working tracker succeeds, counting the bytes of each hop', async (t) => {
  const { sink, tracker, params, server } = await setup(t, (req) =>
    req.path === '/announce' ? { kind: 'redirect', location: `/real/announce${req.search}`, status: 301 } : ok({ interval: 60, peers: Buffer.alloc(0) }),
  );
  t.truthy(await tracker.announce(params));
  t.is(server.requests[1]!.path, '/real/announce');
  t.deepEqual(server.requests[1]!.query.get('info_hash'), [params.infoHash]);
  t.deepEqual(sink.names(), ['tracker_announce', 'tracker_write', 'tracker_read', 'tracker_write', 'tracker_read', 'tracker_success']);
});

test('a 200 reply that is not bencode fails with status 200', async (t) => {
  const { failure: f, tracker } = await failure(t, { kind: 'reply', body: '<html>hello</html>' });
  t.is(f.status_code, 200);
  t.is(tracker.lastError?.code, 'TRACKER_BAD_RESPONSE');
  t.regex(f.reason, /not bencoded/);
});

test('bytes that are not HTTP at all fail with status 0', async (t) => {
  const { failure: f, tracker } = await failure(t, { kind: 'raw', bytes: Buffer.from('\x00\x01garbage\r\n\r\n') });
  t.is(f.status_code, 0);
  t.is(tracker.lastError?.code, 'TRACKER_BAD_RESPONSE');
  t.regex(f.reason, /not valid HTTP/);
});

test('a compact peer string of the wrong length fails with status 200', async (t) => {
  const { failure: f } = await failure(t, ok({ interval: 60, peers: Buffer.alloc(13) }));
  t.is(f.status_code, 200);
  t.regex(f.reason, /13 bytes is not a multiple of 6/);
});

test('a failure reason fails with status 200 and the tracker\'s words', async (t) => {
  const { failure: f, tracker } = await failure(t, ok({ 'failure reason': 'torrent not registered' }));
  t.is(f.status_code, 200);
  t.is(f.reason, 'torrent not registered');
  t.is(tracker.lastError?.code, 'TRACKER_FAILURE_REASON');
});

test('a reply larger than the limit fails', async (t) => {
  const { failure: f, tracker } = await failure(t, ok({ interval: 60, peers: Buffer.alloc(6000) }), { http: { maxResponseBytes: 1000 } });
  t.is(tracker.lastError?.code, 'TRACKER_RESPONSE_TOO_LARGE');
  t.is(f.status_code, 200);
});

test('a gzip-compressed reply is inflated', async (t) => {
  const { tracker, params, server } = await setup(t, () => ({
    kind: 'reply',
    body: zlib.gzipSync(bencode({ interval: 77, peers: compactPeers([{ ip: '3.3.3.3', port: 33 }]) })),
    headers: { 'content-encoding': 'gzip' },
  }));
  const result = await tracker.announce(params);
  t.deepEqual(result?.peers, [{ ip: '3.3.3.3', port: 33 }]);
  t.is(server.requests[0]!.headers['accept-encoding'], 'gzip');
});

test('times_in_row counts consecutive failures and resets on success', async (t) => {
  let fail = true;
  const { sink, tracker, params } = await setup(t, () => (fail ? { kind: 'reply', status: 503, body: '' } : ok({ interval: 60 })));
  for (let i = 0; i < 3; i++) await tracker.announce(params);
  t.deepEqual(sink.of('tracker_failure').map((f) => f.times_in_row), [1, 2, 3]);
  t.is(tracker.timesInRow, 3);
  fail = false;
  t.truthy(await tracker.announce(params));
  t.is(tracker.timesInRow, 0);
  t.is(tracker.lastError, undefined);
  fail = true;
  await tracker.announce(params);
  t.deepEqual(sink.of('tracker_failure').map((f) => f.times_in_row), [1, 2, 3, 1]);
  t.is(tracker.tier, 0);
});

test('abort() cancels an announce in flight: it resolves undefined without a failure', async (t) => {
  const { sink, tracker, params } = await setup(t, () => ({ kind: 'hang' }), { timeoutMs: 10_000 });
  const pending = tracker.announce(params);
  await new Promise((r) => setTimeout(r, 50));
  t.true(tracker.updating);
  tracker.abort();
  t.is(await pending, undefined);
  t.is(tracker.timesInRow, 0);
  t.is(sink.of('tracker_failure').length, 0);
  t.false(tracker.updating);
});

test('an unsupported or broken URL fails without throwing', async (t) => {
  for (const url of ['wss://tracker.example/announce', 'not a url', 'udp://no-port.example/announce']) {
    const sink = new RecordingSink();
    const tracker = new Tracker({ ...trackerSettings(), url, tier: 1, torrent: fakeTorrent(), sink, peerId: PEER_ID, key: 1 });
    t.is(tracker.protocol, undefined);
    t.false(tracker.canScrape);
    t.is(await tracker.announce({ infoHash: randomBytes(20), port: 1, uploaded: 0, downloaded: 0, left: 0, event: 'started', numwant: 1 }), undefined);
    t.like(sink.of('tracker_failure')[0], { status_code: 0, times_in_row: 1 });
    t.is(tracker.lastError?.code, 'TRACKER_BAD_URL');
    t.is(await tracker.scrape(), undefined);
  }
});

test('over IPv6 loopback', async (t) => {
  const { tracker, params, server } = await setup(t, () => ok({ interval: 60, peers6: compactPeers([{ ip: '::1', port: 4000 }]) }), { host: '::1' });
  t.true(server.url.startsWith('http://[::1]:'));
  t.deepEqual((await tracker.announce(params))?.peers, [{ ip: '::1', port: 4000 }]);
});

test('scrape: derives the URL, sends the info hash and parses files', async (t) => {
  const { tracker, server, infoHash, sink } = await setup(t, () =>
    ok({ files: { [infoHash.toString('latin1')]: { complete: 4, incomplete: 5, downloaded: 6 } } }),
  );
  t.true(tracker.canScrape);
  t.deepEqual(await tracker.scrape(), { complete: 4, incomplete: 5, downloaded: 6 });
  t.is(server.requests[0]!.path, '/scrape');
  t.deepEqual(server.requests[0]!.query.get('info_hash'), [infoHash]);
  t.deepEqual(tracker.lastScrape, { complete: 4, incomplete: 5, downloaded: 6 });
  t.deepEqual(sink.names(), ['tracker_write', 'tracker_read']);
});

test('scrape failures resolve undefined and leave the announce state alone', async (t) => {
  const { tracker, sink } = await setup(t, () => ({ kind: 'reply', status: 404, body: 'no scrape here' }));
  t.is(await tracker.scrape(), undefined);
  t.is(tracker.lastScrapeError?.code, 'TRACKER_HTTP_STATUS');
  t.is(tracker.lastScrapeError?.statusCode, 404);
  t.is(tracker.timesInRow, 0);
  t.is(sink.of('tracker_failure').length, 0);
});

test('a Client is a sink: its listeners receive the tracker events with messages and severities', async (t) => {
  const server = await FakeHttpTracker.start(() => ok({ interval: 60, 'warning message': 'hi', peers: compactPeers([{ ip: '1.2.3.4', port: 5 }]) }));
  t.teardown(() => server.close());
  const seen: EventInfo<'tracker_success' | 'tracker_warning' | 'tracker_announce'>[] = [];
  const client = new Client({
    on_tracker_announce: (_c, info) => seen.push(info),
    on_tracker_success: (_c, info) => seen.push(info),
    on_tracker_warning: [
      () => {
        throw new Error('a listener that throws');
      },
      (_c, info) => seen.push(info),
    ],
    on_plugin_error: () => {},
  });
  const tracker = new Tracker({ ...trackerSettings(), url: server.url, tier: 0, torrent: fakeTorrent(), sink: client, peerId: PEER_ID, key: 7 });
  const result = await tracker.announce({ infoHash: randomBytes(20), port: 1, uploaded: 0, downloaded: 0, left: 0, event: 'started', numwant: 10 });
  t.is(result?.peers.length, 1);
  t.deepEqual(seen.map((i) => [i.event, i.severity]), [
    ['tracker_announce', 'info'],
    ['tracker_success', 'info'],
    ['tracker_warning', 'warning'],
  ]);
  t.regex(seen[1]!.message, /answered with 1 peers/);
});

test('an info hash that is not 20 bytes fails the announce instead of sending it', async (t) => {
  const { server, sink, tracker, params } = await setup(t, () => ok({ interval: 60 }));
  t.is(await tracker.announce({ ...params, infoHash: Buffer.alloc(19) }), undefined);
  t.is(tracker.lastError?.code, 'TRACKER_BAD_REQUEST');
  t.like(sink.of('tracker_failure')[0], { status_code: 0, reason: 'the info hash to announce must be 20 bytes' });
  t.is(server.requests.length, 0);
  t.throws(() => new Tracker({ ...trackerSettings(), url: server.url, tier: 0, torrent: fakeTorrent(), sink, peerId: Buffer.alloc(8), key: 1 }), {
    instanceOf: TypeError,
  });
});

test('a sink that throws cannot make announce reject', async (t) => {
  const server = await FakeHttpTracker.start(() => ok({ interval: 60 }));
  t.teardown(() => server.close());
  const warnings: Error[] = [];
  const onWarning = (w: Error): void => void warnings.push(w);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const sink = {
    emit: () => {
      throw new Error('broken sink');
    },
    listens: () => true,
  };
  const tracker = new Tracker({ ...trackerSettings(), url: server.url, tier: 0, torrent: fakeTorrent(), sink, peerId: PEER_ID, key: 1 });
  const result = await tracker.announce({ infoHash: randomBytes(20), port: 1, uploaded: 0, downloaded: 0, left: 0, event: 'started', numwant: 1 });
  t.is(result?.interval, 60);
  await new Promise((r) => setImmediate(r));
  t.true(warnings.some((w) => w.message === 'broken sink'));
});
