// Client: owns the hooks, the listeners given at construction, and (later
// layers) the torrents, the listening sockets and the plugin host.
import {
  createHooks,
  emit,
  EVENT_NAMES,
  listens,
  type EventAttributes,
  type EventName,
  type Hooks,
  type EventSink,
  type Listener,
} from './hooks.ts';
import { readFile } from 'node:fs/promises';
import { BanError, BanList, type BanEntry, type BanPeerOptions } from './ban-list.ts';
import { ClientError } from './client-error.ts';
import { resolve as resolvePath } from 'node:path';
import type { ConnectionCounts } from './connections.ts';
import { Engine, type AddTorrentOptions } from './engine.ts';
import { ExtensionRegistry } from './extensions/registry.ts';
import { parseMagnet, parseTorrent, type CreateTorrentOptions, type Metainfo } from './metainfo/index.ts';
import type { SeedSource } from './seed-source.ts';
import { fetchTorrentFile, isTorrentFileUrl } from './torrent-file-url.ts';
import type { BoundPorts } from './net/index.ts';
import type { SharedUdpSocket } from './net/shared-udp-socket.ts';
import { resolveSettings, type ClientSettings, type ResolvedSettings } from './settings.ts';
import type { MetadataSource, PendingMagnet, Swarm } from './torrent/index.ts';
import type { Address, Peer, Torrent } from './types.ts';
import type { RateLimits } from './net/rate-limiter.ts';

/** `on_<event>` constructor options: one listener or several. */
export type ListenerOptions = {
  [K in EventName as `on_${K}`]?: Listener<Client, K> | Listener<Client, K>[];
};

/** `client.on_<event>(fn)` methods; each returns the client for chaining. */
export type ListenerMethods = {
  [K in EventName as `on_${K}`]: (listener: Listener<Client, K>) => Client;
};

/** client.seed()'s options: how to create the torrent, and how to add it (`dir`: where buffers are written; a path's own folder otherwise). */
export type SeedOptions = CreateTorrentOptions & Partial<Omit<AddTorrentOptions, 'seedMode' | 'files'>>;

/** What client.onDestroy runs; a returned promise is awaited before destroy() resolves. */
export type DestroyHandler = () => void | Promise<void>;

export interface ClientOptions extends ListenerOptions, ClientSettings {
  /** Name shown as the tap name of constructor and on_<event> listeners. */
  readonly name?: string;
}

