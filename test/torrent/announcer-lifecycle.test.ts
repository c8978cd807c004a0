// The announce lifecycle as the client drives it: started when a torrent is
// added (with the listen port and what is left), stopped and started again
// around pause/resume, stopped on removal, and client.destroy() waiting for
// the stopped announces only up to its bound when a tracker hangs.
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { DEFAULT_STOP_TIMEOUT_MS } from '../../core/torrent/announcer.ts';
import { bencode, FakeHttpTracker, type HttpBehavior, type RecordedHttpRequest } from '../helpers/fake-tracker.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const ok: HttpBehavior = { kind: 'reply', body: bencode({ interval: 1800, peers: Buffer.alloc(0) }) };
const param = (req: RecordedHttpRequest, key: string): string | undefined => req.query.get(key)?.[0]?.toString();

async function torrentFor(t: ExecutionContext, url: string): Promise<Metainfo> {
  const src = await tempDir(t);
  await writeFiles(src, { 'f.bin': 50_000 });
  return (await createTorrent(join(src, 'f.bin'), { announce: [url], pieceLength: 16384 })).metainfo;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('add announces started with our port and what is left; pause says stopped, resume started; removal stopped', async (t) => {
  const tracker = await FakeHttpTracker.start(() => ok);
  t.teardown(() => tracker.close());
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  const meta = await torrentFor(t, tracker.url);
  const swarm = await client.addTorrent(meta, { dir: await tempDir(t) });
  await until(() => tracker.requests.length === 1);
  const started = tracker.requests[0]!;
  t.is(param(started, 'event'), 'started');
  t.is(param(started, 'port'), String(client.port));
  t.is(param(started, 'left'), String(meta.length));
  t.is(param(started, 'numwant'), '50');
  await until(() => swarm.announcer!.tracker(tracker.url)!.lastSuccessAt > 0);

  swarm.pause();
  await until(() => tracker.requests.length === 2);
  t.is(param(tracker.requests[1]!, 'event'), 'stopped');
  swarm.resume();
  await until(() => tracker.requests.length === 3);
  t.is(param(tracker.requests[2]!, 'event'), 'started');
  await until(() => swarm.announcer!.tracker(tracker.url)!.lastSuccessAt > 0 && !swarm.announcer!.tracker(tracker.url)!.updating);

  await client.removeTorrent(meta.infoHash);
  t.deepEqual(tracker.requests.map((r) => param(r, 'event')), ['started', 'stopped', 'started', 'stopped']);
  t.false(swarm.announcer!.running);
});

test('client.destroy() waits for stopped announces only up to its bound when a tracker hangs', async (t) => {
  const tracker = await FakeHttpTracker.start((req) => (param(req, 'event') === 'stopped' ? { kind: 'hang' } : ok));
  t.teardown(() => tracker.close());
  const client = new Client({ ...LOOPBACK, timeouts: { trackerMs: 60_000 } });
  const meta = await torrentFor(t, tracker.url);
  const swarm = await client.addTorrent(meta, { dir: await tempDir(t) });
  await until(() => swarm.announcer!.tracker(tracker.url)!.lastSuccessAt > 0);
  const before = Date.now();
  await client.destroy();
  const took = Date.now() - before;
  t.deepEqual(tracker.requests.map((r) => param(r, 'event')), ['started', 'stopped']);
  // The tracker never answers and its own limit is a minute: only the bound can have ended the wait.
  t.true(took >= DEFAULT_STOP_TIMEOUT_MS - 50 && took < 30_000, `destroy took ${took} ms`);
  t.false(swarm.announcer!.tracker(tracker.url)!.updating);
});

test('a torrent without trackers has no announcer; extra trackers (a magnet\'s tr) come after the metainfo\'s, a tier each', async (t) => {
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  const src = await tempDir(t);
  await writeFiles(src, { 'g.bin': 1000 });
  const { metainfo } = await createTorrent(join(src, 'g.bin'));
  const bare = await client.addTorrent(metainfo, { dir: await tempDir(t), paused: true });
  t.is(bare.announcer, undefined);
  await client.removeTorrent(metainfo.infoHash);
  const extra = await client.addTorrent(metainfo, {
    dir: await tempDir(t),
    paused: true,
    trackers: ['http://127.0.0.1:9/a/announce', 'udp://127.0.0.1:9', 'wss://127.0.0.1:9/'],
  });
  t.deepEqual(extra.announcer!.tiers.map((tier) => tier.map((x) => x.url)), [['http://127.0.0.1:9/a/announce'], ['udp://127.0.0.1:9']]);
  t.deepEqual(extra.announcer!.unsupported, ['wss://127.0.0.1:9/']);
  t.false(extra.announcer!.running, 'a paused torrent does not announce');
});
