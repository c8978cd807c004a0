// BEP 9 ut_metadata messages as pure functions: encoding and decoding the
// request / data / reject messages, cutting an info dictionary into 16 KiB
// pieces, and answering a request. Peers are hostile: every field of a
// decoded message is checked.
import { BencodeError, CodedError } from '../../core/index.ts';
import { isBencodeDict } from '../../core/bencode/index.ts';
import { decodeWireBencode, encodeBencode, ownValue } from '../../core/wire/index.ts';
import type { BencodeValue, ExtendedHandshake } from '../../core/wire/index.ts';

/** Name of the BEP 9 metadata extension in handshakes' `m`. */
export const UT_METADATA = 'ut_metadata';
/** Metadata travels in pieces of 16 KiB; the last one may be shorter. */
export const METADATA_PIECE_LENGTH = 16 * 1024;

const MSG_REQUEST = 0;
const MSG_DATA = 1;
const MSG_REJECT = 2;

export type MetadataMessage =
  | { readonly type: 'request'; readonly piece: number }
  | { readonly type: 'data'; readonly piece: number; readonly totalSize: number; readonly data: Buffer }
  | { readonly type: 'reject'; readonly piece: number }
  /** BEP 9: a msg_type we do not know is ignored, not an error. */
  | { readonly type: 'unknown'; readonly msgType: number; readonly piece: number };

export type MetadataErrorCode = 'BAD_METADATA_MESSAGE' | 'BAD_METADATA_PIECE' | 'BAD_METADATA_SIZE' | 'BAD_METADATA';

/** Invalid metadata or metadata messages from a peer, or misuse of the functions here. */
export class MetadataError extends CodedError<MetadataErrorCode> {}

/** How many 16 KiB pieces an info dictionary of `size` bytes has. */
export function metadataPieceCount(size: number): number {
  return Math.ceil(size / METADATA_PIECE_LENGTH);
}

/** Length of metadata piece `piece` of an info dictionary of `size` bytes. */
export function metadataPieceLength(size: number, piece: number): number {
  return Math.min(METADATA_PIECE_LENGTH, size - piece * METADATA_PIECE_LENGTH);
}

/** Piece `piece` of an info dictionary (a view, not a copy); undefined outside it. */
export function metadataPiece(info: Uint8Array, piece: number): Buffer | undefined {
  if (!Number.isInteger(piece) || piece < 0 || piece >= metadataPieceCount(info.length)) return undefined;
  const start = piece * METADATA_PIECE_LENGTH;
  return Buffer.from(info.buffer, info.byteOffset + start, Math.min(METADATA_PIECE_LENGTH, info.length - start));
}

/** The payload of a ut_metadata message (what follows the extended message id). */
export function encodeMetadataMessage(message: Exclude<MetadataMessage, { type: 'unknown' }>): Buffer {
  switch (message.type) {
    case 'request':
      return encodeBencode({ msg_type: MSG_REQUEST, piece: message.piece });
    case 'reject':
      return encodeBencode({ msg_type: MSG_REJECT, piece: message.piece });
    case 'data':
      // The piece's bytes follow the dictionary, outside the bencoding.
      return Buffer.concat([encodeBencode({ msg_type: MSG_DATA, piece: message.piece, total_size: message.totalSize }), message.data]);
  }
}

function uint(v: unknown, max: number): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max ? v : undefined;
}

/**
 * Decodes a ut_metadata payload. A data message's bytes are a view into
 * `payload` (copy them to keep them). Throws MetadataError
 * BAD_METADATA_MESSAGE when the dictionary is malformed or a field is missing
 * or out of range.
 */
export function decodeMetadataMessage(payload: Uint8Array): MetadataMessage {
  // A data message's piece follows the dictionary as raw bytes: a prefix decode.
  let decoded: { readonly value: BencodeValue; readonly end: number };
  try {
    decoded = decodeWireBencode(payload, true);
  } catch (err) {
    if (!(err instanceof BencodeError)) throw err;
    throw new MetadataError('BAD_METADATA_MESSAGE', `ut_metadata message does not start with a bencoded dictionary: ${err.message}`, { cause: err });
  }
  const dict = decoded.value;
  if (!isBencodeDict(dict)) throw new MetadataError('BAD_METADATA_MESSAGE', 'ut_metadata message does not start with a bencoded dictionary');
  const msgType = uint(ownValue(dict, 'msg_type'), 2 ** 31);
  if (msgType === undefined) throw new MetadataError('BAD_METADATA_MESSAGE', 'ut_metadata message without a valid msg_type');
  const piece = uint(ownValue(dict, 'piece'), 2 ** 31);
  if (piece === undefined) throw new MetadataError('BAD_METADATA_MESSAGE', `ut_metadata message (msg_type ${msgType}) without a valid piece`);
  switch (msgType) {
    case MSG_REQUEST:
      return { type: 'request', piece };
    case MSG_REJECT:
      return { type: 'reject', piece };
    case MSG_DATA: {
      const totalSize = uint(ownValue(dict, 'total_size'), Number.MAX_SAFE_INTEGER);
      if (totalSize === undefined) throw new MetadataError('BAD_METADATA_MESSAGE', `ut_metadata data for piece ${piece} without a valid total_size`);
      const rest = payload.subarray(decoded.end);
      return { type: 'data', piece, totalSize, data: Buffer.from(rest.buffer, rest.byteOffset, rest.byteLength) };
    }
    default:
      return { type: 'unknown', msgType, piece };
  }
}

/** The answer to a request: the piece with total_size, or a reject when we have no metadata or no such piece. */
export function answerMetadataRequest(info: Uint8Array | undefined, piece: number): Exclude<MetadataMessage, { type: 'unknown' | 'request' }> {
  const data = info === undefined ? undefined : metadataPiece(info, piece);
  if (info === undefined || data === undefined) return { type: 'reject', piece };
  return { type: 'data', piece, totalSize: info.length, data };
}

/** What a remote's extension handshake says about its ut_metadata: the id to send under, and the size it announced. */
export interface RemoteMetadataSupport {
  /** The extended message id the remote receives ut_metadata under. */
  readonly id: number;
  /** metadata_size, when the remote announced one (it has the metadata). */
  readonly size: number | undefined;
}

/** undefined when the remote does not speak ut_metadata (absent, or id 0: disabled). */
export function remoteMetadataSupport(handshake: ExtendedHandshake | undefined): RemoteMetadataSupport | undefined {
  const id = handshake?.m[UT_METADATA];
  if (id === undefined || id === 0) return undefined;
  const size = handshake!.metadata_size;
  return { id, size: size !== undefined && size > 0 ? size : undefined };
}