// Declaration merging gives the class its generated on_<event> methods' types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Client extends ListenerMethods {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Client implements EventSink {
  readonly hooks: Hooks<Client>;
  readonly options: ClientOptions;
  #listenerCount = 0;
  readonly #plugins = new Map<string, unknown>();
  readonly #bans = new BanList();
  /** BEP 10 extensions: plugins register theirs here (before the first torrent is added). */
  readonly extensions: ExtensionRegistry;
  readonly #metadataSources: MetadataSource[] = [];

  constructor(options: ClientOptions = {}) {
    this.options = options;
    this.hooks = createHooks<Client>((plugin, hook, error) => this.#reportTapFailure(plugin, hook, error));
    this.extensions = new ExtensionRegistry((plugin, hook, error) => this.#reportTapFailure(plugin, hook, error));
    for (const name of EVENT_NAMES) {
      const given = (options as Record<string, unknown>)[`on_${name}`];
      if (given === undefined) continue;
      for (const fn of Array.isArray(given) ? given : [given]) {
        if (typeof fn !== 'function') throw new TypeError(`option on_${name} must be a function or an array of functions`);
        this.#tapListener(name, fn as Listener<Client, typeof name>);
      }
    }
  }

  /** Settings with every default of config-schema/btrc.schema.json filled in; frozen. Throws OptionsError for settings the schema rejects. */
  get settings(): ResolvedSettings {
    return (this.#settings ??= resolveSettings(this.options));
  }
  #settings: ResolvedSettings | undefined;

  // Created on first use, so that a client that only listens to events opens no socket.
  #engine: Engine | undefined;
  get #core(): Engine {
    return (this.#engine ??= new Engine(this, this.hooks, this.settings, this.#bans, this.extensions, (plugin, hook, error) => this.#reportTapFailure(plugin, hook, error)));
  }

  /** Opens the listening sockets (addTorrent does this too); resolves with the bound ports. */
  listen(): Promise<BoundPorts> {
    return this.#core.listen();
  }

  /** The port peers are told about, once listening. */
  get port(): number | undefined {
    return this.#engine?.port;
  }

  /**
   * The UDP socket uTP listens on for a family, shared with plugins (the DHT
   * uses it, as libtorrent does): undefined before listen(), with uTP
   * listening off (transports.utp.listen false) or the family not listened on.
   */
  udpSocket(family: 4 | 6): SharedUdpSocket | undefined {
    return this.#engine?.udpSocket(family);
  }

  /**
   * The folder torrents added without a `dir` go to: settings.downloadDir
   * until setDownloadDir changes it (a daemon's clients move it at run time,
   * as transmission-remote -w does).
   */
  get downloadDir(): string {
    return this.#downloadDir ?? resolvePath(this.settings.downloadDir);
  }
  #downloadDir: string | undefined;

  /** Sends torrents added from now on without a `dir` to `dir` (made absolute); torrents already added stay where they are. */
  setDownloadDir(dir: string): void {
    this.#downloadDir = resolvePath(dir);
  }

  /** Our 20-byte peer id. */
  get peerId(): Buffer {
    return this.#core.peerId;
  }

  /**
   * Adds a torrent from a .torrent path or http(s) URL, its bytes, parsed metainfo, or a
   * magnet link ("magnet:?xt=urn:btih:..."), checks what is already in
   * `dir`, and starts downloading or seeding. A magnet link's metadata is
   * fetched from its peers (x.pe, `peers`) and trackers first: the promise
   * resolves once it is in and the torrent started.
   */
  async addTorrent(source: string | Uint8Array | Metainfo, options: Partial<AddTorrentOptions> = {}): Promise<Swarm> {
    // Checked here too: a client destroyed before its engine existed would otherwise create one.
    if (this.#destroyed !== undefined) throw new ClientError('CLIENT_DESTROYED', 'the client was destroyed');
    if (typeof source === 'string' && /^magnet:\?/i.test(source.trim())) {
      const offersMetadata = this.#metadataSources.length === 0 ? undefined : (peer: Peer): boolean => this.#offersMetadata(peer);
      return this.#core.addMagnet(parseMagnet(source), { ...options, dir: resolvePath(options.dir ?? this.downloadDir) }, offersMetadata);
    }
    const meta = typeof source === 'string' ? await this.readTorrentFile(source) : source instanceof Uint8Array ? parseTorrent(source) : source;
    return this.#core.add(meta, { ...options, dir: resolvePath(options.dir ?? this.downloadDir) });
  }

  /**
   * Reads and parses a .torrent file from a path or an http(s) URL, as
   * addTorrent does; a URL is fetched within limits.maxTorrentFileBytes and
   * timeouts.torrentFileMs, or rejects with ClientError TORRENT_URL_FAILED.
   * For looking at a torrent (its files, to choose some) before adding it.
   */
  async readTorrentFile(source: string): Promise<Metainfo> {
    if (!isTorrentFileUrl(source)) return parseTorrent(await readFile(source));
    return parseTorrent(await fetchTorrentFile(source, this.settings));
  }

  /**
   * Creates a torrent of a file or folder (or of buffers, written under
   * `options.dir` or the download folder first) and seeds it at once: the
   * data was just hashed, so it is not checked again. Resolves with the
   * torrent; `torrent.meta` holds its metainfo (encodeTorrent or
   * toMagnetURI give it to others).
   */
  async seed(source: SeedSource, options: SeedOptions = {}): Promise<Swarm> {
    if (this.#destroyed !== undefined) throw new ClientError('CLIENT_DESTROYED', 'the client was destroyed');
    const { dir, peers, paused, trackers, webSeeds, ...create } = options;
    // Loaded here: a client that only downloads never needs it.
    const { prepareSeed } = await import('./seed-source.ts');
    const prepared = await prepareSeed(source, resolvePath(dir ?? this.downloadDir), create);
    return this.#core.add(prepared.metainfo, {
      dir: prepared.dir,
      seedMode: true,
      ...(peers === undefined ? {} : { peers }),
      ...(paused === undefined ? {} : { paused }),
      ...(trackers === undefined ? {} : { trackers }),
      ...(webSeeds === undefined ? {} : { webSeeds }),
    });
  }

  /**
   * Registers a source of magnet links' info dictionaries: the ut-metadata
   * built-in (BEP 9) does. A client with none refuses magnet links
   * (ClientError NO_METADATA_SOURCE): a bare `new Client()` applies no
   * plugin, so it must be given one (`utMetadata.apply(client, {})`).
   */
  addMetadataSource(source: MetadataSource): void {
    this.#metadataSources.push(source);
  }

  /**
   * Hands a magnet link's torrent its info dictionary, found by a metadata
   * source; the torrent then starts. Throws ClientError METADATA_MISMATCH
   * when it does not hash to the info hash; false when no magnet link waits
   * for it (unknown, removed, or supplied already).
   */
  supplyMetadata(infoHash: string, info: Buffer): boolean {
    return this.#engine?.supplyMetadata(infoHash, info) ?? false;
  }

  /** The raw info dictionary of a torrent we hold (what ut_metadata serves); undefined for others and for magnet links still waiting for it. */
  infoDictionary(infoHash: string): Buffer | undefined {
    return this.#engine?.infoDictionary(infoHash);
  }

  #offersMetadata(peer: Peer): boolean {
    for (const source of this.#metadataSources) {
      try {
        if (source.offersMetadata(peer)) return true;
      } catch (err) {
        this.#reportTapFailure(source.name, 'offersMetadata', err instanceof Error ? err : new Error(String(err)));
      }
    }
    return false;
  }

  /** Connections the client holds now (all zero before it first listens or dials). */
  get connectionCounts(): ConnectionCounts {
    return this.#engine?.connectionCounts ?? { connections: 0, established: 0, halfOpen: 0, addresses: 0 };
  }

  get torrents(): readonly Swarm[] {
    return this.#engine?.torrents ?? [];
  }

  /** Torrents added by magnet link that are still fetching their metadata (state 'metadata'); not in `torrents` yet. */
  get magnets(): readonly PendingMagnet[] {
    return this.#engine?.magnets ?? [];
  }

  /**
   * Gives a torrent (or a magnet still fetching its metadata) addresses of
   * peers found elsewhere (the DHT, PEX): they are dialed like a tracker's,
   * through allow_connection and the ban list. False when no such torrent.
   */
  addPeers(infoHash: string, addresses: readonly Address[]): boolean {
    return this.#engine?.addPeers(infoHash, addresses) ?? false;
  }

  torrent(infoHash: string): Swarm | undefined {
    return this.#engine?.torrent(infoHash);
  }

  /** The client's rate limits in bytes per second, over all torrents (0 = unlimited); `.btrc` rates sets them at start. */
  get rateLimits(): RateLimits {
    return this.#core.rateLimits;
  }

  /**
   * Changes the client's rate limits at once (bytes per second, 0 =
   * unlimited; a key left out keeps its limit). A plugin may call it from its
   * own timer, e.g. to throttle during working hours (see
   * examples/working-hours-throttle.ts). Each torrent's own limits
   * (torrent.setRateLimits) apply as well. Throws RateLimitError (BAD_RATE).
   */
  setRateLimits(limits: Partial<RateLimits>): void {
    this.#core.setRateLimits(limits);
  }

  /** Stops a torrent, closes its files and forgets it (the data stays on disk). */
  removeTorrent(infoHash: string): Promise<void> {
    return this.#engine?.remove(infoHash) ?? Promise.resolve();
  }

  /**
   * Closes every connection, file and listening socket, then runs the
   * onDestroy handlers. Calling it again returns the same promise.
   */
  destroy(): Promise<void> {
    return (this.#destroyed ??= this.#shutdown());
  }
  #destroyed: Promise<void> | undefined;

  async #shutdown(): Promise<void> {
    try {
      await this.#engine?.destroy();
    } finally {
      // Last registered first, so the logger (applied first) still writes what later plugins report on their way out.
      for (const { name, fn } of this.#destroyHandlers.splice(0).reverse()) await this.#runDestroyHandler(name, fn);
    }
  }

  readonly #destroyHandlers: { name: string; fn: DestroyHandler }[] = [];

  /**
   * Runs fn once, when destroy() has closed the client's connections, files
   * and sockets: where a plugin releases what it holds (a log file, timers, a
   * child process). `name` is the plugin's, as in hook.tap(name, fn): a throw
   * or rejection is reported as plugin_error naming it (hook "destroy").
   * On a client already destroyed, fn runs at once.
   */
  onDestroy(name: string, fn: DestroyHandler): Client {
    if (typeof fn !== 'function') throw new TypeError('onDestroy expects a function');
    if (this.#destroyed === undefined) this.#destroyHandlers.push({ name, fn });
    else void this.#destroyed.catch(() => undefined).then(() => this.#runDestroyHandler(name, fn));
    return this;
  }

  async #runDestroyHandler(name: string, fn: DestroyHandler): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.#reportTapFailure(name, 'destroy', err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * Bans an address (an IP, or a web seed's URL) from one torrent or from the
   * whole client, closes its connections, refuses new ones, and fires
   * peer_ban: for the torrent given, or else for each torrent that lost a
   * connection to it. Throws BanError for an address that is neither.
   */
  banPeer(ip: string, options: BanPeerOptions = {}): BanEntry {
    const { torrent } = options;
    const scope = options.scope ?? (torrent === undefined ? 'client' : 'torrent');
    if (scope === 'torrent' && torrent === undefined) {
      throw new BanError('INVALID_BAN_SCOPE', `cannot ban ${ip} from a torrent without naming the torrent`);
    }
    const reason = options.reason ?? 'banned by the user';
    const entry = this.#bans.add(ip, {
      infoHash: scope === 'torrent' ? torrent!.infoHash : undefined,
      reason,
      durationMs: options.durationMs,
    });
    const hit: readonly Torrent[] = this.#engine?.dropBanned() ?? [];
    for (const t of torrent === undefined ? hit : [torrent]) this.emit('peer_ban', { torrent: t, ip: entry.ip, reason });
    return entry;
  }

  /** Bans in force, oldest first. */
  get bans(): readonly BanEntry[] {
    return Object.freeze(this.#bans.list());
  }

  /** Is this address banned client-wide, or (infoHash given) from that torrent? */
  isBanned(ip: string, infoHash?: string): boolean {
    return this.#bans.has(ip, infoHash);
  }

  /** Lifts the bans of an address: all of them, or only its ban from one torrent. Returns how many. */
  unban(ip: string, infoHash?: string): number {
    return this.#bans.remove(ip, infoHash);
  }

  /** Lifts every ban. */
  clearBans(): void {
    this.#bans.clear();
  }

  /** Plugins applied to this client, by name, with the options they were given (after validation). */
  get plugins(): ReadonlyMap<string, unknown> {
    return this.#plugins;
  }

  /**
   * Records a plugin as applied; the plugin host (core/plugin-host/) calls this
   * after apply. `reference` is the entry as the user wrote it ("./my-plugin.ts"),
   * which plugin_error reports beside the tap's name.
   */
  notePluginApplied(name: string, options: unknown, reference?: string): void {
    if (this.#plugins.has(name)) throw new ClientError('PLUGIN_ALREADY_APPLIED', `plugin "${name}" is already applied to this client`);
    this.#plugins.set(name, options);
    if (reference !== undefined && reference !== name) this.#pluginReferences.set(name, reference);
  }

  readonly #pluginReferences = new Map<string, string>();

  /** The entry the user wrote for the plugin tapping as `tap` ("name" or "name:label"), if it differs from the name. */
  #referenceOf(tap: string): string | undefined {
    for (const [name, reference] of this.#pluginReferences) if (tap === name || tap.startsWith(`${name}:`)) return reference;
    return undefined;
  }

  /** Fires an event if anyone listens (see hooks.ts emit). */
  emit<K extends EventName>(event: K, attributes: EventAttributes[K]): void {
    emit(this.hooks, this, event, attributes);
  }

  /** True when the event has listeners; hot paths ask before building attributes. */
  listens(event: EventName): boolean {
    return listens(this.hooks, event);
  }

  #tapListener<K extends EventName>(event: K, fn: Listener<Client, K>): void {
    const hook = this.hooks[event] as unknown as { tap(name: string, fn: Listener<Client, K>): void };
    hook.tap(`${this.options.name ?? 'listener'}#${++this.#listenerCount}`, fn);
  }

  #reportingFailure = false;
  #reportTapFailure(plugin: string, hook: string, error: Error): void {
    // A plugin_error listener that itself throws must not recurse forever.
    const reference = this.#referenceOf(plugin);
    if (this.#reportingFailure || this.hooks.plugin_error.taps.length === 0) {
      const label = reference === undefined ? plugin : `"${reference}" (${plugin})`;
      process.stderr.write(`swarmhook: plugin ${label} failed in ${hook}: ${error.stack ?? error.message}\n`);
      return;
    }
    this.#reportingFailure = true;
    try {
      this.emit('plugin_error', reference === undefined ? { plugin, hook, error } : { plugin, hook, error, reference });
    } finally {
      this.#reportingFailure = false;
    }
  }

  static {
    for (const name of EVENT_NAMES) {
      Object.defineProperty(Client.prototype, `on_${name}`, {
        configurable: true,
        writable: true,
        value: function (this: Client, fn: Listener<Client, typeof name>): Client {
          if (typeof fn !== 'function') throw new TypeError(`on_${name} expects a function`);
          this.#tapListener(name, fn);
          return this;
        },
      });
    }
  }
}
