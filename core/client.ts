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
import { resolve as resolvePath } from 'node:path';
import { Engine, type AddTorrentOptions, type ConnectionCounts } from './engine.ts';
import { parseMagnet, parseTorrent, type Metainfo } from './metainfo.ts';
import type { BoundPorts } from './net/listener.ts';
import { resolveSettings, type ClientSettings, type ResolvedSettings } from './settings.ts';
import type { Swarm } from './torrent/swarm.ts';
import type { Address, Peer, Torrent } from './types.ts';

/** `on_<event>` constructor options: one listener or several. */
export type ListenerOptions = {
  [K in EventName as `on_${K}`]?: Listener<Client, K> | Listener<Client, K>[];
};

/** `client.on_<event>(fn)` methods; each returns the client for chaining. */
export type ListenerMethods = {
  [K in EventName as `on_${K}`]: (listener: Listener<Client, K>) => Client;
};

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

  constructor(options: ClientOptions = {}) {
    this.options = options;
    this.hooks = createHooks<Client>((plugin, hook, error) => this.#reportTapFailure(plugin, hook, error));
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
    return (this.#engine ??= new Engine(this, this.hooks, this.settings, this.#bans));
  }

  /** Opens the listening sockets (addTorrent does this too); resolves with the bound ports. */
  listen(): Promise<BoundPorts> {
    return this.#core.listen();
  }

  /** The port peers are told about, once listening. */
  get port(): number | undefined {
    return this.#engine?.port;
  }

  /** Our 20-byte peer id. */
  get peerId(): Buffer {
    return this.#core.peerId;
  }

  /**
   * Adds a torrent from a .torrent path, its bytes, parsed metainfo, or a
   * magnet link ("magnet:?xt=urn:btih:..."), checks what is already in
   * `dir`, and starts downloading or seeding. A magnet link's metadata is
   * fetched from its peers (x.pe, `peers`) and trackers first: the promise
   * resolves once it is in and the torrent started.
   */
  async addTorrent(source: string | Uint8Array | Metainfo, options: Partial<AddTorrentOptions> = {}): Promise<Swarm> {
    if (typeof source === 'string' && /^magnet:\?/i.test(source.trim())) {
      return this.#core.addMagnet(parseMagnet(source), { ...options, dir: resolvePath(options.dir ?? this.settings.downloadDir) });
    }
    const meta = typeof source === 'string' ? parseTorrent(await readFile(source)) : source instanceof Uint8Array ? parseTorrent(source) : source;
    return this.#core.add(meta, { ...options, dir: resolvePath(options.dir ?? this.settings.downloadDir) });
  }

  /** Connections the client holds now (all zero before it first listens or dials). */
  get connectionCounts(): ConnectionCounts {
    return this.#engine?.connectionCounts ?? { connections: 0, established: 0, halfOpen: 0, addresses: 0 };
  }

  get torrents(): readonly Swarm[] {
    return this.#engine?.torrents ?? [];
  }

  /** Torrents added by magnet link that are still fetching their metadata (state 'metadata'); not in `torrents` yet. */
  get magnets(): readonly (Torrent & { readonly peers: readonly Peer[] })[] {
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

  /** Records a plugin as applied; the plugin host (core/plugin-host.ts) calls this after apply. */
  notePluginApplied(name: string, options: unknown): void {
    if (this.#plugins.has(name)) throw new Error(`plugin "${name}" is already applied to this client`);
    this.#plugins.set(name, options);
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
    if (this.#reportingFailure || this.hooks.plugin_error.taps.length === 0) {
      process.stderr.write(`swarmhook: plugin ${plugin} failed in ${hook}: ${error.stack ?? error.message}\n`);
      return;
    }
    this.#reportingFailure = true;
    try {
      this.emit('plugin_error', { plugin, hook, error });
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
