// A file of a seeded multi-file torrent is truncated or deleted after the
// check, over loopback with real files: file_error fires once per burst, the
// pieces that cannot be read are withdrawn (refused, not advertised to new
// peers) and the file is rechecked, while the other files are still served,
// peers stay and new ones are accepted. The lost pieces are then downloaded
// again from a seeder that has them, and the torrent seeds again.
import { readFile, truncate, unlink } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import type { EventInfo } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { StorageError } from '../../core/storage/errors.ts';
import type { Swarm } from '../../core/torrent/swarm.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { until } from '../helpers/until.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 32 * 1024;
const FILES = { 'a.bin': 200_000, 'b.bin': 300_000, 'c.bin': 150_000 };
const KEEP_OF_B = 100_000;

/** Pieces holding at least one byte of torrent data from..to (exclusive). */
function piecesOfRange(meta: Metainfo, from: number, to: number): Set<number> {
  const out = new Set<number>();
  for (let p = Math.floor(from / meta.pieceLength); p * meta.pieceLength < to; p++) out.add(p);
  return out;
}

const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);
const missingOf = (t: Swarm): number[] => [...t.picker.have].flatMap((h, i) => (h === 0 ? [i] : []));

/** A client recording what the tests look at. */
function recorder(meta: Metainfo) {
  const fileErrors: EventInfo<'file_error'>[] = [];
  const rechecks: EventInfo<'file_recheck'>[] = [];
  const passed: number[] = [];
  const refused: string[] = [];
  let completions = 0;
  const client = new Client({
    ...LOOPBACK,
    on_file_error: (_c, info) => fileErrors.push(info),
    on_file_recheck: (_c, info) => rechecks.push(info),
    on_piece_hash_passed: (_c, info) => {
      if (info.torrent.infoHash === meta.infoHash && info.peers.length > 0) passed.push(info.index);
    },
    on_invalid_request: (_c, info) => refused.push(info.reason),
    on_torrent_complete: () => completions++,
  });
  return { client, fileErrors, rechecks, passed, refused, completions: () => completions };
}

async function seededPayload(t: ExecutionContext) {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), FILES);
  const { metainfo } = await createTorrent(join(dir, 'payload'), { pieceLength: PIECE });
  const b = metainfo.files.find((f) => f.path.endsWith('b.bin'))!;
  return { dir, meta: metainfo, b, all: new Set(Array.from({ length: metainfo.pieceCount }, (_, i) => i)) };
}

