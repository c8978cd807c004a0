// The one bencode decoder of swarmhook, for every byte string a peer, tracker
// or .torrent file hands us. In the spirit of libtorrent's bdecode(): one pass,
// iterative (an explicit stack, so 100,000 nested lists cannot overflow the
// call stack), every length checked against the input before it is believed,
// depth / token / length limits chosen by the caller, and the byte span of
// every list, dictionary and string kept so that a caller can hash the exact
// bytes of a value (the info hash is the SHA-1 of the `info` value's bytes).
// Any input gives a value or a BencodeError, never anything else.
import { BencodeError, type BencodeErrorCode } from './errors.ts';
import type { BencodeDict, BencodeList, BencodeValue, ByteSpan } from './types.ts';

export interface BdecodeLimits {
  /** Lists and dictionaries nested deeper than this are refused (BENCODE_DEPTH). */
  readonly maxDepth: number;
  /** Values plus dictionary keys beyond this are refused (BENCODE_TOO_MANY_TOKENS). */
  readonly maxTokens: number;
  /** Inputs longer than this are refused before any byte is read (BENCODE_INPUT_TOO_LONG). */
  readonly maxInputLength: number;
  /** Byte strings longer than this are refused (BENCODE_STRING_TOO_LONG). */
  readonly maxStringLength: number;
}

/** libtorrent's defaults for depth and tokens; lengths are bounded by the input alone. */
export const DEFAULT_BDECODE_LIMITS: BdecodeLimits = Object.freeze({
  maxDepth: 100,
  maxTokens: 1_000_000,
  maxInputLength: Number.POSITIVE_INFINITY,
  maxStringLength: Number.POSITIVE_INFINITY,
});

export interface BdecodeOptions extends Partial<BdecodeLimits> {
  /**
   * Well-formed input that BEP 3 still forbids: leading zeros (i03e, 03:abc),
   * negative zero (i-0e) and dictionary keys out of byte order. 'refuse'
   * (default) throws BENCODE_LEADING_ZERO, BENCODE_NEGATIVE_ZERO or
   * BENCODE_UNSORTED_KEYS; 'accept' decodes them as libtorrent does (i-0e is
   * 0). Duplicate keys are refused either way.
   */
  readonly nonCanonical?: 'refuse' | 'accept';
  /**
   * Decode the value the input starts with and leave what follows it (ut_metadata
   * data messages carry raw bytes after their dictionary); `end` says where the
   * value ended. Default false: bytes after the root value are BENCODE_TRAILING_DATA.
   */
  readonly prefix?: boolean;
}

export interface Bdecoded {
  readonly value: BencodeValue;
  /** Offset just past the root value (the input's length unless `prefix`). */
  readonly end: number;
  /** Where a list, dictionary or byte string of this result stands in the input; undefined for anything else. */
  spanOf(node: BencodeValue | undefined): ByteSpan | undefined;
}

const I = 0x69; // 'i'
const L = 0x6c; // 'l'
const D = 0x64; // 'd'
const E = 0x65; // 'e'
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** 2^64 has 20 digits: anything longer is beyond any 64-bit integer, signed or not. */
const MAX_INTEGER_DIGITS = 20;
/** Up to 15 digits a double holds the number exactly, so it is summed directly. */
const EXACT_DIGITS = 15;

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= ZERO && c <= NINE;

interface Frame {
  readonly node: BencodeList | BencodeDict;
  /** Set for dictionaries. */
  readonly dict: BencodeDict | undefined;
  readonly start: number;
  /** The key whose value comes next, or undefined when a key (or 'e') comes next. */
  key: string | undefined;
  /** Span of the previous key's bytes, for the order check. */
  previousKeyStart: number;
  previousKeyEnd: number;
}

function fail(code: BencodeErrorCode, message: string, offset: number): never {
  throw new BencodeError(code, message, offset);
}

