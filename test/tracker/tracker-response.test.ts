import test from 'ava';
import fc from 'fast-check';
import { TrackerError, type TrackerErrorCode } from '../../core/tracker/errors.ts';
import { buildAnnounceUrl, buildScrapeUrl, percentEncodeBytes, scrapeUrlFor } from '../../core/tracker/http.ts';
import { DEFAULT_INTERVAL_S, parseAnnounceReply, parseCompactPeers, parseScrapeReply } from '../../core/tracker/response.ts';
import { announcePacket, parseUdpUrl } from '../../core/tracker/udp.ts';
import { bencode, compactPeers, parseRawQuery } from '../helpers/fake-tracker.ts';

const failsWith = (t: import('ava').ExecutionContext, fn: () => unknown, code: TrackerErrorCode, message?: RegExp): void => {
  const err = t.throws(fn, { instanceOf: TrackerError });
  t.is(err?.code, code);
  if (message) t.regex(err?.message ?? '', message);
};

test('compact IPv4 peers: 6 bytes each, network order', (t) => {
  const bytes = Buffer.from([10, 0, 0, 1, 0x1a, 0xe1, 192, 168, 1, 200, 0xff, 0xff]);
  t.deepEqual(parseCompactPeers(bytes, 4), [
    { ip: '10.0.0.1', port: 6881 },
    { ip: '192.168.1.200', port: 65535 },
  ]);
});

test('compact IPv6 peers: 18 bytes each; mapped IPv4 becomes IPv4; port 0 is dropped', (t) => {
  const bytes = compactPeers([
    { ip: '2001:db8::1', port: 51413 },
    { ip: '::ffff:1.2.3.4', port: 80 },
    { ip: '::1', port: 0 },
  ]);
  t.deepEqual(parseCompactPeers(bytes, 6), [
    { ip: '2001:db8::1', port: 51413 },
    { ip: '1.2.3.4', port: 80 },
  ]);
});

test('compact peer strings of the wrong length fail', (t) => {
  failsWith(t, () => parseCompactPeers(Buffer.alloc(13), 4), 'TRACKER_BAD_RESPONSE', /13 bytes is not a multiple of 6/);
  failsWith(t, () => parseCompactPeers(Buffer.alloc(20), 6), 'TRACKER_BAD_RESPONSE', /multiple of 18/);
});

test('announce reply: compact peers, peers6, intervals, tracker id, counts, warning', (t) => {
  const body = bencode({
    interval: 900,
    'min interval': 60,
    'tracker id': 'abc',
    complete: 5,
    incomplete: 7,
    'warning message': 'be nice',
    peers: compactPeers([{ ip: '1.2.3.4', port: 1000 }]),
    peers6: compactPeers([{ ip: '::1', port: 2000 }]),
  });
  t.deepEqual(parseAnnounceReply(body), {
    peers: [
      { ip: '1.2.3.4', port: 1000 },
      { ip: '::1', port: 2000 },
    ],
    interval: 900,
    minInterval: 60,
    trackerId: 'abc',
    complete: 5,
    incomplete: 7,
    warning: 'be nice',
  });
});

test('announce reply: dictionary peers; names and bad entries are skipped', (t) => {
  const body = bencode({
    interval: 100,
    peers: [
      { ip: '5.6.7.8', port: 6881, 'peer id': 'A'.repeat(20) },
      { ip: '2001:db8::2', port: 6882 },
      { ip: 'tracker.example', port: 1 },
      { ip: '9.9.9.9', port: 0 },
      { ip: '9.9.9.9', port: 70000 },
      { port: 5 },
      'junk',
    ],
  });
  t.deepEqual(parseAnnounceReply(body).peers, [
    { ip: '5.6.7.8', port: 6881 },
    { ip: '2001:db8::2', port: 6882 },
  ]);
});

test('announce reply without interval or peers gets the default interval and no peers', (t) => {
  t.deepEqual(parseAnnounceReply(bencode({})), { peers: [], interval: DEFAULT_INTERVAL_S });
  t.is(parseAnnounceReply(bencode({ interval: -5 })).interval, DEFAULT_INTERVAL_S);
});

