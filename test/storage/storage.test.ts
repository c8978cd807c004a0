import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { open as openFile, readFile, rmdir, stat, writeFile, mkdir, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Storage, type StorageOptions } from '../../core/storage/storage.ts';
import { StorageError } from '../../core/storage/errors.ts';
import { PieceHasher } from '../../core/storage/hasher.ts';
import { HandlePool } from '../../core/storage/handle-pool.ts';
import { makeFixture, RecordingSink, tempDir, TORRENT, type Fixture } from '../helpers/storage-fixture.ts';

const hasher = new PieceHasher({ workers: 2, inlineBelow: 1, minRunBytes: 1 });
test.after.always(() => hasher.close());

function open(t: ExecutionContext, fx: Fixture, dir: string, extra: Partial<StorageOptions> = {}): { storage: Storage; sink: RecordingSink } {
  const sink = new RecordingSink();
  const storage = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink, hasher, ...extra });
  t.teardown(() => storage.close());
  return { storage, sink };
}

async function writeAll(storage: Storage, fx: Fixture): Promise<void> {
  for (let i = 0; i < storage.pieceCount; i++) await storage.writePiece(i, fx.piece(i));
}

// Piece 1 (bytes 100..199) spans three files; zero-length files at start, middle and end; nested folders.
const SPANNING = [
  { path: 'empty-first', length: 0 },
  { path: 'a/b/one.bin', length: 120 },
  { path: 'a/two.bin', length: 30 },
  { path: 'a/c/empty-middle', length: 0 },
  { path: 'three.bin', length: 70 },
  { path: 'z/empty-last', length: 0 },
];

test('pieces written whole read back whole, by block, and land in the right files', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(100, SPANNING);
  const { storage } = open(t, fx, dir);
  await writeAll(storage, fx);
  for (let i = 0; i < storage.pieceCount; i++) {
    t.deepEqual(await storage.readPiece(i), fx.piece(i));
    t.true(await storage.verify(i, fx.piece(i)));
  }
  t.deepEqual(await storage.read(1, 15, 30), fx.data.subarray(115, 145), 'a block across the first boundary');
  t.deepEqual(await storage.read(2, 0, 20), fx.data.subarray(200, 220), 'the short last piece');
  for (const i of [1, 2, 4]) t.deepEqual(await readFile(join(dir, fx.input.files[i].path)), fx.fileData(i));
  await t.throwsAsync(stat(join(dir, 'empty-first')), { code: 'ENOENT' }, 'zero-length files wait for prepare()');
  await storage.prepare();
  for (const i of [0, 3, 5]) t.is((await stat(join(dir, fx.input.files[i].path))).size, 0);
});

test('blocks written one by one read back equal (property, across file boundaries)', async (t) => {
  const dir = await tempDir(t);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 5 }).filter((ls) => ls.some((l) => l > 0)),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 17 }),
      async (lengths, pieceLength, blockLength) => {
        const fx = makeFixture(pieceLength, lengths.map((length, i) => ({ path: `r${run}/d${i % 2}/f${i}`, length })));
        run++;
        const storage = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), hasher, maxOpenFiles: 2 });
        try {
          // Blocks in reverse order, to write beyond the current end of files.
          for (let p = storage.pieceCount - 1; p >= 0; p--) {
            const size = storage.layout.pieceSize(p);
            for (let begin = 0; begin < size; begin += blockLength) {
              await storage.writeBlock(p, begin, fx.piece(p).subarray(begin, begin + blockLength));
            }
          }
          for (let p = 0; p < storage.pieceCount; p++) {
            if (!(await storage.readPiece(p)).equals(fx.piece(p))) return false;
          }
          return (await storage.check()).every((b) => b === 1);
        } finally {
          await storage.close();
        }
      },
    ),
    { numRuns: 25 },
  );
  t.is(run, 25);
});