test('a file truncated under a seeder: one file_error, its lost pieces withdrawn and rechecked, the rest served to old and new peers', async (t) => {
  t.timeout(60_000);
  const { dir, meta, b, all } = await seededPayload(t);
  const lost = piecesOfRange(meta, b.offset + KEEP_OF_B, b.offset + b.length);
  const intact = new Set([...all].filter((i) => !lost.has(i)));
  t.true(lost.size >= 6 && intact.size >= 12);

  const seeder = recorder(meta);
  const first = recorder(meta);
  const second = recorder(meta);
  t.teardown(() => Promise.all([seeder.client.destroy(), first.client.destroy(), second.client.destroy()]));
  const seeding = await seeder.client.addTorrent(meta, { dir });
  t.is(seeding.state, 'seeding');
  await truncate(join(dir, b.path), KEEP_OF_B);

  const one = await first.client.addTorrent(meta, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await until('the first downloader to get every intact piece', 30_000, () => (new Set(first.passed).size === intact.size ? true : undefined));
  await until('the recheck to finish', 30_000, () => (seeder.rechecks.some((r) => r.phase === 'finished') ? true : undefined));
  // Requests queued before the failed read are rejected as they come up, with
  // no invalid_request (they were valid when made). The downloader asks again
  // for the lost pieces at a later tick (after REFUSAL_BACKOFF_MS): those
  // requests are refused on arrival and reported. Waited for, not raced.
  await until('the downloader to ask for a lost piece after the recheck', 10_000, () => (seeder.refused.length > 0 ? true : undefined));

  t.is(seeder.fileErrors.length, 1, 'one file_error for the burst of failed reads');
  const [error] = seeder.fileErrors;
  t.is(error!.file.path, b.path);
  t.true(error!.error instanceof StorageError && error!.error.code === 'SHORT_READ', error!.error.message);
  t.deepEqual(
    seeder.rechecks.map((r) => [r.phase, r.file.path, r.missing]),
    [
      ['started', b.path, 0],
      ['finished', b.path, lost.size],
    ],
    'one recheck of the file',
  );
  t.deepEqual(missingOf(seeding), sorted(lost), 'exactly the pieces past the cut are missing');
  t.is(seeding.state, 'downloading', 'no longer a seed');
  t.false(seeding.complete);
  t.deepEqual(sorted(new Set(first.passed)), sorted(intact), 'every intact piece was served, no lost one');
  t.true(seeder.refused.length > 0 && seeder.refused.every((r) => /we do not have piece/.test(r)), 'requests for lost pieces are refused');
  t.true(
    seeder.refused.every((r) => lost.has(Number(/piece (\d+)/.exec(r)![1]))),
    `only lost pieces are refused: ${seeder.refused.join('; ')}`,
  );
  t.is(seeding.peers.length, 1, 'the downloader is still connected');
  t.is(one.peers.length, 1);

  // A new peer is accepted, is not told of the lost pieces, and gets the rest.
  const two = await second.client.addTorrent(meta, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await until('the second downloader to get every intact piece', 30_000, () => (new Set(second.passed).size === intact.size ? true : undefined));
  t.deepEqual(sorted(new Set(second.passed)), sorted(intact));
  const seen = two.peers[0] as unknown as { hasPiece(i: number): boolean };
  t.deepEqual(sorted([...all].filter((i) => !seen.hasPiece(i))), sorted(lost), 'its bitfield lacks the lost pieces');
  t.is(seeding.peers.length, 2);
  // Refused blocks are asked again at the downloaders' next tick, not at once in a tight loop.
  const refusedBefore = seeder.refused.length;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  t.true(seeder.refused.length - refusedBefore < 500, `${seeder.refused.length - refusedBefore} refusals in 2 s`);
  t.is(seeder.fileErrors.length, 1, 'still one file_error');
  t.is(seeder.rechecks.length, 2, 'still one recheck');

  // The file restored and the torrent added again: its check finds every piece, and it seeds them.
  await seeder.client.removeTorrent(meta.infoHash);
  await writeFiles(join(dir, 'payload'), FILES);
  const again = await seeder.client.addTorrent(meta, { dir });
  t.is(again.state, 'seeding');
  const third = new Client(LOOPBACK);
  t.teardown(() => third.destroy());
  const three = await third.addTorrent(meta, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await three.whenComplete();
  t.is(seeder.fileErrors.length, 1);
});

test('a file deleted under a seeder, two downloaders asking at once: one file_error, one recheck; its pieces are downloaded again from another seeder, and it seeds again', async (t) => {
  t.timeout(60_000);
  const { dir, meta, b, all } = await seededPayload(t);
  const spareDir = await tempDir(t);
  await writeFiles(join(spareDir, 'payload'), FILES);
  const lost = piecesOfRange(meta, b.offset, b.offset + b.length);
  const intact = new Set([...all].filter((i) => !lost.has(i)));

  const seeder = recorder(meta);
  const leecher = recorder(meta);
  const other = recorder(meta);
  const spare = new Client(LOOPBACK);
  t.teardown(() => Promise.all([seeder.client.destroy(), leecher.client.destroy(), other.client.destroy(), spare.destroy()]));
  const seeding = await seeder.client.addTorrent(meta, { dir });
  t.is(seeding.state, 'seeding');
  // Truncated first: the check left the file open, and an open handle still reads a deleted file.
  await truncate(join(dir, b.path), 0);
  await unlink(join(dir, b.path));

  const from = [{ ip: '127.0.0.1', port: seeder.client.port! }];
  const [leeching] = await Promise.all([
    leecher.client.addTorrent(meta, { dir: await tempDir(t), peers: from }),
    other.client.addTorrent(meta, { dir: await tempDir(t), peers: from }),
  ]);
  await until('the recheck to finish', 30_000, () => (seeder.rechecks.some((r) => r.phase === 'finished') ? true : undefined));
  await until('the downloaders to get every intact piece', 30_000, () =>
    new Set(leecher.passed).size === intact.size && new Set(other.passed).size === intact.size ? true : undefined,
  );
  t.is(seeder.fileErrors.length, 1);
  t.deepEqual(
    seeder.rechecks.map((r) => r.phase),
    ['started', 'finished'],
  );
  t.deepEqual(missingOf(seeding), sorted(lost), 'every piece touching the deleted file is missing');
  t.is(seeder.rechecks.at(-1)!.missing, lost.size);
  t.is(seeding.state, 'downloading');

  // Another seeder has the pieces: the first one downloads them, writes the file again, and seeds.
  t.is((await spare.addTorrent(meta, { dir: spareDir })).state, 'seeding');
  const before = seeder.completions();
  seeding.addPeers([{ ip: '127.0.0.1', port: spare.port! }]);
  await until('the seeder to be whole again', 30_000, () => (seeding.state === 'seeding' ? true : undefined));
  t.deepEqual(sorted(new Set(seeder.passed)), sorted(lost), 'only the lost pieces were downloaded');
  t.is(seeder.completions(), before + 1, 'torrent_complete fires again');
  t.true(await sameFiles(spareDir, dir, meta.files.map((f) => f.path)), 'files byte for byte');
  // The downloader that was refused them gets them now (told by HAVE or from the other seeder).
  leeching.addPeers([{ ip: '127.0.0.1', port: spare.port! }]);
  await leeching.whenComplete();
  t.is(seeder.fileErrors.length, 1);
});

test('a file restored before its recheck is whole again, and the torrent seeds on', async (t) => {
  t.timeout(60_000);
  const { dir, meta, b, all } = await seededPayload(t);
  const original = await readFile(join(dir, b.path));
  const seeder = recorder(meta);
  const leecher = recorder(meta);
  t.teardown(() => Promise.all([seeder.client.destroy(), leecher.client.destroy()]));
  // The failure is "fixed" as soon as it is reported: the recheck that follows finds the file whole.
  seeder.client.on_file_error(() => writeFileSync(join(dir, b.path), original));
  const seeding = await seeder.client.addTorrent(meta, { dir });
  await truncate(join(dir, b.path), KEEP_OF_B);
  const leechDir = await tempDir(t);
  const leeching = await leecher.client.addTorrent(meta, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await leeching.whenComplete();
  await until('the recheck to finish', 30_000, () => (seeder.rechecks.some((r) => r.phase === 'finished') ? true : undefined));
  t.is(seeder.fileErrors.length, 1);
  t.deepEqual(
    seeder.rechecks.map((r) => [r.phase, r.missing]),
    [
      ['started', 0],
      ['finished', 0],
    ],
  );
  await until('the seeder to seed again', 10_000, () => (seeding.state === 'seeding' ? true : undefined));
  t.deepEqual(missingOf(seeding), []);
  t.is(new Set(leecher.passed).size, all.size, 'the downloader got every piece from it alone');
  t.true(await sameFiles(dir, leechDir, meta.files.map((f) => f.path)));
});
