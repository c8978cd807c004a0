// The RPC manager: one UDP socket (its own, or the client's shared with uTP),
// queries out with a fresh transaction id and a timeout, replies matched back
// by transaction id AND sender address (a reply from anywhere else is
// ignored), queries in handed to the node.
import { createSocket, type Socket } from 'node:dgram';
import type { SharedUdpSocket } from '../../core/index.ts';
import type { DhtFamily, PeerAddress } from './compact.ts';
import { DhtError } from './errors.ts';
import { decodeKrpc, encodeQuery, type KrpcMessage, type KrpcQuery, type KrpcReply } from './krpc.ts';

/** Most queries of ours waiting for replies; beyond it a query fails at once (a lookup storm cannot grow memory). */
const MAX_IN_FLIGHT = 1024;

interface Pending {
  readonly address: PeerAddress;
  readonly resolve: (reply: KrpcReply) => void;
  readonly reject: (error: DhtError) => void;
  readonly timer: NodeJS.Timeout;
}

export interface RpcHandlers {
  /** A well-formed query arrived. */
  query(message: Extract<KrpcMessage, { type: 'query' }>, from: PeerAddress): void;
  /** A datagram that was not a well-formed message, or an unexpected reply. */
  malformed(error: DhtError, from: PeerAddress): void;
}

/** The handler name under which the DHT reads a shared socket's datagrams (plugin_error names it). */
const SHARED_HANDLER_NAME = 'dht';

export class Rpc {
  /** Our own socket once bound; undefined when the client's shared socket is used (attach). */
  #socket: Socket | undefined;
  #shared: { readonly socket: SharedUdpSocket; readonly detach: () => void } | undefined;
  readonly #pending = new Map<string, Pending>();
  readonly #timeoutMs: number;
  readonly #handlers: RpcHandlers;
  readonly #family: DhtFamily;
  #next = Math.floor(Math.random() * 0x10000);
  #closed = false;

  constructor(options: { timeoutMs: number; handlers: RpcHandlers; family?: DhtFamily }) {
    this.#timeoutMs = options.timeoutMs;
    this.#handlers = options.handlers;
    this.#family = options.family ?? 4;
  }

  /** Uses a socket the client shares (uTP's, on the listen port) instead of binding our own. Returns its port. */
  attach(socket: SharedUdpSocket): number {
    if (this.#socket !== undefined || this.#shared !== undefined || this.#closed) throw new DhtError('DHT_SOCKET', 'the DHT already has a socket, or is closed');
    const detach = socket.onDatagram(SHARED_HANDLER_NAME, (data, from) => this.#receive(data, from));
    this.#shared = { socket, detach };
    return socket.port;
  }

  /** Our own socket, created at the first bind; throws when the shared one is in use. */
  get #own(): Socket {
    if (this.#shared !== undefined) throw new DhtError('DHT_SOCKET', 'the DHT uses a shared socket');
    if (this.#socket === undefined) {
      // IPv6 only on the udp6 socket: each family has its own node and routing table (BEP 32).
      this.#socket = this.#family === 6 ? createSocket({ type: 'udp6', ipv6Only: true }) : createSocket({ type: 'udp4' });
      this.#socket.on('message', (data, info) => this.#receive(data, { ip: info.address, port: info.port }));
    }
    return this.#socket;
  }

  /** Binds to port (0: any); when that port is taken and `fallback`, to any free one. Resolves with the port bound. */
  async bind(port: number, host: string, fallback: boolean): Promise<number> {
    try {
      await this.#bindOnce(port, host);
    } catch (err) {
      if (!fallback || port === 0) throw new DhtError('DHT_SOCKET', `cannot bind UDP ${host}:${port}: ${(err as Error).message}`, { cause: err });
      await this.#bindOnce(0, host);
    }
    this.#own.on('error', () => undefined); // send errors are reported per query
    return this.#own.address().port;
  }

  #bindOnce(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      const socket = this.#own;
      socket.once('error', onError);
      socket.bind(port, host, () => {
        socket.off('error', onError);
        resolve();
      });
    });
  }

  get inFlight(): number {
    return this.#pending.size;
  }

  /** Sends a query; resolves with the reply, rejects with DHT_TIMEOUT, DHT_REMOTE_ERROR or DHT_SOCKET. */
  query(to: PeerAddress, query: KrpcQuery): Promise<KrpcReply> {
    if (this.#closed) return Promise.reject(new DhtError('DHT_SOCKET', 'the DHT is closed'));
    if (this.#pending.size >= MAX_IN_FLIGHT) return Promise.reject(new DhtError('DHT_SOCKET', 'too many queries in flight'));
    let transaction: Buffer;
    do {
      this.#next = (this.#next + 1) & 0xffff;
      transaction = Buffer.from([this.#next >> 8, this.#next & 0xff]);
    } while (this.#pending.has(transaction.toString('hex')));
    const key = transaction.toString('hex');
    return new Promise<KrpcReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(key);
        reject(new DhtError('DHT_TIMEOUT', `${query.method} to ${to.ip}:${to.port} got no reply in ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      timer.unref();
      this.#pending.set(key, { address: to, resolve, reject, timer });
      this.send(encodeQuery(transaction, query), to);
    });
  }

  /** Sends a datagram; a failure (unreachable host) only fails the query waiting on it. */
  send(datagram: Buffer, to: PeerAddress): void {
    if (this.#closed) return;
    // The shared socket reports no send error: the query waiting on it times out instead.
    if (this.#shared !== undefined) return this.#shared.socket.send(datagram, to);
    this.#own.send(datagram, to.port, to.ip, (err) => {
      if (err === null || err === undefined) return;
      for (const [key, p] of this.#pending) {
        if (p.address.ip === to.ip && p.address.port === to.port) {
          clearTimeout(p.timer);
          this.#pending.delete(key);
          p.reject(new DhtError('DHT_SOCKET', `cannot send to ${to.ip}:${to.port}: ${err.message}`, { cause: err }));
        }
      }
    });
  }

  #receive(data: Buffer, from: PeerAddress): void {
    let message: KrpcMessage;
    try {
      message = decodeKrpc(data);
    } catch (err) {
      if (err instanceof DhtError) this.#handlers.malformed(err, from);
      return;
    }
    if (message.type === 'query') {
      this.#handlers.query(message, from);
      return;
    }
    const key = message.transaction.toString('hex');
    const pending = this.#pending.get(key);
    if (pending === undefined || pending.address.ip !== from.ip || pending.address.port !== from.port) {
      this.#handlers.malformed(new DhtError('DHT_UNEXPECTED_REPLY', `a ${message.type} for transaction ${key} we are not waiting for from ${from.ip}:${from.port}`), from);
      return;
    }
    clearTimeout(pending.timer);
    this.#pending.delete(key);
    if (message.type === 'reply') pending.resolve(message.reply);
    else pending.reject(new DhtError('DHT_REMOTE_ERROR', `${from.ip}:${from.port} answered error ${message.code}: ${message.text}`));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(new DhtError('DHT_SOCKET', 'the DHT is closed'));
    }
    this.#pending.clear();
    this.#shared?.detach();
    try {
      this.#socket?.close();
    } catch {
      // Never bound: nothing to close.
    }
  }
}