test('file events carry the file and the bytes really read and written', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(100, SPANNING);
  const { storage, sink } = open(t, fx, dir, { readCacheBytes: 0 });
  await storage.writePiece(1, fx.piece(1));
  const opens = sink.of('file_open');
  t.deepEqual(opens.map((e) => [e.file.path, e.mode]), [['a/b/one.bin', 'w+'], ['a/two.bin', 'w+'], ['three.bin', 'w+']]);
  t.deepEqual(sink.of('file_write').map((e) => [e.file.path, e.length]), [['a/b/one.bin', 20], ['a/two.bin', 30], ['three.bin', 50]]);
  t.is(opens[0].file, storage.files[1], 'the event carries the StorageFile itself');
  t.is(storage.files[1].absolutePath, join(dir, 'a', 'b', 'one.bin'));
  t.is(storage.files[4].offset, 150);
  sink.clear();
  t.deepEqual(await storage.read(1, 10, 20), fx.data.subarray(110, 130));
  t.deepEqual(sink.of('file_read').map((e) => [e.file.path, e.length]), [['a/b/one.bin', 10], ['a/two.bin', 10]]);
  t.deepEqual(sink.of('file_open'), [], 'handles are reused');
  await storage.close();
  t.deepEqual(sink.of('file_close').map((e) => e.file.path).sort(), ['a/b/one.bin', 'a/two.bin', 'three.bin']);
  t.is(sink.of('file_error').length, 0);
});

test('seeding reads go through a piece cache: one disk read per piece', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(64 * 1024, [{ path: 'big.bin', length: 256 * 1024 }]);
  const { storage, sink } = open(t, fx, dir, { readCacheBytes: 128 * 1024 });
  await writeAll(storage, fx);
  sink.clear();
  const blocks = await Promise.all([0, 1, 2, 3].map((b) => storage.read(2, b * 16384, 16384)));
  t.deepEqual(Buffer.concat(blocks), fx.piece(2));
  t.deepEqual(sink.of('file_read').map((e) => e.length), [64 * 1024], 'the piece was read once for four blocks');
  await storage.read(0, 0, 16384);
  await storage.read(1, 0, 16384);
  await storage.read(2, 16384, 16384); // evicted by 0 and 1: read again
  t.is(sink.of('file_read').length, 4);
  // A write makes the cached piece stale.
  const changed = Buffer.from(fx.piece(1));
  changed[5] ^= 0xff;
  await storage.writePiece(1, changed);
  t.deepEqual(await storage.read(1, 0, 16), changed.subarray(0, 16));
});

test('a leased block keeps its bytes while its piece is evicted; the piece\'s buffer is reused only once the lease is released', async (t) => {
  const dir = await tempDir(t);
  const piece = 64 * 1024;
  const fx = makeFixture(piece, [{ path: 'big.bin', length: 5 * piece }]);
  const { storage } = open(t, fx, dir, { readCacheBytes: 2 * piece });
  await writeAll(storage, fx);
  // Two readers wait on one read of piece 0: both are pinned as it arrives.
  const [first, second] = await Promise.all([storage.readBlock(0, 0, 16384), storage.readBlock(0, 16384, 16384)]);
  // Pieces 1..4 pass through the cache of two: piece 0 is evicted, and the buffers of the others are reused.
  for (const i of [1, 2, 3, 4]) {
    const lease = await storage.readBlock(i, 0, 16384);
    t.deepEqual(lease.data, fx.piece(i).subarray(0, 16384));
    lease.release();
  }
  t.deepEqual(first.data, fx.piece(0).subarray(0, 16384), 'untouched while leased');
  t.deepEqual(second.data, fx.piece(0).subarray(16384, 32768));
  first.release();
  first.release(); // a second release changes nothing
  t.deepEqual(second.data, fx.piece(0).subarray(16384, 32768), 'still pinned by the other lease');
  second.release();
  // Piece 0's buffer now holds whatever is read next.
  const next = await storage.readBlock(1, 0, piece);
  t.deepEqual(next.data, fx.piece(1));
  next.release();
});

test('a cached piece is leased at once; readAhead fills the cache with one read, and a failed read ahead reports nothing', async (t) => {
  const dir = await tempDir(t);
  const piece = 64 * 1024;
  const fx = makeFixture(piece, [{ path: 'big.bin', length: 3 * piece }]);
  const { storage, sink } = open(t, fx, dir, { readCacheBytes: 2 * piece });
  await writeAll(storage, fx);
  sink.clear();
  t.is(storage.cachedBlock(1, 0, 16), undefined, 'not read yet');
  storage.readAhead(1);
  storage.readAhead(1); // under way: not read twice
  const lease = await storage.readBlock(1, 16, 16); // joins the read ahead
  t.deepEqual(lease.data, fx.piece(1).subarray(16, 32));
  const cached = storage.cachedBlock(1, 100, 50);
  t.deepEqual(cached?.data, fx.piece(1).subarray(100, 150));
  t.throws(() => storage.cachedBlock(1, piece - 10, 20), { instanceOf: StorageError, message: /outside piece 1/ });
  lease.release();
  cached?.release();
  t.deepEqual(sink.of('file_read').map((e) => e.length), [piece], 'one disk read');
  await truncate(join(dir, 'big.bin'), piece);
  storage.readAhead(2);
  await storage.flush();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(sink.of('file_error'), [], 'nobody needed it: no error reported');
  await t.throwsAsync(storage.readBlock(2, 0, 16), { instanceOf: StorageError });
  t.is(sink.of('file_error').length, 1, 'the read that needed it reports');
});

