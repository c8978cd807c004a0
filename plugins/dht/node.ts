// One DHT node: answers the four KRPC queries, keeps the routing table, the
// tokens and the announced peers, and runs lookups, bootstrap and
// maintenance. Knows nothing of the client: the plugin glue (index.ts) wires
// it to torrents and hooks, and tests run many of these on loopback.
import type { SharedUdpSocket } from '../../core/index.ts';
import type { DhtFamily, NodeContact, PeerAddress } from './compact.ts';
import { encodeNodes, encodePeer, familyOf } from './compact.ts';
import { DhtError } from './errors.ts';
import { encodeError, encodeReply, KrpcErrorCode, type KrpcMessage, type KrpcQuery, type KrpcReply } from './krpc.ts';
import { lookup, type LookupResult, type LookupSeed } from './lookup.ts';
import { randomId } from './node-id.ts';
import { PeerStore } from './peer-store.ts';
import { QueryRateLimit } from './rate-limit.ts';
import { K, RoutingTable } from './routing-table.ts';
import { Rpc } from './rpc.ts';
import { TokenStore } from './tokens.ts';

/** How often the routing table is looked after (stale buckets, questionable nodes). */
export const MAINTENANCE_MS = 60_000;
/** Peers in one get_peers reply: enough for a swarm, small enough for one datagram. */
const MAX_VALUES_PER_REPLY = 50;

export interface DhtNodeOptions {
  readonly id?: Buffer;
  /** 4 (BEP 5, the default) or 6 (BEP 32): the socket, the nodes it keeps and the `nodes` / `nodes6` it answers with. */
  readonly family?: DhtFamily;
  readonly maxNodes: number;
  readonly maxPeersPerTorrent: number;
  readonly maxStoredPeers: number;
  readonly maxQueriesPerSecond: number;
  readonly queryTimeoutMs: number;
  /** A malformed datagram, a refused query, a remote error: for dht_error. */
  readonly onError?: (error: DhtError, from: PeerAddress | undefined) => void;
  /** A peer announced itself to us. */
  readonly onAnnounced?: (infoHash: Buffer, peer: PeerAddress) => void;
  readonly now?: () => number;
}

export class DhtNode {
  readonly id: Buffer;
  readonly family: DhtFamily;
  readonly table: RoutingTable;
  readonly peers: PeerStore;
  readonly #tokens: TokenStore;
  readonly #rate: QueryRateLimit;
  readonly #rpc: Rpc;
  readonly #options: DhtNodeOptions;
  readonly #now: () => number;
  readonly #pinging = new Set<string>();
  #maintenance: NodeJS.Timeout | undefined;
  #closed = false;
  #port = 0;

  constructor(options: DhtNodeOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.id = options.id ?? randomId();
    this.family = options.family ?? 4;
    this.table = new RoutingTable(this.id, { maxNodes: options.maxNodes, now: this.#now() });
    this.peers = new PeerStore(options);
    this.#tokens = new TokenStore(this.#now());
    this.#rate = new QueryRateLimit({ perSecond: options.maxQueriesPerSecond });
    this.#rpc = new Rpc({
      family: this.family,
      timeoutMs: options.queryTimeoutMs,
      handlers: {
        query: (message, from) => this.#onQuery(message, from),
        malformed: (error, from) => this.#onMalformed(error, from),
      },
    });
  }

  /** Binds the UDP socket (falling back to any port when `port` is taken) and starts maintenance. */
  async listen(port: number, host = this.family === 4 ? '0.0.0.0' : '::'): Promise<number> {
    this.#port = await this.#rpc.bind(port, host, true);
    this.#startMaintenance();
    return this.#port;
  }

  /** Speaks over a socket the client shares (uTP's, of this node's family) instead of binding one, and starts maintenance. */
  listenOn(socket: SharedUdpSocket): number {
    this.#port = this.#rpc.attach(socket);
    this.#startMaintenance();
    return this.#port;
  }

