// The uTP packet codec (BEP 29), pure: bytes <-> packet objects, nothing else.
// Header v1, 20 bytes, big-endian:
//   type(4 bits) ver(4 bits) | extension | connection_id(16)
//   timestamp_microseconds(32) | timestamp_difference_microseconds(32)
//   wnd_size(32) | seq_nr(16) | ack_nr(16)
// then a chain of extensions (next type, length, data) and the payload.
import { UtpError } from './errors.ts';

export const PacketType = Object.freeze({ DATA: 0, FIN: 1, STATE: 2, RESET: 3, SYN: 4 });
export type PacketType = (typeof PacketType)[keyof typeof PacketType];

export const UTP_VERSION = 1;
export const HEADER_LENGTH = 20;
/** Extension type of the selective ACK; the only one BEP 29 defines. */
export const EXTENSION_SELECTIVE_ACK = 1;

/** An extension we do not interpret, kept so that a decoded packet encodes back to the same bytes. */
export interface RawExtension {
  readonly type: number;
  readonly data: Buffer;
}

export interface UtpPacket {
  readonly type: PacketType;
  readonly connectionId: number;
  readonly timestamp: number;
  readonly timestampDiff: number;
  readonly windowSize: number;
  readonly seq: number;
  readonly ack: number;
  /**
   * Selective ACK bitmask: bit i (least significant bit of byte i/8 first)
   * says packet ack + 2 + i was received. We send a multiple of 4 bytes
   * (BEP 29) and read any length.
   */
  readonly selectiveAck?: Buffer;
  /** Extensions other than the selective ACK, in their order. */
  readonly extensions?: readonly RawExtension[];
  readonly payload: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** Whether a datagram's first byte looks like uTP v1 (type 0-4, version 1): what the socket tells apart from the DHT's 'd'. */
export function looksLikeUtp(datagram: Buffer): boolean {
  if (datagram.length < HEADER_LENGTH) return false;
  const first = datagram[0]!;
  return (first & 0x0f) === UTP_VERSION && first >> 4 <= PacketType.SYN;
}

/** Decodes one datagram. Throws UtpError (UTP_TRUNCATED, UTP_BAD_HEADER, UTP_BAD_EXTENSION); the payload is a view of the datagram. */
export function decodePacket(datagram: Buffer): UtpPacket {
  if (datagram.length < HEADER_LENGTH) throw new UtpError('UTP_TRUNCATED', `a uTP datagram has at least ${HEADER_LENGTH} bytes, got ${datagram.length}`);
  const first = datagram[0]!;
  const version = first & 0x0f;
  const type = first >> 4;
  if (version !== UTP_VERSION) throw new UtpError('UTP_BAD_HEADER', `uTP version ${version}, expected ${UTP_VERSION}`);
  if (type > PacketType.SYN) throw new UtpError('UTP_BAD_HEADER', `unknown uTP packet type ${type}`);
  let next = datagram[1]!;
  let offset = HEADER_LENGTH;
  let selectiveAck: Buffer | undefined;
  let extensions: RawExtension[] | undefined;
  while (next !== 0) {
    if (offset + 2 > datagram.length) throw new UtpError('UTP_BAD_EXTENSION', `extension ${next} header runs past the datagram's end`);
    const type = next;
    next = datagram[offset]!;
    const length = datagram[offset + 1]!;
    offset += 2;
    if (offset + length > datagram.length) throw new UtpError('UTP_BAD_EXTENSION', `extension ${type} of ${length} bytes runs past the datagram's end`);
    const data = datagram.subarray(offset, offset + length);
    offset += length;
    if (type === EXTENSION_SELECTIVE_ACK) {
      // BEP 29 says a multiple of 4 bytes, but libtorrent 2.0 sends other lengths: any length is read, bit by bit.
      if (selectiveAck !== undefined) throw new UtpError('UTP_BAD_EXTENSION', 'two selective ACKs in one packet');
      if (length > 0) selectiveAck = data;
    } else {
      (extensions ??= []).push({ type, data });
    }
  }
  return {
    type: type as PacketType,
    connectionId: datagram.readUInt16BE(2),
    timestamp: datagram.readUInt32BE(4),
    timestampDiff: datagram.readUInt32BE(8),
    windowSize: datagram.readUInt32BE(12),
    seq: datagram.readUInt16BE(16),
    ack: datagram.readUInt16BE(18),
    // Every field present, undefined or not: one object shape for every packet (the receive path's hot object).
    selectiveAck,
    extensions,
    payload: offset === datagram.length ? EMPTY : datagram.subarray(offset),
  };
}

/** The header and extensions of a packet, without its payload (sent with the payload as a second buffer, uncopied). */
export function encodeHeader(packet: Omit<UtpPacket, 'payload'>): Buffer {
  const chain: RawExtension[] = [];
  if (packet.selectiveAck !== undefined) chain.push({ type: EXTENSION_SELECTIVE_ACK, data: packet.selectiveAck });
  if (packet.extensions !== undefined) chain.push(...packet.extensions);
  let length = HEADER_LENGTH;
  for (const e of chain) length += 2 + e.data.length;
  const out = Buffer.allocUnsafe(length);
  writeHeader(out, packet.type, packet.connectionId, packet.timestamp, packet.timestampDiff, packet.windowSize, packet.seq, packet.ack);
  out[1] = chain.length === 0 ? 0 : chain[0]!.type;
  let offset = HEADER_LENGTH;
  chain.forEach((e, i) => {
    out[offset] = i + 1 < chain.length ? chain[i + 1]!.type : 0;
    out[offset + 1] = e.data.length;
    e.data.copy(out, offset + 2);
    offset += 2 + e.data.length;
  });
  return out;
}

/**
 * Writes a header without extensions into the first HEADER_LENGTH bytes of
 * `out`: what encodeHeader writes, without a packet object or a new buffer
 * (a data packet's header goes in front of its payload, in one datagram).
 */
export function writeHeader(
  out: Buffer,
  type: PacketType,
  connectionId: number,
  timestamp: number,
  timestampDiff: number,
  windowSize: number,
  seq: number,
  ack: number,
): void {
  out[0] = (type << 4) | UTP_VERSION;
  out[1] = 0;
  out.writeUInt16BE(connectionId, 2);
  out.writeUInt32BE(timestamp >>> 0, 4);
  out.writeUInt32BE(timestampDiff >>> 0, 8);
  out.writeUInt32BE(windowSize >>> 0, 12);
  out.writeUInt16BE(seq, 16);
  out.writeUInt16BE(ack, 18);
}

/** One datagram holding the whole packet. */
export function encodePacket(packet: UtpPacket): Buffer {
  return Buffer.concat([encodeHeader(packet), packet.payload]);
}