test('the handle pool never holds more than maxOpenFiles handles', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(30, [1, 2, 3, 4, 5].map((n) => ({ path: `f${n}.bin`, length: 17 * n })));
  const { storage, sink } = open(t, fx, dir, { maxOpenFiles: 2, readCacheBytes: 0 });
  let openNow = 0;
  let peak = 0;
  sink.onEvent = (e) => {
    if (e.event === 'file_open') peak = Math.max(peak, ++openNow);
    if (e.event === 'file_close') openNow--;
  };
  await Promise.all(Array.from({ length: storage.pieceCount }, (_, i) => storage.writePiece(i, fx.piece(i))));
  const reads = await Promise.all(Array.from({ length: storage.pieceCount }, (_, i) => storage.readPiece(i)));
  reads.forEach((r, i) => t.deepEqual(r, fx.piece(i)));
  t.is(peak, 2);
  t.true(storage.openFiles <= 2);
  t.true(sink.of('file_close').length >= 3, 'least recently used handles were closed');
  await storage.close();
  t.is(openNow, 0);
  t.is(storage.openFiles, 0);
});

test('storages sharing one handle pool stay within its budget together; closing one closes only its files', async (t) => {
  const fx = makeFixture(100, [{ path: 'a.bin', length: 250 }, { path: 'b.bin', length: 250 }]);
  const sink = new RecordingSink();
  const handles = new HandlePool(sink, 2);
  const one = open(t, fx, await tempDir(t), { handles }).storage;
  const two = open(t, fx, await tempDir(t), { handles }).storage;
  await writeAll(one, fx);
  await writeAll(two, fx);
  t.is(handles.openCount, 2, 'four files written, two handles at most');
  await Promise.all([0, 1, 2, 3, 4].flatMap((i) => [one.read(i, 0, 10), two.read(i, 0, 10)]));
  t.true(handles.openCount <= 2);
  const opened = sink.of('file_open').length;
  t.true(opened > 2, 'handles were closed and opened again for the other storage');
  t.is(opened - sink.of('file_close').length, handles.openCount);
  // The other storage's handles stay open when one closes its own.
  await two.read(4, 0, 10);
  await one.closeHandles();
  t.is(handles.openCount, 1, "the other storage's last handle is still open");
  await one.close();
  t.deepEqual(await two.read(0, 0, 10), fx.piece(0).subarray(0, 10));
});

test('concurrent reads and writes under a tight handle bound stay correct', async (t) => {
  const dir = await tempDir(t);
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (const maxOpenFiles of [1, 2, 3]) {
    const fx = makeFixture(50, [0, 1, 2, 3, 4, 5].map((n) => ({ path: `m${maxOpenFiles}/f${n}.bin`, length: 23 + 31 * n })));
    const { storage, sink } = open(t, fx, dir, { maxOpenFiles, readCacheBytes: random(2) * 1024 });
    let openNow = 0;
    let peak = 0;
    sink.onEvent = (e) => {
      if (e.event === 'file_open') peak = Math.max(peak, ++openNow);
      if (e.event === 'file_close') openNow--;
    };
    const order = Array.from({ length: storage.pieceCount }, (_, i) => i).sort(() => random(3) - 1);
    const firstHalf = order.slice(0, order.length >> 1);
    await Promise.all(firstHalf.map((i) => storage.writePiece(i, fx.piece(i))));
    const work: Promise<unknown>[] = [];
    for (const i of order.slice(order.length >> 1)) {
      work.push(storage.writePiece(i, fx.piece(i)));
      for (let k = 0; k < 3; k++) {
        const p = firstHalf[random(firstHalf.length)];
        const length = Math.min(10, storage.layout.pieceSize(p));
        work.push(storage.read(p, 0, length).then((b) => t.deepEqual(b, fx.piece(p).subarray(0, length))));
      }
    }
    await Promise.all(work);
    t.true(peak <= maxOpenFiles, `peak ${peak} with maxOpenFiles ${maxOpenFiles}`);
    t.deepEqual([...(await storage.check())], new Array(storage.pieceCount).fill(1));
  }
});

