// The metadata phase of a torrent added by magnet link: it dials the link's
// peers (and those of the options and trackers), holds the connections until
// a metadata source (the ut-metadata plugin: BEP 9 over the extension API)
// supplies the verified info dictionary, and once the engine has built the
// torrent's Swarm, hands every connection over to it. It speaks no metadata
// protocol itself. It is also the Torrent that the announcer's
// events name, before and after: its state, name and counters follow the
// swarm once there is one, so one announcer serves the whole life of the
// torrent (no "stopped" and "started" again in between).
import { parseInfoDictionary, type MagnetLink, type Metainfo } from '../metainfo/index.ts';
import type { Address, Peer, Torrent, TorrentState } from '../types.ts';
import type { ExtendedHandshake } from '../wire/index.ts';
import type { Announcer } from './announcer.ts';
import type { Dialer, SwarmPeer } from './contracts.ts';
import { ourExtendedHandshake } from './extensions.ts';
import { PeerCandidates, type DialFailure } from './peer-candidates.ts';
import type { Swarm } from './swarm.ts';

/**
 * `left` announced while the size is unknown: not 0, or trackers would count
 * us as a seed (libtorrent says 16 KiB too).
 */
export const UNKNOWN_LEFT = 16 * 1024;

/** A connection as the metadata phase drives it (PeerConnection has all of it). */
export interface MagnetSwarmPeer extends SwarmPeer {
  readonly closed: boolean;
  readonly supportsExtended: boolean;
  readonly ready: boolean;
  haveNone(): void;
  sendExtendedHandshake(handshake: ExtendedHandshake): void;
  /** Completes what the connection knows of its torrent; checks what the remote announced against the piece count. */
  setTorrent(info: { readonly infoHash: string; readonly pieceCount?: number; readonly torrent?: Torrent }): void;
}

/** What the client shows of a torrent added by magnet link that is still fetching its metadata. */
export interface PendingMagnet extends Torrent {
  readonly peers: readonly Peer[];
  /** The link it was added by. */
  readonly link: MagnetLink;
  /** The folder its files will go to, and whether it stays paused, once the metadata is in (the add options). */
  readonly dir: string;
  readonly startsPaused: boolean;
}

export interface MagnetSwarmOptions {
  readonly link: MagnetLink;
  /** The add options' folder and paused flag, for whoever lists the magnet (a daemon saving its session). */
  readonly dir: string;
  readonly startsPaused: boolean;
  readonly dialer: Dialer;
  /** Addresses remembered to dial (limits.maxPeerCandidates). */
  readonly maxCandidates: number;
  /** Our listen port for the extension handshake, once listening. */
  readonly port: () => number | undefined;
  /** Completes our extension handshake for a connection (plugins' extensions). None: sent as built. */
  readonly extendHandshake?: (handshake: ExtendedHandshake, peer: MagnetSwarmPeer) => ExtendedHandshake;
  /** Extra trackers and web seeds (the add options') kept in the metainfo with the link's. */
  readonly trackers?: readonly string[];
  readonly webSeeds?: readonly string[];
  /** Connections held at once (limits.maxConnectionsPerTorrent). */
  readonly maxPeers: number;
  /** Requests we hold from one peer, told in our extension handshake (limits.maxQueuedRequestsPerPeer). */
  readonly requestQueue: number;
  /** Builds the torrent's announcer, which then goes on with the Swarm. None: no tracker. */
  readonly createAnnouncer?: (torrent: MagnetSwarm) => Announcer;
  /**
   * Whether a metadata source can get the dictionary from this connection
   * (ut_metadata: it announced a metadata_size). While the phase is full, a
   * connection that offers nothing makes room for a newcomer.
   */
  readonly offersMetadata: (peer: MagnetSwarmPeer) => boolean;
}

export class MagnetSwarm implements PendingMagnet {
  readonly infoHash: string;
  readonly link: MagnetLink;
  readonly dir: string;
  readonly startsPaused: boolean;
  readonly #dialer: Dialer;
  readonly #port: () => number | undefined;
  readonly #extendHandshake: (handshake: ExtendedHandshake, peer: MagnetSwarmPeer) => ExtendedHandshake;
  readonly #maxPeers: number;
  readonly #requestQueue: number;
  readonly #outer: { announce: string[][]; urlList: string[] };
  readonly #offersMetadata: (peer: MagnetSwarmPeer) => boolean;
  readonly #held = new Set<MagnetSwarmPeer>();
  readonly #candidates: PeerCandidates;
  readonly #announcer: Announcer | undefined;
  #meta: Metainfo | undefined;
  #swarm: Swarm | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #waiters: { resolve: (meta: Metainfo) => void; reject: (err: Error) => void }[] = [];
  #failure: Error | undefined;

