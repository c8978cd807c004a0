// The engine: the torrents, the listening sockets, and what each peer
// connection is for (its torrent or magnet link, the messages it routes
// there). The connections themselves, dialled and accepted under the
// client's limits, are Connections'. It joins the layers below (net, peer,
// storage, torrent) and knows nothing of plugins: policies reach it through
// the hooks it is given.
import { createHash } from 'node:crypto';
import { BanList } from './ban-list.ts';
import { ClientError } from './client-error.ts';
import { Connections, type ConnectionCounts, type ConnectionsOwner } from './connections.ts';
import { ExtensionRegistry } from './extensions/registry.ts';
import type { EventSink, PolicyHooks, TapFailureHandler } from './hooks.ts';
import type { MagnetLink, Metainfo } from './metainfo/index.ts';
import { Listener, type BoundPorts } from './net/listener.ts';
import type { SharedUdpSocket } from './net/shared-udp-socket.ts';
import type { PeerConnection } from './peer/index.ts';
import { generatePeerId } from './peer-id.ts';
import type { ResolvedSettings } from './settings.ts';
import { HandlePool, Storage } from './storage/index.ts';
import { resumeFilePath } from './storage/resume-data.ts';
import { TorrentResume } from './torrent/resume.ts';
import { CheckQueue } from './torrent/check-queue.ts';
import { ResumeListing } from './torrent/resume-listing.ts';
import { TaskSlots } from './torrent/task-slots.ts';
import { SessionClock } from './torrent/session-clock.ts';
import { Announcer, infoDictionaryOf, MagnetSwarm, ourExtendedHandshake, SendBudget, Swarm, trackerTiers, type AnnouncedTorrent, type SwarmOptions } from './torrent/index.ts';
import { RateBuckets, RateScheduler, type RateLimits } from './net/rate-limiter.ts';
import type { Address, Peer, Torrent } from './types.ts';
import type { UtpConnection } from './transport/utp/index.ts';
import { WebSeeds } from './webseed/index.ts';
import type { ExtendedHandshake, Message } from './wire/index.ts';

/** Resume files saved at once: enough to keep the disk busy, few file descriptors. */
const RESUME_WRITES_AT_ONCE = 8;

export interface AddTorrentOptions {
  /** Folder the torrent's files are read from and written to. */
  readonly dir: string;
  /** Peers to connect to at once. */
  readonly peers?: readonly Address[];
  /** Indexes of the files to download (all when absent). */
  readonly files?: readonly number[];
  /** Add without starting. */
  readonly paused?: boolean;
  /** Trust the files in `dir` without checking them: seed at once (libtorrent's seed mode). */
  readonly seedMode?: boolean;
  /** More trackers (e.g. a magnet link's tr), each in a tier of its own after the metainfo's tiers. */
  readonly trackers?: readonly string[];
  /** More web seeds (e.g. a magnet link's ws), besides the metainfo's url-list. */
  readonly webSeeds?: readonly string[];
}

export class Engine {
  readonly peerId: Buffer;
  readonly #sink: EventSink;
  readonly #hooks: PolicyHooks;
  readonly #settings: ResolvedSettings;
  readonly #torrents = new Map<string, Swarm>();
  /** Torrents added by magnet link that are still fetching their metadata. */
  readonly #magnets = new Map<string, MagnetSwarm>();
  /** Every peer connection, dialled or accepted, under the client's limits. */
  readonly #connections: Connections<Swarm | MagnetSwarm>;
  #listener: Listener | undefined;
  /** Where a plugin's callback that throws outside a hook (a shared UDP socket's datagram handler) is reported. */
  readonly #onTapFailure: TapFailureHandler | undefined;
  #listening: Promise<BoundPorts> | undefined;
  #destroyed = false;
  readonly #bans: BanList;
  /** Block bytes held for sending, over every peer of every torrent. */
  readonly #sendBudget: SendBudget;
  /** One scheduler per direction wakes every waiting peer of every torrent in turn. */
  readonly #rateSchedulers = { download: new RateScheduler(), upload: new RateScheduler() };
  /** The client's rate limits; each torrent's buckets hang under them. */
  readonly #rates: RateBuckets;
  /** The BEP 10 extensions plugins registered (ut_metadata, ut_pex and plugins' own). */
  readonly #extensions: ExtensionRegistry;
  /** One timer for every torrent's tick, one queue of file checks, and one budget of open files for every torrent's storage. */
  readonly #clock = new SessionClock();
  /** One timer each for every torrent's stats events and periodic resume saves (none when their interval is 0). */
  readonly #statsClock: SessionClock | undefined;
  readonly #resumeClock: SessionClock | undefined;
  readonly #checks = new CheckQueue();
  /** Resume saves under way at once, over every torrent (see TaskSlots). */
  readonly #resumeWrites = new TaskSlots(RESUME_WRITES_AT_ONCE);
  /** What the state folder (resume.dir) holds, when there is one: made at the first add. */
  #resumeListing: ResumeListing | undefined;
  readonly #handles: HandlePool;

