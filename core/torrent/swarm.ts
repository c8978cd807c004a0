// One torrent's swarm: its lifecycle, its peers, and the path of a piece
// from blocks to verified storage; it reports what happens as events. The
// parts with a concept of their own sit beside it, each given only what it
// needs: our block requests (block-requests.ts), serving the peers'
// requests (uploads.ts), unchoking (unchoker.ts), replacing peers of a full
// torrent and dropping idle ones (slot-replacement.ts), parole (parole.ts),
// recovery from data lost on disk (seed-recovery.ts), pieces being
// assembled (piece-assembly.ts), what the picker's pieces add up to
// (piece-accounting.ts), the files an application drives and streams
// (swarm-files.ts) and the stats event (torrent-stats.ts).
import type { BitField } from '../bitfield.ts';
import type { EventSink, PolicyHooks } from '../hooks.ts';
import type { Address, Peer, Torrent, TorrentState } from '../types.ts';
import type { Announcer } from './announcer.ts';
import type { Dialer, PieceStore, SwarmMeta, SwarmPeer, SwarmService } from './contracts.ts';
import { BlockRequests, type RequestRecord } from './block-requests.ts';
import { RECHOKE_INTERVAL_MS } from './choker.ts';
import type { CheckQueue } from './check-queue.ts';
import { TICK_MS, type SessionClock } from './session-clock.ts';
import { Parole } from './parole.ts';
import { adoptRecheck, reportCheckedPiece } from './piece-check.ts';
import { haveBitfield, wantedBytesLeft, wantedProgress } from './piece-accounting.ts';
import { blockSources, PieceAssemblies, type Assembly } from './piece-assembly.ts';
import { PeerCandidates, type ConnectionEnd, type DialFailure } from './peer-candidates.ts';
import type { PeerActivity, PeerToDrop } from './peer-usefulness.ts';
import { PiecePicker } from './picker.ts';
import { RateMeter } from './rate.ts';
import { SeedRecovery } from './seed-recovery.ts';
import type { SwarmFile } from './swarm-file.ts';
import { SwarmFiles, type StreamingSettings } from './swarm-files.ts';
import { createStreamServer, type StreamServer } from './stream-server.ts';
import { timeRemainingMs, TorrentStats } from './torrent-stats.ts';
import type { SendBudget } from './send-budget.ts';
import { activityOf, chooseReplaced, dropIdle, type ActivityRecord } from './slot-replacement.ts';
import { Unchoker } from './unchoker.ts';
import { Uploads } from './uploads.ts';
import { RateLimitError, UNLIMITED, type RateBuckets, type RateLimits } from '../net/rate-limiter.ts';
import type { ResumeData } from '../storage/resume-data.ts';
import type { ResumeSnapshot, TorrentResume } from './resume.ts';

export { ENDGAME_AFTER_MS } from './block-requests.ts';
export { MAX_REQUEST_LENGTH } from './uploads.ts';

/** A peer that sent or took a block this recently was transferring when its connection ended (Transmission: twice its 5 s minimum reconnect interval). */
const RECENT_TRANSFER_MS = 10_000;
/** Clock ticks between two rechokes. */
const RECHOKE_TICKS = Math.round(RECHOKE_INTERVAL_MS / TICK_MS);