test('a writer is not starved by a stream of readers of the same file', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(16, [{ path: 'x.bin', length: 160 }]);
  await writeFile(join(dir, 'x.bin'), Buffer.concat([fx.data.subarray(0, 80), Buffer.alloc(80)]));
  const { storage } = open(t, fx, dir, { readCacheBytes: 0 });
  let writeDone = false;
  let readsAfter = 0;
  const readers = Array.from({ length: 4 }, async () => {
    while (!writeDone || readsAfter < 8) {
      await storage.read(random4(), 0, 16);
      if (writeDone) readsAfter++;
    }
  });
  await storage.readPiece(0);
  await storage.writePiece(9, fx.piece(9)).then(() => (writeDone = true));
  await Promise.all(readers);
  t.true(await storage.verify(9, await storage.readPiece(9)));
  function random4(): number {
    return Math.floor(Math.random() * 5);
  }
});

test('a file opened for reading is reopened read-write for a write', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(10, [{ path: 'x.bin', length: 20 }]);
  await writeFile(join(dir, 'x.bin'), fx.data);
  const { storage, sink } = open(t, fx, dir, { readCacheBytes: 0 });
  await storage.readPiece(0);
  await storage.writePiece(1, fx.piece(1));
  t.deepEqual(sink.events.filter((e) => e.event === 'file_open' || e.event === 'file_close').map((e) => (e.event === 'file_open' ? `open ${e.mode}` : 'close')), [
    'open r',
    'close',
    'open r+',
  ]);
});

test('check(): everything, nothing, and part of the torrent on disk', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(100, SPANNING);
  const { storage } = open(t, fx, dir);
  const seen: [number, boolean][] = [];
  t.deepEqual([...(await storage.check({ onPiece: (i, ok) => seen.push([i, ok]) }))], [0, 0, 0]);
  t.deepEqual(seen, [], 'pieces of missing files are not reported as checked');
  await writeAll(storage, fx);
  t.deepEqual([...(await storage.check())], [1, 1, 1]);
  const fresh = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), hasher });
  t.teardown(() => fresh.close());
  t.deepEqual([...(await fresh.check())], [1, 1, 1], 'a new storage over the same folder finds everything');
});

test('check(): pieces written so far, a missing file, wrong size and wrong content', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(40, [
    { path: 'p.bin', length: 100 },
    { path: 'q/q.bin', length: 60 },
    { path: 'r.bin', length: 80 },
  ]); // 6 pieces: p holds 0-2, q holds 2-3, r holds 4-5
  const { storage } = open(t, fx, dir);
  await storage.writePiece(0, fx.piece(0));
  await storage.writePiece(3, fx.piece(3));
  await storage.writePiece(5, fx.piece(5));
  t.deepEqual([...(await storage.check())], [1, 0, 0, 1, 0, 1], 'written pieces only (the rest are sparse zeros)');
  await writeAll(storage, fx);
  await storage.close();

  await unlink(join(dir, 'q/q.bin'));
  const s2 = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), hasher });
  t.teardown(() => s2.close());
  t.deepEqual([...(await s2.check())], [1, 1, 0, 0, 1, 1], 'missing q: the pieces touching it');
  await s2.writePiece(2, fx.piece(2));
  await s2.writePiece(3, fx.piece(3));
  t.deepEqual([...(await s2.check())], [1, 1, 1, 1, 1, 1]);
  await s2.close();

  await truncate(join(dir, 'r.bin'), 81 - 2);
  const s3sink = new RecordingSink();
  const s3 = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: s3sink, hasher });
  t.teardown(() => s3.close());
  t.deepEqual([...(await s3.check())], [1, 1, 1, 1, 0, 0], 'r has the wrong size');
  t.is((await stat(join(dir, 'r.bin'))).size, 79, 'check does not resize');
  t.is(s3sink.of('file_error').length, 0, 'absent data is no error');
  await s3.close();

  await truncate(join(dir, 'r.bin'), 80);
  const bytes = await readFile(join(dir, 'p.bin'));
  bytes[45] ^= 1;
  await writeFile(join(dir, 'p.bin'), bytes);
  const s4 = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), hasher });
  t.teardown(() => s4.close());
  t.deepEqual([...(await s4.check())], [1, 0, 1, 1, 1, 0], 'one flipped bit in piece 1; r lost its tail');
});

