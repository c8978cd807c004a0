// Rate limits: token buckets (bytes per second, 0 = unlimited) and the
// scheduler that wakes whoever waits for them. A byte is taken from every
// bucket of its gate (the client's and its torrent's), and a bucket may go
// into debt: a socket read has already happened when it is counted, so the
// reader pauses until the debt is paid back. Averaged over time the bytes
// equal the rate; the debt only shifts when they are allowed.
//
// Waiters are woken in the order they started waiting (FIFO), once every
// bucket of their gate is out of debt, so no peer starves behind a faster
// one; one unref'd timer per scheduler, set for the time the first waiter
// becomes ready, never a polling loop.
import { performance } from 'node:perf_hooks';
import { CodedError } from '../errors.ts';

/** Burst allowed after an idle spell: this many milliseconds of the rate. */
const BURST_MS = 100;
/** Never less burst than one block and its header, or a slow rate could not send a block whole. */
const MIN_BURST = 16 * 1024 + 13;

/** Bytes per second for download and upload; 0 is unlimited. */
export interface RateLimits {
  readonly download: number;
  readonly upload: number;
}

export const UNLIMITED: RateLimits = Object.freeze({ download: 0, upload: 0 });

export class RateLimitError extends CodedError<'BAD_RATE'> {}

/** Checks a limit given through the API; throws RateLimitError (BAD_RATE) naming `what`. */
export function checkRate(rate: number, what: string): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) throw new RateLimitError('BAD_RATE', `${what} must be a number of bytes per second, 0 or more (0 = unlimited), got ${rate}`);
  return Math.floor(rate);
}

export class TokenBucket {
  #rate: number;
  #tokens: number;
  #last: number;

  constructor(rate = 0, now = performance.now()) {
    this.#rate = rate;
    this.#tokens = this.#burst;
    this.#last = now;
  }

  /** Bytes per second; 0 is unlimited. */
  get rate(): number {
    return this.#rate;
  }

  setRate(rate: number, now = performance.now()): void {
    this.#refill(now);
    const wasUnlimited = this.#rate === 0;
    this.#rate = rate;
    // A lower limit starts with at most its own burst; debt is kept (those bytes did pass), but none from unlimited times.
    this.#tokens = wasUnlimited ? this.#burst : Math.min(this.#tokens, this.#burst);
  }

