// The BEP 10 handshake dictionary: decoding what a peer sent (hostile input:
// every field is checked, odd fields dropped) and encoding ours.
import { BencodeEncodeError, BencodeError } from '../bencode/index.ts';
import { decodeWireBencode, encodeBencode, isBencodeDict, ownValue, type BencodeInput, type BencodeValue } from './bencode.ts';
import { WireError } from './errors.ts';
import type { ExtendedHandshake } from './messages.ts';

const KNOWN_KEYS = new Set(['m', 'p', 'v', 'yourip', 'ipv4', 'ipv6', 'reqq', 'metadata_size', 'upload_only']);

function intIn(v: BencodeValue | undefined, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? v : undefined;
}

function bytesOfLength(v: BencodeValue | undefined, ...lengths: number[]): Buffer | undefined {
  return Buffer.isBuffer(v) && lengths.includes(v.length) ? v : undefined;
}

/**
 * Decodes the payload of extended message 0. Throws WireError BAD_EXTENDED
 * when it is not a bencoded dictionary or `m` is not a dictionary; fields of
 * the wrong type or range are dropped rather than trusted.
 */
export function decodeExtendedHandshake(payload: Uint8Array): ExtendedHandshake {
  let dict: BencodeValue;
  try {
    dict = decodeWireBencode(payload, false).value;
  } catch (err) {
    if (!(err instanceof BencodeError)) throw err;
    throw new WireError('BAD_EXTENDED', `extension handshake is not valid bencode: ${err.message}`, { cause: err });
  }
  if (!isBencodeDict(dict)) throw new WireError('BAD_EXTENDED', 'extension handshake is not a dictionary');

  const rawM = ownValue(dict, 'm');
  if (rawM !== undefined && !isBencodeDict(rawM)) throw new WireError('BAD_EXTENDED', 'extension handshake "m" is not a dictionary');
  // The caller gets plain objects: a "__proto__" key is skipped, as assigning it would set their prototype.
  const m: Record<string, number> = {};
  if (rawM !== undefined) {
    for (const name of Object.keys(rawM)) {
      const id = intIn(rawM[name], 0, 255);
      if (id !== undefined && name !== '__proto__') m[name] = id;
    }
  }

  const v = ownValue(dict, 'v');
  const extra: Record<string, unknown> = {};
  let hasExtra = false;
  for (const key of Object.keys(dict)) {
    if (KNOWN_KEYS.has(key) || key === '__proto__') continue;
    extra[key] = dict[key];
    hasExtra = true;
  }
  const out: {
    -readonly [K in keyof ExtendedHandshake]: ExtendedHandshake[K];
  } = { m };
  const p = intIn(ownValue(dict, 'p'), 1, 65535);
  if (p !== undefined) out.p = p;
  if (Buffer.isBuffer(v)) out.v = v.toString('utf8');
  const yourip = bytesOfLength(ownValue(dict, 'yourip'), 4, 16);
  if (yourip !== undefined) out.yourip = yourip;
  const ipv4 = bytesOfLength(ownValue(dict, 'ipv4'), 4);
  if (ipv4 !== undefined) out.ipv4 = ipv4;
  const ipv6 = bytesOfLength(ownValue(dict, 'ipv6'), 16);
  if (ipv6 !== undefined) out.ipv6 = ipv6;
  const reqq = intIn(ownValue(dict, 'reqq'), 1, 2 ** 31 - 1);
  if (reqq !== undefined) out.reqq = reqq;
  const metadataSize = intIn(ownValue(dict, 'metadata_size'), 0, Number.MAX_SAFE_INTEGER);
  if (metadataSize !== undefined) out.metadata_size = metadataSize;
  const uploadOnly = intIn(ownValue(dict, 'upload_only'), 0, 2 ** 31 - 1);
  if (uploadOnly !== undefined) out.upload_only = uploadOnly;
  if (hasExtra) out.extra = extra;
  return out;
}

/** The bencoded dictionary of our extension handshake. */
export function encodeExtendedHandshake(handshake: ExtendedHandshake): Buffer {
  const dict: Record<string, BencodeInput | undefined> = {};
  if (handshake.extra !== undefined) {
    for (const [key, value] of Object.entries(handshake.extra)) dict[key] = value as BencodeInput;
  }
  dict.m = handshake.m;
  dict.p = handshake.p;
  dict.v = handshake.v;
  dict.yourip = handshake.yourip;
  dict.ipv4 = handshake.ipv4;
  dict.ipv6 = handshake.ipv6;
  dict.reqq = handshake.reqq;
  dict.metadata_size = handshake.metadata_size;
  dict.upload_only = handshake.upload_only;
  try {
    return encodeBencode(dict);
  } catch (err) {
    if (!(err instanceof BencodeEncodeError)) throw err;
    throw new WireError('BAD_VALUE', `extension handshake cannot be encoded: ${err.message}`, { cause: err });
  }
}
