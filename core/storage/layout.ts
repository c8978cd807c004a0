// Where each piece lives on disk: the torrent's data is the concatenation of
// its files, cut into pieces of pieceLength bytes (the last one shorter), so a
// piece or a block may span several files, and zero-length files hold no byte
// of any piece. Pure arithmetic: no I/O, no events.
import { StorageError } from './errors.ts';

/** What storage needs from a torrent's metainfo (Metainfo satisfies it). */
export interface StorageLayoutInput {
  readonly pieceLength: number;
  /** Total length: the sum of the files' lengths. */
  readonly length: number;
  /**
   * In torrent order; path relative to the target folder, '/'-separated.
   * BEP 47 padding files (padding: true) hold zeros and are never stored.
   */
  readonly files: readonly { readonly path: string; readonly length: number; readonly padding?: boolean }[];
  /** 20-byte SHA-1 of each piece; not read when pieceHashes is given. */
  readonly pieces: readonly Uint8Array[];
  /** The same hashes end to end (a Metainfo's pieceHashes): taken as they are, with no object per piece. */
  readonly pieceHashes?: Uint8Array;
}

export interface LayoutFile {
  readonly index: number;
  readonly path: string;
  readonly length: number;
  /** Offset of the file's first byte in the torrent's concatenated data. */
  readonly offset: number;
  /** BEP 47 padding: zeros that are not stored on disk. */
  readonly padding: boolean;
}

/** A run of bytes inside one file. */
export interface Segment {
  /** Index of the file in the layout's files. */
  readonly file: number;
  /** Position in the file. */
  readonly fileOffset: number;
  readonly length: number;
  /** Position of this run in the requested range (0 for the first segment). */
  readonly rangeOffset: number;
}

/** Inclusive range of piece indexes. */
export interface PieceRange {
  readonly first: number;
  readonly last: number;
}

export const SHA1_LENGTH = 20;

export class StorageLayout {
  readonly pieceLength: number;
  readonly length: number;
  readonly pieceCount: number;
  readonly files: readonly LayoutFile[];
  /** Every piece's SHA-1 end to end. */
  readonly #hashes: Uint8Array;
  /** Offsets and indexes of the files that hold bytes, for binary search. */
  readonly #starts: Float64Array;
  readonly #holders: Uint32Array;

  constructor(input: StorageLayoutInput) {
    const { pieceLength, length, files } = input;
    if (!Number.isSafeInteger(pieceLength) || pieceLength <= 0) invalid(`piece length ${pieceLength} is not a positive integer`);
    if (!Number.isSafeInteger(length) || length < 0) invalid(`total length ${length} is not a non-negative integer`);
    let offset = 0;
    const laid: LayoutFile[] = [];
    for (const [index, f] of files.entries()) {
      if (!Number.isSafeInteger(f.length) || f.length < 0) invalid(`file ${index} (${f.path}) has length ${f.length}`);
      laid.push(Object.freeze({ index, path: f.path, length: f.length, offset, padding: f.padding === true }));
      offset += f.length;
    }
    if (offset !== length) invalid(`the files add up to ${offset} bytes but the torrent says ${length}`);
    const expected = Math.ceil(length / pieceLength);
    const hashes = input.pieceHashes ?? joinHashes(input.pieces);
    const count = hashes.length / SHA1_LENGTH;
    if (count !== expected) invalid(`${length} bytes in pieces of ${pieceLength} make ${expected} pieces, not ${count}`);
    this.pieceLength = pieceLength;
    this.length = length;
    this.pieceCount = expected;
    this.files = Object.freeze(laid);
    this.#hashes = hashes;
    const holders = laid.filter((f) => f.length > 0);
    this.#starts = Float64Array.from(holders, (f) => f.offset);
    this.#holders = Uint32Array.from(holders, (f) => f.index);
  }

  /** The 20-byte SHA-1 the piece must have. */
  pieceHash(index: number): Uint8Array {
    this.#checkPiece(index);
    return this.#hashes.subarray(index * SHA1_LENGTH, (index + 1) * SHA1_LENGTH);
  }

