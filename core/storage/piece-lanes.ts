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
  let next = first;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    let buffer: Buffer | undefined;
    const lend = (): Buffer => (buffer ??= allocate());
    try {
      while (failure === undefined && next <= last) await visit(next++, lend);
    } finally {
      // The lane's buffer serves the next check or download.
      if (buffer !== undefined) release(buffer);
    }
  };
  const count = Math.max(0, Math.min(options.parallel, last - first + 1));
  await Promise.all(Array.from({ length: count }, () => lane().catch((error: unknown) => void (failure ??= { error }))));
  if (failure !== undefined) throw failure.error;
}
