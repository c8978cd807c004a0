// Typed access to the `bencode` package for the wire layer, behind a strict
// well-formedness check: bencode 4.0.1's decoder loops forever on a negative
// string length (e.g. "d0:-3:"), and peers are hostile, so nothing reaches it
// unchecked.
// Types of the package come from core/metainfo/bencode.d.ts; this file narrows them.
import bencodeUntyped from 'bencode';

/** What bencode decodes to: byte strings come back as Uint8Array. */
export type BencodeValue = number | Uint8Array | BencodeValue[] | { [key: string]: BencodeValue };
/** What it encodes: strings are written as UTF-8 byte strings; undefined dictionary values are left out. */
export type BencodeInput = number | string | Uint8Array | readonly BencodeInput[] | { readonly [key: string]: BencodeInput | undefined };

const bencode = bencodeUntyped as {
  encode(value: unknown): Uint8Array;
  decode(data: Uint8Array): unknown;
};

/** Nesting deeper than this is refused (the decoder recurses). */
export const MAX_BENCODE_DEPTH = 64;

const I = 0x69; // 'i'
const L = 0x6c; // 'l'
const D = 0x64; // 'd'
const E = 0x65; // 'e'
const COLON = 0x3a;
const MINUS = 0x2d;

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/**
 * Where the bencoded value starting at `start` ends (exclusive), or -1 when
 * the bytes up to `end` are not one well-formed value: integers are
 * "i-?[0-9]+e", strings have a decimal length that fits, containers close,
 * dictionary keys are strings, nesting stays under MAX_BENCODE_DEPTH.
 */
export function bencodeEnd(data: Uint8Array, start = 0, end = data.length): number {
  // Per open container: a list, or a dictionary expecting a key or a value next.
  const stack: ('list' | 'key' | 'value')[] = [];
  let pos = start;
  while (pos < end) {
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const c = data[pos]!;
    if (c === L || c === D) {
      if (top === 'key' || stack.length >= MAX_BENCODE_DEPTH) return -1;
      stack.push(c === L ? 'list' : 'key');
      pos++;
      continue;
    }
    if (c === E) {
      if (top === undefined || top === 'value') return -1;
      stack.pop();
      pos++;
    } else if (top === 'key' && !isDigit(c)) {
      return -1;
    } else if (c === I) {
      pos++;
      if (data[pos] === MINUS) pos++;
      const digits = pos;
      while (pos < end && isDigit(data[pos])) pos++;
      if (pos === digits || pos - digits > 20 || pos >= end || data[pos] !== E) return -1;
      pos++;
    } else if (isDigit(c)) {
      let length = 0;
      const digits = pos;
      while (pos < end && isDigit(data[pos])) length = length * 10 + data[pos++]! - 0x30;
      if (pos - digits > 15 || pos >= end || data[pos] !== COLON) return -1;
      pos++;
      if (length > end - pos) return -1;
      pos += length;
    } else {
      return -1;
    }
    // A whole value was read (a scalar, or a container just closed).
    if (stack.length === 0) return pos;
    const parent = stack.length - 1;
    if (stack[parent] === 'key') stack[parent] = 'value';
    else if (stack[parent] === 'value') stack[parent] = 'key';
  }
  return -1;
}

/**
 * Decodes one bencoded value filling `data` exactly (or, with
 * `allowTrailing`, starting it). Returns undefined for anything malformed.
 */
export function decodeBencode(data: Uint8Array, allowTrailing = false): { value: BencodeValue; end: number } | undefined {
  const end = bencodeEnd(data);
  if (end < 0 || (!allowTrailing && end !== data.length)) return undefined;
  try {
    return { value: bencode.decode(data.subarray(0, end)) as BencodeValue, end };
  } catch {
    return undefined;
  }
}

export function encodeBencode(value: BencodeInput): Buffer {
  const bytes = bencode.encode(value);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A dictionary's own property (decoded dictionaries may carry a "__proto__" key). */
export function ownValue(dict: { [key: string]: BencodeValue }, key: string): BencodeValue | undefined {
  return Object.hasOwn(dict, key) ? dict[key] : undefined;
}

export function isBencodeDict(v: BencodeValue | undefined): v is { [key: string]: BencodeValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
