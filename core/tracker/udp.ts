// UDP tracker protocol (BEP 15): connect, announce, scrape, with
// retransmission after base·2^n and a connection id reused for its one-minute
// life. Replies are matched on transaction id and action; anything else that
// arrives on the socket is ignored, so a confused or spoofing sender cannot
// end an exchange early, except an error (action 3) for our transaction.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { TrackerError, toTrackerError } from './errors.ts';
import { counter, type AnnounceRequest, type ExchangeOptions } from './request.ts';
import { DEFAULT_INTERVAL_S, parseCompactPeers, type AnnounceResult, type ScrapeStats } from './response.ts';

export interface UdpOptions {
  /** Wait before the first retransmission; the n-th waits base·2^n (BEP 15: 15 000 ms; the trackers.udpBaseTimeoutMs setting). */
  readonly baseTimeoutMs: number;
  /** Retransmissions before the exchange fails (BEP 15 goes up to 8; the trackers.udpRetries setting). */
  readonly maxRetries: number;
  /**
   * Total time limit of one exchange. Without it only the retransmission
   * schedule ends an exchange with a silent tracker: base·(2^(maxRetries+1) − 1),
   * about two hours with BEP 15's 15 s and 8 retries.
   */
  readonly timeoutMs?: number;
}

export interface UdpExchangeOptions extends Omit<ExchangeOptions, 'timeoutMs'>, UdpOptions {}

export const PROTOCOL_ID = 0x41727101980n;
export const UdpAction = Object.freeze({ Connect: 0, Announce: 1, Scrape: 2, Error: 3 } as const);
export type UdpAction = (typeof UdpAction)[keyof typeof UdpAction];
/** A connection id may be used by the client for one minute after it was received. */
export const CONNECTION_ID_LIFE_MS = 60_000;
/** BEP 15 stops doubling at 15·2^8 s. */
const MAX_BACKOFF_EXPONENT = 8;
/** Info hashes per scrape packet, so that the request and its reply stay within common MTUs. */
export const MAX_SCRAPE_HASHES = 74;

const UDP_EVENT = Object.freeze({ none: 0, completed: 1, started: 2, stopped: 3 });

export interface UdpTarget {
  readonly host: string;
  readonly port: number;
}

/** Host and port of a udp:// tracker URL. */
export function parseUdpUrl(url: string): UdpTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TrackerError('TRACKER_BAD_URL', `not a URL: ${url}`);
  }
  if (u.protocol !== 'udp:') throw new TrackerError('TRACKER_BAD_URL', `not a udp:// URL: ${url}`);
  const port = Number(u.port);
  if (u.port === '' || !(port > 0 && port <= 0xffff)) throw new TrackerError('TRACKER_BAD_URL', `udp tracker URL without a port: ${url}`);
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  if (host === '') throw new TrackerError('TRACKER_BAD_URL', `udp tracker URL without a host: ${url}`);
  return { host, port };
}

const transactionId = (): number => randomBytes(4).readUInt32BE(0);

export function connectPacket(tid: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(PROTOCOL_ID, 0);
  b.writeUInt32BE(UdpAction.Connect, 8);
  b.writeUInt32BE(tid, 12);
  return b;
}

export function announcePacket(connectionId: Buffer, tid: number, req: AnnounceRequest, family: 4 | 6): Buffer {
  const b = Buffer.alloc(98);
  connectionId.copy(b, 0, 0, 8);
  b.writeUInt32BE(UdpAction.Announce, 8);
  b.writeUInt32BE(tid, 12);
  req.infoHash.copy(b, 16, 0, 20);
  req.peerId.copy(b, 36, 0, 20);
  b.writeBigUInt64BE(BigInt(counter(req.downloaded)), 56);
  b.writeBigUInt64BE(BigInt(counter(req.left)), 64);
  b.writeBigUInt64BE(BigInt(counter(req.uploaded)), 72);
  b.writeUInt32BE(UDP_EVENT[req.event], 80);
  // The IP field is IPv4 only; 0 tells the tracker to use the packet's source address.
  if (family === 4 && req.ip !== undefined && isIP(req.ip) === 4) {
    const [a, b1, c, d] = req.ip.split('.').map(Number) as [number, number, number, number];
    b.writeUInt32BE(((a << 24) | (b1 << 16) | (c << 8) | d) >>> 0, 84);
  }
  b.writeUInt32BE(req.key >>> 0, 88);
  b.writeInt32BE(req.numwant < 0 ? -1 : Math.min(Math.floor(req.numwant), 0x7fffffff), 92);
  b.writeUInt16BE(req.port & 0xffff, 96);
  return b;
}

export function scrapePacket(connectionId: Buffer, tid: number, infoHashes: readonly Buffer[]): Buffer {
  const b = Buffer.alloc(16 + 20 * infoHashes.length);
  connectionId.copy(b, 0, 0, 8);
  b.writeUInt32BE(UdpAction.Scrape, 8);
  b.writeUInt32BE(tid, 12);
  infoHashes.forEach((h, i) => h.copy(b, 16 + 20 * i, 0, 20));
  return b;
}

