// The client's torrents check their files a few at a time, as libtorrent's
// checking queue does (active_checking): a thousand torrents added at once
// otherwise each hold piece buffers and file handles together, and the
// process keeps the memory that peak took (RSS 192 MB against 118 MB for a
// thousand small torrents, bench/scale.ts).
//
// Small checks have a wider lane of their own. A torrent of a few pieces is
// read and hashed on the calling thread (the hasher's minRunBytes) in a
// handful of file-system round trips, so its check mostly waits on them: four
// at a time left the process idle a third of the time while adding a
// thousand small torrents (bench/scale.ts: 0.43 s against 0.39 s with
// sixteen), and sixteen of them hold at most 16 MiB. Large checks keep the
// narrow lane: they keep the disk and the hash workers busy already, and more
// at once would only make the disk seek between them.
import { DEFAULT_MIN_RUN_BYTES } from '../storage/hasher.ts';
import { TaskSlots } from './task-slots.ts';

/** Large checks under way at once: enough to keep the hash workers and the disk busy. */
export const CHECKS_AT_ONCE = 4;
/** Checks of at most this many bytes are small (the hasher's default minRunBytes: hashed on the calling thread). */
export const SMALL_CHECK_BYTES = DEFAULT_MIN_RUN_BYTES;
/** Small checks under way at once, besides the large ones. */
export const SMALL_CHECKS_AT_ONCE = 16;

export interface CheckQueueLimits {
  /** Large checks at once (default CHECKS_AT_ONCE). */
  readonly large?: number;
  /** Small checks at once (default SMALL_CHECKS_AT_ONCE). */
  readonly small?: number;
}

export class CheckQueue {
  readonly #large: TaskSlots;
  readonly #small: TaskSlots;
  /** Work put off until no check runs or waits (afterChecks). */
  #deferred: (() => void)[] = [];

  constructor(limits: CheckQueueLimits = {}) {
    this.#large = new TaskSlots(limits.large ?? CHECKS_AT_ONCE);
    this.#small = new TaskSlots(limits.small ?? SMALL_CHECKS_AT_ONCE);
  }

  /** Checks waiting for their turn. */
  get waiting(): number {
    return this.#large.waiting + this.#small.waiting;
  }

  /**
   * Runs `check` once fewer than its lane's limit run (the small lane when it
   * reads at most SMALL_CHECK_BYTES, else the large one); resolves or rejects
   * as it does.
   */
  async run<T>(check: () => Promise<T>, bytes = Infinity): Promise<T> {
    const lane = bytes <= SMALL_CHECK_BYTES ? this.#small : this.#large;
    try {
      return await lane.run(check);
    } finally {
      if (this.#idle) this.#runDeferred();
    }
  }

  /**
   * Runs `work` once no check runs or waits (at once when none does): the
   * resume saves of torrents found complete would otherwise take the disk
   * and the I/O threads from the checks still queued behind them.
   */
  afterChecks(work: () => void): void {
    this.#deferred.push(work);
    if (this.#idle) this.#runDeferred();
  }

  get #idle(): boolean {
    return this.#large.running === 0 && this.#small.running === 0;
  }

  #runDeferred(): void {
    const deferred = this.#deferred;
    this.#deferred = [];
    for (const work of deferred) work();
  }
}
