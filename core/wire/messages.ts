// The peer wire protocol's messages: BEP 3 (base protocol), BEP 6 (fast
// extension) and BEP 10 (extension protocol). Every message is a plain object
// with a `type`, so it is what peer_packet_in / peer_packet_out carry.
//
// The shapes are type aliases, not interfaces, so they are assignable to the
// Packet interface of core/types.ts (which has an index signature).

/** "BitTorrent protocol", the protocol string of the handshake. */
export const PROTOCOL = 'BitTorrent protocol';
export const PROTOCOL_BYTES: Buffer = Buffer.from(PROTOCOL, 'latin1');
/** 1 (pstrlen) + 19 + 8 reserved + 20 info hash + 20 peer id. */
export const HANDSHAKE_LENGTH = 68;

/** Message ids (the byte after the length prefix). */
export const MessageId = Object.freeze({
  CHOKE: 0,
  UNCHOKE: 1,
  INTERESTED: 2,
  NOT_INTERESTED: 3,
  HAVE: 4,
  BITFIELD: 5,
  REQUEST: 6,
  PIECE: 7,
  CANCEL: 8,
  PORT: 9,
  SUGGEST: 0x0d,
  HAVE_ALL: 0x0e,
  HAVE_NONE: 0x0f,
  REJECT: 0x10,
  ALLOWED_FAST: 0x11,
  EXTENDED: 20,
} as const);

/** The extended message id of the BEP 10 handshake. */
export const EXTENDED_HANDSHAKE_ID = 0;

/** The usual block size; peers commonly refuse larger requests. */
export const BLOCK_LENGTH = 16 * 1024;

/**
 * Default largest message accepted: a 256 KiB payload (a bitfield for two
 * million pieces, an oversized block, a metadata piece) plus room for headers.
 */
export const DEFAULT_MAX_MESSAGE_LENGTH = 256 * 1024 + 1024;

/** Extension bits of the handshake's 8 reserved bytes. */
export interface Extensions {
  /** BEP 10 extension protocol: reserved[5] & 0x10. */
  readonly extended: boolean;
  /** BEP 6 fast extension: reserved[7] & 0x04. */
  readonly fast: boolean;
  /** BEP 5 DHT (the port message): reserved[7] & 0x01. */
  readonly dht: boolean;
}

export type Handshake = {
  readonly type: 'handshake';
  /** The 8 reserved bytes as received (unknown bits kept). */
  readonly reserved: Buffer;
  readonly extensions: Extensions;
  readonly infoHash: Buffer;
  readonly peerId: Buffer;
};

/**
 * The BEP 10 handshake dictionary. `m` maps extension names to the ids the
 * sender wants to receive them under (0 = disabled). Keys not named here are
 * kept in `extra`, as decoded by core/bencode (byte strings as Buffers,
 * dictionaries without a prototype, keys as latin1 strings of their bytes).
 */
export interface ExtendedHandshake {
  readonly m: Readonly<Record<string, number>>;
  /** The sender's TCP listen port. */
  readonly p?: number;
  /** Client name and version. */
  readonly v?: string;
  /** Our address as the sender sees it (4 or 16 bytes). */
  readonly yourip?: Buffer;
  readonly ipv4?: Buffer;
  readonly ipv6?: Buffer;
  /** How many outstanding requests the sender accepts. */
  readonly reqq?: number;
  /** Size of the info dictionary (BEP 9). */
  readonly metadata_size?: number;
  readonly upload_only?: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export type KeepAlive = { readonly type: 'keep-alive' };
export type Choke = { readonly type: 'choke' };
export type Unchoke = { readonly type: 'unchoke' };
export type Interested = { readonly type: 'interested' };
export type NotInterested = { readonly type: 'not-interested' };
export type Have = { readonly type: 'have'; readonly index: number };
/** The raw bitfield bytes; the peer checks their size against the torrent. */
export type Bitfield = { readonly type: 'bitfield'; readonly bitfield: Buffer };
export type Request = { readonly type: 'request'; readonly index: number; readonly begin: number; readonly length: number };
export type Piece = { readonly type: 'piece'; readonly index: number; readonly begin: number; readonly block: Buffer };
export type Cancel = { readonly type: 'cancel'; readonly index: number; readonly begin: number; readonly length: number };
/** The sender's DHT port (BEP 5). */
export type Port = { readonly type: 'port'; readonly port: number };
export type Suggest = { readonly type: 'suggest'; readonly index: number };
export type HaveAll = { readonly type: 'have-all' };
export type HaveNone = { readonly type: 'have-none' };
export type Reject = { readonly type: 'reject'; readonly index: number; readonly begin: number; readonly length: number };
export type AllowedFast = { readonly type: 'allowed-fast'; readonly index: number };
/**
 * A BEP 10 message. `extendedId` 0 is the extension handshake, decoded into
 * `handshake`; other ids are whatever the receiver announced in its own `m`,
 * and `payload` is left to the extension that owns the id.
 */
export type Extended = {
  readonly type: 'extended';
  readonly extendedId: number;
  readonly payload: Buffer;
  readonly handshake?: ExtendedHandshake;
};
/** A message id this library does not know; ignored, not an error. */
export type Unknown = { readonly type: 'unknown'; readonly id: number; readonly payload: Buffer };

/**
 * The messages without a body, frozen and shared: the parser hands them out
 * for every such message received, the connection for every one sent.
 */
export const KEEP_ALIVE: KeepAlive = Object.freeze({ type: 'keep-alive' });
export const CHOKE: Choke = Object.freeze({ type: 'choke' });
export const UNCHOKE: Unchoke = Object.freeze({ type: 'unchoke' });
export const INTERESTED: Interested = Object.freeze({ type: 'interested' });
export const NOT_INTERESTED: NotInterested = Object.freeze({ type: 'not-interested' });
export const HAVE_ALL: HaveAll = Object.freeze({ type: 'have-all' });
export const HAVE_NONE: HaveNone = Object.freeze({ type: 'have-none' });

/** Every message after the handshake. */
export type Message =
  | KeepAlive
  | Choke
  | Unchoke
  | Interested
  | NotInterested
  | Have
  | Bitfield
  | Request
  | Piece
  | Cancel
  | Port
  | Suggest
  | HaveAll
  | HaveNone
  | Reject
  | AllowedFast
  | Extended
  | Unknown;

export type MessageType = Message['type'];

/** Anything the wire carries: the handshake or a message. */
export type WirePacket = Handshake | Message;

/** Reads the extension bits of 8 reserved bytes. */
export function readExtensions(reserved: Uint8Array): Extensions {
  return {
    extended: (reserved[5]! & 0x10) !== 0,
    fast: (reserved[7]! & 0x04) !== 0,
    dht: (reserved[7]! & 0x01) !== 0,
  };
}

/** 8 reserved bytes announcing the given extensions. */
export function reservedBytes(extensions: Partial<Extensions>): Buffer {
  const reserved = Buffer.alloc(8);
  if (extensions.extended) reserved[5] = 0x10;
  reserved[7] = (extensions.fast ? 0x04 : 0) | (extensions.dht ? 0x01 : 0);
  return reserved;
}