/** Fails on a reply too short for its fixed fields (the channel checks too; this keeps the parser safe alone). */
function requireLength(msg: Buffer, length: number, what: string): void {
  if (msg.length < length) throw new TrackerError('TRACKER_BAD_RESPONSE', `truncated ${what} reply of ${msg.length} bytes (at least ${length} expected)`);
}

export function parseUdpAnnounceReply(msg: Buffer, family: 4 | 6): AnnounceResult {
  requireLength(msg, 20, 'announce');
  const interval = msg.readInt32BE(8);
  return {
    interval: interval > 0 ? interval : DEFAULT_INTERVAL_S,
    incomplete: msg.readUInt32BE(12),
    complete: msg.readUInt32BE(16),
    peers: parseCompactPeers(msg.subarray(20), family, family === 4 ? 'peers' : 'peers6'),
  };
}

export function parseUdpScrapeReply(msg: Buffer, infoHashes: readonly Buffer[]): Map<string, ScrapeStats> {
  requireLength(msg, 8 + 12 * infoHashes.length, 'scrape');
  const stats = new Map<string, ScrapeStats>();
  infoHashes.forEach((h, i) => {
    const off = 8 + 12 * i;
    stats.set(h.toString('hex'), {
      complete: msg.readUInt32BE(off),
      downloaded: msg.readUInt32BE(off + 4),
      incomplete: msg.readUInt32BE(off + 8),
    });
  });
  return stats;
}

interface Pending {
  readonly tid: number;
  readonly action: UdpAction;
  readonly minLength: number;
  readonly resolve: (msg: Buffer | undefined) => void;
  readonly reject: (err: unknown) => void;
}

const ACTION_NAME = ['connect', 'announce', 'scrape', 'error'];

/** One socket connected to the tracker, carrying one request at a time. */
class Channel {
  #pending: Pending | undefined;
  #failure: TrackerError | undefined;
  readonly socket: dgram.Socket;

  constructor(
    readonly family: 4 | 6,
    private readonly o: UdpExchangeOptions,
  ) {
    this.socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
    this.socket.on('message', (msg) => this.#onMessage(msg));
    this.socket.on('error', (err) => this.#fail(toTrackerError(err)));
  }

  #fail(err: TrackerError): void {
    // Linux reports an ICMP port unreachable on a connected socket as ECONNREFUSED: nobody listens there.
    const e = err.code === 'TRACKER_CONNECTION' && err.message === 'connection refused'
      ? new TrackerError('TRACKER_CONNECTION', 'connection refused (no UDP tracker listens at that port)', 0, { cause: err.cause })
      : err;
    this.#failure ??= e;
    const p = this.#pending;
    this.#pending = undefined;
    p?.reject(e);
  }

  #onMessage(msg: Buffer): void {
    this.o.onRead?.(msg.length);
    const p = this.#pending;
    if (p === undefined || msg.length < 8) return;
    const action = msg.readUInt32BE(0);
    if (msg.readUInt32BE(4) !== p.tid) return;
    if (action === UdpAction.Error) {
      this.#pending = undefined;
      const text = msg.subarray(8).toString('utf8').replace(/\0+$/, '').trim();
      p.reject(new TrackerError('TRACKER_FAILURE_REASON', text === '' ? 'tracker sent an error without a message' : text));
      return;
    }
    if (action !== p.action) return;
    this.#pending = undefined;
    if (msg.length < p.minLength) {
      p.reject(new TrackerError('TRACKER_BAD_RESPONSE', `truncated ${ACTION_NAME[action]} reply of ${msg.length} bytes (at least ${p.minLength} expected)`));
      return;
    }
    p.resolve(msg);
  }

  connect(target: UdpTarget, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.socket.once('error', reject);
      try {
        this.socket.connect(target.port, target.host, () => {
          signal.removeEventListener('abort', onAbort);
          this.socket.off('error', reject);
          resolve();
        });
      } catch (err) {
        signal.removeEventListener('abort', onAbort);
        reject(toTrackerError(err));
      }
    });
  }

  /** Sends one packet and waits `waitMs` for its reply; undefined means no reply in time. */
  transact(packet: Buffer, tid: number, action: UdpAction, minLength: number, waitMs: number, signal: AbortSignal): Promise<Buffer | undefined> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<Buffer | undefined>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        this.#pending = undefined;
        done();
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        this.#pending = undefined;
        done();
        resolve(undefined);
      }, waitMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#pending = {
        tid,
        action,
        minLength,
        resolve: (msg) => {
          done();
          resolve(msg);
        },
        reject: (err) => {
          done();
          reject(err);
        },
      };
      try {
        this.socket.send(packet, (err) => {
          if (err) this.#fail(toTrackerError(err));
          else this.o.onWrite?.(packet.length);
        });
      } catch (err) {
        this.#fail(toTrackerError(err));
      }
    });
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      // Already closed.
    }
  }
}

interface ConnectionId {
  readonly id: Buffer;
  readonly receivedAt: number;
  /** Resolved address it was issued for. */
  readonly address: string;
}

