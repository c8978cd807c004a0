// Hostile disks: full, a folder where a file should be, a file where a folder
// should be, a file deleted under a seeder. (Tests run as root in CI, so
// permission bits would not fail; these causes fail for root too.)
import test, { type ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Storage, type StorageOptions } from '../../core/storage/storage.ts';
import { StorageError } from '../../core/storage/errors.ts';
import { PieceHasher } from '../../core/storage/hasher.ts';
import { makeFixture, RecordingSink, tempDir, TORRENT, type Fixture } from '../helpers/storage-fixture.ts';

const hasher = new PieceHasher({ workers: 1, inlineBelow: 1 });
test.after.always(() => hasher.close());

function open(t: ExecutionContext, fx: Fixture, dir: string, extra: Partial<StorageOptions> = {}): { storage: Storage; sink: RecordingSink } {
  const sink = new RecordingSink();
  const storage = new Storage({ layout: fx.input, dir, torrent: TORRENT, sink, hasher, ...extra });
  t.teardown(() => storage.close());
  return { storage, sink };
}

// 5 pieces of 20 bytes: a.bin holds 0-1 and the start of 2, full.bin the rest of 2 and 3, c.bin piece 4.
const THREE = [
  { path: 'a.bin', length: 45 },
  { path: 'sub/full.bin', length: 35 },
  { path: 'c.bin', length: 20 },
];

const hasDevFull = existsSync('/dev/full');

test('a full disk: file_error names the file, other pieces stay intact, and a retry after the fix works', async (t) => {
  t.true(hasDevFull, 'this test needs /dev/full (Linux)');
  const dir = await tempDir(t);
  const fx = makeFixture(20, THREE);
  await mkdir(join(dir, 'sub'));
  await symlink('/dev/full', join(dir, 'sub/full.bin'));
  const { storage, sink } = open(t, fx, dir);
  const full = storage.files[1];

  await storage.writePiece(0, fx.piece(0));
  await storage.writePiece(1, fx.piece(1));
  await storage.writePiece(4, fx.piece(4));
  const err = await t.throwsAsync(storage.writePiece(3, fx.piece(3)), { instanceOf: StorageError });
  t.is(err?.code, 'DISK_FULL');
  t.is(err?.errno, 'ENOSPC');
  t.is(err?.file, full);
  t.is(err?.operation, 'write');
  const errors = sink.of('file_error');
  t.is(errors.length, 1);
  t.is(errors[0].file, full);
  t.is(errors[0].torrent, TORRENT);
  t.is(errors[0].error, err as StorageError);

  // A piece across both files: the part in a.bin is written, the rest fails.
  await t.throwsAsync(storage.writePiece(2, fx.piece(2)), { instanceOf: StorageError, message: /disk is full/ });
  t.is(sink.of('file_error').length, 2);
  t.true(sink.of('file_close').some((e) => e.file === full), 'the broken handle was dropped');

  for (const i of [0, 1, 4]) t.true(await storage.verify(i, await storage.readPiece(i)), `piece ${i} intact`);
  t.deepEqual((await readFile(join(dir, 'a.bin'))).subarray(0, 40), fx.data.subarray(0, 40));
  t.deepEqual([...(await storage.check())], [1, 1, 0, 0, 1], 'check treats the device as absent, without an error');
  t.is(sink.of('file_error').length, 2);

  // The user frees space (here: the device goes away); the same storage retries.
  await unlink(join(dir, 'sub/full.bin'));
  await storage.writePiece(2, fx.piece(2));
  await storage.writePiece(3, fx.piece(3));
  t.deepEqual([...(await storage.check())], [1, 1, 1, 1, 1]);
  t.deepEqual(await readFile(join(dir, 'sub/full.bin')), fx.fileData(1));
});

