// Fetches a magnet link's info dictionary from the peers that offer it
// (BEP 9). One peer at a time is the source of the whole dictionary: info
// dictionaries are small (a few 16 KiB pieces), and a single source makes the
// blame exact when the SHA-1 does not match the info hash: that peer is
// dropped with peer_error and the next one is asked. A peer that rejects or
// stalls is set aside for a while and the next one is asked.
import { createHash } from 'node:crypto';
import type { EventSink } from '../../core/index.ts';
import { MetadataAssembler } from './assembler.ts';
import { MetadataError, encodeMetadataMessage, remoteMetadataSupport, type MetadataMessage } from './message.ts';
import type { MetadataPeer } from './metadata-peer.ts';

export interface MetadataFetcherOptions {
  /** The 20-byte info hash the dictionary must hash to. */
  readonly infoHash: Buffer;
  readonly sink: EventSink;
  /** Called once with the verified info dictionary. */
  readonly onMetadata: (info: Buffer) => void;
  /** Peers announcing a larger metadata_size are not asked (maxMetadataSize). */
  readonly maxSize: number;
  /** Requests in flight to the source (requestWindow). */
  readonly window: number;
  /** A source that leaves a request unanswered this long is set aside (requestTimeoutMs). */
  readonly requestTimeoutMs: number;
  /** A peer that rejected or stalled is asked again after this (retryMs). */
  readonly retryMs: number;
  /** Clock in ms, replaceable in tests. */
  readonly now?: () => number;
}

interface Source {
  readonly peer: MetadataPeer;
  readonly assembler: MetadataAssembler;
  /** Piece -> when it was requested. */
  readonly inflight: Map<number, number>;
}

export class MetadataFetcher {
  readonly #infoHash: Buffer;
  readonly #sink: EventSink;
  readonly #onMetadata: (info: Buffer) => void;
  readonly #maxSize: number;
  readonly #window: number;
  readonly #requestTimeoutMs: number;
  readonly #retryMs: number;
  readonly #now: () => number;
  /** Every peer, in the order it came, with the time before which it is not asked. */
  readonly #peers = new Map<MetadataPeer, { retryAt: number }>();
  #source: Source | undefined;
  #done = false;

  constructor(options: MetadataFetcherOptions) {
    if (options.infoHash.length !== 20) throw new MetadataError('BAD_METADATA', `info hash must be 20 bytes, got ${options.infoHash.length}`);
    this.#infoHash = options.infoHash;
    this.#sink = options.sink;
    this.#onMetadata = options.onMetadata;
    this.#maxSize = options.maxSize;
    this.#window = options.window;
    this.#requestTimeoutMs = options.requestTimeoutMs;
    this.#retryMs = options.retryMs;
    this.#now = options.now ?? Date.now;
  }

  /** The verified dictionary was handed over; nothing more is asked. */
  get done(): boolean {
    return this.#done;
  }

  /** The peer being asked now, if any. */
  get source(): MetadataPeer | undefined {
    return this.#source?.peer;
  }

  /** A connection is ready; asked at once if it offers the metadata and no one else is being asked. */
  addPeer(peer: MetadataPeer): void {
    if (!this.#peers.has(peer)) this.#peers.set(peer, { retryAt: 0 });
    this.#askNext();
  }

  /** The peer's extension handshake arrived (it may offer the metadata now). */
  handshakeChanged(peer: MetadataPeer): void {
    if (this.#peers.has(peer)) this.#askNext();
  }

  removePeer(peer: MetadataPeer): void {
    this.#peers.delete(peer);
    if (this.#source?.peer === peer) {
      this.#source = undefined;
      this.#askNext();
    }
  }

  /** A ut_metadata data or reject from `peer` (requests are the server's business). */
  onMessage(peer: MetadataPeer, message: MetadataMessage): void {
    const source = this.#source;
    // Late answers from a former source, and data nobody asked for, are ignored.
    if (this.#done || source === undefined || source.peer !== peer || !source.inflight.has(message.piece)) return;
    if (message.type === 'reject') {
      this.#setAside(peer);
      return;
    }
    if (message.type !== 'data') return;
    if (message.totalSize !== source.assembler.size) {
      this.#blame(peer, 'BAD_METADATA_SIZE', `ut_metadata total_size ${message.totalSize} differs from the metadata_size ${source.assembler.size} it announced`);
      return;
    }
    try {
      source.assembler.add(message.piece, message.data);
    } catch (err) {
      if (!(err instanceof MetadataError)) throw err;
      this.#blame(peer, err.code, err.message);
      return;
    }
    source.inflight.delete(message.piece);
    if (!source.assembler.complete) {
      this.#request(source);
      return;
    }
    const info = source.assembler.bytes;
    const hash = createHash('sha1').update(info).digest();
    if (!hash.equals(this.#infoHash)) {
      this.#blame(peer, 'BAD_METADATA', `metadata of ${info.length} bytes hashes to ${hash.toString('hex')}, not the info hash ${this.#infoHash.toString('hex')}`);
      return;
    }
    this.#done = true;
    this.#source = undefined;
    this.#onMetadata(info);
  }

  /** Time-outs and retries; call about once a second. */
  tick(): void {
    const source = this.#source;
    if (source !== undefined) {
      const now = this.#now();
      for (const sentAt of source.inflight.values()) {
        if (now - sentAt >= this.#requestTimeoutMs) {
          this.#setAside(source.peer);
          return;
        }
      }
    }
    this.#askNext();
  }

  /** Forgets every peer and stops asking. */
  stop(): void {
    this.#done = true;
    this.#source = undefined;
    this.#peers.clear();
  }

  // ------------------------------------------------------------ internals

  #askNext(): void {
    if (this.#done || this.#source !== undefined) return;
    const now = this.#now();
    for (const [peer, state] of this.#peers) {
      if (peer.closed || state.retryAt > now) continue;
      const offer = remoteMetadataSupport(peer.extendedHandshake);
      if (offer?.size === undefined || offer.size > this.#maxSize) continue;
      const source: Source = { peer, assembler: new MetadataAssembler(offer.size, this.#maxSize), inflight: new Map() };
      this.#source = source;
      this.#request(source);
      return;
    }
  }

  /** Tops the source's requests up to the window. */
  #request(source: Source): void {
    const { assembler, inflight } = source;
    while (inflight.size < this.#window) {
      const piece = assembler.nextMissing((p) => inflight.has(p));
      if (piece < 0) return;
      inflight.set(piece, this.#now());
      source.peer.send(encodeMetadataMessage({ type: 'request', piece }));
      if (this.#source !== source) return; // the send closed the connection
    }
  }

  /** The source rejected or stalled: ask someone else, and this one again later. */
  #setAside(peer: MetadataPeer): void {
    const state = this.#peers.get(peer);
    if (state !== undefined) state.retryAt = this.#now() + this.#retryMs;
    this.#source = undefined;
    this.#askNext();
  }

  /** The source sent bad metadata: peer_error, disconnect, ask the next one. */
  #blame(peer: MetadataPeer, code: string, error: string): void {
    this.#peers.delete(peer);
    this.#source = undefined;
    this.#sink.emit('peer_error', { peer_id: peer.peerIdText, ip: peer.ip, error, code });
    peer.disconnect(`invalid data [${code}]: ${error}`);
    this.#askNext();
  }
}
