// Which pieces someone has: one bit per piece, high bit of byte 0 is piece 0
// (BEP 3). Used for the remote side of a connection and for our own pieces.

import { CodedError } from './errors.ts';

export type BitFieldErrorCode = 'BAD_BITFIELD_LENGTH' | 'SPARE_BITS_SET';

export class BitFieldError extends CodedError<BitFieldErrorCode> {}

/** Set bits per byte value, so counting is one lookup per byte. */
const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1]!;

/** Bytes needed for `length` bits. */
export function bitfieldByteLength(length: number): number {
  return (length + 7) >>> 3;
}

export class BitField {
  /** Number of pieces (bits that mean something). */
  readonly length: number;
  readonly #bytes: Buffer;
  #count: number;

  /** An empty field of `length` bits. */
  constructor(length: number) {
    if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`bitfield length must be a non-negative integer, got ${length}`);
    this.length = length;
    this.#bytes = Buffer.alloc(bitfieldByteLength(length));
    this.#count = 0;
  }

  /**
   * A field of `length` bits read from the wire form. The buffer must be
   * exactly ceil(length / 8) bytes with the spare bits of the last byte clear.
   * The bytes are copied.
   */
  static fromBuffer(buffer: Uint8Array, length: number): BitField {
    const field = new BitField(length);
    const expected = field.#bytes.length;
    if (buffer.length !== expected) {
      throw new BitFieldError('BAD_BITFIELD_LENGTH', `bitfield of ${buffer.length} bytes for ${length} pieces (expected ${expected})`);
    }
    const spare = expected * 8 - length;
    if (spare > 0 && (buffer[expected - 1]! & ((1 << spare) - 1)) !== 0) {
      throw new BitFieldError('SPARE_BITS_SET', `bitfield has spare bits set after piece ${length - 1}`);
    }
    field.#bytes.set(buffer);
    let count = 0;
    for (let i = 0; i < expected; i++) count += POPCOUNT[field.#bytes[i]!]!;
    field.#count = count;
    return field;
  }

  /** A field with every bit set. */
  static full(length: number): BitField {
    const field = new BitField(length);
    field.setAll();
    return field;
  }

  get(index: number): boolean {
    if (!(index >= 0 && index < this.length)) return false;
    return (this.#bytes[index >>> 3]! & (0x80 >>> (index & 7))) !== 0;
  }

  /** Sets (or clears) one bit; throws RangeError outside 0..length-1. */
  set(index: number, value = true): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`bit ${index} outside 0..${this.length - 1}`);
    }
    const byte = index >>> 3;
    const mask = 0x80 >>> (index & 7);
    const had = (this.#bytes[byte]! & mask) !== 0;
    if (had === value) return;
    this.#bytes[byte] = value ? this.#bytes[byte]! | mask : this.#bytes[byte]! & ~mask;
    this.#count += value ? 1 : -1;
  }

  setAll(): void {
    const bytes = this.#bytes;
    if (bytes.length === 0) return;
    bytes.fill(0xff);
    const spare = bytes.length * 8 - this.length;
    bytes[bytes.length - 1] = (0xff << spare) & 0xff;
    this.#count = this.length;
  }

  clearAll(): void {
    this.#bytes.fill(0);
    this.#count = 0;
  }

  /** Number of set bits. */
  count(): number {
    return this.#count;
  }

  isFull(): boolean {
    return this.#count === this.length;
  }

  isEmpty(): boolean {
    return this.#count === 0;
  }

  /** Indexes of set bits, in order. */
  *indexes(): IterableIterator<number> {
    const bytes = this.#bytes;
    for (let byte = 0; byte < bytes.length; byte++) {
      const v = bytes[byte]!;
      if (v === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (v & (0x80 >>> bit)) yield byte * 8 + bit;
    }
  }

  /** The wire form (a copy). */
  toBuffer(): Buffer {
    return Buffer.from(this.#bytes);
  }

  clone(): BitField {
    return BitField.fromBuffer(this.#bytes, this.length);
  }
}
