// The client's peer connections: dialled and accepted under the client-wide
// limits (maxConnections, the half-open slots, the per-IP share, the IP
// filter and the ban list), carried through their transport and MSE
// handshakes, and closed. What a connection is for (its torrent, its
// messages) is the owner's business (the engine): the connections hand it
// each one once it has handshaken, and tell it when one closes.
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import type { BanList } from './ban-list.ts';
import type { EventSink, PolicyHooks, TransportName } from './hooks.ts';
import { dialTransports } from './net/dialer.ts';
import { duplicateToClose } from './net/duplicate-connection.ts';
import { admitConnection } from './net/gate.ts';
import { HalfOpenSlots, SocketInHandshake } from './net/half-open.ts';
import { IpConnections, ipKey } from './net/ip-connections.ts';
import type { RateBuckets } from './net/rate-limiter.ts';
import { RecentKeys } from './net/recent-keys.ts';
import { KEEP_ALIVE_MS, ourHandshakeBytes, PeerConnection, type PeerDelegate, type PeerLimits, type PeerTimeouts, type PeerTorrentInfo } from './peer/index.ts';
import type { ResolvedSettings } from './settings.ts';
import { MAX_REQUEST_LENGTH, type DialFailure } from './torrent/index.ts';
import { acceptIncoming } from './transport/mse/accept-incoming.ts';
import type { MseConnection } from './transport/mse/connection.ts';
import { MseError } from './transport/mse/errors.ts';
import { tcpRemoteAddress } from './transport/tcp.ts';
import type { UtpConnection, UtpSocket } from './transport/utp/index.ts';
import type { Address, Peer, PeerEncryption, Torrent, TransportProtocol } from './types.ts';
import type { Message } from './wire/index.ts';

/** A connection's timeouts and limits under these settings. */
export function peerConnectionSettings(settings: Pick<ResolvedSettings, 'limits' | 'timeouts'>): { timeouts: PeerTimeouts; limits: PeerLimits } {
  const { handshakeMs, inactivityMs } = settings.timeouts;
  const { maxSendBufferPerPeer, maxEmptyMessagesPerSecond } = settings.limits;
  return {
    // A peer that takes nothing from us is as dead as one that sends nothing.
    timeouts: { handshakeMs, inactivityMs, keepAliveMs: KEEP_ALIVE_MS, sendStallMs: inactivityMs },
    // The swarm keeps a peer's blocks under maxSendBufferPerPeer (one block may
    // pass it); what piles up beyond twice that plus the largest block is small
    // messages the peer makes us send and does not read.
    limits: { maxSendBuffer: 2 * maxSendBufferPerPeer + MAX_REQUEST_LENGTH, maxEmptyMessagesPerSecond },
  };
}

/** What the client holds, for status displays and tests. */
export interface ConnectionCounts {
  /** Every open connection, handshaken or not (dials in progress not included). */
  readonly connections: number;
  /** Connections past their handshake, counted against limits.maxConnections. */
  readonly established: number;
  /** Dials in progress plus connections awaiting a handshake, counted against limits.maxHalfOpen. */
  readonly halfOpen: number;
  /** Remote addresses with at least one connection or dial. */
  readonly addresses: number;
}

/**
 * An accepted socket that has sent nothing is closed after this fraction of
 * timeouts.handshakeMs: the side that connects speaks first in BitTorrent, so
 * a peer that means to talk sends its handshake at once; only sockets opened
 * to hold a slot stay silent, and they should not hold it for the full time
 * a slow peer gets to finish its handshake.
 */
export const SILENT_SOCKET_FRACTION = 1 / 4;

/** A torrent, or a magnet link fetching its metadata, as far as dialling its peers goes. */
export interface DialingTorrent extends Torrent {
  /** Undefined while a magnet link has no metadata. */
  readonly pieceCount: number | undefined;
  /** Why it takes no connection now (stopped, removed...), or undefined. */
  refusal(): string | undefined;
  /** A dial to `address` failed ('failed'), or had no room under the address's share of connections ('no-room'). */
  dialFailed(address: Address, how?: DialFailure): void;
}

