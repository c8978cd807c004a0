// The bytes of piece data the client holds for sending, over all peers and
// all torrents: blocks being read from disk plus blocks waiting in sockets.
// One per engine, shared by its swarms. A swarm takes a block's length before
// it reads the block and gives it back once the socket has handed the block
// to the kernel (or the connection closed), so peers that do not read cannot
// make the client hold more than the limit, however many of them there are.

/** Waiters are woken when at least this much is free: one 16 KiB block. */
const MIN_ROOM = 16 * 1024;

export class SendBudget {
  readonly limit: number;
  #used = 0;
  /** Who is waiting for room, oldest first (a Set: each at most once). */
  readonly #waiting = new Set<() => void>();

  constructor(limit: number) {
    if (!(Number.isSafeInteger(limit) && limit > 0)) throw new RangeError(`send budget must be a positive integer, got ${limit}`);
    this.limit = limit;
  }

  /** Bytes taken and not given back yet. */
  get used(): number {
    return this.#used;
  }

  /** Callbacks waiting for room. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /**
   * Takes `bytes` if they fit; false when they do not. Taking from an unused
   * budget always succeeds, so that a block larger than the limit still goes.
   */
  take(bytes: number): boolean {
    if (this.#used > 0 && this.#used + bytes > this.limit) return false;
    this.#used += bytes;
    return true;
  }

  /**
   * Gives bytes back and wakes the waiting, oldest first, while there is room
   * for a block. A waiter that still finds no room waits again, at the back:
   * only those waiting before this call are woken, so that cannot loop.
   */
  give(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
    let left = this.#waiting.size;
    for (const wake of this.#waiting) {
      if (left-- === 0 || this.limit - this.#used < MIN_ROOM) return;
      this.#waiting.delete(wake);
      wake();
    }
  }

  /** Calls `wake` (once) when room frees up; a waiter already waiting keeps its place. */
  wait(wake: () => void): void {
    this.#waiting.add(wake);
  }

  /** Forgets a waiter (its peer went away). */
  cancel(wake: () => void): void {
    this.#waiting.delete(wake);
  }
}
