// One torrent's swarm: asks peers for blocks, assembles and verifies pieces,
// serves requests, chokes and unchokes, and reports what happens as events.
import { BitField } from '../bitfield.ts';
import type { BlockSource, EventSink, ParoleCandidate, PolicyHooks } from '../hooks.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import type { Address, Peer, Torrent, TorrentState } from '../types.ts';
import type { Announcer } from './announcer.ts';
import type { Dialer, PieceStore, SwarmMeta, SwarmPeer, SwarmService } from './contracts.ts';
import { chooseByRate, chooseOptimistic, OPTIMISTIC_INTERVAL_MS, RECHOKE_INTERVAL_MS } from './choker.ts';
import { PeerCandidates } from './peer-candidates.ts';
import { idleReason, isExchangingData, isIdle, leastUsefulPeer, type PeerActivity, type PeerToDrop } from './peer-usefulness.ts';
import { BLOCK_SIZE, PiecePicker } from './picker.ts';
import { RateMeter } from './rate.ts';
import type { ResumeData } from '../storage/resume-data.ts';
import type { ResumeSnapshot, TorrentResume } from './resume.ts';
import { SendBudget } from './send-budget.ts';
import { WithdrawnPieces } from './withdrawn-pieces.ts';

/** In endgame, a block is asked of a second peer once the first has had it this long. */
export const ENDGAME_AFTER_MS = 1000;

/** A block larger than this is refused (BEP 3 peers ask for 16 KiB). */
export const MAX_REQUEST_LENGTH = 128 * 1024;

const BOUNCE = Buffer.allocUnsafeSlow(BLOCK_SIZE);

/**
 * Copies a block into a piece's shared memory. V8 copies into shared memory
 * word by word only when the source is word-aligned, else byte by byte (3.5
 * GB/s); blocks are views into socket reads at odd offsets, so they go through
 * an aligned buffer first: two fast copies, four times quicker. set(), not
 * copy(): twice as fast into shared memory (Node 20).
 */
function copyIntoShared(block: Buffer, target: Buffer, at: number): void {
  if ((block.byteOffset & 7) === 0 || block.length > BOUNCE.length) {
    target.set(block, at);
    return;
  }
  BOUNCE.set(block);
  target.set(BOUNCE.subarray(0, block.length), at);
}

export interface SwarmOptions {
  readonly meta: SwarmMeta;
  /** Builds the storage; it is handed the swarm, which its events name as the torrent. */
  readonly createStore: (torrent: Torrent) => PieceStore;
  readonly sink: EventSink;
  readonly hooks: PolicyHooks;
  readonly dialer: Dialer;
  /** Regular unchoke slots. */
  readonly uploadSlots?: number;
  readonly maxPeers?: number;
  /** A peer neither interested nor interesting, with no block either way for this long, is dropped. Default 600 s. */
  readonly idleMs?: number;
  /** Indexes of files to download; all when absent. */
  readonly wantedFiles?: readonly number[];
  readonly requestTimeoutMs?: number;
  /** Trust the data on disk without checking it (libtorrent's seed mode): every piece is had. */
  readonly seedMode?: boolean;
  /** Builds the torrent's trackers; it is handed the swarm. None: no tracker. */
  readonly createAnnouncer?: (torrent: Swarm) => Announcer;
  /** Builds the torrent's web seeds (BEP 19); they take whole pieces through takeWebSeedPiece. */
  readonly createWebSeeds?: (torrent: Swarm) => SwarmService;
  /** A peer's requests held before serving (limits.maxQueuedRequestsPerPeer); more are refused. */
  readonly maxQueuedRequests?: number;
  /** Bytes of blocks read for one peer and not yet taken by its socket before we stop reading for it (limits.maxSendBufferPerPeer). */
  readonly maxSendBuffer?: number;
  /** Builds the torrent's resume data keeper (read before the check, saved on changes and close). None: every start checks every piece. */
  readonly createResume?: (torrent: Swarm) => TorrentResume;
  /** The client's budget of block bytes held for sending, shared with its other swarms; default: one of this swarm's own (limits.maxSendBufferTotal). */
  readonly sendBudget?: SendBudget;
}

interface PeerState {
  readonly down: RateMeter;
  readonly up: RateMeter;
  /** Our requests to this peer that are not answered yet. */
  inflight: number;
  /** Its requests to us, in order; at most maxQueuedRequests. */
  readonly uploads: { index: number; begin: number; length: number }[];
  serving: boolean;
  unrequestedBlocks: number;
  /** Order of attachment (WithdrawnPieces): peers attached after a piece was withdrawn were never told we had it. */
  readonly number: number;
  readonly joinedAt: number;
  /** When a block last went either way; undefined while none did. */
  lastBlockAt: number | undefined;
  /** Bytes of blocks both ways when lastBlockAt was last brought up to date. */
  blockBytes: number;
  /** Requests refused (queue full, choked, invalid) since its queue was last served down to half. */
  refused: number;
  /** Bytes of its blocks being read or waiting in its socket, taken from the send budget. */
  queuedBytes: number;
  /** Detached: what it held went back to the budget; late flushes change nothing. */
  gone: boolean;
  /** Resumes serving it when the send budget has room again. */
  readonly wake: () => void;
}

interface Assembly {
  readonly data: Buffer;
  readonly senders: (SwarmPeer | undefined)[];
  /** The web seed's URL when one sent the whole piece. */
  readonly webSeed?: string;
}

/**
 * A block that will wait in a slow peer's socket is copied out of the cached
 * piece it is a view of: waiting, the view would keep the whole piece (up to
 * 16 MiB) in memory. A peer that keeps up gets the view itself.
 */
function unpinned(block: Buffer, backlogged: boolean): Buffer {
  return backlogged && block.buffer.byteLength > block.length * 2 ? Buffer.from(block) : block;
}

