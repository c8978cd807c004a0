// The outgoing side of a connection's stream: the writes of a tick corked
// into one writev, the bytes counted, and the two ways a remote that does
// not read shows: bytes piling up past a limit, or none leaving for a while.
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';

/**
 * Messages up to this size (requests, haves, cancels, rejects) are joined
 * into one buffer per tick instead of one stream.write each: a download
 * sends a request per 16 KiB block, and each write into a corked stream
 * costs an entry in its buffer and an iovec in the writev.
 */
const SMALL_MESSAGE = 64;

export class StreamWriter {
  readonly #stream: Duplex;
  readonly #maxQueued: number;
  readonly #onOverflow: (queued: number) => void;
  #corked = false;
  /** This tick's small messages, written to the stream as one buffer when the tick ends (or before a larger write). */
  #small: Buffer[] = [];
  #smallBytes = 0;
  #bytesOut = 0;
  #lastOut: number;
  /** Bytes that had left the stream (sent minus still queued) at the last check, and when that last grew. */
  #flushedAtCheck = 0;
  #lastProgress: number;
  /** An overflow was reported (once). */
  #overflowing = false;
  /** A request arrived since the last stall check. */
  #requestedSinceCheck = false;
  /** Counts every byte written (headers, haves, requests too) against the upload rate limit; set by the connection. */
  meter: ((bytes: number) => void) | undefined;

  /**
   * `onOverflow` is called once, on the next tick, when more than
   * `maxQueued` bytes wait in the stream: not in the middle of the caller's
   * loop over its peers.
   */
  constructor(stream: Duplex, maxQueued: number, onOverflow: (queued: number) => void, now = performance.now()) {
    this.#stream = stream;
    this.#maxQueued = maxQueued;
    this.#onOverflow = onOverflow;
    this.#lastOut = this.#lastProgress = now;
  }

  get bytesOut(): number {
    return this.#bytesOut;
  }
  /** When the last write was made (performance.now()). */
  get lastOut(): number {
    return this.#lastOut;
  }
  /** Bytes queued in the stream, not yet handed on (to the kernel, for a socket). */
  get queued(): number {
    return this.#stream.writableLength + this.#smallBytes;
  }
  /** The stream's buffer is over its high-water mark. */
  get needDrain(): boolean {
    return this.#stream.writableNeedDrain;
  }

  /** Writes `bytes`; false when the stream wants a drain. */
  write(bytes: Buffer): boolean {
    this.#cork();
    if (bytes.length <= SMALL_MESSAGE) {
      this.#small.push(bytes);
      this.#smallBytes += bytes.length;
      return this.#wrote(!this.#stream.writableNeedDrain, bytes.length);
    }
    this.#writeSmall();
    return this.#wrote(this.#stream.write(bytes), bytes.length);
  }

  /**
   * Writes a header and a body as two writes of one corked batch (one
   * writev), so the body is not copied. `onFlushed` as for stream.write.
   */
  writeTwo(header: Buffer, body: Buffer, onFlushed?: (err?: Error | null) => void): boolean {
    this.#cork();
    this.#writeSmall();
    this.#stream.write(header);
    const ok = onFlushed === undefined ? this.#stream.write(body) : this.#stream.write(body, onFlushed);
    return this.#wrote(ok, header.length + body.length);
  }

  /**
   * Hands this tick's corked writes to the stream now: before a destroy,
   * which would drop them (the not-interested a finished download sends
   * its seeds, then hangs up).
   */
  flush(): void {
    if (this.#corked) this.#uncork();
  }

  /** The remote asked for something: it is alive, and reads at its pace (see stalledFor). */
  requested(): void {
    this.#requestedSinceCheck = true;
  }

  /**
   * How long bytes have waited in the stream with none leaving it, once that
   * is at least `stallMs`; undefined otherwise. Node sees a write leave
   * only once all of it is in the kernel, and the blocks of a tick leave as
   * one write (up to maxSendBufferPerPeer), which a slow reader can take
   * minutes to empty. So a request counts as progress too: a client asks for
   * more as blocks arrive, and a hostile one that keeps asking without
   * reading runs into the request queue's limit instead.
   */
  stalledFor(now: number, stallMs: number): number | undefined {
    const queued = this.queued;
    const flushed = this.#bytesOut - queued;
    const requested = this.#requestedSinceCheck;
    this.#requestedSinceCheck = false;
    if (queued === 0 || flushed !== this.#flushedAtCheck || requested) {
      this.#flushedAtCheck = flushed;
      this.#lastProgress = now;
      return undefined;
    }
    const quiet = now - this.#lastProgress;
    return quiet < stallMs ? undefined : quiet;
  }

  #wrote(ok: boolean, length: number): boolean {
    this.#bytesOut += length;
    this.meter?.(length);
    this.#lastOut = performance.now();
    if (!ok && this.queued > this.#maxQueued) this.#overflow();
    return ok;
  }

  /** Hands the small messages gathered so far to the stream, as one write. */
  #writeSmall(): void {
    const small = this.#small;
    if (small.length === 0) return;
    const bytes = small.length === 1 ? small[0]! : Buffer.concat(small, this.#smallBytes);
    this.#small = [];
    this.#smallBytes = 0;
    if (!this.#stream.write(bytes) && this.#stream.writableLength > this.#maxQueued) this.#overflow();
  }

  #overflow(): void {
    if (this.#overflowing) return;
    this.#overflowing = true;
    const queued = this.#stream.writableLength;
    process.nextTick(() => this.#onOverflow(queued));
  }

  /** Batches every write of this tick into one writev. */
  #cork(): void {
    if (this.#corked) return;
    this.#corked = true;
    this.#stream.cork();
    process.nextTick(this.#uncork);
  }
  readonly #uncork = (): void => {
    this.#corked = false;
    if (this.#stream.destroyed) {
      this.#small = [];
      this.#smallBytes = 0;
    } else this.#writeSmall();
    this.#stream.uncork();
  };
}