  /** True when the 20 bytes of `digests` from `at` are piece `index`'s SHA-1 (no view made: a check compares thousands). */
  hashMatches(index: number, digests: Uint8Array, at: number): boolean {
    this.#checkPiece(index);
    const hashes = this.#hashes;
    const from = index * SHA1_LENGTH;
    for (let i = 0; i < SHA1_LENGTH; i++) if (hashes[from + i] !== digests[at + i]) return false;
    return true;
  }

  /** Length of piece `index` (the last one may be shorter). */
  pieceSize(index: number): number {
    this.#checkPiece(index);
    return index === this.pieceCount - 1 ? this.length - index * this.pieceLength : this.pieceLength;
  }

  /** Offset of the piece's first byte in the torrent's data. */
  pieceOffset(index: number): number {
    this.#checkPiece(index);
    return index * this.pieceLength;
  }

  /**
   * The runs of bytes, file by file, that hold `length` bytes of piece `index`
   * from `begin`. Zero-length files never appear.
   */
  segments(index: number, begin: number, length: number): Segment[] {
    const size = this.pieceSize(index);
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(length) || begin < 0 || length < 0 || begin + length > size) {
      throw new StorageError('OUT_OF_RANGE', `bytes ${begin}..${begin + length} are outside piece ${index} of ${size} bytes`);
    }
    return this.rangeSegments(index * this.pieceLength + begin, length);
  }

  /** The runs of bytes, file by file, that hold bytes offset..offset+length of the torrent's data. */
  rangeSegments(offset: number, length: number): Segment[] {
    if (offset < 0 || length < 0 || offset + length > this.length) {
      throw new StorageError('OUT_OF_RANGE', `bytes ${offset}..${offset + length} are outside the torrent's ${this.length} bytes`);
    }
    const out: Segment[] = [];
    if (length === 0) return out;
    let k = this.#holderAt(offset);
    let done = 0;
    while (done < length) {
      const file = this.files[this.#holders[k]];
      const fileOffset = offset + done - file.offset;
      const run = Math.min(file.length - fileOffset, length - done);
      out.push({ file: file.index, fileOffset, length: run, rangeOffset: done });
      done += run;
      k++;
    }
    return out;
  }

  /** Indexes of the files holding bytes of piece `index`, in order. */
  filesOfPiece(index: number): number[] {
    return this.segments(index, 0, this.pieceSize(index)).map((s) => s.file);
  }

  /** The pieces holding bytes of file `fileIndex`; undefined for a zero-length file. */
  piecesOfFile(fileIndex: number): PieceRange | undefined {
    const file = this.files[fileIndex];
    if (file === undefined) throw new StorageError('OUT_OF_RANGE', `there is no file ${fileIndex} (${this.files.length} files)`);
    if (file.length === 0) return undefined;
    return {
      first: Math.floor(file.offset / this.pieceLength),
      last: Math.floor((file.offset + file.length - 1) / this.pieceLength),
    };
  }

  /** 1 for every piece holding bytes of a wanted file (file selection; padding files want nothing), else 0. */
  wantedPieces(wanted: (fileIndex: number) => boolean): Uint8Array {
    const out = new Uint8Array(this.pieceCount);
    for (const file of this.files) {
      if (file.padding || !wanted(file.index)) continue;
      const range = this.piecesOfFile(file.index);
      if (range !== undefined) out.fill(1, range.first, range.last + 1);
    }
    return out;
  }

  /** Position in #holders of the file holding byte `offset` (offset < length). */
  #holderAt(offset: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.#starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  #checkPiece(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.pieceCount) {
      throw new StorageError('OUT_OF_RANGE', `there is no piece ${index} (${this.pieceCount} pieces)`);
    }
  }
}

function invalid(why: string): never {
  throw new StorageError('INVALID_LAYOUT', `invalid torrent layout: ${why}`);
}

/** Per-piece hashes end to end; each must be 20 bytes. */
function joinHashes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.length * SHA1_LENGTH);
  for (const [i, h] of pieces.entries()) {
    if (h.length !== SHA1_LENGTH) invalid(`the hash of piece ${i} has ${h.length} bytes, not ${SHA1_LENGTH}`);
    out.set(h, i * SHA1_LENGTH);
  }
  return out;
}
