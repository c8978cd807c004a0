import test, { type ExecutionContext } from 'ava';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PieceHasher, hashPiece, isShared, sha1 } from '../../core/storage/hasher.ts';

const reference = (data: Uint8Array): Buffer => createHash('sha1').update(data).digest();

test('hashes shared, unshared, pooled-slice and small buffers like createHash', async (t) => {
  const hasher = new PieceHasher({ workers: 2 });
  t.teardown(() => hasher.close());
  const shared = hasher.allocate(256 * 1024);
  randomBytes(shared.length).copy(shared);
  t.true(isShared(shared));
  const plain = randomBytes(256 * 1024 + 3);
  const big = randomBytes(300_000);
  const slice = big.subarray(17, 17 + 100_000); // a view into a larger ArrayBuffer
  const small = Buffer.from('tiny piece');
  const empty = Buffer.alloc(0);
  for (const data of [shared, plain, slice, small, empty]) {
    t.deepEqual(await hasher.hash(data), reference(data));
  }
  t.true(hasher.workerCount >= 1, 'pieces above the threshold went to a worker');
  t.is(slice.length, 100_000, 'the caller keeps its buffer (nothing transferred away)');
  t.deepEqual(sha1(small), reference(small));
});

test('many concurrent hashes all come back right and in the right promise', async (t) => {
  const hasher = new PieceHasher({ workers: 2, inlineBelow: 1 });
  t.teardown(() => hasher.close());
  const pieces = Array.from({ length: 64 }, (_, i) => randomBytes(16 * 1024 + i * 997));
  const digests = await Promise.all(pieces.map((p) => hasher.hash(p)));
  digests.forEach((d, i) => t.deepEqual(d, reference(pieces[i])));
  t.true(hasher.workerCount <= 2);
});

/** Counts the messages posted to any worker from now until the test ends (serial tests only: the count is process-wide). */
function countWorkerMessages(t: ExecutionContext): () => number {
  let messages = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    messages++;
    return post.apply(this, args);
  };
  t.teardown(() => void (Worker.prototype.postMessage = post));
  return () => messages;
}

test.serial('pieces handed in while a worker hashes go to it together: 64 pieces, one worker, two messages', async (t) => {
  const hasher = new PieceHasher({ workers: 1, inlineBelow: 1 });
  t.teardown(() => hasher.close());
  const messages = countWorkerMessages(t);
  const pieces = Array.from({ length: 64 }, (_, i) => hasher.allocate(16 * 1024 + i).fill(i));
  const digests = await Promise.all(pieces.map((p) => hasher.hash(p)));
  digests.forEach((d, i) => t.deepEqual(d, reference(pieces[i])));
  // The first four go together; the 60 handed in before their answer go in the next message (serial: no other test's worker posts meanwhile).
  t.is(messages(), 2);
});

test.serial('an idle worker is not woken for each piece: pieces handed in on separate turns go together, and a lone piece still comes back', async (t) => {
  // The wait is long here so that only the count can send the four: a busy machine's slow turns change nothing.
  const hasher = new PieceHasher({ workers: 1, inlineBelow: 1, batchPieces: 4, batchWaitMs: 60_000 });
  t.teardown(() => hasher.close());
  const quick = new PieceHasher({ workers: 1, inlineBelow: 1, batchPieces: 4, batchWaitMs: 5 });
  t.teardown(() => quick.close());
  const messages = countWorkerMessages(t);
  // Four pieces, one per turn of the event loop, as a download completes them.
  const pieces = Array.from({ length: 4 }, (_, i) => hasher.allocate(64 * 1024 + i).fill(i + 1));
  const pending: Promise<Buffer>[] = [];
  for (const piece of pieces) {
    pending.push(hasher.hash(piece));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const digests = await Promise.all(pending);
  digests.forEach((d, i) => t.deepEqual(d, reference(pieces[i])));
  t.is(messages(), 1);
  // One piece and nothing after it: sent once the batch stops waiting.
  const lone = quick.allocate(64 * 1024 + 9).fill(7);
  t.deepEqual(await quick.hash(lone), reference(lone));
  t.is(messages(), 2);
});

test('closing the pool while hashes are under way still answers them', async (t) => {
  const hasher = new PieceHasher({ workers: 2, inlineBelow: 1 });
  const pieces = Array.from({ length: 16 }, () => randomBytes(512 * 1024));
  const pending = pieces.map((p) => hasher.hash(p));
  await hasher.close();
  const digests = await Promise.all(pending);
  digests.forEach((d, i) => t.deepEqual(d, reference(pieces[i])));
  t.is(hasher.workerCount, 0);
  // And the pool starts again on demand.
  t.deepEqual(await hasher.hash(pieces[0]), reference(pieces[0]));
  await hasher.close();
});

test('workers: 0 hashes on the calling thread', async (t) => {
  const hasher = new PieceHasher({ workers: 0 });
  const data = randomBytes(1 << 20);
  t.deepEqual(await hasher.hash(data), reference(data));
  t.is(hasher.workerCount, 0);
});

test('idle hash workers do not keep the process alive', (t) => {
  const module = fileURLToPath(new URL('../../core/storage/hasher.ts', import.meta.url));
  const script = `
    const { hashPiece } = await import(${JSON.stringify(module)});
    const d = await hashPiece(Buffer.alloc(1 << 20, 7));
    console.log(d.toString('hex'));
  `;
  const run = spawnSync(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], { timeout: 30_000, encoding: 'utf8' });
  t.is(run.error, undefined);
  t.is(run.status, 0, run.stderr);
  t.is(run.stdout.trim(), reference(Buffer.alloc(1 << 20, 7)).toString('hex'));
});

