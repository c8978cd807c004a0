// Collects the 16 KiB pieces of one info dictionary of a known size. Pieces
// must have their exact length; the fetcher checks the whole against the
// info hash.
import { MetadataError, metadataPieceCount, metadataPieceLength, METADATA_PIECE_LENGTH } from './message.ts';

export class MetadataAssembler {
  readonly size: number;
  readonly pieceCount: number;
  readonly #data: Buffer;
  readonly #have: Uint8Array;
  #received = 0;

  /** `maxSize` bounds what a peer's announced metadata_size can make us allocate (the maxMetadataSize option). */
  constructor(size: number, maxSize: number) {
    if (!Number.isSafeInteger(size) || size <= 0 || size > maxSize) {
      throw new MetadataError('BAD_METADATA_SIZE', `metadata size ${size} is not between 1 and ${maxSize} bytes`);
    }
    this.size = size;
    this.pieceCount = metadataPieceCount(size);
    this.#data = Buffer.alloc(size);
    this.#have = new Uint8Array(this.pieceCount);
  }

  get complete(): boolean {
    return this.#received === this.pieceCount;
  }

  has(piece: number): boolean {
    return this.#have[piece] === 1;
  }

  /** The first piece not received that `skip` does not name; -1 when none is left. */
  nextMissing(skip: (piece: number) => boolean = () => false): number {
    for (let i = 0; i < this.pieceCount; i++) if (this.#have[i] === 0 && !skip(i)) return i;
    return -1;
  }

  /** Copies a piece in. Throws MetadataError BAD_METADATA_PIECE for an index or length that does not fit. */
  add(piece: number, data: Uint8Array): void {
    if (!Number.isInteger(piece) || piece < 0 || piece >= this.pieceCount) {
      throw new MetadataError('BAD_METADATA_PIECE', `metadata piece ${piece} outside 0..${this.pieceCount - 1}`);
    }
    const expected = metadataPieceLength(this.size, piece);
    if (data.length !== expected) {
      throw new MetadataError('BAD_METADATA_PIECE', `metadata piece ${piece} has ${data.length} bytes, expected ${expected}`);
    }
    if (this.#have[piece] === 1) return;
    this.#data.set(data, piece * METADATA_PIECE_LENGTH);
    this.#have[piece] = 1;
    this.#received++;
  }

  /** The whole info dictionary; only meaningful once complete. */
  get bytes(): Buffer {
    return this.#data;
  }
}
