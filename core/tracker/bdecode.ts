// Tracker replies through the shared bencode decoder (core/bencode), with the
// limits of a tracker reply. Non-canonical input is accepted, as libtorrent
// accepts it from trackers (some write keys out of order); duplicate keys are
// not. Trailing white space after the reply is tolerated: some trackers end
// their body with a newline.
import { bdecode as decode, BencodeError, isBencodeDict, type BencodeDict, type BencodeValue } from '../bencode/index.ts';

export type BValue = BencodeValue;
/** A bencoded dictionary, prototype-less. Keys are the raw key bytes as a latin1 string, so binary keys (info hashes) survive. */
export type BDict = BencodeDict;
/** What bdecode throws: a CodedError with a BENCODE_* code and the byte offset. */
export { BencodeError as BdecodeError };

/** Nesting deeper than any tracker reply has. */
export const MAX_TRACKER_REPLY_DEPTH = 64;
/** Values and keys in one reply: enough for 100,000 peers in the dictionary model. */
export const MAX_TRACKER_REPLY_TOKENS = 1_000_000;

const isTrailingSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Decodes one bencoded value filling `data` (trailing white space is tolerated, nothing else). Throws BdecodeError. */
export function bdecode(data: Uint8Array): BValue {
  const decoded = decode(data, { maxDepth: MAX_TRACKER_REPLY_DEPTH, maxTokens: MAX_TRACKER_REPLY_TOKENS, nonCanonical: 'accept', prefix: true });
  for (let i = decoded.end; i < data.length; i++) {
    if (!isTrailingSpace(data[i]!)) throw new BencodeError('BENCODE_TRAILING_DATA', 'unexpected data after the end of the value', i);
  }
  return decoded.value;
}

export function isDict(v: BValue | undefined): v is BDict {
  return isBencodeDict(v);
}
