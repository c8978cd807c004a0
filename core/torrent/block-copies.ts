// Copies of blocks bound for a peer whose socket is backlogged (see
// Uploads): a view would keep its whole cached piece in memory while it
// waits, so such a block is copied out. The copies of the usual 16 KiB
// blocks come from a small pool and go back once the socket took them: a
// fresh buffer for each was most of a seeder's garbage in a swarm, where two
// blocks in three go to a backlogged peer.
import type { BlockLease } from '../storage/piece-cache.ts';

/** The block size peers ask for (BEP 3): the copies of other sizes are not pooled. */
const POOLED_LENGTH = 16 * 1024;
/** Free copies kept per torrent (1 MiB): enough to absorb the churn, little when idle. */
const MAX_FREE = 64;

export class BlockCopies {
  readonly #free: Buffer[] = [];

  /** Free copies in the pool now. */
  get pooled(): number {
    return this.#free.length;
  }

  /** A copy of `block`, valid until release() (called at most once). */
  copy(block: Buffer): BlockLease {
    if (block.length !== POOLED_LENGTH) return { data: Buffer.from(block), release: () => undefined };
    const data = this.#free.pop() ?? Buffer.allocUnsafeSlow(POOLED_LENGTH);
    block.copy(data);
    let released = false;
    return {
      data,
      release: () => {
        if (released) return;
        released = true;
        if (this.#free.length < MAX_FREE) this.#free.push(data);
      },
    };
  }
}