export interface SwarmOptions {
  readonly meta: SwarmMeta;
  /** Builds the storage; it is handed the swarm, which its events name as the torrent. */
  readonly createStore: (torrent: Torrent) => PieceStore;
  readonly sink: EventSink;
  readonly hooks: PolicyHooks;
  readonly dialer: Dialer;
  /** Regular unchoke slots (limits.maxUploadSlots). */
  readonly uploadSlots: number;
  /** Connections of this torrent (limits.maxConnectionsPerTorrent). */
  readonly maxPeers: number;
  /** Addresses remembered to dial (limits.maxPeerCandidates). */
  readonly maxCandidates: number;
  /** A peer neither interested nor interesting, with no block either way for this long, is dropped (timeouts.idleMs). */
  readonly idleMs: number;
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
  readonly maxQueuedRequests: number;
  /** Bytes of blocks read for one peer and not yet taken by its socket before we stop reading for it (limits.maxSendBufferPerPeer). */
  readonly maxSendBuffer: number;
  /** The client's budget of block bytes held for sending, shared with its other swarms (limits.maxSendBufferTotal). */
  readonly sendBudget: SendBudget;
  /** The torrent's rate limits (its buckets and the client's); none: unlimited. */
  readonly rates?: RateBuckets;
  /** Builds the torrent's resume data keeper (read before the check, saved on changes and close). None: every start checks every piece. */
  readonly createResume?: (torrent: Swarm) => TorrentResume;
  /** Ticks at stats.intervalMs for every torrent's stats event; none: no stats events (intervalMs 0). */
  readonly statsClock: SessionClock | undefined;
  /** Deadlines of file streams (streaming in the settings). */
  readonly streaming: StreamingSettings;
  /** The client's one clock: the torrent's tick and rechoke run on it. */
  readonly clock: SessionClock;
  /** The client's queue of file checks: a few torrents check at a time. */
  readonly checks: CheckQueue;
}