/** What became of a piece handed in for verification. */
export type PieceOutcome = 'passed' | 'failed' | 'dropped';

export class Swarm implements Torrent {
  readonly infoHash: string;
  readonly name: string;
  readonly private: boolean;
  readonly meta: SwarmMeta;
  readonly picker: PiecePicker<SwarmPeer>;
  #state: TorrentState = 'checking';
  #error: Error | undefined;
  readonly #store: PieceStore;
  readonly #sink: EventSink;
  readonly #hooks: PolicyHooks;
  readonly #dialer: Dialer;
  readonly #peers = new Map<SwarmPeer, PeerState>();
  readonly #assemblies = new Map<number, Assembly>();
  readonly #candidates = new PeerCandidates();
  readonly #uploadSlots: number;
  readonly #maxPeers: number;
  readonly #idleMs: number;
  readonly #requestTimeoutMs: number;
  readonly #down = new RateMeter();
  readonly #up = new RateMeter();
  #downloaded = 0;
  #uploaded = 0;
  #unchoked = new Set<SwarmPeer>();
  #optimistic: SwarmPeer | undefined;
  #lastOptimistic = 0;
  #timers: NodeJS.Timeout[] = [];
  #completeWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  #writing = 0;
  #refillQueued = false;
  readonly #seedMode: boolean;
  readonly #announcer: Announcer | undefined;
  readonly #webSeeds: SwarmService | undefined;
  readonly #resume: TorrentResume | undefined;
  /** Rechecks of files under way, by file index: a burst of failed reads shares one. */
  readonly #rechecks = new Map<number, Promise<void>>();
  /** Per recheck under way: pieces downloaded and stored meanwhile (its reading of them may predate the write). */
  readonly #storedDuringRecheck = new Set<Set<number>>();
  readonly #withdrawn = new WithdrawnPieces();
  /** The trackers were told "completed" (once: a torrent that lost pieces and got them back completes again). */
  #announcedComplete = false;
  /** Aborted by close(): rechecks under way stop. */
  readonly #closing = new AbortController();
  readonly #maxQueuedRequests: number;
  readonly #maxSendBuffer: number;
  readonly #sendBudget: SendBudget;

  constructor(options: SwarmOptions) {
    const { meta } = options;
    this.meta = meta;
    this.infoHash = meta.infoHash;
    this.name = meta.name;
    this.private = meta.private;
    this.#store = options.createStore(this);
    this.#sink = options.sink;
    this.#hooks = options.hooks;
    this.#dialer = options.dialer;
    this.#uploadSlots = options.uploadSlots ?? 8;
    this.#maxPeers = options.maxPeers ?? 50;
    this.#idleMs = options.idleMs ?? 600_000;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#seedMode = options.seedMode ?? false;
    const limits = DEFAULT_SETTINGS.limits;
    this.#maxQueuedRequests = options.maxQueuedRequests ?? limits.maxQueuedRequestsPerPeer;
    this.#maxSendBuffer = options.maxSendBuffer ?? limits.maxSendBufferPerPeer;
    this.#sendBudget = options.sendBudget ?? new SendBudget(limits.maxSendBufferTotal);
    this.picker = new PiecePicker<SwarmPeer>({
      pieceCount: meta.pieces.length,
      pieceLength: meta.pieceLength,
      totalLength: meta.length,
      onDrop: (index) => this.#dropAssembly(index),
    });
    if (options.wantedFiles !== undefined) this.#selectFiles(options.wantedFiles);
    this.#announcer = options.createAnnouncer?.(this);
    this.#webSeeds = options.createWebSeeds?.(this);
    this.#resume = options.createResume?.(this);
  }

  /** The torrent's trackers, when it has any. */
  get announcer(): Announcer | undefined {
    return this.#announcer;
  }

  get state(): TorrentState {
    return this.#state;
  }

  get error(): Error | undefined {
    return this.#error;
  }

  get pieceCount(): number {
    return this.picker.pieceCount;
  }

  /** Fraction of wanted bytes verified, 0..1. */
  get progress(): number {
    let wanted = 0;
    let had = 0;
    for (let i = 0; i < this.picker.pieceCount; i++) {
      if (this.picker.wanted[i] === 0) continue;
      const size = this.picker.pieceSize(i);
      wanted += size;
      if (this.picker.have[i] === 1) had += size;
    }
    return wanted === 0 ? 1 : had / wanted;
  }

  get downloaded(): number {
    return this.#downloaded;
  }

  get uploaded(): number {
    return this.#uploaded;
  }

  /** Bytes of wanted pieces still missing. */
  get left(): number {
    let left = 0;
    for (let i = 0; i < this.picker.pieceCount; i++) {
      if (this.picker.wanted[i] === 1 && this.picker.have[i] === 0) left += this.picker.pieceSize(i);
    }
    return left;
  }

  get downloadRate(): number {
    return this.#down.rate();
  }

  get uploadRate(): number {
    return this.#up.rate();
  }

