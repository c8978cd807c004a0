// One UDP socket carrying every uTP connection of a listen port: datagrams are
// demultiplexed by (remote address, remote port, connection id), so that two
// peers using the same id, or one peer with two connections, are never
// confused. Datagrams that are not uTP go to the fallback handler (the DHT may
// share the port). Accepted connections are handed over once the initiator's
// first data packet arrives; until then they are half-open SYNs, bounded and
// timed out here, so a SYN flood from many ports costs a bounded table and
// never reaches the engine.
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import type { Address } from '../../types.ts';
import { UtpConnection, type UtpLink } from './connection.ts';
import { ConnectionTable } from './connection-table.ts';
import { UtpError } from './errors.ts';
import { newCounters, type UtpConnectionOptions, type UtpCounters } from './options.ts';
import { decodePacket, encodeHeader, looksLikeUtp, PacketType, type UtpPacket } from './packet.ts';
import { PayloadPool } from './payload-pool.ts';
import { microsNow } from './sequence.ts';

export interface UtpSocketLimits {
  /** uTP connections at most, dialled and accepted, half-open or not (a SYN beyond it is dropped). */
  readonly maxConnections: number;
  /** Accepted connections that sent a SYN but no data yet, at most. */
  readonly maxHalfOpen: number;
}

export interface UtpSocketOptions {
  readonly connection: UtpConnectionOptions;
  readonly limits: UtpSocketLimits;
  /** Receives each accepted connection once it carries data; without it SYNs are dropped (dial only). */
  readonly onConnection?: (connection: UtpConnection) => void;
  /** Receives the datagrams that are not uTP. */
  readonly fallback?: (datagram: Buffer, from: Address) => void;
}

export interface UtpDialOptions {
  readonly signal?: AbortSignal;
}

/** How often connections' timers are looked at. */
const TICK_MS = 50;
const SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
/** RESETs sent at most per second in answer to packets for unknown connections. */
const RESETS_PER_SECOND = 100;
/** Rounds of flushTurn in one turn at most (see #flushTurns). */
const FLUSH_ROUNDS = 4;
/** Random ids tried for a new dial before giving up. */
const ID_ATTEMPTS = 32;

export class UtpSocket {
  readonly protocol: 'udp4' | 'udp6';
  readonly counters: UtpCounters = newCounters();
  readonly #socket: dgram.Socket;
  readonly #options: UtpSocketOptions;
  readonly #connections = new ConnectionTable();
  readonly #halfOpen = new Set<UtpConnection>();
  readonly #needFlush = new Set<UtpConnection>();
  readonly #payloads: PayloadPool;
  #flushScheduled = false;
  // -Infinity: the first unknown packet opens a window of its own (0 would be a window opened at process start, which a flood in the first second would straddle).
  #resetWindowStart = Number.NEGATIVE_INFINITY;
  #resetsInWindow = 0;
  /** Ticks the connections; runs only while there are some (idle, it woke the process 20 times a second). */
  #timer: NodeJS.Timeout | undefined;
  /** No new connections: close() was called. Connections closing still send until #socketClosed. */
  #closed = false;
  #socketClosed = false;
  /** Called by close() once the last connection is forgotten. */
  #onEmpty: (() => void) | undefined;

