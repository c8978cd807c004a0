// One error class for everything that can be wrong with a .torrent file, a
// magnet link or a request to create a torrent. Callers branch on `code`;
// `message` is English for a person and names the offending key or path.
// CodedError (core/errors.ts) is a leaf with no imports: the one thing this
// module takes from the rest of core.
import { CodedError } from '../errors.ts';

export type MetainfoErrorCode =
  /** The bytes are not well-formed bencode (truncated, bad length, bad integer...). */
  | 'NOT_BENCODE'
  /** Lists and dictionaries nest deeper than the parser allows. */
  | 'TOO_DEEP'
  /** A dictionary holds the same key twice, so which value counts would be ambiguous. */
  | 'DUPLICATE_KEY'
  /** A value has the wrong bencode type (e.g. the top level is not a dictionary). */
  | 'BAD_TYPE'
  /** A required key is absent. */
  | 'MISSING_KEY'
  /** A length is negative, not an integer, or absurdly large. */
  | 'BAD_LENGTH'
  /** The piece length is not a positive integer or is absurdly large. */
  | 'BAD_PIECE_LENGTH'
  /** `pieces` is not a whole number of 20-byte hashes. */
  | 'BAD_PIECES_LENGTH'
  /** The number of piece hashes does not match the total length. */
  | 'PIECES_MISMATCH'
  /** A file name or path could escape the target folder or cannot be a file name. */
  | 'UNSAFE_PATH'
  /** Two files have the same path, or one file's path is a folder of another. */
  | 'DUPLICATE_PATH'
  /** `length` and `files` are both present, or `files` is malformed. */
  | 'BAD_FILES'
  /** The torrent holds no byte. */
  | 'EMPTY_TORRENT'
  /** A BitTorrent v2-only torrent: it has no v1 piece hashes to use. */
  | 'V2_ONLY'
  /** A piece index outside the torrent. */
  | 'PIECE_INDEX_OUT_OF_RANGE'
  /** Not a magnet URI, or a malformed one. */
  | 'BAD_MAGNET'
  /** A magnet link without a BitTorrent info hash (xt=urn:btih:...). */
  | 'MISSING_INFO_HASH'
  /** An info hash that is neither 40 hex digits nor 32 base32 characters. */
  | 'BAD_INFO_HASH'
  /** A peer address (x.pe) that is not ip:port or [ipv6]:port. */
  | 'BAD_PEER'
  /** createTorrent was given an option it cannot use. */
  | 'BAD_OPTION'
  /** A file changed size while its pieces were being hashed. */
  | 'FILE_CHANGED';

export class MetainfoError extends CodedError<MetainfoErrorCode> {}

export function fail(code: MetainfoErrorCode, message: string): never {
  throw new MetainfoError(code, message);
}
