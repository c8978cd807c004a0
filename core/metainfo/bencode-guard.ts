// A strict, iterative pass over bencoded bytes before anything decodes them.
// The `bencode` package recurses once per nesting level (100,000 nested lists
// overflow the stack), loops forever on a negative string length and believes
// whatever lengths it reads; so every byte is checked here first, with a depth
// limit, and only input that passed reaches it. The same pass finds the exact
// byte span of the top-level `info` value, whose SHA-1 is the info hash.
import bencode from 'bencode';
import { fail, MetainfoError } from './errors.ts';

/** Deeper than any real .torrent (a multi-file torrent needs 4 levels). */
export const MAX_DEPTH = 64;

const D = 0x64; // 'd'
const L = 0x6c; // 'l'
const I = 0x69; // 'i'
const E = 0x65; // 'e'
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

export interface ByteSpan {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export interface BencodeScan {
  /** End of the top-level value. Bytes after it are ignored, as libtorrent ignores them. */
  readonly end: number;
  /** Span of the value of the top-level dictionary's `info` key, when there is one. */
  readonly info: ByteSpan | undefined;
}

interface Frame {
  readonly isDict: boolean;
  /** Dictionaries alternate key, value; true when the next item is a key. */
  expectKey: boolean;
  /** Keys seen so far (latin1, so any byte string maps to a distinct JS string). */
  readonly keys: Set<string> | undefined;
  /** The key whose value comes next is the top level's `info`. */
  valueIsInfo: boolean;
}

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

/**
 * Checks that `buf` starts with one well-formed bencoded value nested at most
 * `maxDepth` deep, with no duplicate dictionary key. Iterative: input size
 * does not grow the stack. Throws MetainfoError NOT_BENCODE, TOO_DEEP or
 * DUPLICATE_KEY.
 */
export function scanBencode(buf: Uint8Array, maxDepth: number = MAX_DEPTH): BencodeScan {
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = buf.length;
  if (n === 0) fail('NOT_BENCODE', 'input is empty');
  const stack: Frame[] = [];
  let pos = 0;
  let infoStart = -1;
  let infoEnd = -1;

  /** Reads a byte string at pos; returns its content's span and moves pos past it. */
  const readString = (): ByteSpan => {
    const lengthStart = pos;
    while (pos < n && isDigit(buf[pos]!)) pos++;
    if (pos === lengthStart) fail('NOT_BENCODE', `expected a string length at byte ${lengthStart}`);
    if (pos >= n) fail('NOT_BENCODE', `string length at byte ${lengthStart} runs to the end of the input`);
    if (buf[pos] !== COLON) fail('NOT_BENCODE', `expected ':' after the string length at byte ${pos}`);
    // More digits than any in-memory length has: the string cannot fit.
    if (pos - lengthStart > 15) fail('NOT_BENCODE', `string at byte ${lengthStart} is longer than the input`);
    const length = Number(text.toString('latin1', lengthStart, pos));
    const start = pos + 1;
    if (length > n - start) fail('NOT_BENCODE', `string at byte ${lengthStart} claims ${length} bytes, only ${n - start} remain`);
    pos = start + length;
    return { start, end: pos };
  };

  const readInteger = (): void => {
    const at = pos;
    pos++; // 'i'
    if (pos < n && buf[pos] === MINUS) pos++;
    const digits = pos;
    while (pos < n && isDigit(buf[pos]!)) pos++;
    if (pos === digits) fail('NOT_BENCODE', `integer at byte ${at} has no digits`);
    if (pos >= n) fail('NOT_BENCODE', `integer at byte ${at} is not terminated`);
    if (buf[pos] !== E) fail('NOT_BENCODE', `integer at byte ${at} has a stray byte 0x${buf[pos]!.toString(16)} at ${pos}`);
    pos++;
  };

  /** Book-keeping after a whole value ended at pos. Returns true when it was the top-level one. */
  const valueEnded = (): boolean => {
    const top = stack[stack.length - 1];
    if (top === undefined) return true;
    if (top.isDict) {
      if (top.valueIsInfo) {
        infoEnd = pos;
        top.valueIsInfo = false;
      }
      top.expectKey = true;
    }
    return false;
  };

  for (;;) {
    if (pos >= n) fail('NOT_BENCODE', stack.length > 0 ? 'input ends inside a list or dictionary' : 'input is empty');
    const c = buf[pos]!;
    const top = stack[stack.length - 1];

    if (top !== undefined && c === E) {
      if (top.isDict && !top.expectKey) fail('NOT_BENCODE', `dictionary key without a value before byte ${pos}`);
      stack.pop();
      pos++;
      if (valueEnded()) break;
      continue;
    }

    if (top !== undefined && top.isDict && top.expectKey) {
      if (!isDigit(c)) fail('NOT_BENCODE', `dictionary key at byte ${pos} is not a string`);
      const key = readString();
      const name = text.toString('latin1', key.start, key.end);
      if (top.keys!.has(name)) fail('DUPLICATE_KEY', `dictionary key "${printable(name)}" appears twice (second at byte ${key.start})`);
      top.keys!.add(name);
      top.expectKey = false;
      top.valueIsInfo = stack.length === 1 && name === 'info';
      continue;
    }

    if (top !== undefined && top.valueIsInfo) infoStart = pos;
    if (c === D || c === L) {
      if (stack.length >= maxDepth) fail('TOO_DEEP', `lists and dictionaries nest deeper than ${maxDepth} levels at byte ${pos}`);
      stack.push({ isDict: c === D, expectKey: c === D, keys: c === D ? new Set() : undefined, valueIsInfo: false });
      pos++;
      continue;
    }
    if (c === I) readInteger();
    else if (isDigit(c)) readString();
    else fail('NOT_BENCODE', `unexpected byte 0x${c.toString(16).padStart(2, '0')} at ${pos}`);
    if (valueEnded()) break;
  }

  return { end: pos, info: infoStart >= 0 && infoEnd >= 0 ? { start: infoStart, end: infoEnd } : undefined };
}

/**
 * Scans, then decodes with the `bencode` package. Strings come back as
 * Uint8Array, integers as numbers (imprecise beyond 2^53: callers check).
 */
export function decodeChecked(buf: Uint8Array, maxDepth: number = MAX_DEPTH): { value: unknown; scan: BencodeScan } {
  const scan = scanBencode(buf, maxDepth);
  let value: unknown;
  try {
    value = bencode.decode(buf.subarray(0, scan.end));
  } catch (err) {
    // Unreachable for input the scan accepted; kept so nothing but MetainfoError escapes.
    throw new MetainfoError('NOT_BENCODE', `bencode decoder refused the input: ${(err as Error).message}`, { cause: err });
  }
  return { value, scan };
}

function printable(s: string): string {
  const shown = s.length > 40 ? `${s.slice(0, 40)}...` : s;
  return shown.replace(/[^\x20-\x7e]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