test('check() of a single small file without resume data: one open, one read of a byte more than its length, one close; a file missing, of another length, a folder or a pipe is not in place', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(40, [{ path: 'one.bin', length: 100 }]); // 3 pieces, hashed on this thread
  const path = join(dir, 'one.bin');
  const inline = new PieceHasher({ workers: 0 });
  const checked = async (): Promise<{ have: number[]; reported: number[]; sink: RecordingSink }> => {
    const sink = new RecordingSink();
    const storage = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink, hasher: inline });
    t.teardown(() => storage.close());
    const reported: number[] = [];
    const have = [...(await storage.check({ onPiece: (index) => void reported.push(index) }))];
    await storage.close();
    t.is(sink.of('file_error').length, 0, 'absent data is no error');
    return { have, reported, sink };
  };

  await writeFile(path, fx.data);
  const aborting = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), hasher: inline });
  t.teardown(() => aborting.close());
  const controller = new AbortController();
  let seen = 0;
  const abortedCheck = aborting.check({ signal: controller.signal, onPiece: () => ++seen === 1 && controller.abort() });
  t.is((await t.throwsAsync(abortedCheck, { instanceOf: StorageError }))?.code, 'ABORTED', 'aborted after its first piece');
  t.is(seen, 1);
  const exact = await checked();
  t.deepEqual(exact.have, [1, 1, 1]);
  t.deepEqual(exact.reported, [0, 1, 2]);
  t.deepEqual(exact.sink.of('file_open').map((e) => e.mode), ['r']);
  t.deepEqual(exact.sink.of('file_read').map((e) => e.length), [100], 'the whole file at one go');
  t.is(exact.sink.of('file_close').length, 1);

  const flipped = Buffer.from(fx.data);
  flipped[45] ^= 1;
  await writeFile(path, flipped);
  t.deepEqual((await checked()).have, [1, 0, 1], 'one flipped bit in piece 1');

  for (const [what, bytes] of [['a byte longer', Buffer.concat([fx.data, Buffer.from([0])])], ['a byte shorter', fx.data.subarray(0, 99)]] as const) {
    await writeFile(path, bytes);
    const other = await checked();
    t.deepEqual(other.have, [0, 0, 0], what);
    t.deepEqual(other.reported, [], `${what}: no piece reported`);
  }

  await unlink(path);
  const missing = await checked();
  t.deepEqual([missing.have, missing.reported, missing.sink.of('file_open').length], [[0, 0, 0], [], 0], 'missing');

  await mkdir(path);
  t.deepEqual((await checked()).have, [0, 0, 0], 'a folder');
  await rmdir(path);

  // A pipe is opened without blocking (no writer ever comes) and then checked the general way: not a file.
  execFileSync('mkfifo', [path]);
  const pipe = await checked();
  t.deepEqual([pipe.have, pipe.reported], [[0, 0, 0], []], 'a pipe');
});