/** What the connections need of their owner (the engine): what each connection is for. */
export interface ConnectionsOwner<T extends DialingTorrent> {
  /** An incoming handshake named this info hash: the torrent taking it (or undefined: it disconnected the peer, or has no such torrent). */
  torrentFor(peer: PeerConnection, infoHash: string): (PeerTorrentInfo & { readonly torrent: T }) | undefined;
  /** The connection finished its handshakes (BitTorrent and extensions' first messages may follow). */
  ready(peer: PeerConnection): void;
  message(peer: PeerConnection, message: Message): void;
  /** The connection closed; returns its torrent when there is one to dial it again for. */
  closed(peer: PeerConnection): T | undefined;
  drained(peer: PeerConnection): void;
  /** The 20-byte info hashes an MSE initiator may ask for. */
  infoHashes(): Iterable<Buffer>;
}

export interface ConnectionsOptions<T extends DialingTorrent> {
  readonly sink: EventSink;
  readonly hooks: PolicyHooks;
  readonly settings: ResolvedSettings;
  readonly peerId: Buffer;
  readonly bans: BanList;
  /** The client's rate limits, a connection's until its torrent is known. */
  readonly rates: RateBuckets;
  /** The uTP socket of a family, once listening with uTP. */
  readonly utpSocket: (protocol: 'udp4' | 'udp6') => UtpSocket | undefined;
  readonly owner: ConnectionsOwner<T>;
}

/** An accepted stream (a TCP socket, a uTP connection) and whom it comes from. */
interface AcceptedStream {
  readonly stream: Duplex & { readonly bytesRead: number; readonly bytesWritten: number };
  readonly remote: Address;
  readonly protocol: TransportProtocol;
}

/** An accepted socket closed before any handshake, as events report it. */
function unhandshakenPeer({ stream: socket, remote, protocol }: AcceptedStream): Peer {
  const { ip, port } = remote;
  return {
    ip,
    port,
    protocol,
    direction: 'incoming',
    encryption: 'none',
    peerId: undefined,
    clientName: undefined,
    amChoking: true,
    amInterested: false,
    peerChoking: true,
    peerInterested: false,
    bytesIn: socket.bytesRead,
    bytesOut: socket.bytesWritten,
    infoHash: undefined,
    disconnect: () => socket.destroy(),
  };
}

export class Connections<T extends DialingTorrent> {
  readonly #sink: EventSink;
  readonly #hooks: PolicyHooks;
  readonly #settings: ResolvedSettings;
  readonly #peerId: Buffer;
  readonly #bans: BanList;
  readonly #rates: RateBuckets;
  readonly #utpSocket: (protocol: 'udp4' | 'udp6') => UtpSocket | undefined;
  readonly #owner: ConnectionsOwner<T>;
  readonly #connections = new Set<PeerConnection>();
  /** Dials in progress, by "infoHash|ip|port". */
  readonly #dialing = new Set<string>();
  /** Connections past onReady, counted against limits.maxConnections. */
  readonly #established = new Set<PeerConnection>();
  readonly #halfOpen: HalfOpenSlots<PeerConnection | SocketInHandshake>;
  /** Addresses ("ip|port") that closed on our plain handshake under policy enabled: dialled with MSE from then on. */
  readonly #needsMse: RecentKeys;
  /**
   * Addresses whose uTP answered but died before the BitTorrent handshake: dialled over TCP first from then on, as
   * libtorrent clears a peer's supports_utp. Whoever answers uTP on a port may not be the peer listening on TCP there
   * (its own uTP bind failed, and another program holds that UDP port).
   */
  readonly #utpFailed: RecentKeys;
  /** Accepted sockets in their MSE/PE (or plaintext-detection) handshake, closed on shutdown. */
  readonly #handshaking = new Set<SocketInHandshake>();
  readonly #perIp: IpConnections;
  /** The address each connection's per-IP count was taken under, given back when it closes. */
  readonly #countedIp = new Map<PeerConnection, string>();
  #destroyed = false;