test('announce reply failures: failure reason, not bencode, not a dictionary, wrong types, wrong lengths', (t) => {
  failsWith(t, () => parseAnnounceReply(bencode({ 'failure reason': 'unregistered torrent' })), 'TRACKER_FAILURE_REASON', /^unregistered torrent$/);
  failsWith(t, () => parseAnnounceReply(Buffer.from('<html>oops</html>')), 'TRACKER_BAD_RESPONSE', /not bencoded/);
  failsWith(t, () => parseAnnounceReply(Buffer.alloc(0)), 'TRACKER_BAD_RESPONSE', /empty/);
  failsWith(t, () => parseAnnounceReply(bencode([1, 2])), 'TRACKER_BAD_RESPONSE', /not a bencoded dictionary/);
  failsWith(t, () => parseAnnounceReply(bencode({ peers: 5 })), 'TRACKER_BAD_RESPONSE', /neither a string nor a list/);
  failsWith(t, () => parseAnnounceReply(bencode({ peers: Buffer.alloc(7) })), 'TRACKER_BAD_RESPONSE', /7 bytes/);
  failsWith(t, () => parseAnnounceReply(bencode({ peers6: Buffer.alloc(17) })), 'TRACKER_BAD_RESPONSE', /peers6/);
  const err = t.throws(() => parseAnnounceReply(bencode({ peers: Buffer.alloc(7) }), 200), { instanceOf: TrackerError });
  t.is(err?.statusCode, 200);
});

test('scrape reply: stats for each asked hash; unknown hashes are zeros', (t) => {
  const a = Buffer.alloc(20, 0xaa);
  const b = Buffer.alloc(20, 0xbb);
  const body = bencode({ files: { [a.toString('latin1')]: { complete: 1, incomplete: 2, downloaded: 3 } } });
  const stats = parseScrapeReply(body, [a, b]);
  t.deepEqual(stats.get(a.toString('hex')), { complete: 1, incomplete: 2, downloaded: 3 });
  t.deepEqual(stats.get(b.toString('hex')), { complete: 0, incomplete: 0, downloaded: 0 });
  failsWith(t, () => parseScrapeReply(bencode({ nofiles: 1 }), [a]), 'TRACKER_BAD_RESPONSE', /files/);
  failsWith(t, () => parseScrapeReply(bencode({ 'failure reason': 'no scrape' }), [a]), 'TRACKER_FAILURE_REASON');
});

test('percent-encoding keeps unreserved characters and escapes every other byte', (t) => {
  t.is(percentEncodeBytes(Buffer.from([0x00, 0x41, 0x7e, 0x20, 0xff, 0x2d, 0x2e, 0x5f, 0x2f])), '%00A~%20%FF-._%2F');
});

test('announce URL carries every parameter, keeps an existing query, and round-trips the raw bytes', (t) => {
  const infoHash = Buffer.from('00ff102030405060708090a0b0c0d0e0f0012345', 'hex');
  const peerId = Buffer.from('-SH0001-\x00\x01\x02abcdefghi', 'latin1');
  const url = buildAnnounceUrl('http://tracker.example:8080/announce?passkey=s3cr3t#frag', {
    infoHash,
    peerId,
    port: 6881,
    uploaded: 10,
    downloaded: 20.7,
    left: -1,
    event: 'started',
    numwant: 50,
    key: 0xdeadbeef,
    trackerId: 'tid\xff',
  });
  t.is(url.hash, '');
  t.is(url.pathname, '/announce');
  const q = parseRawQuery(url.search);
  t.deepEqual(q.get('passkey'), [Buffer.from('s3cr3t')]);
  t.deepEqual(q.get('info_hash'), [infoHash]);
  t.deepEqual(q.get('peer_id'), [peerId]);
  t.is(q.get('port')?.toString(), '6881');
  t.is(q.get('uploaded')?.toString(), '10');
  t.is(q.get('downloaded')?.toString(), '20');
  t.is(q.get('left')?.toString(), '0');
  t.is(q.get('compact')?.toString(), '1');
  t.is(q.get('numwant')?.toString(), '50');
  t.is(q.get('key')?.toString(), 'DEADBEEF');
  t.is(q.get('event')?.toString(), 'started');
  t.deepEqual(q.get('trackerid'), [Buffer.from('tid\xff', 'latin1')]);
});