test('check(): pieces in one file are read and hashed by the workers in runs, one file_read a run; pieces across files and what a run left go through the lanes', async (t) => {
  const dir = await tempDir(t);
  // 16-byte pieces: 0..4 in a.bin, piece 5 across a.bin and b.bin, 6..11 in b.bin, then a short last piece.
  const fx = makeFixture(16, [
    { path: 'a.bin', length: 88 },
    { path: 'b.bin', length: 110 },
  ]);
  await writeAll(open(t, fx, dir).storage, fx);
  const bytes = await readFile(join(dir, 'b.bin'));
  bytes[16 * 8 - 88] ^= 1; // piece 8
  await writeFile(join(dir, 'b.bin'), bytes);
  const runs: number[] = [];
  /** Answers only the first piece of every run it is given: the storage reads the others itself. */
  class HalfHearted extends PieceHasher {
    override async hashFileRun(run: Parameters<PieceHasher['hashFileRun']>[0]): ReturnType<PieceHasher['hashFileRun']> {
      runs.push(run.count);
      const answer = await super.hashFileRun(run);
      return { digests: answer.digests.subarray(0, 20), done: Math.min(1, answer.done) };
    }
  }
  const expected = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1];
  for (const pool of [hasher, new HalfHearted({ workers: 1, inlineBelow: 1, minRunBytes: 1 })]) {
    t.teardown(() => pool.close());
    const sink = new RecordingSink();
    const storage = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink, hasher: pool, readCacheBytes: 0 });
    t.teardown(() => storage.close());
    const seen = new Map<number, boolean>();
    t.deepEqual([...(await storage.check({ onPiece: (i, ok) => seen.set(i, ok) }))], expected);
    t.deepEqual([...seen.keys()].sort((a, b) => a - b), expected.map((_, i) => i), 'every piece reported once');
    t.is(seen.get(8), false);
    t.is(sink.of('file_read').reduce((sum, e) => sum + e.length, 0), 88 + 110, 'every byte read once');
  }
  // The two files' runs are dispatched side by side: either may reach the pool first.
  t.deepEqual([...runs].sort((a, b) => a - b), [5, 7], 'the half-hearted pool got the two runs, in a.bin and in b.bin');
  runs.length = 0;
  const byDefault = new HalfHearted({ workers: 1, inlineBelow: 1 });
  t.teardown(() => byDefault.close());
  const small = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), hasher: byDefault });
  t.teardown(() => small.close());
  t.deepEqual([...(await small.check())], expected);
  t.deepEqual(runs, [], 'runs under minRunBytes (1 MiB by default) are read by the storage: no worker woken for a small torrent');
  // Pieces the hasher hashes on this thread (under inlineBelow, 32 KiB by default): a run is read at one go.
  const inline = new PieceHasher({ workers: 1 });
  t.teardown(() => inline.close());
  const sink = new RecordingSink();
  const third = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink, hasher: inline });
  t.teardown(() => third.close());
  t.deepEqual([...(await third.check())], expected);
  t.deepEqual(
    sink.of('file_read').map((e) => [e.file.path, e.length]).sort(),
    [['a.bin', 8], ['a.bin', 80], ['b.bin', 102], ['b.bin', 8]].sort(),
    'one read for pieces 0-4, one for 6-12, and piece 5 across both files',
  );
  t.is(inline.workerCount, 0);
});

test('check(): a failure in one part (a run) rejects only once the other parts (the lanes) have stopped', async (t) => {
  const dir = await tempDir(t);
  // A run of 4 pieces in a.bin, then pieces across small files for the lanes.
  const fx = makeFixture(16, [{ path: 'a.bin', length: 64 }, ...Array.from({ length: 6 }, (_, i) => ({ path: `small/${i}.bin`, length: 10 }))]);
  await writeAll(open(t, fx, dir).storage, fx);
  let openGate = (): void => undefined;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  let runFailed = false;
  /** Its runs fail; the lanes' hashes wait at the gate. */
  class Failing extends PieceHasher {
    override hashFileRun(): ReturnType<PieceHasher['hashFileRun']> {
      runFailed = true;
      return Promise.reject(new Error('the worker blew up'));
    }

    override async hash(data: Uint8Array): Promise<Buffer> {
      await gate;
      return super.hash(data);
    }
  }
  const pool = new Failing({ workers: 1, inlineBelow: 1, minRunBytes: 1 });
  t.teardown(() => pool.close());
  const storage = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), hasher: pool });
  t.teardown(() => storage.close());
  let settled = false;
  const checking = storage.check().finally(() => void (settled = true));
  const deadline = Date.now() + 10_000;
  while (!runFailed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  // A few turns for the failure to travel up (a check that does not wait for the lanes rejects now).
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  t.true(runFailed);
  t.false(settled, 'check() waits for the lanes, which wait at the gate');
  openGate();
  await t.throwsAsync(checking, { instanceOf: StorageError, message: /the worker blew up/ });
});

test('check() can be aborted', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(16, [{ path: 'f', length: 16 * 50 }]);
  const { storage } = open(t, fx, dir);
  await writeAll(storage, fx);
  const controller = new AbortController();
  let seen = 0;
  const checking = storage.check({ parallel: 1, signal: controller.signal, onPiece: () => ++seen === 3 && controller.abort() });
  t.is((await t.throwsAsync(checking, { instanceOf: StorageError }))?.code, 'ABORTED');
  t.true(seen < 50);
});

