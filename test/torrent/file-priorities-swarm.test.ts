// File priorities changed while a torrent downloads, between two clients on
// loopback (the leecher's download rate-limited so that the change lands
// mid-download): the order in which pieces arrive follows the priorities.
import test from 'ava';
import { piecesOfFile } from '../../core/torrent/file-priorities.ts';
import { bytes, tempDir } from '../helpers/payload.ts';
import { until } from '../helpers/until.ts';
import { loopbackClient } from '../helpers/interop-swarm.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 128 * 1024;
const PER_FILE = 12;
/** Pieces asked for before a change and still arriving after it: the leecher's request queue under its rate limit is about 4 pieces. */
const IN_FLIGHT = 8;

async function threeFiles(t: import('ava').ExecutionContext, rate: number) {
  const seeder = loopbackClient(4);
  const passed: number[] = [];
  const leecher = loopbackClient(4, { rates: { maxDownloadRate: rate }, on_piece_hash_passed: (_c, info) => passed.push(info.index) });
  t.teardown(() => Promise.all([seeder.destroy(), leecher.destroy()]));
  // Lengths that are not whole pieces: a and b share a piece, b and c too.
  const lengths = [PER_FILE * PIECE - 1000, PER_FILE * PIECE, PER_FILE * PIECE + 1000];
  const seeded = await seeder.seed(
    lengths.map((length, i) => ({ path: `${'abc'[i]}.bin`, data: bytes(`file ${i}`, length) })),
    { name: 'three', pieceLength: PIECE, dir: await tempDir(t) },
  );
  const pieces = seeded.meta.files.map((f) => piecesOfFile(f, PIECE)!);
  return { seeder, leecher, seeded, passed, pieces };
}

const inFile = (p: { first: number; last: number }) => (i: number) => i >= p.first && i <= p.last;

test('raising a skipped file to high mid-download: its pieces come next, before the normal and low ones left', async (t) => {
  const { seeder, leecher, seeded, passed, pieces } = await threeFiles(t, 1024 * 1024);
  // a normal, b low, c skipped.
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${seeded.infoHash}`, { dir: await tempDir(t), files: [0, 1], peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  const [a, b, c] = torrent.files;
  b!.setPriority('low');
  t.deepEqual(torrent.files.map((f) => f.priority), ['normal', 'low', 'skip']);
  await until('a few pieces', 20_000, () => (passed.length >= 4 ? true : undefined));
  const cOnly = (i: number) => inFile(pieces[2]!)(i) && !inFile(pieces[1]!)(i);
  t.false(passed.some(cOnly), 'no piece of the skipped file alone was fetched');
  const before = passed.length;
  c!.select('high');
  t.is(c!.priority, 'high');
  await torrent.whenComplete();
  const after = passed.slice(before);
  const lastC = Math.max(...after.map((i, at) => (cOnly(i) ? at : -1)));
  const cCount = after.filter(cOnly).length;
  t.is(cCount, pieces[2]!.last - pieces[2]!.first);
  t.true(lastC < cCount + IN_FLIGHT, `c's pieces all in by arrival ${lastC} of ${after.length} (${cCount} of them): ${after.join(' ')}`);
  // Then a (normal) before b (low): b's own pieces come last.
  const bOnly = (i: number) => inFile(pieces[1]!)(i) && !inFile(pieces[0]!)(i) && !inFile(pieces[2]!)(i);
  const aOnly = (i: number) => inFile(pieces[0]!)(i) && !inFile(pieces[1]!)(i);
  const lastA = Math.max(...passed.map((i, at) => (aOnly(i) ? at : -1)));
  const firstBAfterC = after.findIndex((i, at) => at > lastC && bOnly(i));
  t.true(firstBAfterC < 0 || before + firstBAfterC > lastA - IN_FLIGHT, `order ${passed.join(' ')}`);
  t.is(a!.progress, 1);
  t.is(b!.progress, 1);
  t.is(c!.progress, 1);
});

test('deselecting a file mid-download stops requesting its pieces; the torrent completes without them', async (t) => {
  const { seeder, leecher, seeded, passed, pieces } = await threeFiles(t, 1024 * 1024);
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${seeded.infoHash}`, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await until('a few pieces', 20_000, () => (passed.length >= 4 ? true : undefined));
  const c = torrent.files[2]!;
  c.deselect();
  const deselectedAt = passed.length;
  await torrent.whenComplete();
  t.is(torrent.state, 'seeding');
  const cOnly = (i: number) => inFile(pieces[2]!)(i) && !inFile(pieces[1]!)(i);
  const cAfter = passed.slice(deselectedAt).filter(cOnly).length;
  t.true(cAfter <= IN_FLIGHT, `${cAfter} pieces of the deselected file arrived after it was deselected`);
  t.true(c.progress < 1);
  // The piece b shares with c is wanted (b is): b is whole.
  t.is(torrent.files[1]!.progress, 1);
  // Selecting it again fetches the rest: a seed downloads again.
  c.select();
  t.is(torrent.state, 'downloading');
  await until('the reselected file', 30_000, () => (c.progress === 1 ? true : undefined));
  await until('seeding again', 10_000, () => (torrent.state === 'seeding' ? true : undefined));
  t.is(torrent.progress, 1);
});
