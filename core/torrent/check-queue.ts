// The client's torrents check their files a few at a time, as libtorrent's
// checking queue does (active_checking): a thousand torrents added at once
// otherwise each hold piece buffers and file handles together, and the
// process keeps the memory that peak took (RSS 192 MB against 118 MB for a
// thousand small torrents, bench/scale.ts).

/** Checks under way at once: enough to keep the hash workers and the disk busy. */
export const CHECKS_AT_ONCE = 4;

export class CheckQueue {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  /** Work put off until no check runs or waits (afterChecks). */
  #deferred: (() => void)[] = [];

  constructor(limit = CHECKS_AT_ONCE) {
    this.#limit = limit;
  }

  /** Checks waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `check` once fewer than the limit run; resolves or rejects as it does. */
  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await check();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot take it in between.
      const next = this.#waiting.shift();
      if (next === undefined) this.#running--;
      else next();
      if (this.#running === 0) this.#runDeferred();
    }
  }

  /**
   * Runs `work` once no check runs or waits (at once when none does): the
   * resume saves of torrents found complete would otherwise take the disk
   * and the I/O threads from the checks still queued behind them.
   */
  afterChecks(work: () => void): void {
    this.#deferred.push(work);
    if (this.#running === 0) this.#runDeferred();
  }

  #runDeferred(): void {
    const deferred = this.#deferred;
    this.#deferred = [];
    for (const work of deferred) work();
  }
}