  #startMaintenance(): void {
    this.#maintenance = setInterval(() => this.#maintain(), MAINTENANCE_MS);
    this.#maintenance.unref();
  }

  get port(): number {
    return this.#port;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Finds the nodes closest to our own id, starting from the table and the given addresses. */
  bootstrap(seeds: readonly PeerAddress[]): Promise<LookupResult> {
    return this.#lookup(this.id, 'find_node', seeds);
  }

  /** Looks up peers of an info hash; onPeers gets them as they come. */
  getPeers(infoHash: Buffer, onPeers?: (peers: readonly PeerAddress[]) => void, seeds: readonly PeerAddress[] = []): Promise<LookupResult> {
    return this.#lookup(infoHash, 'get_peers', seeds, onPeers);
  }

  /** get_peers, then announce_peer (our TCP port) to the closest nodes that gave a token. Resolves with how many accepted. */
  async announce(
    infoHash: Buffer,
    port: number,
    onPeers?: (peers: readonly PeerAddress[]) => void,
    seeds: readonly PeerAddress[] = [],
  ): Promise<{ result: LookupResult; accepted: number }> {
    const result = await this.getPeers(infoHash, onPeers, seeds);
    const answers = await Promise.allSettled(
      result.responders
        .filter((r) => r.token !== undefined)
        .map((r) => this.#query(r.node, { method: 'announce_peer', id: this.id, infoHash, port, token: r.token!, impliedPort: false })),
    );
    return { result, accepted: answers.filter((a) => a.status === 'fulfilled').length };
  }

  /** Pings an address; resolves with its id. */
  async ping(to: PeerAddress): Promise<Buffer> {
    return (await this.#query(to, { method: 'ping', id: this.id })).id;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#maintenance !== undefined) clearInterval(this.#maintenance);
    this.#rpc.close();
  }

  #lookup(target: Buffer, method: 'find_node' | 'get_peers', extra: readonly PeerAddress[], onPeers?: (peers: readonly PeerAddress[]) => void): Promise<LookupResult> {
    const seeds: LookupSeed[] = [...this.table.closest(target, K * 2, this.#now()), ...extra];
    return lookup({
      target,
      method,
      ourId: this.id,
      seeds,
      query: (to, query) => this.#query(to, query),
      ...(onPeers === undefined ? {} : { onPeers }),
      cancelled: () => this.#closed,
    });
  }

  /** Every query of ours goes through here: a reply makes its node good, a timeout counts against it. */
  async #query(to: PeerAddress, query: KrpcQuery): Promise<KrpcReply> {
    let reply: KrpcReply;
    try {
      reply = await this.#rpc.query(to, query);
    } catch (err) {
      const known = this.table.nodes().find((n) => n.ip === to.ip && n.port === to.port);
      if (known !== undefined) this.table.failed(known.id, this.#now());
      throw err;
    }
    this.#learn({ id: reply.id, ip: to.ip, port: to.port }, true);
    // A lookup goes on with the nodes of our family: an IPv6 node reads `nodes6` (BEP 32).
    if (this.family === 4) return reply;
    const { nodes: _v4, nodes6, ...rest } = reply;
    return { ...rest, ...(nodes6 === undefined ? {} : { nodes: nodes6 }) };
  }

  #learn(contact: NodeContact, replied: boolean): void {
    const outcome = this.table.insert(contact, this.#now(), replied);
    for (const node of outcome.ping) this.#pingQuietly(node);
  }

  #pingQuietly(node: PeerAddress): void {
    const key = `${node.ip}:${node.port}`;
    if (this.#closed || this.#pinging.has(key)) return;
    this.#pinging.add(key);
    this.ping(node)
      .catch(() => undefined)
      .finally(() => this.#pinging.delete(key));
  }

  #maintain(): void {
    const now = this.#now();
    for (const target of this.table.staleBucketTargets(now)) void this.#lookup(target, 'find_node', []).catch(() => undefined);
    for (const node of this.table.questionable(now, K)) this.#pingQuietly(node);
    this.peers.expire(now);
  }

  /** The K closest nodes we know, as `nodes` (IPv4) or `nodes6` (IPv6) after our family. */
  #closestNodes(target: Buffer, now: number): { nodes: Buffer } | { nodes6: Buffer } {
    const nodes = encodeNodes(this.table.closest(target, K, now), this.family);
    return this.family === 4 ? { nodes } : { nodes6: nodes };
  }

  #onMalformed(error: DhtError, from: PeerAddress): void {
    if (this.#rate.admit(from.ip, this.#now()) === 'ignored') return;
    this.#options.onError?.(error, from);
    // A query we could not understand gets KRPC error 203 (204 for an unknown method), when it has a transaction id to answer.
    if (error.transaction !== undefined && error.code !== 'DHT_UNEXPECTED_REPLY') {
      const code = error.code === 'DHT_UNKNOWN_METHOD' ? KrpcErrorCode.METHOD_UNKNOWN : KrpcErrorCode.PROTOCOL;
      this.#rpc.send(encodeError(error.transaction, code, error.message), from);
    }
  }

  #onQuery(message: Extract<KrpcMessage, { type: 'query' }>, from: PeerAddress): void {
    const now = this.#now();
    const admitted = this.#rate.admit(from.ip, now);
    if (admitted !== 'ok') {
      if (admitted === 'over') this.#options.onError?.(new DhtError('DHT_RATE_LIMITED', `${from.ip} sends more than ${this.#options.maxQueriesPerSecond} queries a second: ignored for a minute`), from);
      return;
    }
    const { query, transaction } = message;
    if (familyOf(from.ip) !== this.family) return;
    this.#learn({ id: query.id, ip: from.ip, port: from.port }, false);
    const requester = encodePeer(from);
    switch (query.method) {
      case 'ping':
        this.#rpc.send(encodeReply(transaction, { id: this.id }, requester), from);
        return;
      case 'find_node':
        this.#rpc.send(encodeReply(transaction, { id: this.id, ...this.#closestNodes(query.target, now) }, requester), from);
        return;
      case 'get_peers': {
        const hash = query.infoHash.toString('hex');
        const values = this.peers.get(hash, MAX_VALUES_PER_REPLY, now).map(encodePeer);
        const fields = {
          id: this.id,
          token: this.#tokens.issue(from.ip, now),
          ...this.#closestNodes(query.infoHash, now),
          ...(values.length === 0 ? {} : { values }),
        };
        this.#rpc.send(encodeReply(transaction, fields, requester), from);
        return;
      }
      case 'announce_peer': {
        if (!this.#tokens.check(from.ip, query.token, now)) {
          this.#options.onError?.(new DhtError('DHT_BAD_TOKEN', `announce_peer from ${from.ip}:${from.port} with a token we did not give it`), from);
          this.#rpc.send(encodeError(transaction, KrpcErrorCode.PROTOCOL, 'bad token'), from);
          return;
        }
        const peer = { ip: from.ip, port: query.impliedPort ? from.port : query.port };
        this.peers.add(query.infoHash.toString('hex'), peer, now);
        this.#options.onAnnounced?.(query.infoHash, peer);
        this.#rpc.send(encodeReply(transaction, { id: this.id }, requester), from);
        return;
      }
    }
  }
}