test('a folder where a file should be: IS_A_DIRECTORY, then a retry once it is gone', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(20, THREE);
  await mkdir(join(dir, 'c.bin'));
  const { storage, sink } = open(t, fx, dir);
  await storage.writePiece(0, fx.piece(0));
  const err = await t.throwsAsync(storage.writePiece(4, fx.piece(4)), { instanceOf: StorageError });
  t.is(err?.code, 'IS_A_DIRECTORY');
  t.is(err?.file?.path, 'c.bin');
  t.deepEqual(
    sink.of('file_error').map((e) => [e.file.path, e.torrent.name, (e.error as StorageError).code]),
    [['c.bin', TORRENT.name, 'IS_A_DIRECTORY']],
  );
  t.deepEqual([...(await storage.check())], [1, 0, 0, 0, 0]);
  await rmdir(join(dir, 'c.bin'));
  await storage.writePiece(4, fx.piece(4));
  t.true(await storage.verify(4, await storage.readPiece(4)));
  t.true(await storage.verify(0, await storage.readPiece(0)));
});

test('a file where a folder should be: NOT_A_DIRECTORY, then a retry once it is gone', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(20, THREE);
  await writeFile(join(dir, 'sub'), 'I am in the way');
  const { storage, sink } = open(t, fx, dir);
  const err = await t.throwsAsync(storage.writePiece(3, fx.piece(3)), { instanceOf: StorageError });
  t.is(err?.code, 'NOT_A_DIRECTORY');
  t.is(err?.file?.path, 'sub/full.bin');
  t.is(sink.of('file_error')[0]?.file, storage.files[1]);
  t.deepEqual([...(await storage.check())], [0, 0, 0, 0, 0], 'check: absent, no error');
  t.is(sink.of('file_error').length, 1);
  await unlink(join(dir, 'sub'));
  await storage.writePiece(3, fx.piece(3));
  t.deepEqual(await storage.read(3, 0, 20), fx.piece(3));
});

test('a zero-length file blocked by a folder fails prepare() with file_error', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(20, [...THREE, { path: 'empty', length: 0 }]);
  await mkdir(join(dir, 'empty'));
  const { storage, sink } = open(t, fx, dir);
  t.is((await t.throwsAsync(storage.prepare(), { instanceOf: StorageError }))?.code, 'IS_A_DIRECTORY');
  t.is(sink.of('file_error')[0]?.file.path, 'empty');
  await rm(join(dir, 'empty'), { recursive: true });
  await storage.prepare();
  t.is((await readFile(join(dir, 'empty'))).length, 0);
});

test('a file deleted under a seeder: reads fail with FILE_MISSING, reported once per disk read', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(20, THREE);
  const { storage, sink } = open(t, fx, dir);
  for (let i = 0; i < 5; i++) await storage.writePiece(i, fx.piece(i));
  await storage.close();
  await unlink(join(dir, 'c.bin'));
  const seeder = open(t, fx, dir);
  const reads = await Promise.allSettled([0, 5, 10].map((b) => seeder.storage.read(4, b, 5)));
  t.true(reads.every((r) => r.status === 'rejected' && r.reason instanceof StorageError && r.reason.code === 'FILE_MISSING'));
  t.is(seeder.sink.of('file_error').length, 1, 'three blocks shared one failed piece read');
  t.is(sink.of('file_error').length, 0);
  t.deepEqual(await seeder.storage.read(0, 0, 20), fx.piece(0), 'other files still serve');
});

test('a file shorter than the torrent says fails reads with SHORT_READ', async (t) => {
  const dir = await tempDir(t);
  const fx = makeFixture(20, THREE);
  await writeFile(join(dir, 'c.bin'), fx.fileData(2).subarray(0, 12));
  const { storage, sink } = open(t, fx, dir, { readCacheBytes: 0 });
  t.deepEqual(await storage.read(4, 0, 12), fx.piece(4).subarray(0, 12));
  const err = await t.throwsAsync(storage.read(4, 0, 20), { instanceOf: StorageError });
  t.is(err?.code, 'SHORT_READ');
  t.deepEqual(sink.of('file_read').map((e) => e.length), [12, 12], 'the bytes that were read are still counted');
  t.is(sink.of('file_error').length, 1);
});
