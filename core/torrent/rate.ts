// A transfer rate over a sliding window, in bytes per second.
//
// Each bucket remembers which slice of time (its epoch) its bytes belong to,
// so a bucket left over from an earlier turn of the ring is reset by the add
// that reuses it and skipped by rate(), rather than cleared by a loop when
// time moves on. Every add and every rate() then runs the same array reads
// and writes: the optimising compiler, which compiles add() (inlined into
// the per-block paths) within the first bucket, has seen them all. With a
// clearing loop that ran only at a bucket boundary, that first boundary
// deoptimised add, rate and their callers (BlockRequests.fill) in every
// downloader (--trace-deopt-verbose: rate.js:32).
export class RateMeter {
  readonly #windowMs: number;
  readonly #bucketMs: number;
  readonly #count: number;
  /**
   * The buckets' bytes, then the slice of time (now / bucketMs, rounded
   * down) each bucket's bytes belong to. Made by the first bytes: a thousand
   * torrents seeding idle measure nothing.
   */
  #buckets: Float64Array | undefined;
  #total = 0;

  constructor(windowMs = 5_000, buckets = 10) {
    this.#windowMs = windowMs;
    this.#bucketMs = windowMs / buckets;
    this.#count = buckets;
  }

  add(bytes: number, now: number = Date.now()): void {
    const buckets = (this.#buckets ??= this.#made());
    const count = this.#count;
    const epoch = Math.floor(now / this.#bucketMs);
    const at = epoch % count;
    const current = buckets[count + at] === epoch ? buckets[at]! : 0;
    buckets[at] = current + bytes;
    buckets[count + at] = epoch;
    this.#total += bytes;
  }

  /** Bytes per second over the window. */
  rate(now: number = Date.now()): number {
    const buckets = this.#buckets;
    if (buckets === undefined) return 0;
    const count = this.#count;
    const epoch = Math.floor(now / this.#bucketMs);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      // A bucket of this slice or one of the count - 1 before it (one written "later" than now counts too).
      const age = epoch - buckets[count + i]!;
      sum += age < count ? buckets[i]! : 0;
    }
    return (sum * 1000) / this.#windowMs;
  }

  get total(): number {
    return this.#total;
  }

  #made(): Float64Array {
    const buckets = new Float64Array(2 * this.#count);
    // No slice is -1: every bucket starts out of date.
    buckets.fill(-1, this.#count);
    return buckets;
  }
}
