// Recently read or written pieces, so that a seeder serving 16 KiB blocks
// reads each piece from disk once, not once per block.
export class PieceCache {
  readonly #capacity: number;
  readonly #pieces = new Map<number, Buffer>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(index: number): Buffer | undefined {
    const piece = this.#pieces.get(index);
    if (piece !== undefined) {
      // Map order is insertion order: re-inserting marks it most recent.
      this.#pieces.delete(index);
      this.#pieces.set(index, piece);
    }
    return piece;
  }

  put(index: number, piece: Buffer): void {
    this.#pieces.delete(index);
    this.#pieces.set(index, piece);
    while (this.#pieces.size > this.#capacity) {
      const oldest = this.#pieces.keys().next().value as number;
      this.#pieces.delete(oldest);
    }
  }

  clear(): void {
    this.#pieces.clear();
  }
}
