// The lifecycle events for applications, fired from real work: a client
// seeds buffers (client.seed), another adds the torrent by magnet link,
// downloads it, is paused, resumed and removes it. Each event arrives, in
// the order the work happens.
import test from 'ava';
import type { Client } from '../../core/client.ts';
import type { EventInfo, EventName } from '../../core/index.ts';
import { bytes, tempDir } from '../helpers/payload.ts';
import { until } from '../helpers/until.ts';
import { loopbackClient } from '../helpers/interop-swarm.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

const LIFECYCLE = [
  'torrent_added',
  'torrent_removed',
  'torrent_paused',
  'torrent_resumed',
  'metadata_received',
  'state_changed',
  'torrent_checked',
  'file_completed',
  'stats',
  'torrent_complete',
] as const satisfies readonly EventName[];

type Lifecycle = (typeof LIFECYCLE)[number];
/** One of the events' infos, told apart by `event`. */
type LifecycleInfo = { [K in Lifecycle]: EventInfo<K> }[Lifecycle];

interface Recorded {
  readonly line: string;
  readonly info: LifecycleInfo;
}

/** Every lifecycle event of the client, as a line naming what changed (stats kept aside: they come at their own pace). */
function record(client: Client): { lines: string[]; stats: EventInfo<'stats'>[]; all: Recorded[] } {
  const lines: string[] = [];
  const stats: EventInfo<'stats'>[] = [];
  const all: Recorded[] = [];
  for (const event of LIFECYCLE) {
    client.hooks[event].tap('lifecycle-test', (_c: Client, info: EventInfo<typeof event>) => {
      const i = info as LifecycleInfo;
      let line: string = i.event;
      if (i.event === 'state_changed') line = `state_changed ${i.from}->${i.to}`;
      if (i.event === 'file_completed') line = `file_completed ${i.file.path}`;
      if (i.event === 'torrent_checked') line = `torrent_checked ${i.pieces}/${i.total}`;
      all.push({ line, info: i });
      if (i.event === 'stats') stats.push(i);
      else lines.push(line);
    });
  }
  return { lines, stats, all };
}

test('lifecycle events fire from real work, in order: seed, magnet download, pause, resume, remove', async (t) => {
  const a = bytes('a', 100_000);
  const b = bytes('b', 70_000);
  const seeder = loopbackClient(4, { stats: { intervalMs: 50 } });
  const leecher = loopbackClient(4, { stats: { intervalMs: 50 } });
  t.teardown(() => Promise.all([seeder.destroy(), leecher.destroy()]));
  const seederLog = record(seeder);
  const leecherLog = record(leecher);

  const seeded = await seeder.seed(
    [
      { path: 'a.bin', data: a },
      { path: 'sub/b.bin', data: b },
    ],
    { name: 'pair', pieceLength: 32768, dir: await tempDir(t) },
  );
  t.is(seeded.state, 'seeding');
  t.deepEqual(seeded.files.map((f) => [f.path, f.length, f.progress]), [
    ['pair/a.bin', 100_000, 1],
    ['pair/sub/b.bin', 70_000, 1],
  ]);
  t.deepEqual(seederLog.lines, ['torrent_added', `torrent_checked 6/6`, 'state_changed checking->seeding', 'torrent_complete']);

  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${seeded.infoHash}`, {
    dir: await tempDir(t),
    peers: [{ ip: '127.0.0.1', port: seeder.port! }],
  });
  await torrent.whenComplete();
  // file_completed and the completion are told once the last piece's work is over.
  await until('the leecher to be seeding', 10_000, () => (leecherLog.lines.includes('torrent_complete') ? true : undefined));
  const download = leecherLog.lines.slice();
  t.deepEqual(download.slice(0, 4), ['torrent_added', 'metadata_received', 'torrent_checked 0/6', 'state_changed checking->downloading']);
  t.deepEqual(download.slice(4, 6).sort(), ['file_completed pair/a.bin', 'file_completed pair/sub/b.bin']);
  t.deepEqual(download.slice(6), ['state_changed downloading->seeding', 'torrent_complete']);
  const added = leecherLog.all.find((r) => r.line === 'torrent_added')!.info as EventInfo<'torrent_added'>;
  t.is(added.torrent.infoHash, seeded.infoHash);
  const metadata = leecherLog.all.find((r) => r.line === 'metadata_received')!.info as EventInfo<'metadata_received'>;
  t.true(metadata.size > 0);

  // stats: the running torrent's figures at the interval.
  const last = await until('a stats event of the complete torrent', 10_000, () => leecherLog.stats.find((s) => s.progress === 1));
  t.is(last.torrent, torrent);
  t.is(last.downloaded, 170_000);
  t.is(last.left, 0);
  t.is(last.eta, 0);
  t.true(last.num_seeds <= last.num_peers);
  t.is(torrent.ratio, torrent.uploaded / torrent.downloaded);
  t.is(torrent.timeRemaining, 0);
  t.deepEqual(torrent.files.map((f) => [f.downloaded, f.progress]), [
    [100_000, 1],
    [70_000, 1],
  ]);

  leecherLog.lines.length = 0;
  torrent.pause();
  torrent.pause();
  torrent.resume();
  await leecher.removeTorrent(torrent.infoHash);
  t.deepEqual(leecherLog.lines, ['state_changed seeding->paused', 'torrent_paused', 'state_changed paused->seeding', 'torrent_resumed', 'torrent_removed']);
  // A stopped torrent tells no more stats.
  const statsBefore = leecherLog.stats.length;
  await new Promise((r) => setTimeout(r, 200));
  t.is(leecherLog.stats.length, statsBefore);
});

test('untapped lifecycle events cost nothing: with no listener, no stats are built', async (t) => {
  const client = loopbackClient(4, { stats: { intervalMs: 10 } });
  t.teardown(() => client.destroy());
  const seeded = await client.seed([{ path: 'one.bin', data: bytes('one', 40_000) }], { pieceLength: 16384, dir: await tempDir(t) });
  let reads = 0;
  // The stats tick reads the torrent's figures only for a listener.
  const progress = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(seeded), 'progress')!;
  Object.defineProperty(seeded, 'progress', { get: () => (reads++, progress.get!.call(seeded)) });
  await new Promise((r) => setTimeout(r, 100));
  t.is(reads, 0);
  let fired = 0;
  client.on_stats(() => fired++);
  await until('a stats event once someone listens', 5_000, () => (fired > 0 ? true : undefined));
  t.true(reads > 0);
});
