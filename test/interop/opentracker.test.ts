// Announce and scrape against Debian's opentracker on loopback, over HTTP and
// UDP: two peers announce the same torrent and the second is told about the first.
import type { ExecutionContext } from 'ava';
import { randomBytes } from 'node:crypto';
import { Tracker, type TrackerAnnounceParams } from '../../core/tracker/tracker.ts';
import { fakeTorrent, RecordingSink } from '../helpers/fake-tracker.ts';
import { interopTest, OPENTRACKER } from '../helpers/interop.ts';
import { startOpentracker, type Opentracker } from '../helpers/opentracker.ts';
import { trackerSettings } from '../helpers/default-settings.ts';

const test = interopTest(OPENTRACKER);

async function opentracker(t: ExecutionContext, infoHashes: Buffer[]): Promise<Opentracker> {
  const ot = await startOpentracker({ infoHashes });
  t.teardown(() => ot.stop());
  return ot;
}

function peer(t: ExecutionContext, url: string, infoHash: Buffer, n: number) {
  const sink = new RecordingSink();
  const tracker = new Tracker({
    ...trackerSettings(),
    url,
    tier: 0,
    torrent: fakeTorrent(infoHash),
    sink,
    peerId: Buffer.from(`-SH0001-interop${String(n).padStart(5, '0')}`),
    key: 0x1000 + n,
    timeoutMs: 5000,
    udp: { baseTimeoutMs: 1000, maxRetries: 2 },
  });
  t.teardown(() => tracker.abort());
  return { sink, tracker };
}

const announce = (infoHash: Buffer, port: number, left = 1000): TrackerAnnounceParams => ({
  infoHash,
  port,
  uploaded: 0,
  downloaded: 0,
  left,
  event: 'started',
  numwant: 50,
});

for (const scheme of ['http', 'udp'] as const) {
  test(`${scheme}: the second announcer gets the first one's address`, async (t) => {
    const infoHash = randomBytes(20);
    const ot = await opentracker(t, [infoHash]);
    const url = scheme === 'http' ? ot.httpUrl : ot.udpUrl;
    const a = peer(t, url, infoHash, 1);
    const b = peer(t, url, infoHash, 2);

    const first = await a.tracker.announce(announce(infoHash, 40001, 0));
    t.truthy(first, a.tracker.lastError?.message);
    const second = await b.tracker.announce(announce(infoHash, 40002));
    t.truthy(second, b.tracker.lastError?.message);
    t.true(second!.peers.some((p) => p.ip === '127.0.0.1' && p.port === 40001), JSON.stringify(second!.peers));
    t.true(second!.interval > 0);
    t.is(second!.complete, 1);
    t.is(second!.incomplete, 1);
    t.deepEqual(b.sink.names().filter((n) => n.startsWith('tracker_') && n !== 'tracker_write' && n !== 'tracker_read'), [
      'tracker_announce',
      'tracker_success',
    ]);
    t.true(b.sink.of('tracker_read').length > 0);
    t.is(b.tracker.timesInRow, 0);

    const stats = await b.tracker.scrape();
    t.deepEqual(stats, { complete: 1, incomplete: 1, downloaded: stats?.downloaded ?? -1 });

    // A stopped peer leaves the swarm.
    t.truthy(await a.tracker.announce({ ...announce(infoHash, 40001, 0), event: 'stopped' }));
    const after = await b.tracker.announce({ ...announce(infoHash, 40002), event: 'none' });
    t.false(after!.peers.some((p) => p.port === 40001));
  });

  test(`${scheme}: an info hash outside the whitelist is refused with a failure`, async (t) => {
    const ot = await opentracker(t, [randomBytes(20)]);
    const other = randomBytes(20);
    const { sink, tracker } = peer(t, scheme === 'http' ? ot.httpUrl : ot.udpUrl, other, 3);
    t.is(await tracker.announce(announce(other, 40003)), undefined);
    const f = sink.of('tracker_failure')[0];
    t.is(f?.times_in_row, 1);
    if (scheme === 'http') {
      t.is(tracker.lastError?.code, 'TRACKER_FAILURE_REASON');
      t.regex(f?.reason ?? '', /not authorized/i);
      t.is(f?.status_code, 200);
    } else {
      // Over UDP opentracker refuses with a bare 8-byte announce header, no error action.
      t.is(tracker.lastError?.code, 'TRACKER_BAD_RESPONSE');
      t.regex(f?.reason ?? '', /truncated announce reply of 8 bytes/);
      t.is(f?.status_code, 0);
    }

    // Once whitelisted (SIGHUP reload), the same tracker succeeds and times_in_row resets.
    await ot.allow(other);
    t.truthy(await tracker.announce(announce(other, 40003)), tracker.lastError?.message);
    t.is(tracker.timesInRow, 0);
  });
}
