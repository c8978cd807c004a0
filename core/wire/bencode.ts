// The wire layer's use of the shared bencode decoder (core/bencode): the
// limits for extension messages from peers, which are hostile, and a few
// helpers for reading decoded dictionaries. Non-canonical input (unsorted
// keys, leading zeros) is accepted, as libtorrent accepts it from peers;
// duplicate keys are not.
import { bdecode, bencode, BencodeError, isBencodeDict, type Bdecoded, type BencodeDict, type BencodeInput, type BencodeValue } from '../bencode/index.ts';

export { isBencodeDict };
export type { BencodeDict, BencodeInput, BencodeValue };

/** Nesting deeper than this is refused. */
export const MAX_BENCODE_DEPTH = 64;
/** Values and keys in one extension message; a real handshake has a few dozen. */
export const MAX_BENCODE_TOKENS = 100_000;

/**
 * Decodes an extension message's dictionary: the whole payload, or with
 * `prefix` its start (ut_metadata data carry raw bytes after it). Throws
 * BencodeError; callers turn it into their own coded error.
 */
export function decodeWireBencode(data: Uint8Array, prefix: boolean): Bdecoded {
  return bdecode(data, { maxDepth: MAX_BENCODE_DEPTH, maxTokens: MAX_BENCODE_TOKENS, nonCanonical: 'accept', prefix });
}

/** Where the bencoded value starting at `start` ends (exclusive), or -1 when the bytes up to `end` do not hold one. */
export function bencodeEnd(data: Uint8Array, start = 0, end = data.length): number {
  const decoded = decodeBencode(data.subarray(start, end), true);
  return decoded === undefined ? -1 : start + decoded.end;
}

/** decodeWireBencode, with undefined instead of an error. */
export function decodeBencode(data: Uint8Array, allowTrailing = false): { value: BencodeValue; end: number } | undefined {
  try {
    const decoded = decodeWireBencode(data, allowTrailing);
    return { value: decoded.value, end: decoded.end };
  } catch (err) {
    if (err instanceof BencodeError) return undefined;
    throw err;
  }
}

export function encodeBencode(value: BencodeInput): Buffer {
  return bencode(value);
}

/** A dictionary's own property (decoded dictionaries have no prototype; dictionaries built in code may). */
export function ownValue(dict: BencodeDict, key: string): BencodeValue | undefined {
  return Object.hasOwn(dict, key) ? dict[key] : undefined;
}