/** What the swarm keeps of a connected peer (its uploads are in Uploads). */
interface PeerState extends ActivityRecord, RequestRecord {
  /** Our requests to this peer that are not answered yet. */
  inflight: number;
  unrequestedBlocks: number;
  /** Order of attachment (SeedRecovery): peers attached after a piece was withdrawn were never told we had it. */
  readonly number: number;
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
  /** Made by the first block or address (see #peerOptions). */
  #assembliesMade: PieceAssemblies | undefined;
  #candidatesMade: PeerCandidates | undefined;
  readonly #maxPeers: number;
  readonly #idleMs: number;
  readonly #requestTimeoutMs: number;
  readonly #down = new RateMeter();
  readonly #up = new RateMeter();
  #downloaded = 0;
  #uploaded = 0;
  readonly #clock: SessionClock;
  readonly #checks: CheckQueue;
  /** Stops the torrent's tick on the clock; undefined while it does not tick. */
  #stopTicking: (() => void) | undefined;
  /** Its rechoke falls on the seconds of this phase (spread over the clock's torrents). */
  readonly #rechokePhase: number;
  #completeWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  #writing = 0;
  #refillQueued = false;
  readonly #seedMode: boolean;
  readonly #rates: RateBuckets | undefined;
  readonly #announcer: Announcer | undefined;
  readonly #webSeeds: SwarmService | undefined;
  /**
   * The parts that work for peers (serving their requests, our requests,
   * unchoking, parole, recovery of lost data) are made when the first peer
   * or piece needs them, from these options: a thousand torrents seeding
   * idle hold none of them (about 4 KiB of objects and closures each).
   */
  readonly #peerOptions: Pick<SwarmOptions, 'maxQueuedRequests' | 'maxSendBuffer' | 'sendBudget' | 'uploadSlots' | 'maxCandidates'>;
  #uploadsMade: Uploads | undefined;
  #recoveryMade: SeedRecovery | undefined;
  #paroleMade: Parole | undefined;
  #unchokerMade: Unchoker | undefined;
  #requestsMade: BlockRequests | undefined;
  readonly #resume: TorrentResume | undefined;
  /** The trackers were told "completed" (once: a torrent that lost pieces and got them back completes again). */
  #announcedComplete = false;
  /** Aborted by close(): rechecks under way stop. */
  readonly #closing = new AbortController();
  readonly #files: SwarmFiles;
  readonly #stats: TorrentStats;
  readonly #streaming: StreamingSettings;

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
    this.#maxPeers = options.maxPeers;
    this.#idleMs = options.idleMs;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#seedMode = options.seedMode ?? false;
    this.#rates = options.rates;
    this.#clock = options.clock;
    this.#checks = options.checks;
    this.#rechokePhase = options.clock.phase(RECHOKE_TICKS);
    const picker = (this.picker = new PiecePicker<SwarmPeer>({
      pieceCount: meta.pieceCount,
      pieceLength: meta.pieceLength,
      totalLength: meta.length,
      onDrop: (index) => this.#dropAssembly(index),
      onHaveChanged: (index, had) => this.#files.pieceChanged(index, had),
    }));
    this.#peerOptions = {
      maxQueuedRequests: options.maxQueuedRequests,
      maxSendBuffer: options.maxSendBuffer,
      sendBudget: options.sendBudget,
      uploadSlots: options.uploadSlots,
      maxCandidates: options.maxCandidates,
    };
    const store = this.#store;
    const sink = this.#sink;
    this.#files = new SwarmFiles(
      {
        torrent: this,
        sink,
        picker,
        streaming: options.streaming,
        read: (index, begin, length) => store.read(index, begin, length),
        wantChanged: () => this.#wantChanged(),
        deadlinesChanged: () => this.#refillSoon(),
        ...(store.setWanted === undefined ? {} : { setStoreWanted: (i: number, wanted: boolean) => store.setWanted!(i, wanted) }),
      },
      store.files,
      options.wantedFiles,
    );
    this.#stats = new TorrentStats(this, sink, options.statsClock);
    this.#streaming = options.streaming;
    this.#announcer = options.createAnnouncer?.(this);
    this.#webSeeds = options.createWebSeeds?.(this);
    this.#resume = options.createResume?.(this);
  }

  get #assemblies(): PieceAssemblies {
    return (this.#assembliesMade ??= new PieceAssemblies(this.#store));
  }

  get #candidates(): PeerCandidates {
    return (this.#candidatesMade ??= new PeerCandidates(this.#peerOptions.maxCandidates));
  }

  get #uploads(): Uploads {
    if (this.#uploadsMade !== undefined) return this.#uploadsMade;
    const { picker } = this;
    const store = this.#store;
    const options = this.#peerOptions;
    return (this.#uploadsMade = new Uploads(
      {
        torrent: this,
        sink: this.#sink,
        pieceCount: picker.pieceCount,
        pieceSize: (index) => picker.pieceSize(index),
        has: (index) => picker.have[index] === 1,
        read: (index, begin, length) => store.readBlock(index, begin, length),
        cached: (index, begin, length) => store.cachedBlock(index, begin, length),
        readAhead: (index) => store.readAhead(index),
        readFailed: (index, error) => this.#recovery.readFailed(index, error),
        fail: (error) => this.#fail(error),
        uploaded: (peer, length) => this.#uploadedBlock(peer, length),
      },
      {
        maxQueuedRequests: options.maxQueuedRequests,
        maxSendBuffer: options.maxSendBuffer,
        sendBudget: options.sendBudget,
        ...(this.#rates === undefined ? {} : { uploadRate: this.#rates.upload }),
      },
    ));
  }

  get #recovery(): SeedRecovery {
    const { picker } = this;
    return (this.#recoveryMade ??= new SeedRecovery({
      torrent: this,
      sink: this.#sink,
      store: this.#store,
      pieceLength: this.meta.pieceLength,
      closing: this.#closing,
      has: (index) => picker.have[index] === 1,
      markHave: (index) => picker.markHave(index),
      markMissing: (index) => picker.markMissing(index),
      assembling: (index) => this.#assembliesMade?.has(index) === true,
      peers: () => [...this.#peers].map(([peer, state]) => [peer, state.number] as const),
      lost: () => this.#piecesLost(),
      rechecked: () => this.#rechecked(),
      fail: (error) => this.#fail(error),
    }));
  }

  get #parole(): Parole {
    return (this.#paroleMade ??= new Parole(this.#hooks, this.picker, this));
  }

  get #requests(): BlockRequests {
    return (this.#requestsMade ??= new BlockRequests({
      picker: this.picker,
      downloading: () => this.#state === 'downloading',
      recordOf: (peer) => this.#peers.get(peer),
      // Requests are paced to the rate limit: a deep queue would only wait (and time out) behind it.
      downloadLimitPerPeer: () => (this.#rates?.download.limit ?? 0) / Math.max(1, this.#peers.size),
    }));
  }

  get #unchoker(): Unchoker {
    const peers = this.#peers;
    return (this.#unchokerMade ??= new Unchoker({
      torrent: this,
      hooks: this.#hooks,
      slots: this.#peerOptions.uploadSlots,
      peers: () => [...peers.keys()],
      isConnected: (p): p is SwarmPeer => peers.has(p as SwarmPeer),
      seeding: () => this.#state === 'seeding',
      rateOf: (p, seeding) => {
        const s = peers.get(p as SwarmPeer);
        if (s === undefined) return 0;
        return seeding ? s.up.rate() : s.down.rate();
      },
      choked: (p) => this.#uploads.refuseQueued(p),
    }));
  }

  /** The torrent's trackers, when it has any. */
  get announcer(): Announcer | undefined {
    return this.#announcer;
  }

  /** This torrent's own limits in bytes per second (0 = unlimited); the client's apply too. */
  get rateLimits(): RateLimits {
    return this.#rates?.limits ?? UNLIMITED;
  }

  /** Changes this torrent's limits at once; a key left out keeps its limit. Throws RateLimitError (BAD_RATE). */
  setRateLimits(limits: Partial<RateLimits>): void {
    if (this.#rates === undefined) throw new RateLimitError('BAD_RATE', 'this torrent has no rate limiter');
    this.#rates.set(limits);
  }

  /** The gates a peer of this torrent counts its bytes against (the engine hands them to the connection). */
  get rateGates(): RateBuckets | undefined {
    return this.#rates;
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
    return wantedProgress(this.picker);
  }

  get downloaded(): number {
    return this.#downloaded;
  }

  get uploaded(): number {
    return this.#uploaded;
  }

  /** Bytes of wanted pieces still missing. */
  get left(): number {
    return wantedBytesLeft(this.picker);
  }

  get downloadRate(): number {
    return this.#down.rate();
  }

  get uploadRate(): number {
    return this.#up.rate();
  }

  /** Bytes of blocks being read for this torrent's peers or waiting in their sockets (bounded by maxSendBuffer per peer). */
  get queuedUploadBytes(): number {
    return this.#uploadsMade?.queuedBytes ?? 0;
  }

  get peers(): readonly Peer[] {
    return [...this.#peers.keys()];
  }

  /** The torrent's files: progress, priorities changeable while it runs, streams. */
  get files(): readonly SwarmFile[] {
    return this.#files.list;
  }

  /** Uploaded over downloaded bytes (0 before anything came in). */
  get ratio(): number {
    return this.#downloaded === 0 ? 0 : this.#uploaded / this.#downloaded;
  }

  /** Milliseconds until the wanted pieces are in at the current rate: 0 when complete, Infinity when nothing comes in. */
  get timeRemaining(): number {
    return timeRemainingMs(this.left, this.downloadRate);
  }

  get numPeers(): number {
    return this.#peers.size;
  }

  /** Connected peers that have every piece. */
  get numSeeds(): number {
    let seeds = 0;
    for (const p of this.#peers.keys()) if (p.isSeed) seeds++;
    return seeds;
  }

  /** An HTTP server of the torrent's files (Range requests, for media players); not listening until you call listen(). */
  createServer(): StreamServer {
    return createStreamServer(this, this.#streaming.maxServerConnections);
  }

  /** Pieces some file stream is waiting for (they have deadlines). */
  get deadlinePieces(): number {
    return this.#files.deadlineCount;
  }

  /** File streams waiting for a piece. */
  get waitingReaders(): number {
    return this.#files.waitingReaders;
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
    this.#setState('checking');
    let hashed = this.#seedMode;
    try {
      if (this.#seedMode) for (let i = 0; i < this.picker.pieceCount; i++) this.picker.markHave(i);
      else await this.#checks.run(async () => this.#store.check({
        ...(await this.#resumeData()),
        onTrusted: (index) => this.picker.markHave(index),
        onPiece: (index, ok) => {
        hashed = true;
        if (ok) this.picker.markHave(index);
        reportCheckedPiece(this.#sink, this, index, ok);
      } }), this.meta.length);
      // The check opened every file: they wait closed for the first peer (the client's handle budget is shared).
      await this.#store.closeHandles();
    } catch (err) {
      this.#fail(err as Error);
      return;
    }
    this.#sink.emit('torrent_checked', { torrent: this, pieces: this.picker.haveCount, total: this.picker.pieceCount });
    this.#resume?.start(() => this.#resumeSnapshot(), hashed);
    await this.#goOn(true);
  }

  /**
   * Hashes every piece on disk again, trusting nothing (Transmission's
   * verify): the torrent stops (peers, trackers, web seeds), checks, and
   * goes on as it was, a paused one staying paused. Pieces found bad or
   * gone are fetched again. A torrent checking already is left to it.
   */
  async recheck(): Promise<void> {
    if (this.#state === 'checking') return;
    const wasComplete = this.picker.complete;
    this.#pauseWhenChecked = this.#state === 'paused';
    this.#error = undefined;
    this.#halt('torrent rechecking its files');
    this.#setState('checking');
    let found: Uint8Array;
    try {
      // In the client's check queue, as the startup check: a few torrents hash at a time.
      found = await this.#checks.run(() => this.#store.check({ signal: this.#closing.signal, onPiece: (index, ok) => reportCheckedPiece(this.#sink, this, index, ok) }), this.meta.length);
      await this.#store.closeHandles();
    } catch (err) {
      if (!this.#closing.signal.aborted) this.#fail(err as Error);
      return;
    }
    if (this.#closing.signal.aborted) return;
    adoptRecheck(this.picker, found);
    this.#resume?.changed();
    this.#sink.emit('torrent_checked', { torrent: this, pieces: this.picker.haveCount, total: this.picker.pieceCount });
    // The peers dropped for the check are dialled again (as after a resume).
    this.#candidatesMade?.requeueAll();
    // A seed found intact is not completed a second time (no second torrent_complete).
    await this.#goOn(!(wasComplete && this.picker.complete));
  }

  /** After a check: stays paused when asked to, else downloads or seeds (completing first when `complete` and every piece is in). */
  async #goOn(complete: boolean): Promise<void> {
    if (this.#pauseWhenChecked) {
      // Added paused (or paused while checking): what is had is known, nothing is announced or dialled.
      this.#pauseWhenChecked = false;
      this.#setState('paused');
      return;
    }
    this.#setState(this.picker.complete ? 'seeding' : 'downloading');
    this.#startTimers();
    this.#announcer?.start();
    this.#webSeeds?.start();
    // Found complete by a check: nothing was written.
    if (this.picker.complete && complete) await this.#completed(false);
    this.#dialMore();
  }

  /** pause() before or during the startup check: the check runs, then the torrent stays paused. */
  #pauseWhenChecked = false;

  pause(): void {
    if (this.#state === 'checking') {
      this.#pauseWhenChecked = true;
      return;
    }
    if (this.#state === 'paused') return;
    this.#setState('paused');
    this.#sink.emit('torrent_paused', { torrent: this });
    this.#halt('torrent paused');
    void this.#resume?.save();
  }

  /** Stops the traffic: timers, trackers, web seeds, peers. */
  #halt(reason: string): void {
    this.#stopTimers();
    void this.#announcer?.stop();
    void this.#webSeeds?.stop();
    for (const peer of [...this.#peers.keys()]) peer.disconnect(reason);
  }

  /** Resumes after pause or a storage error: verified pieces stay; missing ones are fetched. */
  resume(): void {
    if (this.#state === 'checking') this.#pauseWhenChecked = false;
    if (this.#state !== 'paused' && this.#state !== 'error') return;
    this.#error = undefined;
    this.#setState(this.picker.complete ? 'seeding' : 'downloading');
    this.#sink.emit('torrent_resumed', { torrent: this });
    this.#startTimers();
    this.#announcer?.start();
    this.#webSeeds?.start();
    this.#candidatesMade?.requeueAll();
    this.#dialMore();
  }

  /** Stops everything, tells the trackers (bounded in time) and closes files. */
  async close(): Promise<void> {
    this.#closing.abort();
    this.#stopTimers();
    const stopping = [this.#announcer?.stop(), this.#webSeeds?.stop()];
    for (const peer of [...this.#peers.keys()]) peer.disconnect('torrent removed');
    // The engine forgot this torrent first, so detach may not have run: what the peers held goes back to the shared budget here.
    this.#uploadsMade?.detachAll();
    const waiters = this.#completeWaiters.splice(0);
    for (const w of waiters) w.reject(new Error(`torrent ${this.name} was removed before it completed`));
    this.#files.close(new Error(`torrent ${this.name} was removed`));
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

  #setState(to: TorrentState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    this.#sink.emit('state_changed', { torrent: this, from, to });
  }

  /** File priorities changed which pieces are wanted: a seed may download again, a download may be complete. */
  #wantChanged(): void {
    if (!this.#running) return;
    if (this.picker.complete) {
      if (this.#state === 'downloading') void this.#completed();
      return;
    }
    if (this.#state === 'seeding') {
      this.#setState('downloading');
      // The seeds we dropped on completion have what is wanted now.
      this.#candidatesMade?.requeueAll();
      this.#dialMore();
    }
    for (const p of this.#peers.keys()) this.#updateInterest(p);
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
    if ((this.#state !== 'downloading' && this.#state !== 'seeding') || this.#candidatesMade === undefined) return;
    this.#candidates.dialDue(() => this.#peers.size < this.#maxPeers, (address) => this.#dialer.connect(address));
  }

  /** A dial of ours failed before any connection, or found no room for its address ('no-room'): dialled again later (PeerCandidates). */
  dialFailed(address: Address, how: DialFailure = 'failed'): void {
    this.#candidates.ended(address, how);
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
      const activities = new Map([...this.#activities(now)].map((a) => [a.peer, a] as const));
      const choice = chooseReplaced({ hooks: this.#hooks, torrent: this, newcomer: peer, activities, full, maxPeers: this.#maxPeers, now });
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
      chokedAt: undefined,
      unrequestedBlocks: 0,
      number: this.#recovery.attach(),
      joinedAt: now,
      lastBlockAt: undefined,
      blockBytes: 0,
    };
    this.#peers.set(peer, state);
    this.#uploads.attach(peer);
    // The newcomer is in first, so the departure does not open a slot that a dial would take.
    replaced?.peer.disconnect(replaced.reason);
    // An address put on parole before (it reconnected) stays on parole.
    this.#parole.ask(peer, 'connected', undefined);
  }

  /**
   * What the usefulness rules need of each peer (see activityOf), one at a
   * time: dropping one peer may give the next requests to answer.
   */
  *#activities(now: number): Generator<PeerActivity<SwarmPeer>> {
    for (const [peer, state] of [...this.#peers]) yield activityOf(peer, state, this.#uploads.busy(peer), now);
  }

  /** Sends what we have: called by the connection layer right after the handshake. */
  announceHave(send: { haveAll(): void; haveNone(): void; bitfield(bits: BitField): void; supportsFast: boolean }): void {
    const count = this.picker.haveCount;
    if (send.supportsFast && count === this.picker.pieceCount) send.haveAll();
    else if (send.supportsFast && count === 0) send.haveNone();
    else if (count > 0) send.bitfield(haveBitfield(this.picker));
  }

  detach(peer: SwarmPeer): void {
    const state = this.#peers.get(peer);
    if (state === undefined) {
      // A connection we dialled that never joined (its handshake failed, or it was refused): a failure for the address.
      if (peer.direction === 'outgoing') this.#candidates.ended(peer, 'failed');
      return;
    }
    this.#peers.delete(peer);
    if (peer.direction === 'outgoing') this.#candidates.ended(peer, this.#howEnded(peer, state));
    this.#uploads.detach(peer);
    for (let i = 0; i < this.picker.pieceCount; i++) if (peer.hasPiece(i)) this.picker.peerLost(i);
    this.picker.peerGone(peer);
    this.picker.setExclusive(peer, false);
    if (this.#unchoker.forget(peer) && this.#running && !this.#closing.signal.aborted) this.#unchoker.rechoke();
    for (const other of this.#peers.keys()) this.#fillRequests(other);
    this.#dialMore();
  }

  /** How a connection we dialled ended, for when to dial the address again (PeerCandidates). */
  #howEnded(peer: SwarmPeer, state: PeerState): ConnectionEnd {
    // Two seeds have nothing for each other; the address is queued again should we need pieces (requeueAll).
    if (peer.isSeed && this.picker.complete) return 'done';
    const now = Date.now();
    const lastBlockAt = activityOf(peer, state, false, now).lastBlockAt;
    return lastBlockAt !== undefined && now - lastBlockAt <= RECENT_TRANSFER_MS ? 'transferring' : 'failed';
  }

  // ------------------------------------------------------------ messages

  onBitfieldKnown(peer: SwarmPeer): void {
    for (let i = 0; i < this.picker.pieceCount; i++) if (peer.hasPiece(i)) this.picker.peerHas(i);
    this.#updateInterest(peer);
  }

  onHave(peer: SwarmPeer, index: number): void {
    this.picker.peerHas(index);
    // A piece we have or do not want gives the peer nothing new to be asked for (most HAVEs in a swarm).
    if (this.picker.have[index] === 1 || this.picker.wanted[index] === 0) return;
    if (!peer.amInterested) this.#updateInterest(peer);
    else this.#fillRequests(peer);
  }

  onUnchoke(peer: SwarmPeer): void {
    const state = this.#peers.get(peer);
    if (state !== undefined) this.#requests.unchoked(state);
    this.#fillRequests(peer);
  }

  onChoke(peer: SwarmPeer): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    this.#requests.choked(peer, state, Date.now());
    // With the fast extension, outstanding requests stay valid until rejected (or the grace is over, at a tick).
    if (peer.supportsFast) return;
    for (const other of this.#peers.keys()) if (other !== peer) this.#fillRequests(other);
  }

  onReject(peer: SwarmPeer, index: number, begin: number): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    this.#requests.rejected(peer, state, index, begin);
  }

  onInterested(peer: SwarmPeer): void {
    this.#unchoker.interested(peer);
  }

  onNotInterested(peer: SwarmPeer): void {
    this.#unchoker.notInterested(peer);
  }

  onBlock(peer: SwarmPeer, index: number, begin: number, block: Buffer): void {
    const state = this.#peers.get(peer);
    if (state === undefined) return;
    if (!this.#requests.received(peer, state, index, begin, block.length)) {
      // Not asked for, a duplicate, or the wrong size: dropped, never stored.
      if (++state.unrequestedBlocks > 64) peer.disconnect('too many blocks that were not requested');
      return;
    }
    const now = Date.now();
    state.down.add(block.length, now);
    this.#down.add(block.length, now);
    this.#downloaded += block.length;
    this.#assemblies.add(index, begin, block, peer);
    if (this.picker.pieceDone(index)) void this.#finishPiece(index);
    this.#fillRequests(peer);
  }

  onRequest(peer: SwarmPeer, index: number, begin: number, length: number): void {
    this.#uploads.request(peer, index, begin, length);
  }

  /** The peer's socket drained: carry on serving its requests. */
  onDrain(peer: SwarmPeer): void {
    this.#uploads.drain(peer);
  }

  onCancel(peer: SwarmPeer, index: number, begin: number, length: number): void {
    this.#uploads.cancel(peer, index, begin, length);
  }

  // ------------------------------------------------------------ downloading

  #updateInterest(peer: SwarmPeer): void {
    const want = !this.picker.complete && this.picker.interestedIn(peer);
    if (want && !peer.amInterested) peer.interested();
    else if (!want && peer.amInterested) peer.notInterested();
    this.#fillRequests(peer);
  }

  #fillRequests(peer: SwarmPeer): void {
    this.#requests.fill(peer);
  }

  async #finishPiece(index: number): Promise<void> {
    const assembly = this.#assemblies.take(index);
    if (assembly === undefined) return;
    await this.#verifyAndStore(index, assembly);
    // Listeners had the bytes during their call; the next piece is assembled in this memory.
    this.#assemblies.release(assembly);
  }

  /** Checks a whole piece's hash, stores it and tells everyone: the one path for peers' and web seeds' data. */
  async #verifyAndStore(index: number, assembly: Assembly): Promise<PieceOutcome> {
    const blocks = blockSources(assembly, this.picker.blockCount(index), (b) => this.picker.blockLength(index, b));
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
      this.#parole.review(this.#peers.keys(), 'piece_failed', index, blocks);
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
    this.#recovery.stored(index);
    this.#resume?.changed();
    this.#sink.emit('piece_hash_passed', { torrent: this, index, peers, blocks, data: assembly.data });
    this.#parole.review(this.#peers.keys(), 'piece_passed', index, blocks);
    this.#recovery.advertise(index);
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

  /** The picker gave up a started piece (its peer on parole will not finish it): its blocks are void, and anyone may take it. */
  #dropAssembly(index: number): void {
    this.#assembliesMade?.drop(index);
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

  /**
   * `wrote`: pieces were stored on the way (a download), not only found on
   * disk by a check. Complete then means on disk, resume data included:
   * whoever sees it may stop the client or move the files next. A check's
   * save only spares the next start a check: it waits until no check runs
   * (a thousand torrents added at once would each wait for a synced file).
   */
  async #completed(wrote = true): Promise<void> {
    try {
      await this.#store.prepare();
    } catch (err) {
      this.#fail(err as Error);
      return;
    }
    if (wrote) await this.#resume?.save();
    else this.#checks.afterChecks(() => void this.#resume?.save());
    if (this.#state === 'downloading') this.#setState('seeding');
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
    this.#setState('error');
    this.#stopTimers();
    void this.#announcer?.stop();
    void this.#webSeeds?.stop();
    for (const peer of [...this.#peers.keys()]) peer.disconnect(`storage error: ${error.message}`);
    for (const i of this.#assembliesMade?.clear() ?? []) this.picker.resetPiece(i);
  }

  // ------------------------------------------------------------ seeding

  /** A block went to a peer's socket (Uploads). */
  #uploadedBlock(peer: SwarmPeer, length: number): void {
    const now = Date.now();
    this.#peers.get(peer)?.up.add(length, now);
    this.#up.add(length, now);
    this.#uploaded += length;
  }

  /** A piece we had was withdrawn (SeedRecovery): with pieces missing, a seed downloads again. */
  #piecesLost(): void {
    this.#resume?.changed();
    if (this.#state === 'seeding' && !this.picker.complete) {
      this.#setState('downloading');
      for (const p of this.#peers.keys()) this.#updateInterest(p);
    }
  }

  /** A file's recheck is over (SeedRecovery): complete again, or interested in what went missing. */
  async #rechecked(): Promise<void> {
    if (this.picker.complete && this.#state === 'downloading') await this.#completed();
    else for (const p of this.#peers.keys()) this.#updateInterest(p);
  }

  // ------------------------------------------------------------ timers

  #startTimers(): void {
    this.#stopTimers();
    this.#stopTicking = this.#clock.add((second) => {
      this.#tick();
      if (second % RECHOKE_TICKS === this.#rechokePhase && this.#peers.size > 0) this.#unchoker.rechoke();
    });
    // Stats keep their own timer: stats.intervalMs need not be whole seconds.
    this.#stats.start();
  }

  #stopTimers(): void {
    this.#stopTicking?.();
    this.#stopTicking = undefined;
    this.#stats.stop();
  }

  #tick(): void {
    // A torrent with no peer, none to dial and no web seed has nothing to do: a thousand idle torrents cost nothing.
    if (this.#peers.size === 0 && (this.#candidatesMade?.pending ?? 0) === 0 && this.#webSeeds === undefined) return;
    const now = Date.now();
    this.#requests.expire(now, this.#requestTimeoutMs);
    for (const [p, state] of this.#peers) this.#requests.abandonChoked(p, state, now);
    for (const p of this.#peers.keys()) this.#fillRequests(p);
    dropIdle(this.#activities(now), this.#idleMs, now);
    this.#dialMore();
    this.#webSeeds?.tick(now);
  }
}