test('hashPiece uses the shared pool', async (t) => {
  const data = randomBytes(200_000);
  t.deepEqual(await hashPiece(data), reference(data));
});

test('released buffers are reused by allocate of their size; foreign and twice-released buffers are not handed out twice', async (t) => {
  const hasher = new PieceHasher({ workers: 1, inlineBelow: 1 });
  t.teardown(() => hasher.close());
  const a = hasher.allocate(65536);
  a.fill(1);
  t.deepEqual(await hasher.hash(a), reference(a));
  hasher.release(a);
  hasher.release(a); // twice: kept once
  const b = hasher.allocate(65536);
  t.is(b, a, 'the same memory again (its old bytes are not zeroed)');
  t.not(hasher.allocate(65536), a, 'given back twice, handed out once');
  t.not(hasher.allocate(32768).buffer, a.buffer, 'other sizes get other buffers');
  // Not from allocate: a plain buffer, a view into shared memory, a slice of a pooled one.
  hasher.release(Buffer.alloc(65536));
  const shared = new SharedArrayBuffer(131072);
  hasher.release(Buffer.from(shared, 0, 65536));
  hasher.release(b.subarray(0, 1024));
  const c = hasher.allocate(65536);
  t.true(c.buffer instanceof SharedArrayBuffer && c.buffer !== shared && c !== b && c.byteOffset === 0 && c.buffer.byteLength === 65536);
  t.deepEqual(await hasher.hash(c.fill(9)), reference(Buffer.alloc(65536, 9)));
});

test('after idleMs with no hash the workers exit and the free buffers go; the next hash starts a worker again', async (t) => {
  const pool = new PieceHasher({ workers: 1, inlineBelow: 0, idleMs: 50 });
  t.teardown(() => pool.close());
  const piece = randomBytes(64 * 1024);
  t.true((await pool.hash(piece)).equals(sha1(piece)));
  t.is(pool.workerCount, 1);
  const spare = pool.allocate(1024);
  pool.release(spare);
  t.is(pool.allocate(1024), spare, 'a released buffer is reused while the hasher is busy');
  pool.release(spare);
  const deadline = Date.now() + 10_000;
  while (pool.workerCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  t.is(pool.workerCount, 0);
  t.not(pool.allocate(1024), spare, 'the free buffers went with the workers');
  t.true((await pool.hash(piece)).equals(sha1(piece)));
  t.is(pool.workerCount, 1);
});

/** A temporary file holding `data`, and its open descriptor; both go at teardown. */
async function openedFile(t: ExecutionContext, data: Uint8Array): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmhook-hasher-'));
  const path = join(dir, 'data.bin');
  await writeFile(path, data);
  const fd = openSync(path, 'r');
  t.teardown(async () => {
    closeSync(fd);
    await rm(dir, { recursive: true, force: true });
  });
  return fd;
}

test('hashFileRun: a worker reads a run of pieces from the file and answers every digest, the short last piece too', async (t) => {
  const hasher = new PieceHasher({ workers: 2 });
  t.teardown(() => hasher.close());
  const pieceLength = 64 * 1024;
  const data = randomBytes(5 * pieceLength + 1234);
  const fd = await openedFile(t, data);
  // Pieces 1..5 of the file: four whole ones and the short last one.
  const { digests, done } = await hasher.hashFileRun({ fd, position: pieceLength, pieceLength, count: 5, lastLength: 1234 });
  t.is(done, 5);
  for (let k = 0; k < 5; k++) {
    const start = (1 + k) * pieceLength;
    t.deepEqual(Buffer.from(digests.subarray(20 * k, 20 * k + 20)), reference(data.subarray(start, Math.min(start + pieceLength, data.length))), `piece ${k}`);
  }
  t.is(hasher.workerCount, 1, 'one run, one worker');
});

test('hashFileRun: pieces read in 1 MiB reads, each longer than a read and spanning several, hash right', async (t) => {
  const hasher = new PieceHasher({ workers: 1 });
  t.teardown(() => hasher.close());
  // 1 MiB reads: piece 0 spans the first four, piece 1 the fourth to the seventh.
  const pieceLength = 3 * 1024 * 1024 + 7;
  const data = randomBytes(2 * pieceLength + 1024 * 1024 + 5);
  const fd = await openedFile(t, data);
  const { digests, done } = await hasher.hashFileRun({ fd, position: 0, pieceLength, count: 3, lastLength: 1024 * 1024 + 5 });
  t.is(done, 3);
  for (let k = 0; k < 3; k++) {
    t.deepEqual(Buffer.from(digests.subarray(20 * k, 20 * k + 20)), reference(data.subarray(k * pieceLength, Math.min((k + 1) * pieceLength, data.length))), `piece ${k}`);
  }
});

