// Built-in plugin "lsd": Local Service Discovery (BEP 14).
//
// - Each public torrent (magnet links still fetching their metadata
//   included) is announced to the multicast group (239.192.152.143:6771)
//   when added and then every intervalSeconds, never more often: one
//   datagram per torrent with our TCP listen port and a cookie.
// - A datagram from the group naming a torrent of ours gives its sender as a
//   peer: the lsd_peer event, then client.addPeers (allow_connection, the ban
//   list and the connection limits see it like a tracker's peer). Our own
//   announces come back through the multicast loop: their cookie is ours and
//   they are ignored.
// - Private torrents (BEP 27) are never announced, and announces naming them
//   are ignored.
// - Anyone on the network can write to the group: datagrams are parsed
//   strictly (message.ts), a source is limited to maxDatagramsPerSecond, and
//   every refusal is an lsd_error event (debug) with a code, never an
//   exception. The socket opens with the first public torrent.
// - SWARMHOOK_LSD=off in the environment keeps it from starting (the test
//   suite sets it: parallel tests seeding the same deterministic torrents
//   must not find each other; the tests of LSD itself unset it).
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import schema from '../../config-schema/lsd.schema.json' with { type: 'json' };
import { definePlugin, fillDefaults } from '../../core/index.ts';
import type { Client, JsonSchema, Peer, Torrent } from '../../core/index.ts';
import { decodeLsdAnnounce, encodeLsdAnnounce, LsdError } from './message.ts';
import { SourceLimit } from './source-limit.ts';
import type { LsdOptions, ResolvedLsdOptions } from './generated/options.ts';

export { MAX_LSD_DATAGRAM_BYTES, MAX_LSD_INFOHASHES, LsdError, decodeLsdAnnounce, encodeLsdAnnounce } from './message.ts';
export type { LsdAnnounce, LsdErrorCode } from './message.ts';
export type { LsdOptions, ResolvedLsdOptions } from './generated/options.ts';

export const LSD = 'lsd';
/** How often the plugin looks for torrents that are due an announce. */
const TICK_MS = 1000;

type KnownTorrent = Torrent & { readonly peers: readonly Peer[] };

export const lsdPlugin = definePlugin<LsdOptions>({
  name: LSD,
  schema: schema as JsonSchema,
  apply(client: Client, given: LsdOptions) {
    const options = fillDefaults<ResolvedLsdOptions>(schema, given, LSD);
    if (process.env['SWARMHOOK_LSD'] === 'off') return;
    new LsdService(client, options).watch();
  },
});

export default lsdPlugin;

class LsdService {
  readonly #client: Client;
  readonly #options: ResolvedLsdOptions;
  /** Distinguishes our announces, which the multicast loop brings back, from other clients' on this host. */
  readonly #cookie = randomBytes(8).toString('hex');
  readonly #limit: SourceLimit;
  /** Info hash -> when it may be announced next. */
  readonly #nextAnnounce = new Map<string, number>();
  #socket: dgram.Socket | undefined;
  #opening: Promise<dgram.Socket | undefined> | undefined;
  /** After a socket failure, when to try again. */
  #retryAt = 0;
  #lastFloodReport = 0;
  #timer: NodeJS.Timeout | undefined;
  #destroyed = false;

  constructor(client: Client, options: ResolvedLsdOptions) {
    this.#client = client;
    this.#options = options;
    this.#limit = new SourceLimit(options.maxDatagramsPerSecond);
  }

  watch(): void {
    this.#timer = setInterval(() => void this.#tick(), TICK_MS).unref();
    this.#client.onDestroy(LSD, () => this.#destroy());
  }

  #publicTorrents(): KnownTorrent[] {
    return [...this.#client.magnets, ...this.#client.torrents].filter((t) => !t.private);
  }

