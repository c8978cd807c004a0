// Whole pieces recently read from disk, so that the 16 KiB requests of a
// seeding peer cost one disk read per piece instead of one per block. Bounded
// in bytes, least recently used out first. A write to a piece bumps its
// generation so a read that was already under way does not cache stale bytes.
//
// The pieces live in pooled buffers: a fresh 256 KiB buffer per piece read
// made the garbage collector the seeder's main cost. A piece is pinned while
// views of it are in use (a block waiting in a socket); evicted, its buffer
// is reused only once its last pin is gone, so a view never changes under
// its reader.

/** A cached piece and who still reads it. */
export interface CachedPiece {
  /** The piece's bytes (a view of `slab`). */
  readonly data: Buffer;
  /** Views of `data` in use (see BlockLease); the buffer is reused only at 0. */
  pins: number;
  /** Out of the cache: its slab goes back to the pool once unpinned. */
  evicted: boolean;
  /** The pooled buffer holding it; undefined when it is not to be reused. */
  readonly slab: Buffer | undefined;
}

/** A view of a cached piece, valid until release() (called at most once). */
export interface BlockLease {
  readonly data: Buffer;
  release(): void;
}

export class PieceCache {
  readonly maxBytes: number;
  /** The size of a pooled buffer: the torrent's piece length (a smaller last piece uses the start of one). */
  readonly #slabSize: number;
  /** Least recently used first. */
  readonly #pieces = new Map<number, CachedPiece>();
  readonly #generations = new Map<number, number>();
  /** Buffers free for the next read, at most as many as the cache holds pieces. */
  readonly #free: Buffer[] = [];
  readonly #maxFree: number;
  #bytes = 0;

  constructor(maxBytes: number, slabSize: number) {
    this.maxBytes = maxBytes;
    this.#slabSize = slabSize;
    this.#maxFree = slabSize > 0 ? Math.floor(maxBytes / slabSize) : 0;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Buffers waiting in the pool. */
  get pooled(): number {
    return this.#free.length;
  }

  /** True when a piece of this size may be cached at all. */
  fits(size: number): boolean {
    return size > 0 && size <= this.maxBytes;
  }

  get(index: number): CachedPiece | undefined {
    const piece = this.#pieces.get(index);
    if (piece !== undefined) {
      this.#pieces.delete(index);
      this.#pieces.set(index, piece);
    }
    return piece;
  }

  /** Current generation of a piece; pass it back to set() after reading. */
  generation(index: number): number {
    return this.#generations.get(index) ?? 0;
  }

  /** A piece-sized buffer to read piece data into: a pooled one when free. */
  allocate(size: number): { readonly slab: Buffer | undefined; readonly data: Buffer } {
    if (size > this.#slabSize) return { slab: undefined, data: Buffer.allocUnsafeSlow(size) };
    const slab = this.#free.pop() ?? Buffer.allocUnsafeSlow(this.#slabSize);
    return { slab, data: slab.subarray(0, size) };
  }

  /**
   * Caches a piece read (into allocate()'s buffer) while its generation was
   * `generation`, unless it was written since. Returns the entry to lease
   * views of; one not cached is never reused.
   */
  set(index: number, read: { readonly slab: Buffer | undefined; readonly data: Buffer }, generation: number): CachedPiece {
    if (!this.fits(read.data.length) || this.generation(index) !== generation) {
      return { data: read.data, pins: 0, evicted: true, slab: undefined };
    }
    this.#drop(index);
    while (this.#bytes + read.data.length > this.maxBytes) {
      const oldest = this.#pieces.keys().next();
      if (oldest.done === true) break;
      this.#drop(oldest.value);
    }
    const piece: CachedPiece = { data: read.data, pins: 0, evicted: false, slab: read.slab };
    this.#pieces.set(index, piece);
    this.#bytes += read.data.length;
    return piece;
  }

  /**
   * A view of `length` bytes from `begin`, pinned until released. `pinned`:
   * the pin was taken already (pin()), when the piece came in for readers
   * that waited on its read: between its arrival and their turn, other reads
   * could evict it.
   */
  lease(piece: CachedPiece, begin: number, length: number, pinned = false): BlockLease {
    if (!pinned) piece.pins++;
    let released = false;
    return {
      data: piece.data.subarray(begin, begin + length),
      release: () => {
        if (released) return;
        released = true;
        if (--piece.pins === 0 && piece.evicted) this.#recycle(piece);
      },
    };
  }

  /** Takes `count` pins at once, for leases made later with `pinned`. */
  pin(piece: CachedPiece, count: number): void {
    piece.pins += count;
  }

  /** Forgets a piece about to be written. */
  invalidate(index: number): void {
    this.#generations.set(index, this.generation(index) + 1);
    this.#drop(index);
  }

  clear(): void {
    for (const index of [...this.#pieces.keys()]) this.#drop(index);
    this.#free.length = 0;
  }

  #drop(index: number): void {
    const piece = this.#pieces.get(index);
    if (piece === undefined) return;
    this.#pieces.delete(index);
    this.#bytes -= piece.data.length;
    piece.evicted = true;
    if (piece.pins === 0) this.#recycle(piece);
  }

  #recycle(piece: CachedPiece): void {
    if (piece.slab !== undefined && this.#free.length < this.#maxFree) this.#free.push(piece.slab);
  }
}
