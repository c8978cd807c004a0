// Bytes written to a uTP connection and not yet in a packet: cut into packet
// payloads in order. Every payload is a copy: a packet is kept until it is
// acknowledged (and may be sent again), long after the write was called back,
// and a writer may reuse its buffer once called back (the seeder's pooled
// piece buffers do), so a payload must never point into the writer's memory.

export class WriteQueue {
  #chunks: Buffer[] = [];
  #offset = 0;
  #bytes = 0;

  /** Bytes waiting. */
  get bytes(): number {
    return this.#bytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
  }

  /** The next `size` bytes (at most what is queued), copied into a buffer of their own. */
  take(size: number): Buffer {
    size = Math.min(size, this.#bytes);
    const first = this.#chunks[0]!;
    if (first.length - this.#offset >= size) {
      const out = Buffer.from(first.subarray(this.#offset, this.#offset + size));
      this.#advance(first, size);
      return out;
    }
    const out = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const head = this.#chunks[0]!;
      const n = Math.min(size - filled, head.length - this.#offset);
      head.copy(out, filled, this.#offset, this.#offset + n);
      filled += n;
      this.#advance(head, n);
    }
    return out;
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
