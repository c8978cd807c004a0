// Storage.recheckFile after a failed read: every piece of the file is read
// afresh (new handle, no cached bytes) and hashed; what cannot be read or
// hashes wrong is not had, and the rest is. A burst of failed reads of one
// file is reported once, until the file is rechecked.
import test, { type ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import { rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Storage, type StorageOptions } from '../../core/storage/storage.ts';
import { StorageError } from '../../core/storage/errors.ts';
import { PieceHasher } from '../../core/storage/hasher.ts';
import { ReadFailureBursts } from '../../core/storage/read-failures.ts';
import { makeFixture, RecordingSink, tempDir, TORRENT, type Fixture } from '../helpers/storage-fixture.ts';

const hasher = new PieceHasher({ workers: 1, inlineBelow: 1 });
test.after.always(() => hasher.close());

// 10 pieces of 20 bytes: a.bin holds 0-1 and the start of 2, b.bin the rest of 2 to 6 and the start of 7, c.bin the rest.
const FILES = [
  { path: 'a.bin', length: 45 },
  { path: 'b.bin', length: 100 },
  { path: 'c.bin', length: 55 },
];

async function seeded(t: ExecutionContext, extra: Partial<StorageOptions> = {}): Promise<{ storage: Storage; sink: RecordingSink; fx: Fixture; dir: string }> {
  const dir = await tempDir(t);
  const fx = makeFixture(20, FILES);
  for (const [i, f] of FILES.entries()) await writeFile(join(dir, f.path), fx.fileData(i));
  const sink = new RecordingSink();
  const storage = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink, hasher, ...extra });
  t.teardown(() => storage.close());
  t.deepEqual([...(await storage.check())], Array(10).fill(1));
  return { storage, sink, fx, dir };
}

/** The storage closed and opened again: no handle is left open (an open handle still reads a deleted file). */
async function reopened(t: ExecutionContext, storage: Storage, fx: Fixture, dir: string, sink: RecordingSink): Promise<Storage> {
  await storage.close();
  const again = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink, hasher });
  t.teardown(() => again.close());
  return again;
}

const had = (check: { first: number; have: Uint8Array }): number[] => [...check.have].flatMap((h, i) => (h === 1 ? [check.first + i] : []));

test('a truncated file: concurrent failed reads fire one file_error; the recheck keeps the pieces before the cut', async (t) => {
  const { storage, sink, fx, dir } = await seeded(t);
  await truncate(join(dir, 'b.bin'), 50); // b.bin starts at byte 45: bytes 95.. are gone, from piece 4 on
  const reads = await Promise.allSettled([4, 5, 6, 4].map((p) => storage.read(p, 0, 20)));
  t.true(reads.every((r) => r.status === 'rejected' && r.reason instanceof StorageError && r.reason.code === 'SHORT_READ'));
  t.is(sink.of('file_error').length, 1, 'one burst, one report');
  const passed: number[] = [];
  const check = await storage.recheckFile(1, { onPiece: (i, ok) => ok && passed.push(i) });
  t.is(check.first, 2);
  t.deepEqual(had(check), [2, 3], 'the pieces wholly before the cut are intact');
  t.deepEqual(passed.sort(), [2, 3], 'onPiece for the pieces that could be read');
  t.deepEqual(await storage.read(0, 0, 20), fx.piece(0), 'other files still serve');
  await t.throwsAsync(storage.read(5, 0, 20), { instanceOf: StorageError });
  t.is(sink.of('file_error').length, 2, 'after the recheck, a failure is news again');
});

test('a file restored after the failure: the recheck finds every piece, and reads serve the new bytes, not cached ones', async (t) => {
  const { storage, sink, fx, dir } = await seeded(t);
  const stale = Buffer.from(await storage.read(3, 0, 20)); // cached now
  const other = makeFixture(20, FILES);
  await writeFile(join(dir, 'b.bin'), other.fileData(1).subarray(0, 40)); // changed, and too short for pieces 4 on
  await t.throwsAsync(storage.read(6, 0, 20), { instanceOf: StorageError, message: /ends before byte/ });
  t.notDeepEqual(await storage.read(3, 0, 20), stale, 'the failed read dropped the stale cached piece');
  t.deepEqual(had(await storage.recheckFile(1)), [], 'b.bin as it is now holds no right piece');
  await writeFile(join(dir, 'b.bin'), fx.fileData(1));
  t.deepEqual(had(await storage.recheckFile(1)), [2, 3, 4, 5, 6, 7], 'whole again');
  t.deepEqual(await storage.read(3, 0, 20), stale);
  t.is(sink.of('file_error').length, 1);
});

test('a deleted file: every piece touching it is missing after the recheck, its neighbours are not', async (t) => {
  const { storage, sink, fx, dir } = await seeded(t);
  const again = await reopened(t, storage, fx, dir, sink);
  await unlink(join(dir, 'c.bin'));
  const err = await t.throwsAsync(again.read(8, 0, 20), { instanceOf: StorageError });
  t.is(err?.code, 'FILE_MISSING');
  t.deepEqual(had(await again.recheckFile(2)), [], 'pieces 7 to 9 all touch c.bin');
  t.deepEqual(had(await again.recheckFile(1)), [2, 3, 4, 5, 6], 'piece 7 spans b.bin and the missing c.bin');
});

test('an I/O error (EIO) and a folder in the way: the recheck marks the pieces missing instead of failing', async (t) => {
  const seed = await seeded(t);
  const { dir } = seed;
  const storage = await reopened(t, seed.storage, seed.fx, dir, seed.sink);
  await rm(join(dir, 'c.bin'));
  if (existsSync('/proc/self/mem')) {
    // Reading /proc/self/mem at offset 0 (an unmapped address) fails with EIO.
    await symlink('/proc/self/mem', join(dir, 'c.bin'));
    const err = await t.throwsAsync(storage.read(9, 0, 20), { instanceOf: StorageError });
    t.is(err?.code, 'IO_ERROR');
    t.is(err?.errno, 'EIO');
    t.deepEqual(had(await storage.recheckFile(2)), []);
    await unlink(join(dir, 'c.bin'));
  }
  await (await import('node:fs/promises')).mkdir(join(dir, 'c.bin'));
  t.deepEqual(had(await storage.recheckFile(2)), []);
});

test('a read that began before the recheck finished belongs to the burst it saw', (t) => {
  const bursts = new ReadFailureBursts(2);
  const early = bursts.stamp();
  t.true(bursts.failed(0, bursts.stamp()), 'the first failure is news');
  t.false(bursts.failed(0, early), 'later failures of the burst are not');
  t.true(bursts.failed(1, early), 'another file is another burst');
  const during = bursts.stamp();
  bursts.checked(0);
  t.false(bursts.failed(0, during), 'a read older than the recheck saw the old file');
  t.true(bursts.failed(0, bursts.stamp()), 'a read after the recheck is news');
});
