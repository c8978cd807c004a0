import test from 'ava';
import { RUN_BYTES, splitIntoRuns } from '../../core/storage/check-runs.ts';
import { StorageLayout } from '../../core/storage/layout.ts';

const layoutOf = (pieceLength: number, lengths: number[]): StorageLayout => {
  const length = lengths.reduce((a, b) => a + b, 0);
  return new StorageLayout({
    pieceLength,
    length,
    files: lengths.map((l, i) => ({ path: `f${i}`, length: l })),
    pieces: Array.from({ length: Math.ceil(length / pieceLength) }, () => Buffer.alloc(20)),
  });
};
const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const workers = { maxWorkers: 2, minRunBytes: 1, inlineBelow: 1 };

test('pieces wholly in one file make runs per file; a piece across files, one of a file not in place and one not asked for break them', (t) => {
  // 10-byte pieces: 0-3 in f0, piece 4 across f0 and f1, 5-8 in f1, 9 (3 bytes) alone in f2.
  const layout = layoutOf(10, [45, 45, 3]);
  const split = splitIntoRuns(layout, all(10), () => true, workers);
  t.deepEqual(
    split.runs.map((r) => [r.file, r.position, r.first, r.count, r.lastLength, r.bytes]),
    [
      [0, 0, 0, 4, 10, 40],
      [1, 5, 5, 4, 10, 40],
      [2, 0, 9, 1, 3, 3],
    ],
  );
  t.deepEqual(split.byLanes, [4]);
  const notF1 = splitIntoRuns(layout, [0, 1, 3, 5, 6], (file) => file !== 1, workers);
  t.deepEqual(notF1.runs.map((r) => [r.first, r.count]), [[0, 2], [3, 1]], 'piece 2 was not asked for');
  t.deepEqual(notF1.byLanes, [5, 6]);
});

test('a run holds RUN_BYTES at most (one piece at least); under minRunBytes it is read here when its pieces are hashed inline, by the lanes otherwise', (t) => {
  const pieceLength = RUN_BYTES / 2 + 1;
  const layout = layoutOf(pieceLength, [3 * pieceLength]);
  t.deepEqual(splitIntoRuns(layout, all(3), () => true, workers).runs.map((r) => r.count), [1, 1, 1]);
  const small = layoutOf(16, [64]);
  const inline = splitIntoRuns(small, all(4), () => true, { maxWorkers: 2, minRunBytes: 1024, inlineBelow: 32 });
  t.deepEqual([inline.runs.length, inline.here.map((r) => r.count), inline.byLanes], [0, [4], []]);
  const byWorkers = splitIntoRuns(small, all(4), () => true, { maxWorkers: 2, minRunBytes: 1024, inlineBelow: 16 });
  t.deepEqual([byWorkers.runs.length, byWorkers.here.length, byWorkers.byLanes], [0, 0, [0, 1, 2, 3]]);
  const noWorkers = splitIntoRuns(small, all(4), () => true, { maxWorkers: 0, minRunBytes: 1, inlineBelow: 32 });
  t.deepEqual([noWorkers.runs.length, noWorkers.here.map((r) => r.count)], [0, [4]]);
});