  constructor(options: MagnetSwarmOptions) {
    this.link = options.link;
    this.infoHash = options.link.infoHash;
    this.dir = options.dir;
    this.startsPaused = options.startsPaused;
    this.#dialer = options.dialer;
    this.#port = options.port;
    this.#extendHandshake = options.extendHandshake ?? ((handshake) => handshake);
    this.#maxPeers = options.maxPeers;
    this.#candidates = new PeerCandidates(options.maxCandidates);
    this.#requestQueue = options.requestQueue;
    const trackers = [...new Set([...options.link.trackers, ...(options.trackers ?? [])])];
    const webSeeds = [...new Set([...options.link.webSeeds, ...(options.webSeeds ?? [])])];
    this.#outer = { announce: trackers.map((url) => [url]), urlList: webSeeds };
    this.#offersMetadata = options.offersMetadata;
    this.#announcer = options.createAnnouncer?.(this);
  }

  // ------------------------------------------------------------ Torrent, before and after

  get name(): string {
    return this.#swarm?.name ?? this.#meta?.name ?? this.link.name ?? this.infoHash;
  }
  get state(): TorrentState {
    return this.#swarm?.state ?? 'metadata';
  }
  get private(): boolean {
    return this.#meta?.private ?? false;
  }
  get uploaded(): number {
    return this.#swarm?.uploaded ?? 0;
  }
  get downloaded(): number {
    return this.#swarm?.downloaded ?? 0;
  }
  get left(): number {
    return this.#swarm?.left ?? this.#meta?.length ?? UNKNOWN_LEFT;
  }