  constructor(options: ConnectionsOptions<T>) {
    const { settings } = options;
    this.#sink = options.sink;
    this.#hooks = options.hooks;
    this.#settings = settings;
    this.#peerId = options.peerId;
    this.#bans = options.bans;
    this.#rates = options.rates;
    this.#utpSocket = options.utpSocket;
    this.#owner = options.owner;
    // Forced encryption dials every peer with MSE: its initiator loads now, beside the start, not at the first dial.
    if (settings.encryption.policy === 'forced') void mseInitiatorModule().catch(() => {});
    this.#halfOpen = new HalfOpenSlots({
      maxHalfOpen: settings.limits.maxHalfOpen,
      silentMs: Math.max(1, Math.round(settings.timeouts.handshakeMs * SILENT_SOCKET_FRACTION)),
    });
    this.#perIp = new IpConnections(settings.limits.maxConnectionsPerIp);
    this.#needsMse = new RecentKeys(settings.limits.maxDialNotes);
    this.#utpFailed = new RecentKeys(settings.limits.maxDialNotes);
  }

  get counts(): ConnectionCounts {
    return { connections: this.#connections.size, established: this.#established.size, halfOpen: this.#halfOpen.count, addresses: this.#perIp.size };
  }

  /** Every open connection, handshaken or not. */
  get all(): ReadonlySet<PeerConnection> {
    return this.#connections;
  }

  /** The client holds limits.maxConnections established connections: a newcomer must replace one. */
  get full(): boolean {
    return this.#established.size >= this.#settings.limits.maxConnections;
  }

  /**
   * Dials a peer for a torrent, after the IP filter agreed; not when connected
   * to that address already, nor beyond the address's share of connections.
   * Returns false when there is no room for a dial now (the client's
   * connections or the half-open slots are full): the swarm offers it later.
   */
  dial(torrent: T, address: Address): boolean {
    const key = `${torrent.infoHash}|${address.ip}|${address.port}`;
    if (this.#destroyed || this.#dialing.has(key)) return true;
    for (const p of this.#connections) if (p.port === address.port && p.ip === address.ip && p.infoHash === torrent.infoHash && !p.closed) return true;
    if (this.#bans.has(address.ip, torrent.infoHash)) return true;
    if (this.full) return false;
    const order = this.#transportOrder(address, torrent.infoHash);
    if (order.length === 0) return true;
    const family = address.ip.includes(':') ? 6 : 4;
    const protocol: TransportProtocol = order[0] === 'utp' ? `udp${family}` : `tcp${family}`;
    const attempt = { address, protocol, direction: 'outgoing', infoHash: torrent.infoHash } as const;
    if (!admitConnection(this.#hooks, this.#sink, attempt)) return true;
    if (!this.#perIp.tryAdd(address.ip)) {
      // The address's share of connections is taken for now: dialled again soon, no failure counted.
      torrent.dialFailed(address, 'no-room');
      return true;
    }
    if (!this.#halfOpen.tryDial()) {
      this.#perIp.remove(address.ip);
      return false;
    }
    this.#dialing.add(key);
    let released = false;
    const unused = (): void => {
      // Once only, even if what runs after a connect throws into the catch below.
      if (released) return;
      released = true;
      this.#dialing.delete(key);
      this.#halfOpen.dialEnded();
      this.#perIp.remove(address.ip);
    };
    const addressKey = `${address.ip}|${address.port}`;
    const gone = (): boolean => this.#destroyed || torrent.refusal() !== undefined || this.#bans.has(address.ip, torrent.infoHash);
    const { policy, allowedMethods } = this.#settings.encryption;
    dialTransports(address, order, {
      tcpTimeoutMs: this.#settings.timeouts.connectMs,
      utpSocket: this.#utpSocket(family === 6 ? 'udp6' : 'udp4'),
      utpTimeoutMs: this.#settings.transports.utp.connectTimeoutMs,
      raceAfterMs: this.#settings.transports.raceAfterMs,
      loopbackRaceAfterMs: this.#settings.transports.loopbackRaceAfterMs,
    })
      .then(async ({ stream: socket, protocol }) => {
        if (gone()) {
          socket.destroy();
          unused();
          return;
        }
        // forced: MSE only, our BitTorrent handshake as its initial payload (no
        // round trip lost). enabled: plain BitTorrent first, so that plaintext-only
        // peers cost no failed MSE attempt; MSE for an address that closed on a
        // plain handshake (see #onClose). disabled: plain BitTorrent only.
        let stream: Duplex = socket;
        let transport: { encryption: PeerEncryption; handshakeSent?: boolean } = { encryption: 'none' };
        if (policy === 'forced' || (policy === 'enabled' && this.#needsMse.has(addressKey))) {
          const initialPayload = ourHandshakeBytes(torrent.infoHash, this.#peerId);
          try {
            const { initiateMse } = await loadMseInitiator(socket);
            const mse = await initiateMse(socket, { infoHash: Buffer.from(torrent.infoHash, 'hex'), initialPayload, allowedMethods, timeoutMs: this.#settings.timeouts.handshakeMs });
            stream = mse.stream;
            transport = { encryption: mse.method === 'none' ? 'none' : mse.method, handshakeSent: true };
          } catch (err) {
            socket.destroy();
            unused();
            torrent.dialFailed(address);
            // Not an MSE peer either: plain BitTorrent again next time.
            this.#needsMse.delete(addressKey);
            if (protocol.startsWith('udp')) this.#utpFailed.add(addressKey);
            if (!this.#destroyed) {
              const code = err instanceof MseError ? err.code : 'MSE_CLOSED';
              this.#sink.emit('peer_error', { peer_id: undefined, ip: address.ip, error: err instanceof Error ? err.message : String(err), code });
            }
            return;
          }
          if (gone()) {
            stream.destroy();
            unused();
            return;
          }
        }
        released = true;
        this.#dialing.delete(key);
        // The connection takes over the dial's half-open slot and its count for the address.
        const peer = this.#open(stream, address, 'outgoing', protocol, { infoHash: torrent.infoHash, pieceCount: torrent.pieceCount, torrent }, address.ip, transport);
        this.#halfOpen.dialConnected(peer);
      })
      // A peer that cannot be reached is not connected now; the torrent dials it again later, less often the more it fails.
      .catch(() => {
        unused();
        if (!gone()) torrent.dialFailed(address);
      });
    return true;
  }

  /** An accepted TCP socket. */
  acceptTcp(socket: net.Socket, protocol: 'tcp4' | 'tcp6'): void {
    // A socket already closed has no remote address: nothing to accept.
    if (socket.remoteAddress === undefined || socket.remotePort === undefined) return void socket.destroy();
    this.#accept({ stream: socket, remote: tcpRemoteAddress(socket), protocol });
  }

  /** An accepted uTP connection (it has sent data: not a bare SYN) goes the way of an accepted TCP socket. */
  acceptUtp(connection: UtpConnection): void {
    this.#accept({ stream: connection, remote: connection.remote, protocol: connection.protocol });
  }

  /** One connection per peer and torrent (see duplicateToClose); true when `peer` was the one closed. */
  closedAsDuplicate(peer: PeerConnection): boolean {
    const peerId = peer.peerId;
    if (peerId === undefined) return false;
    for (const other of this.#established) {
      if (other === peer || other.closed || other.infoHash !== peer.infoHash || other.peerId === undefined || !other.peerId.equals(peerId)) continue;
      const drop = duplicateToClose(peer.direction, other.direction, this.#peerId, peerId) === 'newcomer' ? peer : other;
      const keep = drop === peer ? other : peer;
      drop.disconnect(`duplicate connection: already connected to peer id ${peerId.toString('hex')} (${keep.direction === 'incoming' ? 'its' : 'our'} dial stays)`);
      return drop === peer;
    }
    return false;
  }

  /** Closes every connection and every socket still in its handshake; no dial or accept after. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    for (const peer of [...this.#connections]) peer.disconnect('client shutting down');
    for (const pending of [...this.#handshaking]) pending.disconnect('client shutting down');
  }

  /** The transports to dial this peer with, in order: transports.order through the choose_transport policy. */
  #transportOrder(address: Address, infoHash: string): TransportName[] {
    const configured = this.#settings.transports.order;
    const order = this.#utpFailed.has(`${address.ip}|${address.port}`) ? [...configured.filter((t) => t !== 'utp'), ...configured.filter((t) => t === 'utp')] : [...configured];
    const hook = this.#hooks.choose_transport;
    return hook.taps.length === 0 ? order : hook.call(order, { address, infoHash });
  }

  #accept(accepted: AcceptedStream): void {
    const { stream: socket, protocol } = accepted;
    if (this.#destroyed) {
      socket.destroy();
      return;
    }
    const ip = accepted.remote.ip;
    // A client-wide ban is refused at once; a torrent's ban once the handshake names the torrent.
    if (this.#bans.has(ip)) {
      socket.destroy();
      return;
    }
    if (!admitConnection(this.#hooks, this.#sink, { address: accepted.remote, protocol, direction: 'incoming' })) {
      socket.destroy();
      return;
    }
    if (!this.#perIp.tryAdd(ip)) {
      const max = this.#perIp.maxPerIp;
      this.#sink.emit('peer_error', { peer_id: undefined, ip: ipKey(ip), error: `too many connections from this address (${max} open, the limit)`, code: 'TOO_MANY_CONNECTIONS_FROM_IP' });
      socket.destroy();
      return;
    }
    // Un-handshaken sockets never take established peers' slots: they wait in the half-open ones, the oldest making room.
    this.#halfOpen.makeRoomForIncoming();
    // The slot is held from the first byte: first by the MSE/PE handshake (or the
    // look that tells a plain handshake from it), then by the connection.
    const pending = new SocketInHandshake(socket);
    this.#halfOpen.addIncoming(pending);
    this.#handshaking.add(pending);
    const { policy, allowedMethods, preferRc4 } = this.#settings.encryption;
    acceptIncoming(socket, { policy, allowedMethods, preferRc4, timeoutMs: this.#settings.timeouts.handshakeMs, infoHashes: () => this.#owner.infoHashes() })
      .then((mse: MseConnection) => {
        this.#halfOpen.release(pending);
        this.#handshaking.delete(pending);
        if (this.#destroyed || pending.closed) {
          mse.stream.destroy();
          this.#perIp.remove(ip);
          return;
        }
        const peer = this.#open(mse.stream, accepted.remote, 'incoming', protocol, undefined, ip, { encryption: mse.method });
        this.#halfOpen.addIncoming(peer);
      })
      .catch((err: unknown) => {
        this.#halfOpen.release(pending);
        this.#handshaking.delete(pending);
        this.#perIp.remove(ip);
        socket.destroy();
        if (this.#destroyed) return;
        // Closed by the half-open slots (full, or the socket was silent): told as before MSE, a connection that never handshook.
        if (pending.evictedFor !== undefined) {
          this.#sink.emit('peer_disconnect', { peer: unhandshakenPeer(accepted), reason: pending.evictedFor });
          return;
        }
        const code = err instanceof MseError ? err.code : 'MSE_CLOSED';
        this.#sink.emit('peer_error', { peer_id: undefined, ip: ipKey(ip), error: err instanceof Error ? err.message : String(err), code });
      });
  }

  /** Wraps a connected socket; `countedIp` is the address its per-IP count was taken under (given back on close). */
  #open(
    stream: Duplex,
    remote: Address,
    direction: 'incoming' | 'outgoing',
    protocol: TransportProtocol,
    torrent: PeerTorrentInfo | undefined,
    countedIp: string,
    transport: { readonly encryption: PeerEncryption; readonly handshakeSent?: boolean },
  ): PeerConnection {
    const peer = new PeerConnection({
      stream,
      direction,
      protocol,
      ...transport,
      sink: this.#sink,
      ourPeerId: this.#peerId,
      delegate: this.#delegate,
      address: remote,
      ...peerConnectionSettings(this.#settings),
      ...(torrent === undefined ? {} : { torrent }),
      // The client's limits until its torrent is known (the owner hands it the torrent's).
      rates: this.#rates,
    });
    this.#connections.add(peer);
    this.#countedIp.set(peer, countedIp);
    return peer;
  }

  readonly #delegate: PeerDelegate = {
    // Incoming connections only. A refusal says why; "unknown info hash" (the
    // connection's own reason for undefined) only when no torrent has it.
    onHandshake: (peer, infoHash) => {
      const ban = this.#bans.get(peer.ip, infoHash);
      if (ban !== undefined) {
        peer.disconnect(`banned: ${ban.reason}`);
        return undefined;
      }
      return this.#owner.torrentFor(peer, infoHash);
    },
    onReady: (peer) => {
      this.#halfOpen.release(peer);
      this.#owner.ready(peer);
      if (!peer.closed) this.#established.add(peer);
    },
    onMessage: (peer, message) => this.#owner.message(peer, message),
    onClose: (peer, reason) => this.#onClose(peer, reason),
    onDrain: (peer) => this.#owner.drained(peer),
  };

  #onClose(peer: PeerConnection, reason: string): void {
    this.#connections.delete(peer);
    this.#established.delete(peer);
    this.#halfOpen.release(peer);
    const ip = this.#countedIp.get(peer);
    this.#countedIp.delete(peer);
    if (ip !== undefined) this.#perIp.remove(ip);
    const torrent = this.#owner.closed(peer);
    const addressKey = `${peer.ip}|${peer.port}`;
    const beforeHandshake = peer.direction === 'outgoing' && peer.peerId === undefined;
    // uTP answered, the BitTorrent handshake never came: TCP first from now on (see #utpFailed), redialled at once.
    const utpFailedNow = beforeHandshake && !this.#destroyed && peer.protocol.startsWith('udp') && this.#utpFailed.add(addressKey);
    // A peer that hangs up on our plain handshake may want MSE only (encryption forced there): redial once with it.
    if (
      beforeHandshake &&
      peer.encryption === 'none' &&
      reason === 'connection closed by peer' &&
      this.#settings.encryption.policy === 'enabled' &&
      !this.#needsMse.has(addressKey) &&
      torrent !== undefined &&
      !this.#destroyed
    ) {
      this.#needsMse.add(addressKey);
      this.dial(torrent, { ip: peer.ip, port: peer.port });
    } else if (utpFailedNow && torrent !== undefined && !this.#destroyed) {
      this.dial(torrent, { ip: peer.ip, port: peer.port });
    }
  }
}

type MseInitiatorModule = typeof import('./transport/mse/initiator.ts');

/**
 * The MSE initiator and its crypto (seven modules), loaded once: with the
 * policy "enabled" only a peer that refused plain BitTorrent is dialled with
 * MSE, so most clients never need it.
 */
let mseInitiator: Promise<MseInitiatorModule> | undefined;
const mseInitiatorModule = (): Promise<MseInitiatorModule> => (mseInitiator ??= import('./transport/mse/initiator.ts'));

async function loadMseInitiator(socket: Duplex): Promise<MseInitiatorModule> {
  // Until the initiator listens, an error of the socket must not go unheard (it
  // would end the process); the socket is then closed, and the handshake fails on it.
  const ignore = (): void => {};
  socket.on('error', ignore);
  try {
    return await mseInitiatorModule();
  } finally {
    socket.off('error', ignore);
  }
}
