// A transfer rate over a sliding window, in bytes per second.
export class RateMeter {
  readonly #windowMs: number;
  readonly #bucketCount: number;
  /** Made by the first bytes: a thousand torrents seeding idle measure nothing. */
  #buckets: Float64Array | undefined;
  readonly #bucketMs: number;
  #lastBucket = 0;
  #total = 0;

  constructor(windowMs = 5_000, buckets = 10) {
    this.#windowMs = windowMs;
    this.#bucketMs = windowMs / buckets;
    this.#bucketCount = buckets;
  }

  add(bytes: number, now: number = Date.now()): void {
    const buckets = (this.#buckets ??= new Float64Array(this.#bucketCount));
    this.#advance(buckets, now);
    buckets[this.#lastBucket % buckets.length] += bytes;
    this.#total += bytes;
  }

  /** Bytes per second over the window. */
  rate(now: number = Date.now()): number {
    const buckets = this.#buckets;
    if (buckets === undefined) return 0;
    this.#advance(buckets, now);
    let sum = 0;
    for (const b of buckets) sum += b;
    return (sum * 1000) / this.#windowMs;
  }

  get total(): number {
    return this.#total;
  }

  #advance(buckets: Float64Array, now: number): void {
    const bucket = Math.floor(now / this.#bucketMs);
    if (this.#lastBucket === 0) this.#lastBucket = bucket;
    const steps = Math.min(bucket - this.#lastBucket, buckets.length);
    for (let i = 1; i <= steps; i++) buckets[(this.#lastBucket + i) % buckets.length] = 0;
    if (bucket > this.#lastBucket) this.#lastBucket = bucket;
  }
}
