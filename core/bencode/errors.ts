// Coded errors of the bencode decoder and encoder. Decoding errors carry the
// byte offset at which the input stopped making sense; each consumer (metainfo,
// wire, tracker, ut_metadata) maps them to its own codes, keeping this one as
// the `cause`.
import { CodedError } from '../errors.ts';

export type BencodeErrorCode =
  /** The input ends before the value does (empty input included). */
  | 'BENCODE_TRUNCATED'
  /** A byte that cannot start or continue a value here (not i, l, d, a digit or e). */
  | 'BENCODE_UNEXPECTED_BYTE'
  /** An integer without digits or with a stray byte before its 'e'; a string length without ':'. */
  | 'BENCODE_BAD_NUMBER'
  /** An integer of more than 20 digits: beyond any 64-bit integer. */
  | 'BENCODE_INTEGER_OVERFLOW'
  /** Non-canonical: a leading zero in an integer or a string length (i03e, 03:abc). */
  | 'BENCODE_LEADING_ZERO'
  /** Non-canonical: i-0e. */
  | 'BENCODE_NEGATIVE_ZERO'
  /** A dictionary key that is not a byte string. */
  | 'BENCODE_KEY_NOT_STRING'
  /** A dictionary ends after a key, before its value. */
  | 'BENCODE_MISSING_VALUE'
  /** A dictionary holds the same key twice: which value counts would be ambiguous. */
  | 'BENCODE_DUPLICATE_KEY'
  /** Non-canonical: dictionary keys not in ascending byte order. */
  | 'BENCODE_UNSORTED_KEYS'
  /** Bytes after the root value where the caller expected none. */
  | 'BENCODE_TRAILING_DATA'
  /** Lists and dictionaries nest deeper than the caller allows. */
  | 'BENCODE_DEPTH'
  /** More values and keys than the caller allows. */
  | 'BENCODE_TOO_MANY_TOKENS'
  /** The input is longer than the caller allows. */
  | 'BENCODE_INPUT_TOO_LONG'
  /** A byte string longer than the caller allows. */
  | 'BENCODE_STRING_TOO_LONG';

export class BencodeError extends CodedError<BencodeErrorCode> {
  /** Byte offset in the input at which decoding failed. */
  readonly offset: number;

  constructor(code: BencodeErrorCode, message: string, offset: number) {
    super(code, `${message} at byte ${offset}`);
    this.offset = offset;
  }
}

/** A value the encoder cannot write (a fraction, a cycle, a key outside latin1...). */
export class BencodeEncodeError extends CodedError<'BENCODE_NOT_ENCODABLE'> {}
