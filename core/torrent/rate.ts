// A transfer rate over a sliding window, in bytes per second.
export class RateMeter {
  readonly #windowMs: number;
  readonly #buckets: Float64Array;
  readonly #bucketMs: number;
  #lastBucket = 0;
  #total = 0;

  constructor(windowMs = 5_000, buckets = 10) {
    this.#windowMs = windowMs;
    this.#bucketMs = windowMs / buckets;
    this.#buckets = new Float64Array(buckets);
  }

  add(bytes: number, now: number = Date.now()): void {
    this.#advance(now);
    this.#buckets[this.#lastBucket % this.#buckets.length] += bytes;
    this.#total += bytes;
  }

  /** Bytes per second over the window. */
  rate(now: number = Date.now()): number {
    this.#advance(now);
    let sum = 0;
    for (const b of this.#buckets) sum += b;
    return (sum * 1000) / this.#windowMs;
  }

  get total(): number {
    return this.#total;
  }

  #advance(now: number): void {
    const bucket = Math.floor(now / this.#bucketMs);
    if (this.#lastBucket === 0) this.#lastBucket = bucket;
    const steps = Math.min(bucket - this.#lastBucket, this.#buckets.length);
    for (let i = 1; i <= steps; i++) this.#buckets[(this.#lastBucket + i) % this.#buckets.length] = 0;
    if (bucket > this.#lastBucket) this.#lastBucket = bucket;
  }
}