  /** Counts `bytes` that passed (or are about to); may leave the bucket in debt. */
  take(bytes: number, now = performance.now()): void {
    if (this.#rate === 0) return;
    this.#refill(now);
    this.#tokens -= bytes;
  }

  /** Milliseconds until the bucket is out of debt; 0 when it is (or unlimited). */
  waitMs(now = performance.now()): number {
    if (this.#rate === 0) return 0;
    this.#refill(now);
    return this.#tokens >= 0 ? 0 : (-this.#tokens * 1000) / this.#rate;
  }

  get #burst(): number {
    return Math.max(MIN_BURST, (this.#rate * BURST_MS) / 1000);
  }

  #refill(now: number): void {
    const elapsed = now - this.#last;
    this.#last = now;
    if (this.#rate === 0 || elapsed <= 0) return;
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#rate) / 1000);
  }
}

/** The buckets one stream of bytes passes (e.g. the client's download bucket and its torrent's). */
export class RateGate {
  readonly #buckets: readonly TokenBucket[];
  readonly #scheduler: RateScheduler;

  constructor(buckets: readonly TokenBucket[], scheduler: RateScheduler) {
    this.#buckets = buckets;
    this.#scheduler = scheduler;
  }

  /** The tightest limit of its buckets in bytes per second; 0 when none limits. */
  get limit(): number {
    let limit = 0;
    for (const b of this.#buckets) if (b.rate > 0 && (limit === 0 || b.rate < limit)) limit = b.rate;
    return limit;
  }

  /** Counts bytes that passed, against every bucket. */
  charge(bytes: number, now = performance.now()): void {
    for (const b of this.#buckets) b.take(bytes, now);
  }

  /** Milliseconds until every bucket is out of debt. */
  waitMs(now = performance.now()): number {
    let ms = 0;
    for (const b of this.#buckets) ms = Math.max(ms, b.waitMs(now));
    return ms;
  }

  /**
   * Every bucket is out of debt and nobody waits for one of them: go on.
   * Someone waiting comes first (FIFO), so a fast peer cannot take every
   * refill before the scheduler wakes the others.
   */
  ready(now = performance.now()): boolean {
    return this.waitMs(now) === 0 && !this.#scheduler.holdsBack(this);
  }

  /** This gate and `other` share a limited bucket. */
  sharesLimitWith(other: RateGate): boolean {
    for (const b of this.#buckets) if (b.rate > 0 && other.#buckets.includes(b)) return true;
    return false;
  }

  /** Calls `wake` once, when the gate is ready and the waiters before it were woken; a second wait with the same `wake` is ignored. */
  wait(wake: () => void): void {
    this.#scheduler.enqueue(this, wake);
  }

  /** Forgets a wait (the peer is gone). */
  cancel(wake: () => void): void {
    this.#scheduler.cancel(wake);
  }
}

/** Wakes the waiters of the gates of one direction, in order, with one timer. */
export class RateScheduler {
  readonly #queue = new Map<() => void, RateGate>();
  #timer: NodeJS.Timeout | undefined;
  #destroyed = false;

  get waiting(): number {
    return this.#queue.size;
  }

  /** Someone who could go on waits (to be woken) for a limited bucket of `gate`: they come first. */
  holdsBack(gate: RateGate): boolean {
    if (this.#queue.size === 0) return false;
    const now = performance.now();
    for (const waiting of this.#queue.values()) if (waiting.waitMs(now) === 0 && waiting.sharesLimitWith(gate)) return true;
    return false;
  }

  enqueue(gate: RateGate, wake: () => void): void {
    if (this.#destroyed || this.#queue.has(wake)) return;
    this.#queue.set(wake, gate);
    this.#schedule();
  }

  cancel(wake: () => void): void {
    this.#queue.delete(wake);
    if (this.#queue.size === 0) this.#stop();
  }

  /** A rate changed: waiters may be ready sooner (or later). */
  reschedule(): void {
    this.#stop();
    this.#run();
  }

  /** Releases the timer and every waiter, without waking them. */
  destroy(): void {
    this.#destroyed = true;
    this.#queue.clear();
    this.#stop();
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    let soonest = Infinity;
    const now = performance.now();
    for (const gate of this.#queue.values()) soonest = Math.min(soonest, gate.waitMs(now));
    if (soonest === Infinity) return;
    this.#timer = setTimeout(this.#run, Math.max(1, Math.ceil(soonest)));
    this.#timer.unref();
  }

  readonly #run = (): void => {
    this.#timer = undefined;
    // Everyone ready leaves the queue first, then they are woken in queue order (a woken one that waits again goes to the back).
    const now = performance.now();
    const woken: (() => void)[] = [];
    for (const [wake, gate] of this.#queue) if (gate.waitMs(now) === 0) woken.push(wake);
    for (const wake of woken) this.#queue.delete(wake);
    for (const wake of woken) wake();
    if (this.#queue.size > 0) this.#schedule();
  };

  #stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * The buckets of one holder of limits (the client, or one torrent), one per
 * direction, and the gates its bytes pass: its own buckets plus its
 * parent's (a torrent's bytes also count against the client's).
 */
export class RateBuckets {
  readonly downloadBucket = new TokenBucket();
  readonly uploadBucket = new TokenBucket();
  readonly download: RateGate;
  readonly upload: RateGate;
  readonly #schedulers: { readonly download: RateScheduler; readonly upload: RateScheduler };

  constructor(schedulers: { readonly download: RateScheduler; readonly upload: RateScheduler }, parent?: RateBuckets) {
    this.#schedulers = schedulers;
    this.download = new RateGate(parent === undefined ? [this.downloadBucket] : [parent.downloadBucket, this.downloadBucket], schedulers.download);
    this.upload = new RateGate(parent === undefined ? [this.uploadBucket] : [parent.uploadBucket, this.uploadBucket], schedulers.upload);
  }

  get limits(): RateLimits {
    return { download: this.downloadBucket.rate, upload: this.uploadBucket.rate };
  }

  /** Changes the limits at once; a key left out keeps its limit. */
  set(limits: Partial<RateLimits>): void {
    // An unchanged limit wakes nobody (every torrent added sets its limits once).
    const download = limits.download === undefined ? undefined : checkRate(limits.download, 'download rate');
    const upload = limits.upload === undefined ? undefined : checkRate(limits.upload, 'upload rate');
    if (download !== undefined && download !== this.downloadBucket.rate) {
      this.downloadBucket.setRate(download);
      this.#schedulers.download.reschedule();
    }
    if (upload !== undefined && upload !== this.uploadBucket.rate) {
      this.uploadBucket.setRate(upload);
      this.#schedulers.upload.reschedule();
    }
  }
}
