// Encoding of the handshake and of every message. Pure functions returning
// fresh Buffers. encodePieceHeader exists so a block can be written after its
// 13-byte header without being copied (socket.cork + two writes = one writev).
import { WireError } from './errors.ts';
import { encodeExtendedHandshake } from './extended-handshake.ts';
import {
  EXTENDED_HANDSHAKE_ID,
  HANDSHAKE_LENGTH,
  MessageId,
  PROTOCOL_BYTES,
  reservedBytes,
  type Extended,
  type ExtendedHandshake,
  type Extensions,
  type Message,
} from './messages.ts';

const MAX_U32 = 0xffffffff;

function u32(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_U32) {
    throw new WireError('BAD_VALUE', `${what} must be an integer in 0..${MAX_U32}, got ${value}`);
  }
  return value;
}

function twentyBytes(value: Uint8Array, what: string): Uint8Array {
  if (value.length !== 20) throw new WireError('BAD_VALUE', `${what} must be 20 bytes, got ${value.length}`);
  return value;
}

/**
 * The 68-byte handshake. `extensions` is either the extension bits to
 * announce or the 8 reserved bytes verbatim.
 */
export function encodeHandshake(infoHash: Uint8Array, peerId: Uint8Array, extensions: Partial<Extensions> | Uint8Array = {}): Buffer {
  const reserved = extensions instanceof Uint8Array ? extensions : reservedBytes(extensions);
  if (reserved.length !== 8) throw new WireError('BAD_VALUE', `reserved bytes must be 8, got ${reserved.length}`);
  const out = Buffer.allocUnsafe(HANDSHAKE_LENGTH);
  out[0] = PROTOCOL_BYTES.length;
  out.set(PROTOCOL_BYTES, 1);
  out.set(reserved, 20);
  out.set(twentyBytes(infoHash, 'info hash'), 28);
  out.set(twentyBytes(peerId, 'peer id'), 48);
  return out;
}

/** A message with no payload: length 1 and its id. */
function bare(id: number): Buffer {
  const out = Buffer.allocUnsafe(5);
  out.writeUInt32BE(1, 0);
  out[4] = id;
  return out;
}

/** A message with one 32-bit integer: have, suggest, allowed fast. */
function withIndex(id: number, index: number): Buffer {
  const out = Buffer.allocUnsafe(9);
  out.writeUInt32BE(5, 0);
  out[4] = id;
  out.writeUInt32BE(u32(index, 'piece index'), 5);
  return out;
}

/** A message with index, begin, length: request, cancel, reject. */
function withBlock(id: number, index: number, begin: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(17);
  out.writeUInt32BE(13, 0);
  out[4] = id;
  out.writeUInt32BE(u32(index, 'piece index'), 5);
  out.writeUInt32BE(u32(begin, 'block offset'), 9);
  out.writeUInt32BE(u32(length, 'block length'), 13);
  return out;
}

export function encodeKeepAlive(): Buffer {
  return Buffer.alloc(4);
}
export const encodeChoke = (): Buffer => bare(MessageId.CHOKE);
export const encodeUnchoke = (): Buffer => bare(MessageId.UNCHOKE);
export const encodeInterested = (): Buffer => bare(MessageId.INTERESTED);
export const encodeNotInterested = (): Buffer => bare(MessageId.NOT_INTERESTED);
export const encodeHaveAll = (): Buffer => bare(MessageId.HAVE_ALL);
export const encodeHaveNone = (): Buffer => bare(MessageId.HAVE_NONE);
export const encodeHave = (index: number): Buffer => withIndex(MessageId.HAVE, index);
export const encodeSuggest = (index: number): Buffer => withIndex(MessageId.SUGGEST, index);
export const encodeAllowedFast = (index: number): Buffer => withIndex(MessageId.ALLOWED_FAST, index);
export const encodeRequest = (index: number, begin: number, length: number): Buffer => withBlock(MessageId.REQUEST, index, begin, length);
export const encodeCancel = (index: number, begin: number, length: number): Buffer => withBlock(MessageId.CANCEL, index, begin, length);
export const encodeReject = (index: number, begin: number, length: number): Buffer => withBlock(MessageId.REJECT, index, begin, length);

