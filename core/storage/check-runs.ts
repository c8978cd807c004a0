// How a check splits the pieces it hashes: runs of pieces lying end to end in
// one file, which a hash worker reads and hashes itself (one message each way
// per run, no read or copy on the main thread), or which are read here at one
// go when their pieces are hashed on this thread anyway (small pieces: one
// read per run, not per piece); the other pieces (across files, in padding or
// in files not in place) go through the lanes one by one.
import type { PieceHasher } from './hasher.ts';
import type { StorageLayout } from './layout.ts';
import { onLanes } from './piece-lanes.ts';

/** Bytes of a run a hash worker reads and hashes in one go during a check: one message each way per run. */
export const RUN_BYTES = 4 * 1024 * 1024;

/** Pieces first..first+count-1, end to end in one file from `position`. */
export interface PieceRun {
  readonly file: number;
  readonly position: number;
  readonly first: number;
  readonly count: number;
  readonly lastLength: number;
  readonly bytes: number;
}

/** Hears whether each piece of a run hashed right. */
export type RunJudge = (index: number, ok: boolean) => void;

export interface SplitPieces {
  /** For the hash workers: at least the hasher's minRunBytes each. */
  readonly runs: PieceRun[];
  /** To read here at one go (pieces under the hasher's inline size). */
  readonly here: PieceRun[];
  /** For the lanes, piece by piece. */
  readonly byLanes: number[];
}

/**
 * Splits `toHash` (ascending piece indexes): a piece wholly in one file for
 * which `inPlace(file)` holds joins the run before it when it follows it in
 * the same file, RUN_BYTES or so a run.
 */
export function splitIntoRuns(
  layout: StorageLayout,
  toHash: readonly number[],
  inPlace: (file: number) => boolean,
  hasher: Pick<PieceHasher, 'maxWorkers' | 'minRunBytes' | 'inlineBelow'>,
): SplitPieces {
  const runs: PieceRun[] = [];
  const here: PieceRun[] = [];
  const byLanes: number[] = [];
  const { pieceLength } = layout;
  const { maxWorkers, minRunBytes, inlineBelow } = hasher;
  const perRun = Math.max(1, Math.floor(RUN_BYTES / pieceLength));
  let current: { -readonly [K in keyof PieceRun]: PieceRun[K] } | undefined;
  const close = (): void => {
    if (current === undefined) return;
    if (maxWorkers > 0 && current.bytes >= minRunBytes) runs.push(current);
    // Pieces hashed on this thread anyway: one read for the run, not one per piece (each costs the main thread some 30 µs).
    else if (pieceLength < inlineBelow) here.push(current);
    else for (let k = 0; k < current.count; k++) byLanes.push(current.first + k);
    current = undefined;
  };
  for (const index of toHash) {
    const segments = layout.segments(index, 0, layout.pieceSize(index));
    const only = segments.length === 1 ? segments[0]! : undefined;
    if (only === undefined || !inPlace(only.file)) {
      close();
      byLanes.push(index);
      continue;
    }
    if (current !== undefined && (current.file !== only.file || current.first + current.count !== index || current.count === perRun)) close();
    current ??= { file: only.file, position: only.fileOffset, first: index, count: 0, lastLength: 0, bytes: 0 };
    current.count++;
    current.lastLength = only.length;
    current.bytes += only.length;
  }
  close();
  return { runs, here, byLanes };
}

/** Calls `visit` for every run, `parallel` at a time (at least one); the first failure stops the others starting and rejects. */
export function forEachRun(runs: readonly PieceRun[], parallel: number, visit: (run: PieceRun) => Promise<void>): Promise<void> {
  return onLanes(runs.length, Math.max(1, parallel), async (take) => {
    for (let k = take(); k !== undefined; k = take()) await visit(runs[k]!);
  });
}
