// What a PeerConnection is given: its stream and whom it talks to, its
// torrent, the delegate through which the torrent layer drives it, its
// settings. Generic in the connection type, so that this file need not
// import the connection (which imports it).
import type { Duplex } from 'node:stream';
import type { EventSink } from '../hooks.ts';
import type { Address, PeerEncryption, Torrent, TransportProtocol } from '../types.ts';
import type { Extensions, Message } from '../wire/index.ts';
import type { PeerLimits, PeerTimeouts } from './limits.ts';

/** What the connection needs to know about its torrent. */
export interface PeerTorrentInfo {
  /** Hex info hash. */
  readonly infoHash: string;
  /** Number of pieces; unknown for a magnet link until the metadata arrives (then call setTorrent again). */
  readonly pieceCount?: number;
  /** The torrent, for events that name it (invalid_request). */
  readonly torrent?: Torrent;
}

/**
 * How the torrent layer drives a connection `P` (PeerDelegate in
 * connection.ts). Every callback runs after the connection has updated its
 * own state (choke flags, remote pieces).
 */
export interface PeerDelegateOf<P> {
  /**
   * Incoming connections only: the remote asked for `infoHash` (hex). Return
   * the torrent if it is ours; undefined refuses the connection (it is closed
   * with peer_disconnect, reason "unknown info hash ...").
   */
  onHandshake?(peer: P, infoHash: string): PeerTorrentInfo | undefined;
  /** Both handshakes are done: send bitfield / have-all / extension handshake here. */
  onReady?(peer: P): void;
  /**
   * Every valid message received, keep-alives and unknown ids included. A
   * piece's `block` is a view into the socket read (no copy): write it out or
   * copy it, do not keep it around, or it pins the whole read in memory.
   * A have for a piece the remote announced before is not passed on.
   */
  onMessage(peer: P, message: Message): void;
  /** The connection ended (once), for any reason. */
  onClose?(peer: P, reason: string): void;
  /** The stream's write buffer emptied after a send returned false. */
  onDrain?(peer: P): void;
}

/** The rate limits a connection's bytes pass (core/net/rate-limiter.ts RateGate): counted, and waited for. */
export interface PeerRateGate {
  charge(bytes: number): void;
  ready(): boolean;
  wait(wake: () => void): void;
  cancel(wake: () => void): void;
}

/** Download: every byte read is counted and reading pauses while the gate is in debt. Upload: every byte written is counted. */
export interface PeerRateGates {
  readonly download: PeerRateGate;
  readonly upload: PeerRateGate;
}

/** Extensions we announce unless told otherwise. */
export const DEFAULT_EXTENSIONS: Extensions = Object.freeze({ extended: true, fast: true, dht: false });

/** What a connection `P` is given (PeerConnectionOptions in connection.ts). */
export interface PeerConnectionOptionsOf<P> {
  /**
   * The connected byte stream: a net.Socket, or any Duplex (an encrypted or
   * uTP stream, an in-memory pair in tests). Stream features beyond Duplex
   * (setNoDelay) are used when present.
   */
  readonly stream: Duplex;
  readonly direction: 'incoming' | 'outgoing';
  /** The remote's address, as events report it: the stream does not know it. */
  readonly address: Address;
  readonly protocol: TransportProtocol;
  readonly sink: EventSink;
  /** Our 20-byte peer id. */
  readonly ourPeerId: Buffer;
  /** Outgoing: the torrent we ask for (hex info hash, and the piece count when known). */
  readonly torrent?: PeerTorrentInfo;
  /** Outgoing: shorthand for `torrent: { infoHash }`. */
  readonly infoHash?: string;
  readonly delegate: PeerDelegateOf<P>;
  readonly timeouts: PeerTimeouts;
  readonly limits: PeerLimits;
  /** Largest message accepted (id + payload). Default DEFAULT_MAX_MESSAGE_LENGTH, the wire's own bound. */
  readonly maxMessageLength?: number;
  /** Rate limits its bytes count against (setRateGates changes them once the torrent is known). Default none. */
  readonly rates?: PeerRateGates;
  /** Extension bits of our handshake. Default DEFAULT_EXTENSIONS. */
  readonly extensions?: Partial<Extensions>;
  /** What the stream does under BitTorrent (an MSE handshake's outcome, core/transport/mse). Default 'none'. */
  readonly encryption?: PeerEncryption;
  /** Outgoing: our BitTorrent handshake was already written to the stream's remote (as an MSE initial payload, ourHandshakeBytes): do not send it again. */
  readonly handshakeSent?: boolean;
}
