// What one remote peer has told us it has: its bitfield, have-all/have-none
// and haves, before and after the torrent's piece count is known (a magnet
// link learns it only with the metadata). No sockets, no events: the
// connection feeds it the messages and passes on what it answers.
import { BitField, BitFieldError, bitfieldByteLength } from '../bitfield.ts';

/** Highest piece index remembered before the piece count is known (bounds memory for magnet links). */
export const MAX_PENDING_PIECES = 1 << 21;

/** The remote announced pieces that do not fit the torrent: the connection reports it and closes. */
export class InvalidPieces {
  constructor(
    readonly code: 'BAD_BITFIELD' | 'BAD_INDEX',
    readonly message: string,
  ) {}
}

/**
 * What the torrent layer should hear of a message: `'as-is'` the message
 * itself; a list: only haves of these pieces (the message added them, or
 * nothing when empty); InvalidPieces: the message is invalid.
 */
export type PiecesNews = 'as-is' | readonly number[] | InvalidPieces;

const NOTHING_NEW: readonly number[] = Object.freeze([]);

export class RemotePieces {
  /** What the remote has, once the piece count is known (its length is the count). */
  #bitfield: BitField | undefined;
  /** Before the piece count is known: the remote's bits so far (from a bitfield and haves). */
  #pendingBits: Buffer | undefined;
  #pendingBitfieldLength: number | undefined;
  #pendingMaxHave = -1;
  #pendingAll = false;
  /** A bitfield, have-all or have-none arrived already. */
  #announced = false;

  /** The remote's pieces, once the piece count is known (undefined before). */
  get bitfield(): BitField | undefined {
    return this.#bitfield;
  }

  /** The piece count is known (settle() was called and succeeded). */
  get settled(): boolean {
    return this.#bitfield !== undefined;
  }

  /** True when the remote told us it has piece `index` (before the piece count is known too). */
  has(index: number): boolean {
    if (this.#bitfield !== undefined) return this.#bitfield.get(index);
    if (this.#pendingAll) return true;
    const bits = this.#pendingBits;
    return bits !== undefined && index >= 0 && index >>> 3 < bits.length && (bits[index >>> 3]! & (0x80 >>> (index & 7))) !== 0;
  }

  /** True when the remote has every piece (a seed). */
  get isSeed(): boolean {
    return this.#bitfield !== undefined ? this.#bitfield.isFull() && this.#bitfield.length > 0 : this.#pendingAll;
  }

  /**
   * A have for a piece the caller checked to be in range (below the piece
   * count, or MAX_PENDING_PIECES while it is unknown). A have for a piece
   * the remote has already changes nothing (a peer that repeats itself is
   * not counted twice in the pieces' availability).
   */
  have(index: number): PiecesNews {
    if (this.has(index)) return NOTHING_NEW;
    if (this.#bitfield !== undefined) {
      this.#bitfield.set(index);
      return 'as-is';
    }
    const needed = (index >>> 3) + 1;
    let bits = this.#pendingBits;
    if (bits === undefined || bits.length < needed) {
      const grown = Buffer.alloc(Math.min(MAX_PENDING_PIECES >>> 3, Math.max(needed, bits === undefined ? 0 : bits.length * 2)));
      if (bits !== undefined) bits.copy(grown);
      bits = this.#pendingBits = grown;
    }
    bits[index >>> 3] = bits[index >>> 3]! | (0x80 >>> (index & 7));
    this.#pendingMaxHave = Math.max(this.#pendingMaxHave, index);
    return 'as-is';
  }

  // A bitfield or have-all after the first is not in BEP 3 or 6, but real
  // clients send one: aria2 sends its bitfield instead of 20 or more haves. It
  // adds pieces (peers do not lose pieces); a later have-none changes nothing.

  /** A bitfield message's bytes. */
  receiveBitfield(bytes: Buffer): PiecesNews {
    const later = this.#announced;
    this.#announced = true;
    const pieceCount = this.#bitfield?.length;
    if (pieceCount !== undefined) {
      let field: BitField;
      try {
        field = BitField.fromBuffer(bytes, pieceCount);
      } catch (err) {
        if (!(err instanceof BitFieldError)) throw err;
        return new InvalidPieces('BAD_BITFIELD', err.message);
      }
      if (later) return this.#addLater(field);
      // Haves sent before the bitfield (against BEP 3, but harmless) are kept.
      for (const i of this.#bitfield!.indexes()) field.set(i);
      this.#bitfield = field;
      return 'as-is';
    }
    // Piece count unknown (magnet link): keep the bytes (with any haves before them), check them in settle().
    const previous = this.#pendingBits;
    const merged = Buffer.alloc(Math.max(bytes.length, previous?.length ?? 0));
    bytes.copy(merged);
    if (previous !== undefined) for (let i = 0; i < previous.length; i++) merged[i] = merged[i]! | previous[i]!;
    this.#pendingBits = merged;
    this.#pendingBitfieldLength = bytes.length;
    // The torrent layer heard of the first one; a later one is merged and not passed on.
    return later ? NOTHING_NEW : 'as-is';
  }

  /** A have-all (`all`) or have-none message. */
  receiveAllOrNone(all: boolean): PiecesNews {
    const later = this.#announced;
    this.#announced = true;
    const pieceCount = this.#bitfield?.length;
    if (later) {
      if (!all) return NOTHING_NEW;
      if (pieceCount !== undefined) return this.#addLater(BitField.full(pieceCount));
      this.#pendingAll = true;
      this.#pendingBits = undefined;
      return NOTHING_NEW;
    }
    if (pieceCount !== undefined) {
      // Haves before it are kept (have-none) or covered (have-all).
      if (all) this.#bitfield = BitField.full(pieceCount);
    } else if (all) {
      this.#pendingAll = true;
      this.#pendingBits = undefined;
    }
    return 'as-is';
  }

  /** Merges a later bitfield into the remote's; the pieces it added. */
  #addLater(field: BitField): readonly number[] {
    const had = this.#bitfield!;
    const added: number[] = [];
    for (const i of field.indexes()) {
      if (had.get(i)) continue;
      had.set(i);
      added.push(i);
    }
    return added;
  }

  /**
   * The piece count just became known: what the remote announced so far
   * becomes a checked BitField (an empty one if nothing), and what it
   * announces from now on is checked against the count. InvalidPieces when
   * it does not fit the count.
   */
  settle(count: number): InvalidPieces | undefined {
    if (this.#bitfield !== undefined) return undefined;
    if (this.#pendingAll) {
      this.#bitfield = BitField.full(count);
      this.#pendingAll = false;
      return undefined;
    }
    const bits = this.#pendingBits;
    this.#pendingBits = undefined;
    if (this.#pendingMaxHave >= count) return new InvalidPieces('BAD_INDEX', `have for piece ${this.#pendingMaxHave}, torrent has ${count} pieces`);
    const expected = bitfieldByteLength(count);
    if (this.#pendingBitfieldLength !== undefined && this.#pendingBitfieldLength !== expected) {
      return new InvalidPieces('BAD_BITFIELD', `bitfield of ${this.#pendingBitfieldLength} bytes for ${count} pieces (expected ${expected})`);
    }
    const wire = Buffer.alloc(expected);
    if (bits !== undefined) bits.copy(wire, 0, 0, Math.min(bits.length, expected));
    try {
      this.#bitfield = BitField.fromBuffer(wire, count);
    } catch (err) {
      if (!(err instanceof BitFieldError)) throw err;
      return new InvalidPieces('BAD_BITFIELD', err.message);
    }
    return undefined;
  }
}