test('hashFileRun: a file ending early answers the pieces before the end; a bad descriptor answers none', async (t) => {
  const hasher = new PieceHasher({ workers: 1 });
  t.teardown(() => hasher.close());
  const pieceLength = 32 * 1024;
  const data = randomBytes(2 * pieceLength + 100);
  const fd = await openedFile(t, data);
  const short = await hasher.hashFileRun({ fd, position: 0, pieceLength, count: 4, lastLength: pieceLength });
  t.is(short.done, 2, 'the third piece is short: the caller reads it (and reports it) itself');
  t.deepEqual(Buffer.from(short.digests.subarray(20, 40)), reference(data.subarray(pieceLength, 2 * pieceLength)));
  const closedFd = openSync(fileURLToPath(import.meta.url), 'r');
  closeSync(closedFd);
  const bad = await hasher.hashFileRun({ fd: closedFd, position: 0, pieceLength, count: 2, lastLength: pieceLength });
  t.is(bad.done, 0);
});

test('hashFileRun with no workers, or after the workers were closed under it, answers no digests: the caller reads the pieces', async (t) => {
  const none = new PieceHasher({ workers: 0 });
  const fd = await openedFile(t, randomBytes(1 << 20));
  t.is((await none.hashFileRun({ fd, position: 0, pieceLength: 1 << 18, count: 4, lastLength: 1 << 18 })).done, 0);
  const hasher = new PieceHasher({ workers: 1 });
  const runs = Array.from({ length: 8 }, () => hasher.hashFileRun({ fd, position: 0, pieceLength: 1 << 18, count: 4, lastLength: 1 << 18 }));
  await hasher.close();
  const answers = await Promise.all(runs);
  t.true(answers.every((a) => a.done === 0 || a.done === 4), 'each run is answered, whole or not at all');
  t.is(hasher.workerCount, 0);
});

test('hashAndWrite: a worker writes bytes that hash to the expected digest at the position given, and nothing else; without a worker, or on a failed write, nothing is written', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'swarmhook-hash-write-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'data.bin');
  await writeFile(path, Buffer.alloc(4 * 65536));
  const fd = openSync(path, 'r+');
  t.teardown(() => closeSync(fd));
  const hasher = new PieceHasher({ workers: 1, inlineBelow: 1 });
  t.teardown(() => hasher.close());
  const piece = hasher.allocate(65536);
  randomBytes(65536).copy(piece);
  const expected = reference(piece);

  const right = await hasher.hashAndWrite(piece, { fd, position: 65536, expected });
  t.deepEqual(right, { digest: expected, written: true });
  const wrong = hasher.allocate(65536).fill(3);
  const refused = await hasher.hashAndWrite(wrong, { fd, position: 2 * 65536, expected });
  t.deepEqual(refused, { digest: reference(wrong), written: false });
  const onDisk = readFileSync(path);
  t.deepEqual(onDisk.subarray(65536, 2 * 65536), piece);
  t.true(onDisk.subarray(2 * 65536).every((b) => b === 0), 'the piece that hashed wrong is not written');

  // A descriptor that cannot be written: the digest comes back, unwritten, for the caller to write and report.
  const readOnly = openSync(path, 'r');
  t.teardown(() => closeSync(readOnly));
  t.deepEqual(await hasher.hashAndWrite(piece, { fd: readOnly, position: 0, expected }), { digest: expected, written: false });
  const inline = new PieceHasher({ workers: 0 });
  t.deepEqual(await inline.hashAndWrite(piece, { fd, position: 0, expected }), { digest: expected, written: false });
  t.true(readFileSync(path).subarray(0, 65536).every((b) => b === 0), 'hashed on the calling thread: not written');
});

test('hashAndWrite: a piece longer than one write and not a multiple of it is written whole, at its position', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'swarmhook-hash-write-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'data.bin');
  const length = 256 * 1024 + 4321;
  await writeFile(path, Buffer.alloc(3 * length));
  const fd = openSync(path, 'r+');
  t.teardown(() => closeSync(fd));
  const hasher = new PieceHasher({ workers: 1, inlineBelow: 1 });
  t.teardown(() => hasher.close());
  const piece = hasher.allocate(length);
  randomBytes(length).copy(piece);
  t.true((await hasher.hashAndWrite(piece, { fd, position: length, expected: reference(piece) })).written);
  const onDisk = readFileSync(path);
  t.deepEqual(onDisk.subarray(length, 2 * length), piece);
  t.true(onDisk.subarray(0, length).every((b) => b === 0) && onDisk.subarray(2 * length).every((b) => b === 0), 'nothing outside the piece');
});