test('writing into an existing file keeps its bytes and fits its length', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(10, [
    { path: 'long.bin', length: 20 },
    { path: 'short.bin', length: 20 },
  ]);
  await writeFile(join(dir, 'long.bin'), Buffer.concat([fx.fileData(0), Buffer.from('junk beyond the end')]));
  await writeFile(join(dir, 'short.bin'), fx.fileData(1).subarray(0, 5));
  const { storage } = open(t, fx, dir);
  t.deepEqual([...(await storage.check())], [0, 0, 0, 0], 'wrong sizes: nothing trusted');
  await storage.writePiece(1, fx.piece(1));
  await storage.writePiece(3, fx.piece(3));
  t.is((await stat(join(dir, 'long.bin'))).size, 20);
  t.is((await stat(join(dir, 'short.bin'))).size, 20);
  t.deepEqual([...(await storage.check())], [1, 1, 0, 1], 'piece 0 was on disk all along; piece 2 lost its tail');
});

test('file selection: wanted pieces and zero-length files of skipped files', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(10, [
    { path: 'keep.bin', length: 15 },
    { path: 'skip.bin', length: 15 },
    { path: 'skip-empty', length: 0 },
    { path: 'keep-empty', length: 0 },
  ]);
  const { storage } = open(t, fx, dir, { skipFiles: new Set([1, 2]) });
  t.deepEqual([...storage.wantedPieces()], [1, 1, 0]);
  t.false(storage.isWanted(1));
  await storage.prepare();
  await t.throwsAsync(stat(join(dir, 'skip-empty')), { code: 'ENOENT' });
  t.is((await stat(join(dir, 'keep-empty'))).size, 0);
  storage.setWanted(1, true);
  t.deepEqual([...storage.wantedPieces()], [1, 1, 1]);
  const byPredicate = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink: new RecordingSink(), skipFiles: (i) => i === 1 });
  t.deepEqual([...byPredicate.wantedPieces()], [0, 1, 1], 'a predicate says which files are wanted');
});

test('out-of-range requests are refused without touching the disk', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(10, [{ path: 'f', length: 25 }]);
  const { storage, sink } = open(t, fx, dir);
  for (const attempt of [
    () => storage.read(2, 0, 6),
    () => storage.read(3, 0, 1),
    () => storage.writeBlock(0, 8, Buffer.alloc(3)),
    () => storage.writePiece(0, Buffer.alloc(9)),
    () => storage.writePiece(-1, Buffer.alloc(10)),
  ]) {
    const err = await t.throwsAsync(attempt(), { instanceOf: StorageError });
    t.is(err?.code, 'OUT_OF_RANGE');
  }
  t.false(await storage.verify(0, Buffer.alloc(9)));
  t.deepEqual(sink.events, []);
});

test('a closed storage refuses work', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(10, [{ path: 'f', length: 25 }]);
  const { storage } = open(t, fx, dir);
  const writing = storage.writePiece(0, fx.piece(0));
  await storage.close();
  await writing;
  t.is((await t.throwsAsync(storage.read(0, 0, 10), { instanceOf: StorageError }))?.code, 'CLOSED');
  await storage.close();
});

test('paths leading out of the target folder are refused', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'inside'));
  for (const path of ['../escape', 'a/../../escape', '/etc/passwd', 'a//b', './x']) {
    const fx = makeFixture(10, [{ path, length: 10 }]);
    const err = t.throws(() => new Storage({ layout: fx.input, dir: join(dir, 'inside'), torrent: TORRENT, sink: new RecordingSink() }), {
      instanceOf: StorageError,
    });
    t.is(err?.code, 'UNSAFE_PATH', path);
  }
});

