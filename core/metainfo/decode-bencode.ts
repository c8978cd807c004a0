// .torrent files and info dictionaries through the shared decoder
// (core/bencode), with the limits of a torrent file and metainfo's own error
// codes. Non-canonical input (unsorted keys, leading zeros) is accepted, as
// libtorrent accepts it: the info hash is the SHA-1 of the info value's bytes
// as they stand, so nothing is lost by reading them.
import { bdecode, BencodeError, isBencodeDict, type BdecodeOptions, type BencodeValue, type ByteSpan } from '../bencode/index.ts';
import { MetainfoError, type MetainfoErrorCode } from './errors.ts';

export type { ByteSpan } from '../bencode/index.ts';

/** Deeper than any real .torrent (a multi-file torrent needs 4 levels). */
export const MAX_DEPTH = 64;
/** libtorrent's limit for .torrent files: ~250,000 files of a few path segments each. */
export const MAX_TOKENS = 2_000_000;

export interface BencodeScan {
  /** End of the top-level value. */
  readonly end: number;
  /** Span of the value of the top-level dictionary's `info` key, when there is one. */
  readonly info: ByteSpan | undefined;
}

export interface DecodedMetainfo {
  readonly value: BencodeValue;
  readonly scan: BencodeScan;
}

/**
 * Decodes bencoded metainfo. With `prefix`, bytes after the top-level value
 * are left alone (libtorrent ignores them in .torrent files); without, they
 * are an error. Throws MetainfoError NOT_BENCODE, TOO_DEEP or DUPLICATE_KEY.
 */
export function decodeMetainfo(buf: Uint8Array, options: { readonly prefix: boolean; readonly maxDepth?: number }): DecodedMetainfo {
  const decodeOptions: BdecodeOptions = {
    maxDepth: options.maxDepth ?? MAX_DEPTH,
    maxTokens: MAX_TOKENS,
    nonCanonical: 'accept',
    prefix: options.prefix,
  };
  try {
    const decoded = bdecode(buf, decodeOptions);
    const top = decoded.value;
    const info = isBencodeDict(top) ? top['info'] : undefined;
    return { value: top, scan: { end: decoded.end, info: decoded.spanOf(info) } };
  } catch (err) {
    if (!(err instanceof BencodeError)) throw err;
    throw new MetainfoError(metainfoCode(err), err.message, { cause: err });
  }
}

/**
 * Checks that `buf` starts with one well-formed bencoded value nested at most
 * `maxDepth` deep, with no duplicate dictionary key, and finds the span of
 * its `info` value. Throws MetainfoError NOT_BENCODE, TOO_DEEP or DUPLICATE_KEY.
 */
export function scanBencode(buf: Uint8Array, maxDepth: number = MAX_DEPTH): BencodeScan {
  return decodeMetainfo(buf, { prefix: true, maxDepth }).scan;
}

function metainfoCode(err: BencodeError): MetainfoErrorCode {
  switch (err.code) {
    case 'BENCODE_DEPTH':
      return 'TOO_DEEP';
    case 'BENCODE_DUPLICATE_KEY':
      return 'DUPLICATE_KEY';
    default:
      return 'NOT_BENCODE';
  }
}
