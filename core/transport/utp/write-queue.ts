// Bytes written to a uTP connection and not yet in a packet: cut into packet
// payloads in order. Every payload is a copy (a full one into a slot of the
// socket's PayloadPool, a short one into a buffer of its own size): a packet
// is kept until it is acknowledged (and may be sent again), long after the
// write was called back, and a writer may reuse its buffer once called back
// (the seeder's pooled piece buffers do), so a payload must never point into
// the writer's memory. For the same reason, the few bytes still queued when
// the writer is called back (less than a packet, held for the turn's end)
// are first copied into the queue's own buffer (own()).

export class WriteQueue {
  #chunks: Buffer[] = [];
  #offset = 0;
  #bytes = 0;
  /** The copy own() made, while it is all that is queued. */
  #owned: Buffer | undefined;

  /** Bytes waiting. */
  get bytes(): number {
    return this.#bytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
  }

  /** The next `size` bytes (at most what is queued, and at most into.length), copied into `into`; the part of `into` they fill. */
  take(size: number, into: Buffer): Buffer {
    size = Math.min(size, this.#bytes, into.length);
    let filled = 0;
    while (filled < size) {
      const head = this.#chunks[0]!;
      const n = Math.min(size - filled, head.length - this.#offset);
      head.copy(into, filled, this.#offset, this.#offset + n);
      filled += n;
      this.#advance(head, n);
    }
    return size === into.length ? into : into.subarray(0, size);
  }

  /** Copies what is queued into a buffer of the queue's own, so that the writer may reuse its buffers (a few bytes: called with less than a packet queued). */
  own(): void {
    if (this.#bytes === 0 || (this.#chunks.length === 1 && this.#chunks[0] === this.#owned)) return;
    const copy = Buffer.allocUnsafe(this.#bytes);
    this.take(this.#bytes, copy);
    this.#chunks = [copy];
    this.#bytes = copy.length;
    this.#owned = copy;
  }

  clear(): void {
    this.#chunks = [];
    this.#offset = 0;
    this.#bytes = 0;
  }

  #advance(head: Buffer, n: number): void {
    this.#offset += n;
    this.#bytes -= n;
    if (this.#offset === head.length) {
      this.#chunks.shift();
      this.#offset = 0;
    }
  }
}
