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
  readonly #bytes: Float64Array;
  /** The slice of time (now / bucketMs, rounded down) each bucket's bytes belong to. */
  readonly #epochs: Float64Array;
  #total = 0;

  constructor(windowMs = 5_000, buckets = 10) {
    this.#windowMs = windowMs;
    this.#bucketMs = windowMs / buckets;
    this.#bytes = new Float64Array(buckets);
    // No slice is -1: every bucket starts out of date.
    this.#epochs = new Float64Array(buckets).fill(-1);
  }

  add(bytes: number, now: number = Date.now()): void {
    const epoch = Math.floor(now / this.#bucketMs);
    const at = epoch % this.#bytes.length;
    const current = this.#epochs[at] === epoch ? this.#bytes[at]! : 0;
    this.#bytes[at] = current + bytes;
    this.#epochs[at] = epoch;
    this.#total += bytes;
  }

  /** Bytes per second over the window. */
  rate(now: number = Date.now()): number {
    const epoch = Math.floor(now / this.#bucketMs);
    const count = this.#bytes.length;
    let sum = 0;
    for (let i = 0; i < count; i++) {
      // A bucket of this slice or one of the count - 1 before it (one written "later" than now counts too, as before).
      const age = epoch - this.#epochs[i]!;
      sum += age < count ? this.#bytes[i]! : 0;
    }
    return (sum * 1000) / this.#windowMs;
  }

  get total(): number {
    return this.#total;
  }
}
