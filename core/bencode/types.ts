// What the bencode decoder gives back. Byte strings are Buffers (views into
// the input, not copies); dictionaries are objects WITHOUT a prototype, keyed
// by the key's raw bytes read as latin1 (one char per byte), so a key
// "__proto__" is an ordinary own key and the key byte 0xff ("\u00ff") can
// never be confused with the two-byte key "ff".

/** A decoded bencode value. Integers beyond Number.MAX_SAFE_INTEGER come back exact, as bigint. */
export type BencodeValue = number | bigint | Buffer | BencodeList | BencodeDict;

export type BencodeList = BencodeValue[];

/** A decoded dictionary: prototype-less, keys are the raw key bytes as latin1 strings. */
export interface BencodeDict {
  [key: string]: BencodeValue | undefined;
}

/** Where a value stands in the input: bytes start (inclusive) to end (exclusive). */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

export function isBencodeDict(v: BencodeValue | undefined): v is BencodeDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

export function isBencodeList(v: BencodeValue | undefined): v is BencodeList {
  return Array.isArray(v);
}