export function encodeBitfield(bitfield: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + bitfield.length);
  out.writeUInt32BE(u32(1 + bitfield.length, 'message length'), 0);
  out[4] = MessageId.BITFIELD;
  out.set(bitfield, 5);
  return out;
}

/** The 13 bytes before a block of `blockLength` bytes; write the block right after it. */
export function encodePieceHeader(index: number, begin: number, blockLength: number): Buffer {
  const out = Buffer.allocUnsafe(13);
  out.writeUInt32BE(u32(9 + blockLength, 'message length'), 0);
  out[4] = MessageId.PIECE;
  out.writeUInt32BE(u32(index, 'piece index'), 5);
  out.writeUInt32BE(u32(begin, 'block offset'), 9);
  return out;
}

/** A whole piece message in one buffer (copies the block; the peer uses the header instead). */
export function encodePiece(index: number, begin: number, block: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(13 + block.length);
  encodePieceHeader(index, begin, block.length).copy(out, 0);
  out.set(block, 13);
  return out;
}

export function encodePort(port: number): Buffer {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WireError('BAD_VALUE', `port must be in 0..65535, got ${port}`);
  const out = Buffer.allocUnsafe(7);
  out.writeUInt32BE(3, 0);
  out[4] = MessageId.PORT;
  out.writeUInt16BE(port, 5);
  return out;
}

export function encodeExtended(extendedId: number, payload: Uint8Array): Buffer {
  if (!Number.isInteger(extendedId) || extendedId < 0 || extendedId > 255) {
    throw new WireError('BAD_VALUE', `extended message id must be in 0..255, got ${extendedId}`);
  }
  const out = Buffer.allocUnsafe(6 + payload.length);
  out.writeUInt32BE(u32(2 + payload.length, 'message length'), 0);
  out[4] = MessageId.EXTENDED;
  out[5] = extendedId;
  out.set(payload, 6);
  return out;
}

/** The extension handshake as a message object (payload encoded, dictionary kept). */
export function extendedHandshakeMessage(handshake: ExtendedHandshake): Extended {
  return { type: 'extended', extendedId: EXTENDED_HANDSHAKE_ID, payload: encodeExtendedHandshake(handshake), handshake };
}

/** Any message as a fresh buffer, length prefix included. An extended message is written from its `payload`. */
export function encodeMessage(message: Message): Buffer {
  switch (message.type) {
    case 'keep-alive':
      return encodeKeepAlive();
    case 'choke':
      return encodeChoke();
    case 'unchoke':
      return encodeUnchoke();
    case 'interested':
      return encodeInterested();
    case 'not-interested':
      return encodeNotInterested();
    case 'have':
      return encodeHave(message.index);
    case 'bitfield':
      return encodeBitfield(message.bitfield);
    case 'request':
      return encodeRequest(message.index, message.begin, message.length);
    case 'piece':
      return encodePiece(message.index, message.begin, message.block);
    case 'cancel':
      return encodeCancel(message.index, message.begin, message.length);
    case 'port':
      return encodePort(message.port);
    case 'suggest':
      return encodeSuggest(message.index);
    case 'have-all':
      return encodeHaveAll();
    case 'have-none':
      return encodeHaveNone();
    case 'reject':
      return encodeReject(message.index, message.begin, message.length);
    case 'allowed-fast':
      return encodeAllowedFast(message.index);
    case 'extended':
      return encodeExtended(message.extendedId, message.payload);
    case 'unknown': {
      if (!Number.isInteger(message.id) || message.id < 0 || message.id > 255) {
        throw new WireError('BAD_VALUE', `message id must be in 0..255, got ${message.id}`);
      }
      const out = Buffer.allocUnsafe(5 + message.payload.length);
      out.writeUInt32BE(u32(1 + message.payload.length, 'message length'), 0);
      out[4] = message.id;
      out.set(message.payload, 5);
      return out;
    }
  }
}