/**
 * Decodes the bencoded value that fills `input` (or starts it, with
 * `prefix`). Throws BencodeError, with the offset, for anything malformed or
 * over a limit.
 */
export function bdecode(input: Uint8Array, options: BdecodeOptions = {}): Bdecoded {
  const limits: BdecodeLimits = { ...DEFAULT_BDECODE_LIMITS, ...definedOnly(options) };
  const strict = (options.nonCanonical ?? 'refuse') === 'refuse';
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const n = buf.length;
  if (n > limits.maxInputLength) fail('BENCODE_INPUT_TOO_LONG', `input of ${n} bytes is longer than ${limits.maxInputLength}`, 0);

  const spans = new WeakMap<object, ByteSpan>();
  const stack: Frame[] = [];
  let pos = 0;
  let tokens = 0;
  let root: BencodeValue | undefined;

  const countToken = (): void => {
    if (++tokens > limits.maxTokens) fail('BENCODE_TOO_MANY_TOKENS', `more than ${limits.maxTokens} values and keys`, pos);
  };

  /** Reads a byte string at pos (a digit); returns its content's start and moves pos past it. */
  const readString = (): number => {
    const at = pos;
    while (pos < n && isDigit(buf[pos])) pos++;
    if (pos >= n) fail('BENCODE_TRUNCATED', 'input ends inside a string length', pos);
    if (buf[pos] !== COLON) fail('BENCODE_BAD_NUMBER', `expected ':' after the string length that starts at byte ${at}`, pos);
    const digits = pos - at;
    if (strict && digits > 1 && buf[at] === ZERO) fail('BENCODE_LEADING_ZERO', 'string length with a leading zero', at);
    // More digits than any in-memory length has: no input holds such a string.
    const length = digits > EXACT_DIGITS ? Number.POSITIVE_INFINITY : Number(buf.toString('latin1', at, pos));
    pos++; // ':'
    if (length > limits.maxStringLength) fail('BENCODE_STRING_TOO_LONG', `string of ${length} bytes is longer than ${limits.maxStringLength}`, at);
    if (length > n - pos) fail('BENCODE_TRUNCATED', `string of ${length} bytes runs past the end of the input (${n - pos} left)`, at);
    const start = pos;
    pos += length;
    return start;
  };

  const readInteger = (): number | bigint => {
    const at = pos;
    pos++; // 'i'
    const negative = buf[pos] === MINUS;
    if (negative) pos++;
    const first = pos;
    while (pos < n && isDigit(buf[pos])) pos++;
    if (pos >= n) fail('BENCODE_TRUNCATED', 'input ends inside an integer', pos);
    const digits = pos - first;
    if (digits === 0) fail('BENCODE_BAD_NUMBER', 'integer without digits', pos);
    if (buf[pos] !== E) fail('BENCODE_BAD_NUMBER', `stray byte 0x${hex(buf[pos]!)} in the integer that starts at byte ${at}`, pos);
    if (digits > MAX_INTEGER_DIGITS) fail('BENCODE_INTEGER_OVERFLOW', `integer of ${digits} digits`, at);
    if (strict && digits > 1 && buf[first] === ZERO) fail('BENCODE_LEADING_ZERO', 'integer with a leading zero', first);
    const text = buf.toString('latin1', first, pos);
    pos++; // 'e'
    if (digits <= EXACT_DIGITS) {
      const magnitude = Number(text);
      if (negative && magnitude === 0) {
        if (strict) fail('BENCODE_NEGATIVE_ZERO', 'negative zero', at);
        return 0;
      }
      return negative ? -magnitude : magnitude;
    }
    const exact = negative ? -BigInt(text) : BigInt(text);
    const asNumber = Number(exact);
    return Number.isSafeInteger(asNumber) ? asNumber : exact;
  };

  /** Puts a finished value into its parent; true when it was the root. */
  const place = (value: BencodeValue): boolean => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = value;
      return true;
    }
    if (top.dict !== undefined) {
      top.dict[top.key!] = value;
      top.key = undefined;
    } else {
      (top.node as BencodeList).push(value);
    }
    return false;
  };

  for (;;) {
    if (pos >= n) fail('BENCODE_TRUNCATED', stack.length > 0 ? 'input ends inside a list or dictionary' : 'input is empty', pos);
    const c = buf[pos]!;
    const top = stack[stack.length - 1];

    if (top !== undefined && c === E) {
      if (top.key !== undefined) fail('BENCODE_MISSING_VALUE', `dictionary key "${printable(top.key)}" without a value`, pos);
      stack.pop();
      pos++;
      spans.set(top.node, { start: top.start, end: pos });
      if (place(top.node)) break;
      continue;
    }

    if (top?.dict !== undefined && top.key === undefined) {
      if (!isDigit(c)) fail('BENCODE_KEY_NOT_STRING', `dictionary key is not a string (byte 0x${hex(c)})`, pos);
      countToken();
      const keyAt = pos;
      const start = readString();
      const key = buf.toString('latin1', start, pos);
      // The dictionary has no prototype: an own key is the only thing `in` can find.
      if (key in top.dict) fail('BENCODE_DUPLICATE_KEY', `dictionary key "${printable(key)}" appears twice`, keyAt);
      if (strict && top.previousKeyEnd >= 0 && buf.compare(buf, top.previousKeyStart, top.previousKeyEnd, start, pos) <= 0) {
        fail('BENCODE_UNSORTED_KEYS', `dictionary key "${printable(key)}" is out of order`, keyAt);
      }
      top.key = key;
      top.previousKeyStart = start;
      top.previousKeyEnd = pos;
      continue;
    }

    countToken();
    if (c === L || c === D) {
      if (stack.length >= limits.maxDepth) fail('BENCODE_DEPTH', `lists and dictionaries nest deeper than ${limits.maxDepth}`, pos);
      const dict = c === D ? (Object.create(null) as BencodeDict) : undefined;
      stack.push({ node: dict ?? [], dict, start: pos, key: undefined, previousKeyStart: -1, previousKeyEnd: -1 });
      pos++;
      continue;
    }
    let value: BencodeValue;
    if (c === I) {
      value = readInteger();
    } else if (isDigit(c)) {
      const at = pos;
      const start = readString();
      value = buf.subarray(start, pos);
      spans.set(value, { start: at, end: pos });
    } else {
      fail('BENCODE_UNEXPECTED_BYTE', `unexpected byte 0x${hex(c)}`, pos);
    }
    if (place(value)) break;
  }

  if (pos < n && options.prefix !== true) fail('BENCODE_TRAILING_DATA', `${n - pos} bytes after the end of the value`, pos);
  return {
    value: root!,
    end: pos,
    spanOf: (node) => (typeof node === 'object' && node !== null ? spans.get(node) : undefined),
  };
}

function definedOnly(options: BdecodeOptions): Partial<BdecodeLimits> {
  const out: { -readonly [K in keyof BdecodeLimits]?: number } = {};
  if (options.maxDepth !== undefined) out.maxDepth = options.maxDepth;
  if (options.maxTokens !== undefined) out.maxTokens = options.maxTokens;
  if (options.maxInputLength !== undefined) out.maxInputLength = options.maxInputLength;
  if (options.maxStringLength !== undefined) out.maxStringLength = options.maxStringLength;
  return out;
}

const hex = (b: number): string => b.toString(16).padStart(2, '0');

/** A key for a message: printable ASCII kept, anything else as \xNN, long keys cut. */
function printable(s: string): string {
  const shown = s.length > 40 ? `${s.slice(0, 40)}...` : s;
  return shown.replace(/[^\x20-\x7e]/g, (ch) => `\\x${hex(ch.charCodeAt(0))}`);
}