  async #tick(): Promise<void> {
    const torrents = this.#publicTorrents();
    const live = new Set(torrents.map((t) => t.infoHash));
    for (const hash of this.#nextAnnounce.keys()) if (!live.has(hash)) this.#nextAnnounce.delete(hash);
    const port = this.#client.port;
    if (torrents.length === 0 || port === undefined) return;
    const socket = await this.#open();
    if (socket === undefined) return;
    const now = Date.now();
    for (const torrent of torrents) {
      if ((this.#nextAnnounce.get(torrent.infoHash) ?? 0) > now) continue;
      this.#nextAnnounce.set(torrent.infoHash, now + this.#options.intervalSeconds * 1000);
      const { group, port: groupPort } = this.#options;
      const datagram = encodeLsdAnnounce(`${group}:${groupPort}`, { port, infoHashes: [torrent.infoHash], cookie: this.#cookie });
      socket.send(datagram, groupPort, group, (err) => {
        if (err !== null && err !== undefined) this.#error(new LsdError('LSD_SOCKET', `LSD announce could not be sent: ${err.message}`, { cause: err }), undefined);
      });
    }
  }

  #open(): Promise<dgram.Socket | undefined> {
    if (this.#destroyed || Date.now() < this.#retryAt) return Promise.resolve(undefined);
    return (this.#opening ??= this.#bind().then((socket) => {
      if (socket === undefined) this.#opening = undefined;
      return socket;
    }));
  }

  async #bind(): Promise<dgram.Socket | undefined> {
    const { group, port, interface: iface } = this.#options;
    // Several clients on one host share the group's port.
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(port, () => {
          socket.off('error', reject);
          resolve();
        });
      });
      socket.addMembership(group, iface === '' ? undefined : iface);
      if (iface !== '') socket.setMulticastInterface(iface);
      // Other clients on this host hear us through the loop; our own announces are told apart by the cookie.
      socket.setMulticastLoopback(true);
    } catch (err) {
      socket.close();
      this.#retryAt = Date.now() + this.#options.intervalSeconds * 1000;
      const message = err instanceof Error ? err.message : String(err);
      this.#error(new LsdError('LSD_SOCKET', `LSD cannot listen on ${group}:${port}${iface === '' ? '' : ` via ${iface}`}: ${message}`), undefined);
      return undefined;
    }
    if (this.#destroyed) {
      socket.close();
      return undefined;
    }
    socket.on('error', (err) => this.#error(new LsdError('LSD_SOCKET', `LSD socket: ${err.message}`, { cause: err }), undefined));
    socket.on('message', (datagram, from) => this.#receive(datagram, from));
    this.#socket = socket;
    return socket;
  }

  #receive(datagram: Buffer, from: dgram.RemoteInfo): void {
    const address = `${from.address}:${from.port}`;
    const now = Date.now();
    if (!this.#limit.take(from.address, now)) {
      // Once a second at most: a flood must not become a flood of events.
      if (now - this.#lastFloodReport >= 1000) {
        this.#lastFloodReport = now;
        this.#error(new LsdError('LSD_FLOOD', `more than ${this.#options.maxDatagramsPerSecond} LSD datagrams a second from ${from.address}: the rest are dropped`), address);
      }
      return;
    }
    let announce;
    try {
      announce = decodeLsdAnnounce(datagram);
    } catch (err) {
      if (!(err instanceof LsdError)) throw err;
      this.#error(err, address);
      return;
    }
    if (announce.cookie === this.#cookie) return;
    for (const infoHash of announce.infoHashes) {
      const torrent = this.#client.torrent(infoHash) ?? this.#client.magnets.find((m) => m.infoHash === infoHash);
      if (torrent === undefined || torrent.private) continue;
      if (this.#client.listens('lsd_peer')) this.#client.emit('lsd_peer', { torrent, ip: from.address, port: announce.port });
      this.#client.addPeers(infoHash, [{ ip: from.address, port: announce.port }]);
    }
  }

  #error(error: LsdError, address: string | undefined): void {
    if (this.#client.listens('lsd_error')) this.#client.emit('lsd_error', { code: error.code, error, address });
  }

  #destroy(): void {
    this.#destroyed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#socket?.close();
    this.#socket = undefined;
  }
}
