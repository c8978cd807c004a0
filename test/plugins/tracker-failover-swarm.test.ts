// Tracker failover end to end: two clients that know nothing of each other
// find each other through a tier list whose first trackers hang, answer 404
// and send garbage, and whose last one works (after refusing once); then a
// user policy that replaces the built-in, or goes before it, is obeyed.
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import type { Client } from '../../core/client.ts';
import { createClient } from '../../core/create-client.ts';
import { Stage } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import type { PluginEntry } from '../../core/plugin-host/index.ts';
import { definePlugin } from '../../core/plugin.ts';
import { FakeHttpTracker, type HttpBehavior } from '../helpers/fake-tracker.ts';
import { MiniTracker } from '../helpers/mini-tracker.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

async function fake(t: ExecutionContext, behavior: HttpBehavior): Promise<string> {
  const tr = await FakeHttpTracker.start(() => behavior);
  t.teardown(() => tr.close());
  return tr.url;
}

interface Trackers {
  readonly hang: string;
  readonly notFound: string;
  readonly garbage: string;
  readonly good: MiniTracker;
}

async function trackers(t: ExecutionContext, refuseFirst: boolean): Promise<Trackers> {
  return {
    hang: await fake(t, { kind: 'hang' }),
    notFound: await fake(t, { kind: 'reply', status: 404, body: '<html>Not Found</html>' }),
    garbage: await fake(t, { kind: 'reply', status: 200, body: 'this is <b>not</b> bencode' }),
    // Refuses each client's first announce, so that the whole list fails once before it works.
    good: await MiniTracker.start(t, {
      refuse: (_a, previous) => (refuseFirst && previous.length === 0 ? { kind: 'reply', status: 503, body: 'busy' } : undefined),
    }),
  };
}

async function makeTorrent(t: ExecutionContext, announce: string[][]): Promise<{ metainfo: Metainfo; seedDir: string }> {
  const seedDir = await tempDir(t);
  await writeFiles(join(seedDir, 'src'), { 'a.bin': 70_000, 'sub/b.bin': 33_333 });
  const { metainfo } = await createTorrent(join(seedDir, 'src'), { announce, pieceLength: 16384, name: 'failover-payload' });
  await rename(join(seedDir, 'src'), join(seedDir, metainfo.name));
  return { metainfo, seedDir };
}

async function client(t: ExecutionContext, plugins: PluginEntry[]): Promise<Client> {
  const c = await createClient({
    config: false,
    ...LOOPBACK,
    timeouts: { trackerMs: 300 },
    plugins: [['logger', false], ['peer-ban', false], ...plugins],
  });
  t.teardown(() => c.destroy());
  return c;
}

type Seen = string;

/** Records tracker events as short lines: "announce URL", "failure URL n status", "success URL". */
function record(c: Client): Seen[] {
  const seen: Seen[] = [];
  c.on_tracker_announce((_c, i) => seen.push(`announce ${i.url}`));
  c.on_tracker_failure((_c, i) => seen.push(`failure ${i.url} ${i.times_in_row} ${i.status_code}`));
  c.on_tracker_success((_c, i) => seen.push(`success ${i.url}`));
  return seen;
}

function successOf(c: Client, url: string): Promise<void> {
  return new Promise((resolve) => c.on_tracker_success((_c, i) => i.url === url && resolve()));
}

/** Seeder first (so that the tracker knows it), then the leecher, which must find it and complete. */
async function exchange(t: ExecutionContext, announce: string[][], good: string, plugins: PluginEntry[]) {
  const { metainfo, seedDir } = await makeTorrent(t, announce);
  const seeder = await client(t, plugins);
  const leecher = await client(t, plugins);
  const seen = record(leecher);
  const seederKnown = successOf(seeder, good);
  await seeder.addTorrent(metainfo, { dir: seedDir });
  await seederKnown;
  const leechDir = await tempDir(t);
  const swarm = await leecher.addTorrent(metainfo, { dir: leechDir });
  await swarm.whenComplete();
  t.true(await sameFiles(seedDir, leechDir, metainfo.files.map((f) => f.path)));
  return { seen, swarm };
}

test('hang, 404, garbage, then a working tracker: failures in order with times_in_row and status_code, and the download completes', async (t) => {
  const tr = await trackers(t, true);
  const good = tr.good.url;
  const { seen } = await exchange(t, [[tr.hang], [tr.notFound], [tr.garbage], [good]], good, [
    ['tracker-failover', { backoffBaseSeconds: 0.2, backoffPercent: 100 }],
  ]);
  const untilSuccess = seen.slice(0, seen.indexOf(`success ${good}`) + 1);
  t.deepEqual(untilSuccess, [
    `announce ${tr.hang}`,
    `failure ${tr.hang} 1 0`,
    `announce ${tr.notFound}`,
    `failure ${tr.notFound} 1 404`,
    `announce ${tr.garbage}`,
    `failure ${tr.garbage} 1 200`,
    `announce ${good}`,
    `failure ${good} 1 503`,
    // Every tier failed: the first tier is tried again once its back-off is over, and so on down.
    `announce ${tr.hang}`,
    `failure ${tr.hang} 2 0`,
    `announce ${tr.notFound}`,
    `failure ${tr.notFound} 2 404`,
    `announce ${tr.garbage}`,
    `failure ${tr.garbage} 2 200`,
    `announce ${good}`,
    `success ${good}`,
  ]);
  const leecherAnnounces = tr.good.announces.filter((a) => a.left > 0);
  t.deepEqual(leecherAnnounces.map((a) => a.event), ['started', 'started']);
});

/** A user policy: always the last tracker of the list. */
const lastFirst = (stage: number) =>
  definePlugin({
    name: 'last-tracker-first',
    apply(c) {
      c.hooks.choose_trackers.tap({ name: 'last-tracker-first', stage }, (choice) => [choice.trackers[choice.trackers.length - 1]!.url]);
    },
  });

for (const [how, plugins] of [
  ['replaces the switched-off built-in', [['tracker-failover', false], lastFirst(Stage.DEFAULT)]],
  ['goes before the built-in (Stage.POLICY)', [lastFirst(Stage.POLICY)]],
] as const) {
  test(`a user policy that ${how} is obeyed: only the last tracker is asked`, async (t) => {
    const tr = await trackers(t, false);
    const good = tr.good.url;
    const { seen } = await exchange(t, [[tr.hang], [tr.notFound], [tr.garbage], [good]], good, [...plugins]);
    t.true(seen.length >= 2);
    t.true(seen.every((line) => line.endsWith(good)), seen.join('\n'));
    t.is(seen[0], `announce ${good}`);
  });
}