  /** The announcer, which the Swarm takes over. */
  get announcer(): Announcer | undefined {
    return this.#announcer;
  }
  /** The metainfo, once the dictionary arrived and parsed. */
  get meta(): Metainfo | undefined {
    return this.#meta;
  }
  /** The torrent's swarm, once handed over. */
  get swarm(): Swarm | undefined {
    return this.#swarm;
  }
  /** Known once the metadata is. */
  get pieceCount(): number | undefined {
    return this.#meta?.pieceCount;
  }
  /** Connections held in the metadata phase. */
  get peers(): readonly Peer[] {
    return [...this.#held];
  }
  /**
   * Why a new connection would be refused now, before its handshake is
   * answered; undefined when it may go on (whether a full phase makes room
   * for it is decided in attach()).
   */
  refusal(): string | undefined {
    if (this.#closed) return 'torrent removed';
    if (this.#swarm !== undefined) return 'torrent handed over to its swarm';
    return undefined;
  }

  /** True while this phase holds the connection. */
  holds(peer: Peer): boolean {
    return this.#held.has(peer as MagnetSwarmPeer);
  }

  /** Resolves with the verified, parsed metainfo; rejects when closed first or the dictionary does not parse. */
  whenMetadata(): Promise<Metainfo> {
    if (this.#meta !== undefined) return Promise.resolve(this.#meta);
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  // ------------------------------------------------------------ lifecycle

  /** Starts dialing, announcing and the once-a-second retries. */
  start(): void {
    if (this.#closed || this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.#dialMore(), 1000);
    this.#timer.unref();
    this.#announcer?.start();
    this.#dialMore();
  }

  /** Addresses to connect to; once handed over they go to the swarm. */
  addPeers(addresses: readonly Address[]): void {
    if (this.#swarm !== undefined) {
      this.#swarm.addPeers(addresses);
      return;
    }
    this.#candidates.add(addresses);
    this.#dialMore();
  }

  #dialMore(): void {
    if (this.#closed || this.#swarm !== undefined || this.#meta !== undefined) return;
    this.#candidates.dialDue(() => this.#held.size < this.#maxPeers, (address) => this.#dialer.connect(address));
  }

  /** A connection for this torrent finished its handshake: greet it (a metadata source asks it once its extended handshake is in). */
  attach(peer: MagnetSwarmPeer): void {
    const refusal = this.refusal();
    if (refusal !== undefined) {
      peer.disconnect(refusal);
      return;
    }
    // Full: the newcomer replaces the longest-held connection that does not offer the metadata.
    let replaced: MagnetSwarmPeer | undefined;
    if (this.#held.size >= this.#maxPeers) {
      replaced = this.#offeringNoMetadata();
      if (replaced === undefined) {
        peer.disconnect(`torrent full (${this.#maxPeers} connections while fetching its metadata, all offering it)`);
        return;
      }
    }
    this.#held.add(peer);
    replaced?.disconnect('replaced by a new connection: the torrent is full while fetching its metadata and this peer does not offer it');
    // BEP 6: with the fast extension one of bitfield / have all / have none comes first.
    if (peer.supportsFast) peer.haveNone();
    if (peer.closed) return;
    if (peer.supportsExtended) {
      const ours = ourExtendedHandshake({ port: this.#port(), remoteIp: peer.ip, requestQueue: this.#requestQueue });
      peer.sendExtendedHandshake(this.#extendHandshake(ours, peer));
    }
  }

  /**
   * The longest-held connection (a Set keeps insertion order) that offers no
   * metadata (for ut_metadata: no metadata_size, or no extended handshake
   * yet): useless to this phase, whatever else it could do later.
   */
  #offeringNoMetadata(): MagnetSwarmPeer | undefined {
    for (const held of this.#held) if (!this.#offersMetadata(held)) return held;
    return undefined;
  }

  detach(peer: MagnetSwarmPeer): void {
    const held = this.#held.delete(peer);
    // Dialled again later (the metadata is what it was for: no data to judge it by).
    if (peer.direction === 'outgoing') this.#candidates.ended(peer, 'failed');
    if (held) this.#dialMore();
  }

  /** A dial of ours failed before any connection, or found no room for its address ('no-room'): dialled again later. */
  dialFailed(address: Address, how: DialFailure = 'failed'): void {
    this.#candidates.ended(address, how);
  }

  /**
   * A metadata source found the info dictionary (the engine checked it
   * against the info hash). False when it is no longer wanted: already
   * supplied, handed over or removed.
   */
  supply(info: Buffer): boolean {
    if (this.#closed || this.#swarm !== undefined || this.#meta !== undefined || this.#failure !== undefined) return false;
    this.#received(info);
    return true;
  }

  /**
   * The swarm built from the metadata has started: every held connection
   * learns the piece count (what the remote announced is checked now), joins
   * the swarm, and hears of the pieces we have; the swarm gets the known
   * addresses (the engine does not dial an address it is connected to).
   */
  handOver(swarm: Swarm): void {
    if (this.#closed || this.#swarm !== undefined) return;
    this.#swarm = swarm;
    this.#stopTimer();
    const peers = [...this.#held];
    this.#held.clear();
    for (const peer of peers) adopt(peer, swarm);
    const addresses = this.#candidates.known;
    if (addresses.length > 0) swarm.addPeers(addresses);
  }

  /**
   * Removed before the hand-over: stops announcing, closes the held
   * connections, rejects whenMetadata. After the hand-over the swarm owns
   * everything and this does nothing.
   */
  async close(reason = 'torrent removed'): Promise<void> {
    if (this.#closed || this.#swarm !== undefined) return;
    this.#closed = true;
    this.#stopTimer();
    for (const peer of [...this.#held]) peer.disconnect(reason);
    this.#held.clear();
    this.#fail(new Error(`torrent ${this.name} was removed before its metadata arrived`));
    await this.#announcer?.stop();
  }

  // ------------------------------------------------------------ internals

  #received(info: Buffer): void {
    let meta: Metainfo;
    try {
      meta = parseInfoDictionary(info, this.#outer);
    } catch (err) {
      // The bytes hash to the info hash, so the torrent itself is broken: no peer can do better.
      this.#fail(err as Error);
      void this.close('the torrent metadata is invalid');
      return;
    }
    this.#meta = meta;
    for (const w of this.#waiters.splice(0)) w.resolve(meta);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const w of this.#waiters.splice(0)) w.reject(this.#failure);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Moves one connection from the metadata phase into the swarm. */
function adopt(peer: MagnetSwarmPeer, swarm: Swarm): void {
  if (peer.closed) return;
  // Checks the bitfield / haves / have all the remote sent before the piece count was known.
  peer.setTorrent({ infoHash: swarm.infoHash, pieceCount: swarm.pieceCount, torrent: swarm });
  if (peer.closed) return;
  swarm.attach(peer);
  if (peer.closed) return;
  // We opened with have none (or nothing); haves are valid whatever came before.
  const have = swarm.picker.have;
  for (let i = 0; i < have.length && !peer.closed; i++) if (have[i] === 1) peer.have(i);
  if (peer.closed) return;
  swarm.onBitfieldKnown(peer);
  if (!peer.closed && peer.peerInterested) swarm.onInterested(peer);
}
