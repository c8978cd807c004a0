// Built-in plugin "dht": the mainline DHT (BEP 5), our own implementation.
//
// - Starts with the client's first public torrent: on the client's listen
//   port (as libtorrent does), over the client's uTP socket of that family
//   when uTP listens (client.udpSocket), else a UDP socket of its own (any
//   free port when that port is taken); the routing table of the state file if there is one, and a
//   bootstrap lookup through the bootstrap nodes of the options.
// - Each public torrent, magnets still fetching their metadata included, is
//   looked up (get_peers) and announced (announce_peer) when added and every
//   announceIntervalSeconds; while it has few peers it is looked up again
//   every fewPeersIntervalSeconds. Peers found go to the torrent through client.addPeers, so
//   allow_connection and the ban list see them like a tracker's.
// - With ipv6, a second node (BEP 32) on a udp6 socket of its own, with its
//   own routing table, looks up and announces every torrent as well; peers
//   it finds are IPv6 addresses.
// - Private torrents (BEP 27) are never looked up nor announced.
// - Fires dht_bootstrap, dht_get_peers, dht_announce and dht_error; saves
//   the routing table to stateFile on destroy.
import schema from '../../config-schema/dht.schema.json' with { type: 'json' };
import { definePlugin } from '../../core/index.ts';
import type { Client, JsonSchema, Peer, Torrent } from '../../core/index.ts';
import { resolveBootstrap } from './bootstrap.ts';
import type { DhtFamily, PeerAddress } from './compact.ts';
import { DhtError } from './errors.ts';
import { DhtNode } from './node.ts';
import { resolveDhtOptions, type DhtOptions, type ResolvedDhtOptions } from './options.ts';
import { loadState, saveState } from './state-file.ts';

export { DhtError } from './errors.ts';
export type { DhtErrorCode } from './errors.ts';
export { DhtNode } from './node.ts';
export type { DhtNodeOptions } from './node.ts';
export { resolveDhtOptions } from './options.ts';
export type { DhtOptions, ResolvedDhtOptions } from './options.ts';

export const DHT = 'dht';
/** How often the plugin looks for added and removed torrents and for lookups that are due. */
const TICK_MS = 250;
/** Below this many peers a torrent is looked up every fewPeersIntervalSeconds. */
const FEW_PEERS = 5;

type TrackedTorrent = Torrent & { readonly peers: readonly Peer[] };

interface Schedule {
  /** When to look the torrent's peers up next. */
  nextAt: number;
  /** When to announce it next (announce_peer); lookups in between only ask (get_peers). */
  announceAt: number;
  running: boolean;
  /** Distinct peers the DHT found for it. */
  readonly found: Set<string>;
}

export const dhtPlugin = definePlugin<DhtOptions>({
  name: DHT,
  schema: schema as JsonSchema,
  apply(client: Client, given: DhtOptions) {
    const options = resolveDhtOptions(given);
    new DhtService(client, { ...options, bootstrap: given.bootstrap ?? environmentBootstrap() ?? options.bootstrap }).watch();
  },
});

/**
 * SWARMHOOK_DHT_BOOTSTRAP (HOST:PORT,... possibly empty) replaces the default
 * routers when the options name none: the test suite (package.json, ava)
 * sets it empty, so that no client a test starts, `bt` included, reaches
 * the internet. Bootstrap nodes given in options always win.
 */
