// Reading and hashing many pieces (the resume check, a file's recheck) on a
// few parallel lanes, each lane reusing one piece buffer: reads of one lane
// overlap the hashing of another, and memory stays bounded however many
// pieces there are.

export interface PieceLanesOptions {
  /** Inclusive range of pieces to visit, in order. */
  readonly first: number;
  readonly last: number;
  readonly parallel: number;
  /** A buffer of the largest piece's size; given back with release() when the lane ends. */
  allocate(): Buffer;
  release(buffer: Buffer): void;
  /** Visits one piece; `buffer` gives the lane's buffer (allocated on first use). */
  visit(index: number, buffer: () => Buffer): Promise<void>;
}

/** Visits every piece of the range; the first failure stops all lanes and rejects with it. */
export async function forEachPiece(options: PieceLanesOptions): Promise<void> {
  const { first, last, allocate, release, visit } = options;
  await onLanes(last - first + 1, options.parallel, async (take) => {
    let buffer: Buffer | undefined;
    const lend = (): Buffer => (buffer ??= allocate());
    try {
      for (let k = take(); k !== undefined; k = take()) await visit(first + k, lend);
    } finally {
      // The lane's buffer serves the next check or download.
      if (buffer !== undefined) release(buffer);
    }
  });
}

/**
 * Runs at most `parallel` lanes over items 0..count-1: each lane takes the
 * next item until none is left or a lane has failed; rejects with the first
 * failure once every lane has stopped.
 */
export async function onLanes(count: number, parallel: number, lane: (take: () => number | undefined) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const take = (): number | undefined => (failure === undefined && next < count ? next++ : undefined);
  const lanes = Math.max(0, Math.min(parallel, count));
  await Promise.all(Array.from({ length: lanes }, () => lane(take).catch((error: unknown) => void (failure ??= { error }))));
  if (failure !== undefined) throw failure.error;
}
