// The bencode encoder: canonical output only. Dictionary keys are written in
// ascending byte order; a key is a byte string spelt in latin1 (one char per
// byte), the way the decoder hands keys back, so decoded dictionaries
// re-encode to the same bytes. Other strings are text and written as UTF-8.
import { BencodeEncodeError } from './errors.ts';

/** What the encoder writes. Dictionary values that are undefined are left out. */
export type BencodeInput =
  | number
  | bigint
  | string
  | Uint8Array
  | readonly BencodeInput[]
  | { readonly [key: string]: BencodeInput | undefined };

/** Nesting deeper than this is taken for a cycle (nothing swarmhook writes comes near). */
const MAX_ENCODE_DEPTH = 1000;

const LIST = Buffer.from('l');
const DICT = Buffer.from('d');
const END = Buffer.from('e');

/** The canonical bencoding of `value`. Throws BencodeEncodeError for what bencode cannot hold. */
export function bencode(value: BencodeInput): Buffer {
  const parts: Uint8Array[] = [];
  write(value, parts, 0);
  return Buffer.concat(parts);
}

function write(value: BencodeInput, parts: Uint8Array[], depth: number): void {
  if (depth > MAX_ENCODE_DEPTH) throw new BencodeEncodeError('BENCODE_NOT_ENCODABLE', `nesting deeper than ${MAX_ENCODE_DEPTH} (a cycle?)`);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new BencodeEncodeError('BENCODE_NOT_ENCODABLE', `${value} is not an exact integer`);
    parts.push(Buffer.from(`i${value === 0 ? 0 : value}e`, 'latin1'));
  } else if (typeof value === 'bigint') {
    parts.push(Buffer.from(`i${value}e`, 'latin1'));
  } else if (typeof value === 'string') {
    writeBytes(Buffer.from(value, 'utf8'), parts);
  } else if (value instanceof Uint8Array) {
    writeBytes(value, parts);
  } else if (Array.isArray(value)) {
    parts.push(LIST);
    for (const item of value as readonly BencodeInput[]) write(item, parts, depth + 1);
    parts.push(END);
  } else if (isPlainObject(value)) {
    const dict = value as { readonly [key: string]: BencodeInput | undefined };
    parts.push(DICT);
    // For latin1 strings, code-unit order is byte order.
    for (const key of Object.keys(dict).sort()) {
      const item = dict[key];
      if (item === undefined) continue;
      if (/[^\x00-\xff]/.test(key)) {
        throw new BencodeEncodeError('BENCODE_NOT_ENCODABLE', `dictionary key "${key}" has a character beyond latin1 (keys are bytes)`);
      }
      writeBytes(Buffer.from(key, 'latin1'), parts);
      write(item, parts, depth + 1);
    }
    parts.push(END);
  } else {
    throw new BencodeEncodeError('BENCODE_NOT_ENCODABLE', `a ${describe(value)} has no bencoding`);
  }
}

function writeBytes(bytes: Uint8Array, parts: Uint8Array[]): void {
  parts.push(Buffer.from(`${bytes.length}:`, 'latin1'), bytes);
}

function isPlainObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}
