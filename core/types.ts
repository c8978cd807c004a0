// Public shapes of the things events talk about. The engine's classes implement
// these interfaces; hooks.ts depends only on this file, so the hook table sits
// at the bottom of the import graph and nothing imports in a circle.

export type Severity = 'debug' | 'info' | 'warning' | 'critical' | 'fatal';

export type TransportProtocol = 'tcp4' | 'tcp6' | 'udp4' | 'udp6';

export interface Address {
  readonly ip: string;
  readonly port: number;
}

/** 'metadata': a magnet link's torrent fetching its info dictionary from peers (BEP 9). */
export type TorrentState = 'checking' | 'downloading' | 'seeding' | 'paused' | 'error' | 'metadata';

/** One connection to a remote peer. */
export interface Peer {
  readonly ip: string;
  readonly port: number;
  /** tcp4 / tcp6 for BitTorrent over TCP, udp4 / udp6 for uTP (the spec's names). */
  readonly protocol: TransportProtocol;
  readonly direction: 'incoming' | 'outgoing';
  /** The remote's 20-byte peer id, once its handshake arrived. */
  readonly peerId: Buffer | undefined;
  /** Client name decoded from the peer id (Azureus or Shad0w style), e.g. "libtorrent 2.0.8". */
  readonly clientName: string | undefined;
  readonly amChoking: boolean;
  readonly amInterested: boolean;
  readonly peerChoking: boolean;
  readonly peerInterested: boolean;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** Info hash (hex) of the torrent this connection belongs to, once known. */
  readonly infoHash: string | undefined;
  /** How the connection is carried: 'none' is plain BitTorrent; 'plaintext' or 'rc4' the method of an MSE/PE handshake. */
  readonly encryption: PeerEncryption;
  disconnect(reason: string): void;
}

/** A connection's transport: plain BitTorrent ('none'), or the method its MSE/PE handshake chose. */
export type PeerEncryption = 'none' | 'plaintext' | 'rc4';

/** One file of a torrent on disk. */
export interface TorrentFile {
  /** Path relative to the torrent's target folder, '/'-separated. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly absolutePath: string;
  readonly length: number;
  /** Offset of the file's first byte in the torrent's concatenated data. */
  readonly offset: number;
}

/** One swarm. */
export interface Torrent {
  /** Hex-encoded v1 info hash. */
  readonly infoHash: string;
  readonly name: string;
  readonly state: TorrentState;
  readonly private: boolean;
}

/** A rule of an IP filter that refused an address. */
export interface FilterRule {
  /** First and last address of the range the rule covers. */
  readonly start: string;
  readonly end: string;
  /** Where the rule came from: ".btrc", a blocklist path with line, or "api". */
  readonly source: string;
  readonly label?: string;
}

/** A decoded peer wire message (see core/wire/messages.ts for the full union). */
export interface Packet {
  readonly type: string;
  readonly [attribute: string]: unknown;
}