  /** Binds a UDP socket (IPv6-only for udp6, so that udp4 can hold the same port) and starts serving it. */
  static bind(protocol: 'udp4' | 'udp6', port: number, host: string, options: UtpSocketOptions): Promise<UtpSocket> {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket({ type: protocol, ipv6Only: protocol === 'udp6' });
      const onError = (err: Error): void => {
        socket.close();
        reject(err);
      };
      socket.once('error', onError);
      socket.bind({ port, address: host, exclusive: true }, () => {
        socket.off('error', onError);
        // Every connection's bursts land in this one buffer: ask for more than the default (the kernel caps it at rmem_max).
        try {
          socket.setRecvBufferSize(SOCKET_BUFFER_BYTES);
          socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
        } catch {
          // Not allowed here: the default sizes work, with more loss under load.
        }
        resolve(new UtpSocket(socket, protocol, options));
      });
    });
  }

  constructor(socket: dgram.Socket, protocol: 'udp4' | 'udp6', options: UtpSocketOptions) {
    this.#socket = socket;
    this.protocol = protocol;
    this.#options = options;
    const { packetSize, maxSendWindow } = options.connection;
    // Free buffers for one full send window: what a connection has in flight comes back as it is acknowledged.
    this.#payloads = new PayloadPool(packetSize, Math.ceil(maxSendWindow / packetSize));
    // Send errors (ICMP unreachable reported late, a full buffer) lose a datagram; uTP retransmits.
    socket.on('error', () => {});
    socket.on('message', (datagram, rinfo) => this.#onDatagram(datagram, rinfo.address, rinfo.port));
  }

  get port(): number {
    return this.#socket.address().port;
  }

  /** Every uTP connection, half-open ones included. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** True while the connections' tick timer runs: only while there are connections. */
  get ticking(): boolean {
    return this.#timer !== undefined;
  }

  /** Accepted connections that sent a SYN and no data yet. */
  get halfOpenCount(): number {
    return this.#halfOpen.size;
  }

  /** Sends a datagram that is not uTP (for the fallback's owner, e.g. the DHT). */
  sendDatagram(datagram: Buffer, to: Address): void {
    if (!this.#closed) this.#socket.send(datagram, to.port, to.ip);
  }

  /**
   * Opens a uTP connection. Resolves once the remote answered our SYN;
   * rejects with a UtpError (UTP_CONNECT_TIMEOUT, UTP_RESET,
   * UTP_TOO_MANY_CONNECTIONS...) and leaves nothing behind.
   */
  connect(remote: Address, options: UtpDialOptions = {}): Promise<UtpConnection> {
    if (this.#closed) return Promise.reject(new UtpError('UTP_SOCKET_CLOSED', 'the uTP socket is closed'));
    if (this.#connections.size >= this.#options.limits.maxConnections) {
      return Promise.reject(new UtpError('UTP_TOO_MANY_CONNECTIONS', `${this.#connections.size} uTP connections open, the limit`));
    }
    let receiveId: number | undefined;
    for (let i = 0; i < ID_ATTEMPTS && receiveId === undefined; i++) {
      const id = (Math.random() * 0x10000) & 0xffff;
      if (!this.#connections.has(remote.ip, remote.port, id)) receiveId = id;
    }
    if (receiveId === undefined) return Promise.reject(new UtpError('UTP_NO_CONNECTION_ID', `no free uTP connection id towards ${remote.ip}:${remote.port}`));
    const connection = new UtpConnection({
      remote,
      protocol: this.protocol,
      receiveId,
      sendId: (receiveId + 1) & 0xffff,
      link: this.#link(remote),
      options: this.#options.connection,
    });
    this.#add(connection);
    return new Promise((resolve, reject) => {
      const { signal } = options;
      const settle = (error: Error | undefined): void => {
        connection.off('connect', onConnect);
        connection.off('error', onError);
        connection.off('close', onClose);
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) return resolve(connection);
        connection.destroy();
        reject(error);
      };
      const onConnect = (): void => settle(undefined);
      const onError = (err: Error): void => settle(err);
      const onClose = (): void => settle(new UtpError('UTP_SOCKET_CLOSED', 'the uTP connection closed before it was established'));
      const onAbort = (): void => settle(new UtpError('UTP_CONNECT_TIMEOUT', `connecting to ${remote.ip}:${remote.port} over uTP was aborted`, { cause: signal?.reason }));
      if (signal?.aborted) return onAbort();
      connection.once('connect', onConnect);
      connection.once('error', onError);
      connection.once('close', onClose);
      signal?.addEventListener('abort', onAbort, { once: true });
      connection.start();
    });
  }

  /**
   * Resets every connection still open and closes the socket, once the
   * connections already closed have delivered what was written to them (at
   * most transports.utp.closeTimeoutMs): the bytes a `bt seed` sent before
   * exiting must reach the peer, as they would over TCP.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const connection of this.#connections.list()) {
      if (connection.destroyed) continue; // closing: it goes on sending, and forgets itself when done
      // Told as an error to whoever listens for one; a connection nobody watches just closes.
      connection.destroy(connection.listenerCount('error') > 0 ? new UtpError('UTP_SOCKET_CLOSED', 'the uTP socket was closed') : undefined);
    }
    if (this.#connections.size > 0) {
      await new Promise<void>((resolve) => {
        // Each closing connection forgets itself by its deadline (on a tick); this is the backstop.
        const backstop = setTimeout(resolve, this.#options.connection.closeTimeoutMs + 4 * TICK_MS);
        this.#onEmpty = () => {
          clearTimeout(backstop);
          resolve();
        };
      });
    }
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#socketClosed = true;
    await new Promise<void>((resolve) => this.#socket.close(() => resolve()));
  }

  #link(remote: Address): UtpLink {
    const socket = this.#socket;
    return {
      send: (header, payload) => {
        if (this.#socketClosed) return;
        socket.send(payload === undefined ? header : [header, payload], remote.port, remote.ip);
      },
      scheduleFlush: (connection) => {
        this.#needFlush.add(connection);
        if (this.#flushScheduled) return;
        this.#flushScheduled = true;
        // After the datagrams and writes of this turn: one ack answers all of them, the reader gets their bytes, and
        // what was written goes out in full packets.
        setImmediate(this.#flushTurns);
      },
      established: (connection) => {
        this.#halfOpen.delete(connection);
        connection.off('error', ignoreError);
        this.#options.onConnection?.(connection);
      },
      closed: (connection) => {
        this.#halfOpen.delete(connection);
        this.#needFlush.delete(connection);
        this.#connections.delete(connection);
        if (this.#connections.size === 0) {
          clearInterval(this.#timer);
          this.#timer = undefined;
          this.#onEmpty?.();
        }
      },
      counters: this.counters,
      payloads: this.#payloads,
      queuedSends: () => socket.getSendQueueCount(),
    };
  }

  /**
   * Flushes the connections that asked. What their readers write in answer
   * asks again (for theirs or other connections): that goes out in this turn
   * too, in a few rounds at most; anything later, in the next turn.
   */
  readonly #flushTurns = (): void => {
    for (let round = 0; round < FLUSH_ROUNDS && this.#needFlush.size > 0; round++) {
      const pending = [...this.#needFlush];
      this.#needFlush.clear();
      for (const c of pending) c.flushTurn();
    }
    this.#flushScheduled = this.#needFlush.size > 0;
    if (this.#flushScheduled) setImmediate(this.#flushTurns);
  };

  #onDatagram(datagram: Buffer, ip: string, port: number): void {
    if (!looksLikeUtp(datagram)) {
      this.counters.notUtp++;
      this.#options.fallback?.(datagram, { ip, port });
      return;
    }
    let packet: UtpPacket;
    try {
      packet = decodePacket(datagram);
    } catch (err) {
      if (!(err instanceof UtpError)) throw err;
      this.counters.malformed++;
      return;
    }
    if (packet.type === PacketType.SYN) return this.#onSyn(packet, ip, port);
    const connection = this.#connections.get(ip, port, packet.connectionId) ?? (packet.type === PacketType.RESET ? this.#resetTarget(packet, ip, port) : undefined);
    if (connection === undefined) {
      this.counters.unknownConnection++;
      if (packet.type !== PacketType.RESET) this.#answerUnknown(packet, ip, port);
      return;
    }
    connection.handlePacket(packet);
  }

  /**
   * The connection a RESET may carry our send id for (libutp resets with the
   * id it received, which is ours to send with): recv id is send id + 1 for
   * a connection we dialled, send id - 1 for one we accepted.
   */
  #resetTarget(reset: UtpPacket, ip: string, port: number): UtpConnection | undefined {
    for (const receiveId of [(reset.connectionId + 1) & 0xffff, (reset.connectionId - 1) & 0xffff]) {
      const connection = this.#connections.get(ip, port, receiveId);
      if (connection?.sendId === reset.connectionId) return connection;
    }
    return undefined;
  }

  /**
   * A packet for a connection we do not have (we restarted, or forgot it):
   * a RESET tells the sender at once, as libutp does, instead of leaving it
   * to time out. As small as what came, so it amplifies nothing; at most
   * RESETS_PER_SECOND, so a flood of forged packets gets few answers.
   */
  #answerUnknown(packet: UtpPacket, ip: string, port: number): void {
    const now = performance.now();
    if (now - this.#resetWindowStart >= 1000) {
      this.#resetWindowStart = now;
      this.#resetsInWindow = 0;
    }
    if (this.#closed || this.#resetsInWindow >= RESETS_PER_SECOND) return;
    this.#resetsInWindow++;
    this.counters.resetsSent++;
    const reset = encodeHeader({
      type: PacketType.RESET,
      connectionId: packet.connectionId,
      timestamp: microsNow(),
      timestampDiff: 0,
      windowSize: 0,
      seq: randomInt(0x10000),
      ack: packet.seq,
    });
    this.#socket.send(reset, port, ip);
  }

  #onSyn(syn: UtpPacket, ip: string, port: number): void {
    const receiveId = (syn.connectionId + 1) & 0xffff;
    const existing = this.#connections.get(ip, port, receiveId);
    if (existing !== undefined) return existing.handlePacket(syn);
    const { maxConnections, maxHalfOpen } = this.#options.limits;
    if (this.#options.onConnection === undefined || this.#closed || this.#connections.size >= maxConnections || this.#halfOpen.size >= maxHalfOpen) {
      // Dropped without an answer: a reset to a forged source would make us an amplifier.
      this.counters.synRefused++;
      return;
    }
    const remote = { ip, port };
    const connection = new UtpConnection({ remote, protocol: this.protocol, receiveId, sendId: syn.connectionId, link: this.#link(remote), options: this.#options.connection, syn });
    // Nobody listens before the connection is handed over: its errors are the half-open table's business.
    connection.on('error', ignoreError);
    this.#add(connection);
    this.#halfOpen.add(connection);
    connection.acceptSyn();
  }

  #add(connection: UtpConnection): void {
    this.#connections.add(connection);
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
    this.#timer.unref();
  }

  #tick(): void {
    const now = performance.now();
    for (const connection of this.#connections.list()) connection.tick(now);
  }
}

function ignoreError(): void {}