  /** Bytes of blocks being read for this torrent's peers or waiting in their sockets (bounded by maxSendBuffer per peer). */
  get queuedUploadBytes(): number {
    let bytes = 0;
    for (const state of this.#peers.values()) bytes += state.queuedBytes;
    return bytes;
  }

  get peers(): readonly Peer[] {
    return [...this.#peers.keys()];
  }

  get files() {
    return this.#store.files;
  }

  get complete(): boolean {
    return this.picker.complete;
  }

  /** Resolves when every wanted piece is verified and stored; rejects if the torrent is removed first. */
  whenComplete(): Promise<void> {
    if (this.picker.complete && this.#state !== 'checking') return Promise.resolve();
    return new Promise((resolve, reject) => this.#completeWaiters.push({ resolve, reject }));
  }

  /** Checks data already on disk, then starts downloading or seeding. */
  async start(): Promise<void> {
    this.#state = 'checking';
    let hashed = this.#seedMode;
    try {
      if (this.#seedMode) for (let i = 0; i < this.picker.pieceCount; i++) this.picker.markHave(i);
      else await this.#store.check({
        ...(await this.#resumeData()),
        onTrusted: (index) => this.picker.markHave(index),
        onPiece: (index, ok) => {
        hashed = true;
        if (ok) this.picker.markHave(index);
        const event = ok ? 'piece_hash_passed' : 'piece_hash_failed';
        if (this.#sink.listens(event)) {
          this.#sink.emit(event, { torrent: this, index, peers: [], blocks: [], data: undefined });
        }
      } });
    } catch (err) {
      this.#fail(err as Error);
      return;
    }
    this.#resume?.start(() => this.#resumeSnapshot(), hashed);
    this.#state = this.picker.complete ? 'seeding' : 'downloading';
    this.#startTimers();
    this.#announcer?.start();
    this.#webSeeds?.start();
    if (this.picker.complete) await this.#completed();
    this.#dialMore();
  }

  pause(): void {
    if (this.#state === 'paused') return;
    this.#state = 'paused';
    this.#stopTimers();
    void this.#announcer?.stop();
    void this.#webSeeds?.stop();
    for (const peer of [...this.#peers.keys()]) peer.disconnect('torrent paused');
    void this.#resume?.save();
  }

  /** Resumes after pause or a storage error: verified pieces stay; missing ones are fetched. */
  resume(): void {
    if (this.#state !== 'paused' && this.#state !== 'error') return;
    this.#error = undefined;
    this.#state = this.picker.complete ? 'seeding' : 'downloading';
    this.#startTimers();
    this.#announcer?.start();
    this.#webSeeds?.start();
    this.#candidates.requeueAll();
    this.#dialMore();
  }

  /** Stops everything, tells the trackers (bounded in time) and closes files. */
  async close(): Promise<void> {
    this.#closing.abort();
    this.#stopTimers();
    const stopping = [this.#announcer?.stop(), this.#webSeeds?.stop()];
    for (const peer of [...this.#peers.keys()]) peer.disconnect('torrent removed');
    // The engine forgot this torrent first, so detach may not have run: what the peers held goes back to the shared budget here.
    for (const state of this.#peers.values()) this.#releaseUploads(state);
    const waiters = this.#completeWaiters.splice(0);
    for (const w of waiters) w.reject(new Error(`torrent ${this.name} was removed before it completed`));
    await Promise.all([...stopping, this.#saveAndCloseStore()]);
  }

  // ------------------------------------------------------------ resume data

  /** The resume data the check may trust, when there is usable data. */
  async #resumeData(): Promise<{ resume?: ResumeData }> {
    const resume = await this.#resume?.load();
    return resume === undefined ? {} : { resume };
  }

  #resumeSnapshot(): ResumeSnapshot {
    return { have: this.picker.have, paused: this.#state === 'paused', uploaded: this.#uploaded, downloaded: this.#downloaded };
  }

  /** The last save sees the files as the last write left them; then they close. */
  async #saveAndCloseStore(): Promise<void> {
    await this.#resume?.close();
    await this.#store.close();
  }

  get #running(): boolean {
    return this.#state === 'downloading' || this.#state === 'seeding';
  }

  /**
   * Why a new connection would be refused now, before its handshake is
   * answered: the torrent does not run. Undefined when it may go on; whether
   * a full torrent makes room for it is decided in attach().
   */
  refusal(): string | undefined {
    return this.#running ? undefined : this.#notRunningReason();
  }

  #notRunningReason(): string {
    switch (this.#state) {
      case 'paused':
        return 'torrent paused';
      case 'error':
        return 'torrent stopped by an error';
      default:
        return 'torrent still checking its files';
    }
  }

  /** Addresses to connect to (from the user, trackers, web seeds' hosts...). */
  addPeers(addresses: readonly Address[]): void {
    this.#candidates.add(addresses);
    this.#dialMore();
  }

  #dialMore(): void {
    if (this.#state !== 'downloading' && this.#state !== 'seeding') return;
    while (this.#candidates.pending > 0 && this.#peers.size < this.#maxPeers) {
      const address = this.#candidates.next()!;
      if (this.#dialer.connect(address)) continue;
      // No room for a dial now (half-open connections): offered again at the next tick.
      this.#candidates.putBack(address);
      return;
    }
  }

  // ------------------------------------------------------------ peer lifecycle

  /**
   * A connection finished its handshakes for this torrent. In a full torrent
   * (or a full client: `clientFull`) it replaces the peer choose_peer_to_replace
   * names, by default the least useful one, or is refused when there is none
   * (every peer is exchanging data).
   */
  attach(peer: SwarmPeer, clientFull = false): void {
    if (!this.#running) {
      peer.disconnect(this.#notRunningReason());
      return;
    }
    const now = Date.now();
    let replaced: PeerToDrop<SwarmPeer> | undefined;
    const full = this.#peers.size >= this.#maxPeers ? 'torrent' : clientFull ? 'client' : undefined;
    if (full !== undefined) {
      const choice = this.#chooseReplaced(peer, full, now);
      if (typeof choice === 'string') {
        peer.disconnect(choice);
        return;
      }
      replaced = choice;
    }
    const state: PeerState = {
      down: new RateMeter(),
      up: new RateMeter(),
      inflight: 0,
      uploads: [],
      serving: false,
      unrequestedBlocks: 0,
      number: this.#withdrawn.attach(),
      joinedAt: now,
      lastBlockAt: undefined,
      blockBytes: 0,
      refused: 0,
      queuedBytes: 0,
      gone: false,
      wake: () => void this.#serve(peer, state),
    };
    this.#peers.set(peer, state);
    // The newcomer is in first, so the departure does not open a slot that a dial would take.
    replaced?.peer.disconnect(replaced.reason);
    // An address put on parole before (it reconnected) stays on parole.
    this.#askParole(peer, 'connected', undefined);
  }

  /** The peer the newcomer replaces (through choose_peer_to_replace), or why the newcomer is refused. */
  #chooseReplaced(newcomer: SwarmPeer, full: 'torrent' | 'client', now: number): PeerToDrop<SwarmPeer> | string {
    const activities = new Map<SwarmPeer, PeerActivity<SwarmPeer>>();
    for (const [peer, state] of this.#peers) activities.set(peer, this.#activity(peer, state, now));
    const limit = full === 'torrent' ? `torrent full (${this.#maxPeers} connections` : 'too many connections (the client holds its maximum';
    // Asked only when tapped: the context costs an array and two closures per newcomer under a flood.
    if (this.#hooks.choose_peer_to_replace.taps.length > 0) {
      const known = (p: Peer): PeerActivity<SwarmPeer> | undefined => activities.get(p as SwarmPeer);
      const decided = this.#hooks.choose_peer_to_replace.call({
        torrent: this,
        newcomer,
        peers: [...activities.keys()],
        full,
        quietMsOf: (p) => {
          const a = known(p);
          return a === undefined ? 0 : now - (a.lastBlockAt ?? a.joinedAt);
        },
        exchangingData: (p) => {
          const a = known(p);
          return a !== undefined && isExchangingData(a, now);
        },
      });
      if (decided === null) return `${limit}, and a plugin's choose_peer_to_replace refused to replace any)`;
      // An answer that is not one of the torrent's peers counts as no answer.
      const chosen = decided === undefined ? undefined : known(decided);
      if (chosen !== undefined) return { peer: chosen.peer, reason: `replaced by a new connection: ${limit}), chosen by a plugin's choose_peer_to_replace` };
    }
    const why = full === 'torrent' ? 'the torrent is full' : 'the client holds its maximum of connections';
    return leastUsefulPeer(activities.values(), now, why) ?? `${limit}, none idle enough to replace)`;
  }

  /** What the usefulness rules need of a peer; notes a block that went either way since last asked. */
  #activity(peer: SwarmPeer, state: PeerState, now: number): PeerActivity<SwarmPeer> {
    const blockBytes = state.down.total + state.up.total;
    if (blockBytes !== state.blockBytes) {
      state.blockBytes = blockBytes;
      state.lastBlockAt = now;
    }
    return { peer, busy: state.inflight > 0 || state.uploads.length > 0, joinedAt: state.joinedAt, lastBlockAt: state.lastBlockAt };
  }

  /** Drops the peers that have been idle for idleMs (nobody interested, no block either way). */
  #dropIdle(now: number): void {
    for (const [peer, state] of [...this.#peers]) {
      const activity = this.#activity(peer, state, now);
      if (isIdle(activity, now, this.#idleMs)) peer.disconnect(idleReason(activity, now));
    }
  }

  /** Sends what we have: called by the connection layer right after the handshake. */
  announceHave(send: { haveAll(): void; haveNone(): void; bitfield(bits: BitField): void; supportsFast: boolean }): void {
    const count = this.picker.haveCount;
    if (send.supportsFast && count === this.picker.pieceCount) send.haveAll();
    else if (send.supportsFast && count === 0) send.haveNone();
    else if (count > 0) send.bitfield(this.#bitfield());
  }

  detach(peer: SwarmPeer): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    this.#peers.delete(peer);
    this.#releaseUploads(state);
    for (let i = 0; i < this.picker.pieceCount; i++) if (peer.hasPiece(i)) this.picker.peerLost(i);
    this.picker.peerGone(peer);
    this.picker.setExclusive(peer, false);
    this.#unchoked.delete(peer);
    if (this.#optimistic === peer) this.#optimistic = undefined;
    for (const other of this.#peers.keys()) this.#fillRequests(other);
    this.#dialMore();
  }

  // ------------------------------------------------------------ messages

  onBitfieldKnown(peer: SwarmPeer): void {
    for (let i = 0; i < this.picker.pieceCount; i++) if (peer.hasPiece(i)) this.picker.peerHas(i);
    this.#updateInterest(peer);
  }

  onHave(peer: SwarmPeer, index: number): void {
    this.picker.peerHas(index);
    if (!peer.amInterested && this.picker.have[index] === 0 && this.picker.wanted[index] === 1) {
      this.#updateInterest(peer);
    } else {
      this.#fillRequests(peer);
    }
  }

  onUnchoke(peer: SwarmPeer): void {
    this.#fillRequests(peer);
  }

  onChoke(peer: SwarmPeer): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    // With the fast extension, outstanding requests stay valid until rejected.
    if (peer.supportsFast) return;
    this.picker.peerGone(peer);
    state.inflight = 0;
    for (const other of this.#peers.keys()) if (other !== peer) this.#fillRequests(other);
  }

  onReject(peer: SwarmPeer, index: number, begin: number): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    if (state.inflight > 0) state.inflight--;
    // A reject while choking us only voids the request (BEP 6); one while unchoked refuses the block.
    const voided = peer.peerChoking ? this.picker.cancelled(peer, index, begin) : this.picker.rejected(peer, index, begin, Date.now());
    // Its piece on parole is given up at a reject: its other requests of that piece go too.
    for (const r of voided) {
      if (state.inflight > 0) state.inflight--;
      peer.cancel(r.index, r.begin, r.length);
    }
    // Not refilled at once: a peer that lost the piece (or whose queue is full)
    // would be asked for other blocks it cannot send in a tight loop of
    // request/reject; the next tick asks again, once a second.
  }

  onInterested(peer: SwarmPeer): void {
    // With a slot free, rechoke now rather than at the next round, through the same policy hook.
    if (!this.#unchoked.has(peer) && this.#unchoked.size <= this.#uploadSlots) this.#rechoke();
  }

  onNotInterested(peer: SwarmPeer): void {
    if (this.#unchoked.has(peer)) this.#rechoke();
  }

  onBlock(peer: SwarmPeer, index: number, begin: number, block: Buffer): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    const alsoAsked = this.picker.received(peer, index, begin, block.length);
    if (alsoAsked === undefined) {
      // Not asked for, a duplicate, or the wrong size: dropped, never stored.
      if (++state.unrequestedBlocks > 64) peer.disconnect('too many blocks that were not requested');
      return;
    }
    if (state.inflight > 0) state.inflight--;
    const now = Date.now();
    state.down.add(block.length, now);
    this.#down.add(block.length, now);
    this.#downloaded += block.length;
    for (const other of alsoAsked) {
      other.cancel(index, begin, block.length);
      const s = this.#peers.get(other);
      if (s !== undefined && s.inflight > 0) s.inflight--;
    }
    let assembly = this.#assemblies.get(index);
    if (assembly === undefined) {
      assembly = { data: this.#store.allocatePiece(index), senders: [] };
      this.#assemblies.set(index, assembly);
    }
    copyIntoShared(block, assembly.data, begin);
    assembly.senders[begin / BLOCK_SIZE] = peer;
    if (this.picker.pieceDone(index)) void this.#finishPiece(index);
    this.#fillRequests(peer);
  }

  onRequest(peer: SwarmPeer, index: number, begin: number, length: number): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    const reason = this.#invalidRequest(peer, index, begin, length);
    if (reason !== undefined) {
      this.#sink.emit('invalid_request', { torrent: this, ip: peer.ip, reason });
      this.#refuse(peer, state, index, begin, length);
      return;
    }
    if (state.uploads.length >= this.#maxQueuedRequests) {
      this.#refuse(peer, state, index, begin, length);
      return;
    }
    state.uploads.push({ index, begin, length });
    void this.#serve(peer, state);
  }

  /**
   * A request we will not serve: rejected (BEP 6) or dropped. A peer that
   * sends more refused requests than the queue holds, without letting us
   * serve its queue down to half in between, is not a client that honours
   * our reqq or a choke: it is disconnected.
   */
  #refuse(peer: SwarmPeer, state: PeerState, index: number, begin: number, length: number): void {
    if (peer.supportsFast) peer.reject(index, begin, length);
    if (++state.refused <= this.#maxQueuedRequests) return;
    peer.fail(
      'REQUEST_QUEUE_FULL',
      `${state.refused} requests refused (queue of ${this.#maxQueuedRequests} full, choked or invalid) without its queue being served down to half`,
    );
  }

  /** The peer's socket drained: carry on serving its requests. */
  onDrain(peer: SwarmPeer): void {
    const state = this.#peers.get(peer);
    if (state !== undefined) void this.#serve(peer, state);
  }

  /** Refuses the requests still queued: we choked the peer (BEP 6: each is rejected, not silently dropped). */
  #refuseQueued(peer: SwarmPeer): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    const queued = state.uploads.splice(0);
    if (peer.supportsFast) for (const r of queued) peer.reject(r.index, r.begin, r.length);
  }

  onCancel(peer: SwarmPeer, index: number, begin: number, length: number): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    const at = state.uploads.findIndex((r) => r.index === index && r.begin === begin && r.length === length);
    if (at >= 0) state.uploads.splice(at, 1);
  }

  #invalidRequest(peer: SwarmPeer, index: number, begin: number, length: number): string | undefined {
    if (index >= this.picker.pieceCount) return `piece ${index} out of range (${this.picker.pieceCount} pieces)`;
    if (length === 0 || length > MAX_REQUEST_LENGTH) return `block length ${length} is not between 1 and ${MAX_REQUEST_LENGTH}`;
    if (begin + length > this.picker.pieceSize(index)) return `block ${begin}+${length} lies beyond piece ${index}`;
    if (this.picker.have[index] === 0) return `we do not have piece ${index}`;
    if (peer.amChoking) return 'request while choked';
    return undefined;
  }

  // ------------------------------------------------------------ downloading

  #updateInterest(peer: SwarmPeer): void {
    const want = !this.picker.complete && this.picker.interestedIn(peer);
    if (want && !peer.amInterested) peer.interested();
    else if (!want && peer.amInterested) peer.notInterested();
    this.#fillRequests(peer);
  }

  #queueDepth(state: PeerState): number {
    // Enough requests in flight to cover about half a second at the current rate.
    const rate = state.down.rate();
    return Math.max(32, Math.min(1000, Math.ceil((rate * 0.5) / BLOCK_SIZE)));
  }

  #fillRequests(peer: SwarmPeer): void {
    if (this.#state !== 'downloading') return;
    if (peer.peerChoking || !peer.amInterested) return;
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    const depth = this.#queueDepth(state);
    const want = depth - state.inflight;
    // Top up in batches of an eighth of the queue: fewer, fuller writes, still a deep pipeline.
    if (state.inflight > 0 && want < Math.max(8, depth >> 3)) return;
    const requests = this.picker.pick(peer, want, Date.now(), ENDGAME_AFTER_MS);
    if (requests.length === 0) return;
    state.inflight += requests.length;
    // The connection corks writes within a tick, so these leave as one write.
    for (const r of requests) peer.request(r.index, r.begin, r.length);
  }

  async #finishPiece(index: number): Promise<void> {
    const assembly = this.#assemblies.get(index);
    if (assembly === undefined) return;
    this.#assemblies.delete(index);
    await this.#verifyAndStore(index, assembly);
    // Listeners had the bytes during their call; the next piece is assembled in this memory.
    this.#store.releasePiece?.(assembly.data);
  }

  /** Checks a whole piece's hash, stores it and tells everyone: the one path for peers' and web seeds' data. */
  async #verifyAndStore(index: number, assembly: Assembly): Promise<PieceOutcome> {
    const blocks = this.#blockSources(index, assembly);
    const peers = [...new Set(assembly.senders.filter((p): p is SwarmPeer => p !== undefined))];
    let ok: boolean;
    try {
      ok = await this.#store.verify(index, assembly.data);
    } catch (err) {
      this.picker.resetPiece(index);
      this.#fail(err as Error);
      return 'dropped';
    }
    if (this.#state === 'paused' || this.#state === 'error') {
      this.picker.resetPiece(index);
      return 'dropped';
    }
    if (!ok) {
      this.picker.resetPiece(index);
      this.#sink.emit('piece_hash_failed', { torrent: this, index, peers, blocks, data: assembly.data });
      this.#reviewParole('piece_failed', index, blocks);
      for (const p of this.#peers.keys()) this.#fillRequests(p);
      return 'failed';
    }
    this.#writing++;
    try {
      await this.#store.writePiece(index, assembly.data);
    } catch (err) {
      this.picker.resetPiece(index);
      this.#fail(err as Error);
      return 'dropped';
    } finally {
      this.#writing--;
    }
    this.picker.markHave(index);
    this.#resume?.changed();
    for (const stored of this.#storedDuringRecheck) stored.add(index);
    this.#sink.emit('piece_hash_passed', { torrent: this, index, peers, blocks, data: assembly.data });
    this.#reviewParole('piece_passed', index, blocks);
    this.#advertise(index);
    if (this.picker.complete) await this.#completed();
    return 'passed';
  }

  // ------------------------------------------------------------ web seeds

  /**
   * A whole missing piece for a web seed: one no peer has started, rarest
   * first, reserved until delivered or released. -1 when none is left (or
   * the torrent is not downloading).
   */
  takeWebSeedPiece(): number {
    if (this.#state !== 'downloading') return -1;
    return this.picker.reservePiece();
  }

  /** A web seed gives back a piece it could not fetch: peers may pick it now. */
  releaseWebSeedPiece(index: number): void {
    this.picker.releasePiece(index);
  }

  /** A buffer to fetch piece `index` into, in memory the hasher can use without copying. */
  allocatePiece(index: number): Buffer {
    return this.#store.allocatePiece(index);
  }

  /**
   * A web seed's whole piece: checked and stored like the peers' pieces.
   * A failed hash fires piece_hash_failed with no peers and blocks whose ip is
   * the seed's URL, and frees the piece for anyone.
   */
  async deliverWebSeedPiece(url: string, index: number, data: Buffer): Promise<PieceOutcome> {
    if (this.#state !== 'downloading' || this.picker.have[index] === 1 || data.length !== this.picker.pieceSize(index)) {
      this.picker.releasePiece(index);
      return 'dropped';
    }
    const now = Date.now();
    this.#down.add(data.length, now);
    this.#downloaded += data.length;
    return this.#verifyAndStore(index, { data, senders: [], webSeed: url });
  }

  // ------------------------------------------------------------ parole

  /** Whether the peer downloads only whole pieces of its own (the parole_peer policy hook put it on parole). */
  isOnParole(peer: Peer): boolean {
    return this.picker.isExclusive(peer as SwarmPeer);
  }

  /** After a verified piece: asks parole_peer about every connected peer whose address sent a block of it. */
  #reviewParole(after: 'piece_passed' | 'piece_failed', index: number, blocks: readonly BlockSource[]): void {
    if (this.#hooks.parole_peer.taps.length === 0 && this.picker.exclusiveCount === 0) return;
    const senders = new Set<string>();
    for (const b of blocks) if (b.ip !== undefined) senders.add(b.ip);
    for (const peer of this.#peers.keys()) if (senders.has(peer.ip)) this.#askParole(peer, after, index);
  }

  #askParole(peer: SwarmPeer, after: ParoleCandidate['after'], index: number | undefined): void {
    if (this.#hooks.parole_peer.taps.length === 0 && !this.picker.isExclusive(peer)) return;
    const onParole = this.#hooks.parole_peer.call({ torrent: this, peer, after, index }) === true;
    this.picker.setExclusive(peer, onParole);
  }

  /** The picker gave up a started piece (its peer on parole will not finish it): its blocks are void, and anyone may take it. */
  #dropAssembly(index: number): void {
    const assembly = this.#assemblies.get(index);
    if (assembly !== undefined) {
      this.#assemblies.delete(index);
      this.#store.releasePiece?.(assembly.data);
    }
    this.#refillSoon();
  }

  /** Tops up every peer's requests once the current call is over (not from inside the picker's own call). */
  #refillSoon(): void {
    if (this.#refillQueued) return;
    this.#refillQueued = true;
    queueMicrotask(() => {
      this.#refillQueued = false;
      for (const p of this.#peers.keys()) this.#fillRequests(p);
    });
  }

  #blockSources(index: number, assembly: Assembly): BlockSource[] {
    const out: BlockSource[] = [];
    const count = this.picker.blockCount(index);
    for (let b = 0; b < count; b++) {
      const peer = assembly.senders[b];
      out.push({ begin: b * BLOCK_SIZE, length: this.picker.blockLength(index, b), peer, ip: peer?.ip ?? assembly.webSeed });
    }
    return out;
  }

  async #completed(): Promise<void> {
    try {
      await this.#store.prepare();
    } catch (err) {
      this.#fail(err as Error);
      return;
    }
    // Complete means on disk, resume data included: whoever sees it may stop the client or move the files next.
    await this.#resume?.save();
    if (this.#state === 'downloading') this.#state = 'seeding';
    for (const p of this.#peers.keys()) {
      if (p.amInterested) p.notInterested();
      // Two seeds have nothing to say to each other.
      if (p.isSeed) p.disconnect('both are seeds');
    }
    if (!this.#announcedComplete) this.#announcer?.completed();
    this.#announcedComplete = true;
    this.#sink.emit('torrent_complete', { torrent: this });
    for (const w of this.#completeWaiters.splice(0)) w.resolve();
  }

  /** A storage failure: the torrent pauses, keeping what was verified. */
  #fail(error: Error): void {
    if (this.#state === 'error') return;
    this.#error = error;
    this.#state = 'error';
    this.#stopTimers();
    void this.#announcer?.stop();
    void this.#webSeeds?.stop();
    for (const peer of [...this.#peers.keys()]) peer.disconnect(`storage error: ${error.message}`);
    for (const i of [...this.#assemblies.keys()]) this.picker.resetPiece(i);
    this.#assemblies.clear();
  }

  // ------------------------------------------------------------ seeding

  // A block is read only once its bytes are taken from the peer's share
  // (maxSendBuffer) and from the client's send budget; they come back when
  // the socket has handed the block to the kernel. So a peer that does not
  // read holds at most maxSendBuffer, all of them at most the budget, and at
  // most one disk read per peer is pending.
  async #serve(peer: SwarmPeer, state: PeerState): Promise<void> {
    if (state.serving) return;
    state.serving = true;
    // Bytes still in the socket before this run: the peer takes them slower than we read.
    const backlogged = peer.writableLength > 0;
    try {
      while (state.uploads.length > 0 && !state.gone) {
        if (peer.amChoking) return this.#refuseQueued(peer);
        const r = state.uploads[0]!;
        if (this.picker.have[r.index] === 0) {
          // Withdrawn since it was asked for: its file failed a read.
          state.uploads.shift();
          if (peer.supportsFast) peer.reject(r.index, r.begin, r.length);
          continue;
        }
        if (state.queuedBytes > 0 && state.queuedBytes + r.length > this.#maxSendBuffer) return; // a flush resumes
        if (!this.#sendBudget.take(r.length)) return this.#sendBudget.wait(state.wake);
        state.uploads.shift();
        if (state.uploads.length <= this.#maxQueuedRequests >> 1) state.refused = 0;
        state.queuedBytes += r.length;
        let block: Buffer;
        try {
          // Storage keeps recently read pieces, so each piece is read from disk once.
          block = await this.#store.read(r.index, r.begin, r.length);
        } catch (err) {
          // Nothing is sent: the bytes taken for the block go back (a peer gone gave back all it held).
          if (!state.gone) this.#flushed(peer, state, r.length);
          if (!this.#readFailed(r.index, err as Error)) throw err;
          if (peer.supportsFast && !state.gone) peer.reject(r.index, r.begin, r.length);
          continue;
        }
        if (state.gone) return;
        peer.piece(r.index, r.begin, unpinned(block, backlogged), () => this.#flushed(peer, state, r.length));
        const now = Date.now();
        state.up.add(r.length, now);
        this.#up.add(r.length, now);
        this.#uploaded += r.length;
      }
    } catch (err) {
      this.#fail(err as Error);
    } finally {
      state.serving = false;
    }
  }

  // ------------------------------------------------------------ data lost on disk

  /**
   * Reading piece `index` for a peer failed on a file (truncated, deleted,
   * unreadable): libtorrent-style, the piece is withdrawn and the file is
   * rechecked, while everything else is still served and peers stay. Only
   * the failure that opened a burst (storage reported it) starts a recheck:
   * the others were seen by one already. False when the error names no file
   * of ours (then it is not a disk failure).
   */
  #readFailed(index: number, error: Error): boolean {
    const file = (error as { file?: unknown }).file;
    const fileIndex = this.#store.files.findIndex((f) => f === file);
    if (fileIndex < 0) return false;
    this.#withdraw(index);
    if (this.#store.opensBurst(error)) void this.#recheck(fileIndex);
    return true;
  }

  /**
   * Marks a piece we had as missing. A HAVE cannot be taken back, so peers
   * told already are refused when they ask for it (rejected with BEP 6) and new
   * peers are not told; with pieces missing, a seed downloads again.
   */
  #withdraw(index: number): void {
    if (this.picker.have[index] === 0) return;
    this.picker.markMissing(index);
    this.#resume?.changed();
    this.#withdrawn.withdraw(index);
    if (this.#state === 'seeding' && !this.picker.complete) {
      this.#state = 'downloading';
      for (const p of this.#peers.keys()) this.#updateInterest(p);
    }
  }

  /** Tells the peers we have piece `index`, except those told before it was withdrawn. */
  #advertise(index: number): void {
    const mustTell = this.#withdrawn.had(index);
    for (const [peer, state] of this.#peers) if (mustTell(state.number)) peer.have(index);
  }

  /** Rechecks a file; failed reads of it while one runs share it. */
  #recheck(fileIndex: number): Promise<void> {
    let running = this.#rechecks.get(fileIndex);
    if (running === undefined) {
      running = this.#runRecheck(fileIndex).finally(() => this.#rechecks.delete(fileIndex));
      this.#rechecks.set(fileIndex, running);
    }
    return running;
  }

  async #runRecheck(fileIndex: number): Promise<void> {
    const file = this.#store.files[fileIndex]!;
    const report = (phase: 'started' | 'finished', pieces: number, missing: number): void => {
      if (this.#sink.listens('file_recheck')) this.#sink.emit('file_recheck', { torrent: this, file, phase, pieces, missing });
    };
    const { pieceLength } = this.meta;
    const pieces = file.length === 0 ? 0 : Math.floor((file.offset + file.length - 1) / pieceLength) - Math.floor(file.offset / pieceLength) + 1;
    report('started', pieces, 0);
    let result: { readonly first: number; readonly have: Uint8Array };
    const stored = new Set<number>();
    this.#storedDuringRecheck.add(stored);
    try {
      result = await this.#store.recheckFile(fileIndex, {
        signal: this.#closing.signal,
        onPiece: (index, ok) => {
          const event = ok ? 'piece_hash_passed' : 'piece_hash_failed';
          if (this.#sink.listens(event)) this.#sink.emit(event, { torrent: this, index, peers: [], blocks: [], data: undefined });
        },
      });
    } catch (err) {
      if (!this.#closing.signal.aborted) this.#fail(err as Error);
      return;
    } finally {
      this.#storedDuringRecheck.delete(stored);
    }
    if (this.#closing.signal.aborted) return;
    let missing = 0;
    for (let i = 0; i < result.have.length; i++) {
      const index = result.first + i;
      if (stored.has(index)) continue;
      if (result.have[i] === 0) {
        missing++;
        this.#withdraw(index);
      } else if (this.picker.have[index] === 0 && !this.#assemblies.has(index)) {
        // Intact after all (or restored meanwhile): had and advertised again.
        // (A piece whose blocks are arriving is left to its download.)
        this.picker.markHave(index);
        this.#advertise(index);
      }
    }
    report('finished', result.have.length, missing);
    if (this.picker.complete && this.#state === 'downloading') await this.#completed();
    else for (const p of this.#peers.keys()) this.#updateInterest(p);
  }

  /** A block left the peer's socket: its bytes go back, and the peer's next requests can be read. */
  #flushed(peer: SwarmPeer, state: PeerState, length: number): void {
    if (state.gone) return;
    state.queuedBytes -= length;
    this.#sendBudget.give(length);
    if (state.uploads.length > 0 && !state.serving) void this.#serve(peer, state);
  }

  /** The peer is gone: its queue is forgotten and what it held goes back to the budget. */
  #releaseUploads(state: PeerState): void {
    state.gone = true;
    state.uploads.length = 0;
    this.#sendBudget.cancel(state.wake);
    this.#sendBudget.give(state.queuedBytes);
    state.queuedBytes = 0;
  }

  // ------------------------------------------------------------ timers

  #startTimers(): void {
    this.#stopTimers();
    const tick = setInterval(() => this.#tick(), 1000);
    const rechoke = setInterval(() => this.#rechoke(), RECHOKE_INTERVAL_MS);
    tick.unref();
    rechoke.unref();
    this.#timers.push(tick, rechoke);
  }

  #stopTimers(): void {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
  }

  #tick(): void {
    const now = Date.now();
    for (const { peer, request } of this.picker.expire(now, this.#requestTimeoutMs)) {
      const s = this.#peers.get(peer);
      if (s === undefined) continue;
      if (s.inflight > 0) s.inflight--;
      peer.cancel(request.index, request.begin, request.length);
    }
    for (const p of this.#peers.keys()) this.#fillRequests(p);
    this.#dropIdle(now);
    this.#dialMore();
    this.#webSeeds?.tick(now);
  }

  #rechoke(): void {
    const peers = [...this.#peers.keys()];
    const seeding = this.#state === 'seeding';
    const rateOf = (p: Peer): number => {
      const s = this.#peers.get(p as SwarmPeer);
      if (s === undefined) return 0;
      return seeding ? s.up.rate() : s.down.rate();
    };
    const decided = this.#hooks.choose_unchoke.call({ torrent: this, peers, slots: this.#uploadSlots, seeding, rateOf });
    const chosen = decided ?? chooseByRate({ peers, slots: this.#uploadSlots, rateOf });
    const next = new Set(chosen.filter((p): p is SwarmPeer => this.#peers.has(p as SwarmPeer)) as SwarmPeer[]);
    // A policy's answer is the whole unchoke set; the optimistic slot belongs to the default choice.
    if (decided === undefined) {
      const now = Date.now();
      const stale = this.#optimistic !== undefined && (!this.#peers.has(this.#optimistic) || !this.#optimistic.peerInterested);
      if (stale || now - this.#lastOptimistic >= OPTIMISTIC_INTERVAL_MS) {
        this.#optimistic = chooseOptimistic(peers as SwarmPeer[], next);
        if (this.#optimistic !== undefined) this.#lastOptimistic = now;
      }
      if (this.#optimistic !== undefined) next.add(this.#optimistic);
    }
    for (const p of peers) {
      const wasUnchoked = this.#unchoked.has(p);
      if (next.has(p) && !wasUnchoked) p.unchoke();
      if (!next.has(p) && wasUnchoked) {
        p.choke();
        this.#refuseQueued(p);
      }
    }
    this.#unchoked = next;
  }

  // ------------------------------------------------------------ helpers

  #bitfield(): BitField {
    const bits = new BitField(this.picker.pieceCount);
    for (let i = 0; i < this.picker.pieceCount; i++) if (this.picker.have[i] === 1) bits.set(i);
    return bits;
  }

  #selectFiles(wanted: readonly number[]): void {
    const files = this.meta.files;
    const want = new Set(wanted);
    const pieceWanted = new Uint8Array(this.picker.pieceCount);
    files.forEach((f, i) => {
      if (!want.has(i) || f.length === 0) return;
      const first = Math.floor(f.offset / this.meta.pieceLength);
      const last = Math.floor((f.offset + f.length - 1) / this.meta.pieceLength);
      for (let p = first; p <= last; p++) pieceWanted[p] = 1;
    });
    for (let p = 0; p < this.picker.pieceCount; p++) this.picker.setWanted(p, pieceWanted[p] === 1);
  }
}
