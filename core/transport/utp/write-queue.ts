// Bytes written to a uTP connection and not yet in a packet: cut into packet
// payloads in order, without copying when a payload lies within one chunk.

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

  /** The next `size` bytes (at most what is queued) as one buffer. */
  take(size: number): Buffer {
    size = Math.min(size, this.#bytes);
    const first = this.#chunks[0]!;
    if (first.length - this.#offset >= size) {
      const out = first.subarray(this.#offset, this.#offset + size);
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