function environmentBootstrap(): string[] | undefined {
  const value = process.env['SWARMHOOK_DHT_BOOTSTRAP'];
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** What the service keeps per address family: the node once started, and its bootstrap addresses. */
interface FamilyNode {
  node: DhtNode | undefined;
  starting: Promise<DhtNode | undefined> | undefined;
  bootstrap: PeerAddress[];
}

class DhtService {
  readonly #client: Client;
  readonly #options: ResolvedDhtOptions;
  readonly #schedules = new Map<string, Schedule>();
  /** The IPv4 node (BEP 5), and the IPv6 one (BEP 32) when options.ipv6. */
  readonly #families: ReadonlyMap<DhtFamily, FamilyNode>;
  #timer: NodeJS.Timeout | undefined;
  #destroyed = false;

  constructor(client: Client, options: ResolvedDhtOptions) {
    this.#client = client;
    this.#options = options;
    const families: DhtFamily[] = options.ipv6 ? [4, 6] : [4];
    this.#families = new Map(families.map((f) => [f, { node: undefined, starting: undefined, bootstrap: [] }]));
  }

  watch(): void {
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
    this.#timer.unref();
    this.#client.onDestroy(DHT, () => this.#destroy());
  }

  #error(error: DhtError, address: string | undefined): void {
    if (this.#client.listens('dht_error')) this.#client.emit('dht_error', { code: error.code, error, address });
  }

  #tick(): void {
    const torrents: TrackedTorrent[] = [...this.#client.magnets, ...this.#client.torrents].filter((t) => !t.private);
    const live = new Set(torrents.map((t) => t.infoHash));
    for (const hash of this.#schedules.keys()) if (!live.has(hash)) this.#schedules.delete(hash);
    if (torrents.length === 0) return;
    const now = Date.now();
    for (const torrent of torrents) {
      let schedule = this.#schedules.get(torrent.infoHash);
      if (schedule === undefined) this.#schedules.set(torrent.infoHash, (schedule = { nextAt: now, announceAt: now, running: false, found: new Set() }));
      if (schedule.running || now < schedule.nextAt) continue;
      schedule.running = true;
      const announcing = this.#client.port !== undefined && now >= schedule.announceAt;
      if (announcing) schedule.announceAt = now + this.#options.announceIntervalSeconds * 1000;
      void Promise.all([...this.#families.keys()].map((family) => this.#announce(family, torrent, schedule, announcing))).finally(() => {
        schedule.running = false;
        const interval = torrent.peers.length < FEW_PEERS ? this.#options.fewPeersIntervalSeconds : this.#options.announceIntervalSeconds;
        schedule.nextAt = Date.now() + interval * 1000;
      });
    }
  }

  async #announce(family: DhtFamily, torrent: TrackedTorrent, schedule: Schedule, announcing: boolean): Promise<void> {
    const node = await this.#start(family);
    if (node === undefined || node.closed) return;
    const infoHash = Buffer.from(torrent.infoHash, 'hex');
    const onPeers = (peers: readonly PeerAddress[]): void => {
      for (const p of peers) schedule.found.add(`${p.ip}:${p.port}`);
      this.#client.addPeers(torrent.infoHash, peers);
    };
    const port = this.#client.port;
    try {
      if (!announcing || port === undefined) {
        await node.getPeers(infoHash, onPeers, this.#seedsWhenEmpty(node));
      } else {
        const { accepted } = await node.announce(infoHash, port, onPeers, this.#seedsWhenEmpty(node));
        // No node took it (the table was still empty): try again at the next lookup.
        if (accepted === 0) schedule.announceAt = 0;
        if (this.#client.listens('dht_announce')) this.#client.emit('dht_announce', { info_hash: torrent.infoHash, nodes: accepted });
      }
    } catch (err) {
      if (err instanceof DhtError) this.#error(err, undefined);
      return;
    }
    if (this.#client.listens('dht_get_peers')) this.#client.emit('dht_get_peers', { info_hash: torrent.infoHash, peers: schedule.found.size, nodes: node.table.size });
  }

  /** The bootstrap nodes again when the table has emptied (all nodes went bad). */
  #seedsWhenEmpty(node: DhtNode): PeerAddress[] {
    return node.table.size === 0 ? (this.#families.get(node.family)?.bootstrap ?? []) : [];
  }

  #start(family: DhtFamily): Promise<DhtNode | undefined> {
    const state = this.#families.get(family)!;
    return (state.starting ??= this.#open(family, state));
  }

  async #open(family: DhtFamily, state: FamilyNode): Promise<DhtNode | undefined> {
    const o = this.#options;
    // The routing table is saved for the IPv4 node only: IPv6 nodes are fewer and quick to find again.
    let saved;
    if (family === 4 && o.stateFile !== '') {
      try {
        saved = await loadState(o.stateFile);
      } catch (err) {
        if (err instanceof DhtError) this.#error(err, undefined);
      }
    }
    const node = new DhtNode({
      family,
      ...(saved === undefined ? {} : { id: saved.id }),
      maxNodes: o.maxNodes,
      maxPeersPerTorrent: o.maxPeersPerTorrent,
      maxStoredPeers: o.maxStoredPeers,
      maxQueriesPerSecond: o.maxQueriesPerSecond,
      queryTimeoutMs: o.queryTimeoutMs,
      onError: (error, from) => this.#error(error, from === undefined ? undefined : `${from.ip}:${from.port}`),
    });
    try {
      if (o.port === 0) await this.#client.listen();
      // The client's listen port: its uTP socket when there is one (as libtorrent does), else a socket of our own.
      const shared = o.port === 0 ? this.#client.udpSocket(family) : undefined;
      if (shared !== undefined) node.listenOn(shared);
      else await node.listen(o.port !== 0 ? o.port : (this.#client.port ?? 0), family === 4 ? o.host : o.host6);
    } catch (err) {
      node.close();
      if (err instanceof DhtError) this.#error(err, undefined);
      return undefined;
    }
    if (this.#destroyed) {
      node.close();
      return undefined;
    }
    state.node = node;
    const now = Date.now();
    for (const contact of saved?.nodes ?? []) node.table.insert(contact, now, false);
    state.bootstrap = await resolveBootstrap([...new Set([...o.bootstrap, ...o.extraBootstrap])], (error, entry) => this.#error(error, entry), family);
    if (node.closed) return undefined;
    await node.bootstrap(state.bootstrap);
    if (this.#client.listens('dht_bootstrap')) this.#client.emit('dht_bootstrap', { port: node.port, nodes: node.table.size });
    return node;
  }

  async #destroy(): Promise<void> {
    this.#destroyed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    const node6 = this.#families.get(6)?.node;
    node6?.close();
    const node = this.#families.get(4)?.node;
    if (node === undefined) return;
    node.close();
    if (this.#options.stateFile !== '') {
      try {
        await saveState(this.#options.stateFile, { id: node.id, nodes: node.table.nodes() });
      } catch (err) {
        if (err instanceof DhtError) this.#error(err, undefined);
      }
    }
  }
}

export default dhtPlugin;