  constructor(
    sink: EventSink,
    hooks: PolicyHooks,
    settings: ResolvedSettings,
    bans: BanList = new BanList(),
    extensions: ExtensionRegistry = new ExtensionRegistry(() => undefined),
    onTapFailure?: TapFailureHandler,
  ) {
    this.#sink = sink;
    this.#onTapFailure = onTapFailure;
    this.#extensions = extensions;
    this.#bans = bans;
    this.#hooks = hooks;
    this.#settings = settings;
    this.#sendBudget = new SendBudget(settings.limits.maxSendBufferTotal);
    this.#handles = new HandlePool(sink, settings.limits.maxOpenFiles);
    this.#rates = new RateBuckets(this.#rateSchedulers);
    this.#rates.set({ download: settings.rates.maxDownloadRate, upload: settings.rates.maxUploadRate });
    this.peerId = generatePeerId(settings.peerIdPrefix);
    this.#connections = new Connections({
      sink,
      hooks,
      settings,
      peerId: this.peerId,
      bans,
      rates: this.#rates,
      utpSocket: (protocol) => this.#listener?.utpSocket(protocol),
      owner: this.#connectionsOwner,
    });
    this.#statsClock = settings.stats.intervalMs > 0 ? new SessionClock(settings.stats.intervalMs) : undefined;
    this.#resumeClock = settings.resume.intervalMs > 0 ? new SessionClock(settings.resume.intervalMs) : undefined;
  }

  get connectionCounts(): ConnectionCounts {
    return this.#connections.counts;
  }

  get torrents(): readonly Swarm[] {
    return [...this.#torrents.values()];
  }

  /** The client's limits in bytes per second (0 = unlimited), over every torrent. */
  get rateLimits(): RateLimits {
    return this.#rates.limits;
  }

  /** Changes the client's limits at once; a key left out keeps its limit. Throws RateLimitError (BAD_RATE). */
  setRateLimits(limits: Partial<RateLimits>): void {
    this.#rates.set(limits);
  }

  /** Torrents added by magnet link that are still fetching their metadata. */
  get magnets(): readonly MagnetSwarm[] {
    return [...this.#magnets.values()];
  }

  /** Hands addresses to a torrent (or a magnet still fetching its metadata); false when there is no such torrent. */
  addPeers(infoHash: string, addresses: readonly Address[]): boolean {
    const key = infoHash.toLowerCase();
    const target = this.#magnets.get(key) ?? this.#torrents.get(key);
    if (target === undefined) return false;
    target.addPeers(addresses);
    return true;
  }

  get connectionCount(): number {
    return this.#connections.all.size;
  }

  torrent(infoHash: string): Swarm | undefined {
    return this.#torrents.get(infoHash.toLowerCase());
  }

  /** Opens the listening sockets (once); listen_success / listen_failure report the outcome. */
  listen(): Promise<BoundPorts> {
    if (this.#listening !== undefined) return this.#listening;
    const { listen } = this.#settings;
    if (!listen.tcp4 && !listen.tcp6) return (this.#listening = Promise.resolve({}));
    this.#listener = new Listener({
      ports: listen.ports,
      tcp4: listen.tcp4,
      tcp6: listen.tcp6,
      host4: listen.host4,
      host6: listen.host6,
      sink: this.#sink,
      onConnection: (socket, protocol) => this.#connections.acceptTcp(socket, protocol),
      ...(this.#settings.transports.utp.listen ? { utp: this.#utpOptions() } : {}),
      ...(this.#onTapFailure === undefined ? {} : { onDatagramHandlerFailure: this.#onTapFailure }),
    });
    this.#listening = this.#listener.listen();
    return this.#listening;
  }

  /** The uTP sockets' options under these settings; accepted connections go the way of accepted TCP sockets. */
  #utpOptions(): NonNullable<ConstructorParameters<typeof Listener>[0]['utp']> {
    const { maxConnections, maxHalfOpen, ...connection } = this.#settings.transports.utp;
    return { connection, limits: { maxConnections, maxHalfOpen }, onConnection: (c: UtpConnection) => this.#connections.acceptUtp(c) };
  }

  /** The uTP socket of a family, shared with plugins (the DHT); undefined before listening or without uTP. */
  udpSocket(family: 4 | 6): SharedUdpSocket | undefined {
    return this.#listener?.sharedUdpSocket(family === 6 ? 'udp6' : 'udp4')?.handle;
  }

  /** The port peers should be told about (tcp4's, else tcp6's), once listening. */
  get port(): number | undefined {
    const ports = this.#listener?.ports;
    return ports?.tcp4 ?? ports?.tcp6;
  }

  async add(meta: Metainfo, options: AddTorrentOptions): Promise<Swarm> {
    if (this.#destroyed) throw new ClientError('CLIENT_DESTROYED', 'the client was destroyed');
    if (this.#torrents.has(meta.infoHash) || this.#magnets.has(meta.infoHash)) {
      throw new ClientError('TORRENT_EXISTS', `torrent ${meta.infoHash} (${meta.name}) is already added`);
    }
    return this.#add(meta, options);
  }

  /**
   * Adds a torrent by magnet link: dials the link's peers (x.pe) and the
   * options', announces to its trackers, and holds the connections until a
   * metadata source supplies the info dictionary (supplyMetadata), then goes
   * on as add() does, keeping the connections. `offersMetadata` says which
   * connections a source can use; undefined (no source) is refused with
   * NO_METADATA_SOURCE. Resolves once the metadata is in and the
   * torrent started; rejects when the torrent is removed first.
   */
  async addMagnet(link: MagnetLink, options: AddTorrentOptions, offersMetadata: ((peer: Peer) => boolean) | undefined): Promise<Swarm> {
    if (this.#destroyed) throw new ClientError('CLIENT_DESTROYED', 'the client was destroyed');
    if (this.#torrents.has(link.infoHash) || this.#magnets.has(link.infoHash)) throw new ClientError('TORRENT_EXISTS', `torrent ${link.infoHash} is already added`);
    // Without a source the torrent could never start: said at once rather than waiting for ever.
    if (offersMetadata === undefined) {
      throw new ClientError('NO_METADATA_SOURCE', `cannot add magnet link ${link.infoHash}: no plugin fetches metadata (apply the ut-metadata plugin; createClient and .btrc apply it unless switched off)`);
    }
    await this.listen();
    const tiers = trackerTiers([], [...new Set([...link.trackers, ...(options.trackers ?? [])])]);
    const magnet: MagnetSwarm = new MagnetSwarm({
      link,
      dir: options.dir,
      startsPaused: options.paused ?? false,
      offersMetadata,
      dialer: { connect: (address): boolean => this.connect(magnet, address) },
      port: () => this.port,
      extendHandshake: (handshake, peer) => this.#withExtensions(handshake, peer, link.infoHash),
      maxPeers: this.#settings.limits.maxConnectionsPerTorrent,
      maxCandidates: this.#settings.limits.maxPeerCandidates,
      requestQueue: this.#settings.limits.maxQueuedRequestsPerPeer,
      ...(options.trackers === undefined ? {} : { trackers: options.trackers }),
      ...(options.webSeeds === undefined ? {} : { webSeeds: options.webSeeds }),
      ...(tiers.length === 0 ? {} : { createAnnouncer: (torrent: AnnouncedTorrent) => this.#newAnnouncer(torrent, tiers) }),
    });
    this.#magnets.set(link.infoHash, magnet);
    this.#sink.emit('torrent_added', { torrent: magnet });
    magnet.addPeers([...link.peers, ...(options.peers ?? [])]);
    magnet.start();
    try {
      const meta = await magnet.whenMetadata();
      this.#sink.emit('metadata_received', { torrent: magnet, size: infoDictionaryOf(meta)?.length ?? 0 });
      // The metainfo holds the magnet's and the options' trackers and web seeds; the peers are connected.
      const { peers: _peers, trackers: _trackers, webSeeds: _webSeeds, ...rest } = options;
      return await this.#add(meta, rest, magnet);
    } finally {
      if (this.#magnets.get(link.infoHash) === magnet) this.#magnets.delete(link.infoHash);
      await magnet.close();
    }
  }

  /**
   * The info dictionary of a magnet link's torrent, found by a metadata
   * source. Throws ClientError METADATA_MISMATCH when it does not hash to the
   * info hash; false when no magnet link waits for it.
   */
  supplyMetadata(infoHash: string, info: Buffer): boolean {
    const magnet = this.#magnets.get(infoHash.toLowerCase());
    if (magnet === undefined) return false;
    const hash = createHash('sha1').update(info).digest();
    if (!hash.equals(magnet.link.infoHashBuffer)) {
      throw new ClientError('METADATA_MISMATCH', `metadata of ${info.length} bytes hashes to ${hash.toString('hex')}, not the info hash ${magnet.infoHash}`);
    }
    return magnet.supply(info);
  }

  /** The raw info dictionary of a torrent we hold (what ut_metadata serves); undefined while a magnet link waits for it. */
  infoDictionary(infoHash: string): Buffer | undefined {
    const swarm = this.#torrents.get(infoHash.toLowerCase());
    return swarm === undefined ? undefined : infoDictionaryOf(swarm.meta);
  }

  /** Builds, registers and starts a torrent's swarm; a magnet's metadata phase hands over its announcer and connections. */
  async #add(meta: Metainfo, options: AddTorrentOptions, magnet?: MagnetSwarm): Promise<Swarm> {
    await this.listen();
    const announcer = magnet?.announcer;
    const wanted = options.files === undefined ? undefined : new Set(options.files);
    const rates = new RateBuckets(this.#rateSchedulers, this.#rates);
    rates.set({ download: this.#settings.rates.maxDownloadRatePerTorrent, upload: this.#settings.rates.maxUploadRatePerTorrent });
    let store: Storage | undefined;
    const swarm = new Swarm({
      meta,
      createStore: (torrent) =>
        (store = new Storage({
          layout: meta,
          dir: options.dir,
          torrent,
          sink: this.#sink,
          handles: this.#handles,
          ...(wanted === undefined ? {} : { skipFiles: (i: number) => wanted.has(i) }),
        })),
      ...this.#resumeOption(meta, options.dir, () => store!),
      sink: this.#sink,
      hooks: this.#hooks,
      dialer: { connect: (address): boolean => this.connect(swarm, address) },
      uploadSlots: this.#settings.limits.maxUploadSlots,
      maxPeers: this.#settings.limits.maxConnectionsPerTorrent,
      maxCandidates: this.#settings.limits.maxPeerCandidates,
      idleMs: this.#settings.timeouts.idleMs,
      maxQueuedRequests: this.#settings.limits.maxQueuedRequestsPerPeer,
      maxSendBuffer: this.#settings.limits.maxSendBufferPerPeer,
      sendBudget: this.#sendBudget,
      clock: this.#clock,
      checks: this.#checks,
      rates,
      ...(options.files === undefined ? {} : { wantedFiles: options.files }),
      statsClock: this.#statsClock,
      streaming: this.#settings.streaming,
      ...(options.seedMode === undefined ? {} : { seedMode: options.seedMode }),
      ...this.#sources(meta, options),
      ...(announcer === undefined ? {} : { createAnnouncer: () => announcer }),
    });
    this.#torrents.set(meta.infoHash, swarm);
    // A magnet's torrent_added fired when its link was added.
    if (magnet === undefined) this.#sink.emit('torrent_added', { torrent: swarm });
    if (options.peers !== undefined) swarm.addPeers(options.peers);
    // A paused torrent is checked too (trusting its resume data), so that it knows what it has; then it stays paused.
    if (options.paused === true) swarm.pause();
    await swarm.start();
    if (magnet !== undefined) {
      magnet.handOver(swarm);
      this.#magnets.delete(meta.infoHash);
      // The metadata phase's connections counted against the client's limits only; now their torrent's too.
      for (const peer of this.#connections.all) if (peer.infoHash === meta.infoHash) peer.setRateGates(rates);
    }
    return swarm;
  }

  /** The torrent's resume data keeper, unless resume.enabled is false. */
  #resumeOption(meta: Metainfo, dir: string, store: () => Storage): Pick<SwarmOptions, 'createResume'> {
    const { enabled, dir: stateDir } = this.#settings.resume;
    if (!enabled) return {};
    return {
      createResume: (torrent: Swarm) =>
        new TorrentResume({
          path: resumeFilePath({ dir, name: meta.name, infoHash: meta.infoHash, stateDir }),
          torrent,
          pieceCount: meta.pieceCount,
          fileCount: store().files.length,
          sink: this.#sink,
          stampFiles: () => store().stampFiles(),
          createFolder: stateDir !== undefined,
          clock: this.#resumeClock,
          writes: this.#resumeWrites,
          listing: stateDir === undefined ? undefined : (this.#resumeListing ??= new ResumeListing(stateDir)),
        }),
    };
  }

  /** The torrent's trackers and web seeds, when it has any. */
  #sources(meta: Metainfo, options: AddTorrentOptions): Pick<SwarmOptions, 'createAnnouncer' | 'createWebSeeds'> {
    const tiers = trackerTiers(meta.announce, options.trackers);
    const webSeeds = [...meta.urlList, ...(options.webSeeds ?? [])];
    return {
      ...(tiers.length === 0
        ? {}
        : {
            createAnnouncer: (torrent: Swarm) => this.#newAnnouncer(torrent, tiers),
          }),
      ...(webSeeds.length === 0
        ? {}
        : {
            createWebSeeds: (torrent: Swarm) =>
              new WebSeeds({ urls: webSeeds, layout: meta, host: torrent, sink: this.#sink, isBanned: (url) => this.#bans.has(url, meta.infoHash) }),
          }),
    };
  }

  #newAnnouncer(torrent: AnnouncedTorrent, tiers: readonly (readonly string[])[]): Announcer {
    const { timeouts, trackers } = this.#settings;
    const udp = { baseTimeoutMs: trackers.udpBaseTimeoutMs, maxRetries: trackers.udpRetries, timeoutMs: trackers.udpTimeoutMs };
    return new Announcer({ torrent, tiers, sink: this.#sink, hooks: this.#hooks, peerId: this.peerId, port: () => this.port ?? 0, timeoutMs: timeouts.trackerMs, udp });
  }

  async remove(infoHash: string): Promise<void> {
    const magnet = this.#magnets.get(infoHash.toLowerCase());
    if (magnet !== undefined) {
      this.#magnets.delete(magnet.infoHash);
      await magnet.close();
      this.#sink.emit('torrent_removed', { torrent: magnet });
    }
    const swarm = this.#torrents.get(infoHash.toLowerCase());
    if (swarm === undefined) return;
    this.#torrents.delete(swarm.infoHash);
    await swarm.close();
    this.#sink.emit('torrent_removed', { torrent: swarm });
  }

  /** Dials a peer for a torrent (see Connections.dial); false when there is no room for a dial now. */
  connect(swarm: Swarm | MagnetSwarm, address: Address): boolean {
    return this.#connections.dial(swarm, address);
  }

  /** What each connection is for: its torrent or magnet link, the messages it routes there, what its close leaves. */
  readonly #connectionsOwner: ConnectionsOwner<Swarm | MagnetSwarm> = {
    // A refusal says why; "unknown info hash" (the connection's own reason for undefined) only when no torrent has it.
    torrentFor: (peer, infoHash) => {
      const torrent = this.#magnets.get(infoHash) ?? this.#torrents.get(infoHash);
      if (torrent === undefined) return undefined;
      // A full torrent is decided when the connection is attached: it may replace someone.
      const refusal = torrent.refusal();
      if (refusal !== undefined) {
        peer.disconnect(refusal);
        return undefined;
      }
      return { infoHash: torrent.infoHash, pieceCount: torrent.pieceCount, torrent };
    },
    ready: (peer) => this.#attach(peer),
    message: (peer, message) => this.#dispatch(peer, message),
    closed: (peer) => {
      this.#extensions.onClose(peer);
      const torrent = peer.infoHash === undefined ? undefined : (this.#magnets.get(peer.infoHash) ?? this.#torrents.get(peer.infoHash));
      this.#magnetOf(peer)?.detach(peer);
      this.#swarmOf(peer)?.detach(peer);
      return torrent;
    },
    drained: (peer) => this.#swarmOf(peer)?.onDrain(peer),
    infoHashes: () => this.#ourInfoHashes(),
  };

  /** The 20-byte info hashes of our torrents and magnets: the torrents an MSE initiator may ask for. */
  *#ourInfoHashes(): Iterable<Buffer> {
    for (const infoHash of this.#torrents.keys()) yield Buffer.from(infoHash, 'hex');
    for (const infoHash of this.#magnets.keys()) yield Buffer.from(infoHash, 'hex');
  }

  /** A connection finished its handshakes: its torrent (or metadata phase) takes it, or says why not. */
  #attach(peer: PeerConnection): void {
    const magnet = peer.infoHash === undefined ? undefined : this.#magnets.get(peer.infoHash);
    if (magnet !== undefined) {
      // The metadata phase replaces no one (see MagnetSwarm.refusal), so the client's limit is a plain refusal here.
      if (this.#connections.full) return peer.disconnect('too many connections (the client holds its maximum)');
      return magnet.attach(peer);
    }
    const swarm = this.#swarmOf(peer);
    if (swarm === undefined) return peer.disconnect('torrent removed');
    if (peer.peerId !== undefined && peer.peerId.equals(this.peerId)) return peer.disconnect('connected to ourselves');
    if (this.#connections.closedAsDuplicate(peer)) return;
    peer.setRateGates(swarm.rateGates);
    swarm.attach(peer, this.#connections.full);
    if (!peer.closed) swarm.announceHave(peer);
    // BEP 10 right after what we have (BEP 6 wants bitfield / have all / have none first).
    if (!peer.closed && peer.supportsExtended) {
      const ours = ourExtendedHandshake({
        port: this.port,
        remoteIp: peer.ip,
        requestQueue: this.#settings.limits.maxQueuedRequestsPerPeer,
      });
      peer.sendExtendedHandshake(this.#withExtensions(ours, peer, swarm.infoHash));
    }
  }

  /** Our extended handshake with the registered extensions in `m`, through the extended_handshake waterfall. */
  #withExtensions(handshake: ExtendedHandshake, peer: Peer, infoHash: string): ExtendedHandshake {
    const withIds: ExtendedHandshake = { ...handshake, m: { ...handshake.m, ...this.#extensions.ids } };
    const hook = this.#hooks.extended_handshake;
    return hook.taps.length === 0 ? withIds : hook.call(withIds, { peer, infoHash });
  }

  #swarmOf(peer: PeerConnection): Swarm | undefined {
    const infoHash = peer.infoHash;
    return infoHash === undefined ? undefined : this.#torrents.get(infoHash);
  }

  /** The metadata phase holding this connection, if any. */
  #magnetOf(peer: PeerConnection): MagnetSwarm | undefined {
    if (this.#magnets.size === 0 || peer.infoHash === undefined) return undefined;
    const magnet = this.#magnets.get(peer.infoHash);
    return magnet?.holds(peer) ? magnet : undefined;
  }

  #dispatch(peer: PeerConnection, message: Message): void {
    if (message.type === 'extended') {
      // Plugins' extensions, in the metadata phase and after: their ids are the registry's alone.
      if (message.handshake !== undefined) this.#extensions.onHandshake(peer, message.handshake);
      else if (this.#extensions.claims(message.extendedId)) return this.#extensions.onMessage(peer, message.extendedId, message.payload);
      if (peer.closed) return;
    }
    // Before the metadata only the extensions above matter (a metadata source among them).
    if (this.#magnetOf(peer) !== undefined) return;
    const swarm = this.#swarmOf(peer);
    if (swarm === undefined) return;
    switch (message.type) {
      case 'bitfield':
      case 'have-all':
        return swarm.onBitfieldKnown(peer);
      case 'have':
        return swarm.onHave(peer, message.index);
      case 'choke':
        return swarm.onChoke(peer);
      case 'unchoke':
        return swarm.onUnchoke(peer);
      case 'interested':
        return swarm.onInterested(peer);
      case 'not-interested':
        return swarm.onNotInterested(peer);
      case 'piece':
        return swarm.onBlock(peer, message.index, message.begin, message.block);
      case 'request':
        return swarm.onRequest(peer, message.index, message.begin, message.length);
      case 'cancel':
        return swarm.onCancel(peer, message.index, message.begin, message.length);
      case 'reject':
        return swarm.onReject(peer, message.index, message.begin);
      default:
        return undefined;
    }
  }

  /** Closes every connection the ban list now refuses; returns the torrents that lost one. */
  dropBanned(): Torrent[] {
    const hit = new Set<Torrent>();
    for (const peer of [...this.#connections.all]) {
      const ban = peer.closed ? undefined : this.#bans.get(peer.ip, peer.infoHash);
      if (ban === undefined) continue;
      const swarm = this.#swarmOf(peer);
      if (swarm !== undefined) hit.add(swarm);
      peer.disconnect(`banned: ${ban.reason}`);
    }
    return [...hit];
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#connections.destroy();
    const magnets = [...this.#magnets.values()];
    this.#magnets.clear();
    await Promise.all(magnets.map((m) => m.close('client shutting down')));
    await Promise.all([...this.#torrents.values()].map((s) => s.close()));
    this.#torrents.clear();
    this.#rateSchedulers.download.destroy();
    this.#rateSchedulers.upload.destroy();
    await this.#listener?.close();
  }
}

