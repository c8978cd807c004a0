// Whole pieces recently read from disk, so that the 16 KiB requests of a
// seeding peer cost one disk read per piece instead of one per block. Bounded
// in bytes, least recently used out first. A write to a piece bumps its
// generation so a read that was already under way does not cache stale bytes.

export class PieceCache {
  readonly maxBytes: number;
  /** Least recently used first. */
  readonly #pieces = new Map<number, Buffer>();
  readonly #generations = new Map<number, number>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** True when a piece of this size may be cached at all. */
  fits(size: number): boolean {
    return size > 0 && size <= this.maxBytes;
  }

  get(index: number): Buffer | undefined {
    const data = this.#pieces.get(index);
    if (data !== undefined) {
      this.#pieces.delete(index);
      this.#pieces.set(index, data);
    }
    return data;
  }

  /** Current generation of a piece; pass it back to set() after reading. */
  generation(index: number): number {
    return this.#generations.get(index) ?? 0;
  }

  /** Caches a piece read while its generation was `generation`, unless it was written since. */
  set(index: number, data: Buffer, generation: number): void {
    if (!this.fits(data.length) || this.generation(index) !== generation) return;
    this.#drop(index);
    while (this.#bytes + data.length > this.maxBytes) {
      const oldest = this.#pieces.keys().next();
      if (oldest.done === true) break;
      this.#drop(oldest.value);
    }
    this.#pieces.set(index, data);
    this.#bytes += data.length;
  }

  /** Forgets a piece about to be written. */
  invalidate(index: number): void {
    this.#generations.set(index, this.generation(index) + 1);
    this.#drop(index);
  }

  clear(): void {
    this.#pieces.clear();
    this.#bytes = 0;
  }

  #drop(index: number): void {
    const data = this.#pieces.get(index);
    if (data === undefined) return;
    this.#pieces.delete(index);
    this.#bytes -= data.length;
  }
}
