// A strict bencode decoder for replies from untrusted trackers. The `bencode`
// package is lenient in ways a hostile tracker can exploit: a negative string
// length (`l-3:e`) sends its decoder into an endless loop. This one checks
// every length against the input, bounds nesting and rejects what BEP 3 does
// not allow, so any byte string either decodes or throws BdecodeError.

export type BValue = number | Buffer | BValue[] | BDict;

/** A bencoded dictionary. Keys are the raw key bytes as a latin1 string, so binary keys (info hashes) survive. */
export interface BDict {
  readonly [key: string]: BValue | undefined;
}

export class BdecodeError extends Error {
  override readonly name = 'BdecodeError';
  readonly code = 'BENCODE_INVALID';
  /** Byte offset at which the input stopped making sense. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.offset = offset;
  }
}

const MAX_DEPTH = 64;
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const E = 0x65;

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= ZERO && b <= NINE;
const isTrailingSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Decodes one bencoded value filling `data` (trailing white space is tolerated, nothing else). */
export function bdecode(data: Uint8Array): BValue {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const reader = new Reader(buf);
  const value = reader.value(0);
  for (let i = reader.pos; i < buf.length; i++) {
    if (!isTrailingSpace(buf[i]!)) throw new BdecodeError('unexpected data after the end of the value', i);
  }
  return value;
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  value(depth: number): BValue {
    if (depth > MAX_DEPTH) throw new BdecodeError(`nesting deeper than ${MAX_DEPTH}`, this.pos);
    const b = this.buf[this.pos];
    if (b === undefined) throw new BdecodeError('unexpected end of data', this.pos);
    if (b === 0x69) return this.integer();
    if (b === 0x6c) return this.list(depth);
    if (b === 0x64) return this.dict(depth);
    if (isDigit(b)) return this.string();
    throw new BdecodeError(`unexpected byte 0x${b.toString(16).padStart(2, '0')}`, this.pos);
  }

  /** Reads digits up to `terminator`; no sign, no leading zeros. */
  private digits(terminator: number, allowMinus: boolean): number {
    const start = this.pos;
    let negative = false;
    if (allowMinus && this.buf[this.pos] === MINUS) {
      negative = true;
      this.pos++;
    }
    const first = this.pos;
    let n = 0;
    while (isDigit(this.buf[this.pos])) {
      n = n * 10 + (this.buf[this.pos]! - ZERO);
      this.pos++;
    }
    const count = this.pos - first;
    if (count === 0) throw new BdecodeError('expected a digit', this.pos);
    if (count > 1 && this.buf[first] === ZERO) throw new BdecodeError('number with a leading zero', first);
    if (negative && n === 0) throw new BdecodeError('negative zero', start);
    if (!Number.isSafeInteger(n)) throw new BdecodeError('number too large', start);
    if (this.buf[this.pos] !== terminator) {
      throw new BdecodeError(this.pos >= this.buf.length ? 'unexpected end of data' : 'malformed number', this.pos);
    }
    this.pos++;
    return negative ? -n : n;
  }

  private integer(): number {
    this.pos++; // 'i'
    return this.digits(E, true);
  }

  private string(): Buffer {
    const at = this.pos;
    const length = this.digits(COLON, false);
    if (length > this.buf.length - this.pos) {
      throw new BdecodeError(`string of ${length} bytes runs past the end of data`, at);
    }
    const s = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return s;
  }

  private list(depth: number): BValue[] {
    this.pos++; // 'l'
    const items: BValue[] = [];
    while (this.buf[this.pos] !== E) {
      if (this.pos >= this.buf.length) throw new BdecodeError('unterminated list', this.pos);
      items.push(this.value(depth + 1));
    }
    this.pos++;
    return items;
  }

  private dict(depth: number): BDict {
    this.pos++; // 'd'
    const dict: Record<string, BValue> = Object.create(null) as Record<string, BValue>;
    while (this.buf[this.pos] !== E) {
      if (this.pos >= this.buf.length) throw new BdecodeError('unterminated dictionary', this.pos);
      if (!isDigit(this.buf[this.pos])) throw new BdecodeError('dictionary key is not a string', this.pos);
      const key = this.string().toString('latin1');
      dict[key] = this.value(depth + 1);
    }
    this.pos++;
    return dict;
  }
}

export function isDict(v: BValue | undefined): v is BDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}