test('a regular announce has no event parameter; negative numwant is left out', (t) => {
  const url = buildAnnounceUrl('http://t/announce', {
    infoHash: Buffer.alloc(20),
    peerId: Buffer.alloc(20),
    port: 1,
    uploaded: 0,
    downloaded: 0,
    left: 0,
    event: 'none',
    numwant: -1,
    key: 1,
  });
  const q = parseRawQuery(url.search);
  t.false(q.has('event'));
  t.false(q.has('numwant'));
  t.false(q.has('trackerid'));
});

test('scrape URL follows the BEP 48 convention', (t) => {
  t.is(scrapeUrlFor('http://t.example/announce'), 'http://t.example/scrape');
  t.is(scrapeUrlFor('http://t.example/x/announce.php?pk=1'), 'http://t.example/x/scrape.php?pk=1');
  t.is(scrapeUrlFor('http://t.example/announce/x'), undefined);
  t.is(scrapeUrlFor('http://t.example/a'), undefined);
  t.is(scrapeUrlFor('http://t.example/x%064announce'), undefined);
  const u = buildScrapeUrl('http://t.example/announce?pk=1', [Buffer.alloc(20, 1), Buffer.alloc(20, 2)]);
  t.deepEqual(parseRawQuery(u.search).get('info_hash'), [Buffer.alloc(20, 1), Buffer.alloc(20, 2)]);
  failsWith(t, () => buildScrapeUrl('http://t.example/tracker', [Buffer.alloc(20)]), 'TRACKER_BAD_URL', /does not end in "announce"/);
});

test('udp URLs need a host and a port', (t) => {
  t.deepEqual(parseUdpUrl('udp://tracker.example:6969/announce'), { host: 'tracker.example', port: 6969 });
  t.deepEqual(parseUdpUrl('udp://[::1]:80'), { host: '::1', port: 80 });
  failsWith(t, () => parseUdpUrl('udp://tracker.example/announce'), 'TRACKER_BAD_URL', /without a port/);
  failsWith(t, () => parseUdpUrl('http://x:1/'), 'TRACKER_BAD_URL');
});

test('UDP announce packet layout (BEP 15)', (t) => {
  const id = Buffer.from('0102030405060708', 'hex');
  const p = announcePacket(
    id,
    0x11223344,
    {
      infoHash: Buffer.alloc(20, 0xab),
      peerId: Buffer.alloc(20, 0xcd),
      port: 51413,
      uploaded: 3,
      downloaded: 1,
      left: 2 ** 40,
      event: 'stopped',
      numwant: -5,
      key: 0xfeedface,
      ip: '10.1.2.3',
    },
    4,
  );
  t.is(p.length, 98);
  t.deepEqual(p.subarray(0, 8), id);
  t.is(p.readUInt32BE(8), 1);
  t.is(p.readUInt32BE(12), 0x11223344);
  t.deepEqual(p.subarray(16, 36), Buffer.alloc(20, 0xab));
  t.deepEqual(p.subarray(36, 56), Buffer.alloc(20, 0xcd));
  t.is(p.readBigUInt64BE(56), 1n);
  t.is(p.readBigUInt64BE(64), 2n ** 40n);
  t.is(p.readBigUInt64BE(72), 3n);
  t.is(p.readUInt32BE(80), 3);
  t.is(p.readUInt32BE(84), 0x0a010203);
  t.is(p.readUInt32BE(88), 0xfeedface);
  t.is(p.readInt32BE(92), -1);
  t.is(p.readUInt16BE(96), 51413);
});

test('any reply body either parses or fails with a TrackerError', (t) => {
  const field = fc.oneof(
    fc.integer({ min: -5, max: 5000 }),
    fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
    fc.array(fc.dictionary(fc.constantFrom('ip', 'port', 'peer id'), fc.oneof(fc.integer(), fc.string())), { maxLength: 3 }),
  );
  const reply = fc.dictionary(fc.constantFrom('interval', 'min interval', 'peers', 'peers6', 'failure reason', 'warning message', 'tracker id', 'complete', 'files'), field);
  const body = fc.oneof(
    reply.map((d) => bencode(d as Parameters<typeof bencode>[0])),
    fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)),
  );
  const hash = Buffer.alloc(20, 7);
  fc.assert(
    fc.property(body, (b) => {
      for (const parse of [() => parseAnnounceReply(b), () => parseScrapeReply(b, [hash])]) {
        try {
          parse();
        } catch (err) {
          if (!(err instanceof TrackerError)) return false;
        }
      }
      return true;
    }),
    { numRuns: 2000 },
  );
  t.pass();
});
