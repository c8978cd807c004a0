// Recheck speed: Storage.check() over a 1 GiB torrent on disk (256 KiB
// pieces) against Node's raw createHash SHA-1 over the same bytes in memory,
// measured in the same run. Also what hashing costs the main thread per piece,
// inline versus on the worker pool, which decides "hashing must not stall the
// network". Run: node --import=tsx bench/hash.ts [MiB]
import { createHash, randomFillSync } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventSink } from '../core/hooks.ts';
import { PieceHasher } from '../core/storage/hasher.ts';
import { Storage } from '../core/storage/storage.ts';

const MIB = 1024 * 1024;
const totalMiB = Number(process.argv[2] ?? 1024);
const PIECE = 256 * 1024;
const LENGTH = totalMiB * MIB;
const RUNS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (bytes: number, ms: number): string => `${((bytes / 1e6) / (ms / 1000)).toFixed(0)} MB/s`;
const silent: EventSink = { emit: () => {}, listens: () => false };
const torrent = { infoHash: '00'.repeat(20), name: 'bench', state: 'checking', private: false } as const;

/** Calls submit(i) at 500 MB/s worth of pieces for `ms`; resolves to the main thread's busy share. */
async function paced(submit: (i: number) => Promise<unknown> | void, ms = 1000): Promise<number> {
  const perMs = 500e6 / PIECE / 1000;
  const inflight = new Set<Promise<unknown>>();
  const before = performance.eventLoopUtilization();
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < ms) {
    const due = Math.floor((performance.now() - start) * perMs);
    while (sent < due) {
      const p = submit(sent++);
      if (p !== undefined) {
        inflight.add(p);
        void p.then(() => inflight.delete(p));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inflight);
  return performance.eventLoopUtilization(before).utilization;
}

const dir = await mkdtemp(join(tmpdir(), 'swarmhook-bench-hash-'));
try {
  // The torrent's data: 64 MiB of random bytes repeated (distinct enough; hashing cost does not depend on content).
  const chunk = randomFillSync(Buffer.allocUnsafe(Math.min(64 * MIB, LENGTH)));
  const data = Buffer.allocUnsafe(LENGTH);
  for (let off = 0; off < LENGTH; off += chunk.length) chunk.copy(data, off);
  const file = await open(join(dir, 'data.bin'), 'w');
  for (let off = 0; off < LENGTH; off += 64 * MIB) await file.write(data, off, Math.min(64 * MIB, LENGTH - off), off);
  await file.close();

  // Reference: createHash over the bytes in memory, piece by piece.
  const rawTimes: number[] = [];
  let pieces: Buffer[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    pieces = [];
    for (let off = 0; off < LENGTH; off += PIECE) pieces.push(createHash('sha1').update(data.subarray(off, off + PIECE)).digest());
    rawTimes.push(performance.now() - t0);
  }

  const hasher = new PieceHasher();
  const checkTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const storage = new Storage({
      layout: { pieceLength: PIECE, length: LENGTH, files: [{ path: 'data.bin', length: LENGTH }], pieces },
      dir,
      torrent,
      sink: silent,
      hasher,
    });
    const t0 = performance.now();
    const have = await storage.check();
    checkTimes.push(performance.now() - t0);
    await storage.close();
    if (have.some((b) => b !== 1)) throw new Error('check found pieces missing: the benchmark is broken');
  }

  // What hashing costs the main thread while downloading at 500 MB/s: pieces
  // are handed over at that pace for a second, and the event loop's busy share
  // is compared with the same pacing loop doing no hashing.
  const shared = Array.from({ length: 16 }, (_, i) => {
    const b = hasher.allocate(PIECE);
    data.copy(b, 0, i * PIECE, (i + 1) * PIECE);
    return b;
  });
  const unshared = Array.from({ length: 16 }, (_, i) => Buffer.from(data.subarray(i * PIECE, (i + 1) * PIECE)));
  await paced((i) => hasher.hash(shared[i % 16])); // start and warm the workers
  const idle = await paced(() => undefined);
  const inline = (await paced((i) => void createHash('sha1').update(unshared[i % 16]).digest())) - idle;
  const pooled = (await paced((i) => hasher.hash(shared[i % 16]))) - idle;
  const copied = (await paced((i) => hasher.hash(unshared[i % 16]))) - idle;
  await hasher.close();

  const raw = median(rawTimes);
  const check = median(checkTimes);
  console.log(`torrent: ${totalMiB} MiB in ${pieces.length} pieces of ${PIECE / 1024} KiB, ${hasher.maxWorkers} hash workers, median of ${RUNS}`);
  console.log(`raw createHash in memory (1 thread): ${raw.toFixed(0)} ms  ${rate(LENGTH, raw)}`);
  console.log(`Storage.check() from disk:           ${check.toFixed(0)} ms  ${rate(LENGTH, check)}`);
  console.log(`ratio check / raw hash time: ${(check / raw).toFixed(2)}  (below 1: faster than one core hashing memory)`);
  const pct = (u: number): string => `${(Math.max(0, u) * 100).toFixed(1)}%`;
  console.log(`main thread busy hashing 500 MB/s of ${PIECE / 1024} KiB pieces: inline ${pct(inline)}, worker pool ${pct(pooled)} (shared memory), ${pct(copied)} (copied in)`);
  console.log(`ratio pool / inline main-thread cost: ${(pooled / inline).toFixed(2)} (shared), ${(copied / inline).toFixed(2)} (copied)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