/** Resolves a host name (or takes a literal) within the exchange's time limit. */
function resolve(host: string, signal: AbortSignal): Promise<{ address: string; family: 4 | 6 }> {
  const literal = isIP(host);
  if (literal !== 0) return Promise.resolve({ address: host, family: literal as 4 | 6 });
  return new Promise((res, rej) => {
    const onAbort = (): void => rej(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    dns.lookup(host, (err, address, family) => {
      signal.removeEventListener('abort', onAbort);
      if (err) rej(toTrackerError(err));
      else res({ address, family: family === 6 ? 6 : 4 });
    });
  });
}

/**
 * The UDP side of one tracker: remembers its connection id between exchanges
 * (each exchange opens its own socket, so nothing stays open between announces).
 */
export class UdpTrackerSession {
  readonly target: UdpTarget;
  #connection: ConnectionId | undefined;
  readonly #now: () => number;

  constructor(url: string, options: { now?: () => number } = {}) {
    this.target = parseUdpUrl(url);
    this.#now = options.now ?? Date.now;
  }

  /** True while a connection id received less than a minute ago is held. */
  get connected(): boolean {
    return this.#connection !== undefined && this.#now() - this.#connection.receivedAt < CONNECTION_ID_LIFE_MS;
  }

  /** Forgets the connection id: the next exchange connects first. */
  reset(): void {
    this.#connection = undefined;
  }

  announce(req: AnnounceRequest, o: UdpExchangeOptions): Promise<AnnounceResult> {
    return this.#exchange(o, UdpAction.Announce, 20, (id, tid, family) => announcePacket(id, tid, req, family), parseUdpAnnounceReply);
  }

  async scrape(infoHashes: readonly Buffer[], o: UdpExchangeOptions): Promise<Map<string, ScrapeStats>> {
    const all = new Map<string, ScrapeStats>();
    for (let i = 0; i < infoHashes.length; i += MAX_SCRAPE_HASHES) {
      const batch = infoHashes.slice(i, i + MAX_SCRAPE_HASHES);
      const stats = await this.#exchange(o, UdpAction.Scrape, 8 + 12 * batch.length, (id, tid) => scrapePacket(id, tid, batch), (msg) =>
        parseUdpScrapeReply(msg, batch),
      );
      for (const [k, v] of stats) all.set(k, v);
    }
    return all;
  }

  #validConnection(address: string): Buffer | undefined {
    const c = this.#connection;
    if (c === undefined || c.address !== address || this.#now() - c.receivedAt >= CONNECTION_ID_LIFE_MS) return undefined;
    return c.id;
  }

  async #exchange<T>(
    o: UdpExchangeOptions,
    action: UdpAction,
    minLength: number,
    build: (connectionId: Buffer, tid: number, family: 4 | 6) => Buffer,
    parse: (msg: Buffer, family: 4 | 6) => T,
  ): Promise<T> {
    const base = o.baseTimeoutMs;
    const maxRetries = o.maxRetries;
    const control = new AbortController();
    const limit = o.timeoutMs;
    const timer =
      limit === undefined
        ? undefined
        : setTimeout(() => control.abort(new TrackerError('TRACKER_TIMEOUT', `no complete reply within ${limit} ms`)), limit);
    const onOuterAbort = (): void => control.abort(new TrackerError('TRACKER_ABORTED', 'request aborted'));
    if (o.signal?.aborted) onOuterAbort();
    else o.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let channel: Channel | undefined;

    // n counts the time-outs of this exchange, connect and request alike.
    let n = 0;
    const wait = (): number => base * 2 ** Math.min(n, MAX_BACKOFF_EXPONENT);
    const timedOut = (): void => {
      n++;
      if (n > maxRetries) {
        throw new TrackerError('TRACKER_TIMEOUT', `no reply after ${n} attempts (${maxRetries} retransmissions)`);
      }
    };

    try {
      const { address, family } = await resolve(this.target.host, control.signal);
      channel = new Channel(family, o);
      await channel.connect({ host: address, port: this.target.port }, control.signal);
      for (;;) {
        let id = this.#validConnection(address);
        const reused = id !== undefined;
        if (id === undefined) {
          const tid = transactionId();
          while (id === undefined) {
            const reply = await channel.transact(connectPacket(tid), tid, UdpAction.Connect, 16, wait(), control.signal);
            if (reply === undefined) timedOut();
            else {
              id = Buffer.from(reply.subarray(8, 16));
              this.#connection = { id, receivedAt: this.#now(), address };
            }
          }
        }
        const tid = transactionId();
        let reply: Buffer | undefined;
        // Retransmit the same request (same transaction id, so a late reply still counts) while the id is fresh.
        while (reply === undefined) {
          reply = await channel.transact(build(id, tid, family), tid, action, minLength, wait(), control.signal);
          if (reply !== undefined) break;
          timedOut();
          // A reused id may be stale on the tracker's side (it restarted, or clocks differ): get a new one.
          if (reused) this.reset();
          if (this.#validConnection(address) === undefined) break;
        }
        if (reply !== undefined) return parse(reply, family);
      }
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onOuterAbort);
      channel?.close();
    }
  }
}