test('BEP 47 padding files are zeros that never touch the disk', async (t) => {
  const dir = await tempDir(t);
  const files = [
    { path: 't/a.bin', length: 10 },
    { path: 't/.pad/6', length: 6, padding: true },
    { path: 't/b.bin', length: 16 },
  ];
  const fx = makeFixture(16, files);
  // Padding bytes are zeros in the torrent's data, so the piece hashes must be made over zeros.
  const data = Buffer.from(fx.data);
  data.fill(0, 10, 16);
  const pieces = [0, 1].map((i) => createHash('sha1').update(data.subarray(i * 16, i * 16 + 16)).digest());
  const sink = new RecordingSink();
  const storage = new Storage({ layout: { ...fx.input, pieces }, dir, torrent: TORRENT, sink, hasher });
  t.teardown(() => storage.close());
  await storage.prepare();
  await storage.writePiece(0, data.subarray(0, 16));
  await storage.writePiece(1, data.subarray(16, 32));
  await t.throwsAsync(stat(join(dir, 't/.pad/6')), { code: 'ENOENT' });
  t.false(sink.events.some((e) => 'file' in e && e.file.path === 't/.pad/6'));
  t.deepEqual(await storage.readPiece(0), data.subarray(0, 16));
  t.deepEqual([...(await storage.check())], [1, 1]);
  t.deepEqual([...storage.wantedPieces()], [1, 1]);
  t.deepEqual([...storage.layout.wantedPieces((i) => i === 1)], [0, 0], 'a padding file alone wants nothing');
});

test('verify() of a piece in one file has the hash worker write it when it hashes right; writePiece then only reports it; a bad piece writes nothing', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(100, SPANNING);
  const { storage, sink } = open(t, fx, dir, { readCacheBytes: 0 });
  const onePath = join(dir, 'a', 'b', 'one.bin');

  // Piece 0 (bytes 0..99) lies in one.bin alone. A corrupt copy is refused and never reaches the disk.
  const bad = hasher.allocate(100);
  bad.set(fx.piece(0));
  bad[7] ^= 0xff;
  t.false(await storage.verify(0, bad));
  t.deepEqual(sink.of('file_write'), []);
  const before = await readFile(onePath).catch(() => Buffer.alloc(0));
  t.true(before.every((b) => b === 0), 'nothing of the bad piece on disk');

  const good = hasher.allocate(100);
  good.set(fx.piece(0));
  t.true(await storage.verify(0, good));
  t.deepEqual((await readFile(onePath)).subarray(0, 100), fx.piece(0), 'on disk once verified');
  // Scribbled over on disk: writePiece of the same buffer reports the write the worker made, and does not write again.
  const scribble = await openFile(onePath, 'r+');
  await scribble.write(Buffer.alloc(100, 0x55), 0, 100, 0);
  await scribble.close();
  await storage.writePiece(0, good);
  t.deepEqual(sink.of('file_write').map((e) => [e.file.path, e.length]), [['a/b/one.bin', 100]]);
  t.true((await readFile(onePath)).subarray(0, 100).every((b) => b === 0x55), 'writePiece did not write it a second time');

  // Another buffer with the same bytes, or a piece across files: written by writePiece as ever.
  sink.clear();
  await storage.writePiece(0, Buffer.from(fx.piece(0)));
  t.deepEqual((await readFile(onePath)).subarray(0, 100), fx.piece(0));
  t.true(await storage.verify(1, fx.piece(1)));
  await storage.writePiece(1, fx.piece(1));
  t.deepEqual(sink.of('file_write').map((e) => [e.file.path, e.length]), [['a/b/one.bin', 100], ['a/b/one.bin', 20], ['a/two.bin', 30], ['three.bin', 50]]);
  t.deepEqual(await storage.read(1, 0, 100), fx.piece(1));
});

test('a file written syncAheadBytes since its last sync began is synced in the background; stampFiles still syncs what came after', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(100, [{ path: 'one.bin', length: 500 }]);
  const { storage } = open(t, fx, dir, { syncAheadBytes: 200 });
  // Every datasync of a pool's descriptor, counted.
  const datasync = fs.fdatasync;
  let background = 0;
  fs.fdatasync = ((fd: number, callback: fs.NoParamCallback) => {
    background++;
    datasync(fd, callback);
  }) as typeof fs.fdatasync;
  t.teardown(() => void (fs.fdatasync = datasync));
  // flush() after each piece waits for a background sync it started too, so none is skipped as still under way.
  for (let i = 0; i < 5; i++) {
    await storage.writePiece(i, fx.piece(i));
    await storage.flush();
  }
  t.is(background, 2, 'after pieces 2 and 4 (200 bytes each time), not per piece');
  const stamps = await storage.stampFiles();
  t.is(stamps[0]!.size, 500);
  t.deepEqual(await readFile(join(dir, 'one.bin')), fx.data);
});
