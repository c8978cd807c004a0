// Misbehaving trackers for tests: an HTTP server whose every answer a test
// chooses (hang, close, any status, redirects, raw non-HTTP bytes, any body)
// and a UDP tracker (BEP 15) whose replies a test can drop, corrupt or replace.
// Both listen on loopback port 0 and record what they received.
import dgram from 'node:dgram';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { EventAttributes, EventName, EventSink } from '../../core/hooks.ts';
import type { Address, Torrent } from '../../core/types.ts';

// ------------------------------------------------------------------ bencode

export type Bencodable = number | string | Buffer | readonly Bencodable[] | { readonly [key: string]: Bencodable };

/** Encodes a value; string keys and values are UTF-8, Buffer values raw, dictionary keys sorted. */
export function bencode(v: Bencodable): Buffer {
  if (typeof v === 'number') return Buffer.from(`i${Math.trunc(v)}e`);
  if (typeof v === 'string') return bencode(Buffer.from(v, 'utf8'));
  if (Buffer.isBuffer(v)) return Buffer.concat([Buffer.from(`${v.length}:`), v]);
  if (Array.isArray(v)) return Buffer.concat([Buffer.from('l'), ...v.map(bencode), Buffer.from('e')]);
  const dict = v as { readonly [key: string]: Bencodable };
  const keys = Object.keys(dict).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(Buffer.from(k, 'latin1')), bencode(dict[k]!)]), Buffer.from('e')]);
}

/** Compact peers: 6 bytes per IPv4 address or 18 per IPv6 address. */
export function compactPeers(peers: readonly Address[]): Buffer {
  return Buffer.concat(
    peers.map((p) => {
      const addr = Buffer.from(ipaddr.parse(p.ip).toByteArray());
      const port = Buffer.alloc(2);
      port.writeUInt16BE(p.port);
      return Buffer.concat([addr, port]);
    }),
  );
}

// ------------------------------------------------------------------ sink and torrent

export interface RecordedEvent<K extends EventName = EventName> {
  readonly event: K;
  readonly attributes: EventAttributes[K];
}

/** An EventSink that records every event, in order. */
export class RecordingSink implements EventSink {
  readonly events: RecordedEvent[] = [];
  emit<K extends EventName>(event: K, attributes: EventAttributes[K]): void {
    this.events.push({ event, attributes } as RecordedEvent);
  }
  listens(): boolean {
    return true;
  }
  names(): EventName[] {
    return this.events.map((e) => e.event);
  }
  of<K extends EventName>(event: K): EventAttributes[K][] {
    return this.events.filter((e) => e.event === event).map((e) => e.attributes as EventAttributes[K]);
  }
  clear(): void {
    this.events.length = 0;
  }
}

export function fakeTorrent(infoHash: Buffer = randomBytes(20)): Torrent {
  return { infoHash: infoHash.toString('hex'), name: 'fake', state: 'downloading', private: false };
}

// ------------------------------------------------------------------ HTTP

export interface RecordedHttpRequest {
  readonly path: string;
  /** The raw query string, with its '?'. */
  readonly search: string;
  /** Query parameters percent-decoded to raw bytes (URLSearchParams would mangle binary info hashes). */
  readonly query: Map<string, Buffer[]>;
  readonly headers: http.IncomingHttpHeaders;
}

export type HttpBehavior =
  /** Never answer. */
  | { readonly kind: 'hang' }
  /** Close the connection without a byte. */
  | { readonly kind: 'close' }
  /** Send headers and the start of a body, then close. */
  | { readonly kind: 'truncate'; readonly body: Buffer | string; readonly sendBytes: number }
  | { readonly kind: 'reply'; readonly status?: number; readonly body: Buffer | string; readonly headers?: Record<string, string> }
  /** Write these bytes on the socket instead of an HTTP response. */
  | { readonly kind: 'raw'; readonly bytes: Buffer | string }
  | { readonly kind: 'redirect'; readonly location: string; readonly status?: number };

export function parseRawQuery(search: string): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  const q = search.startsWith('?') ? search.slice(1) : search;
  if (q === '') return out;
  for (const part of q.split('&')) {
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const bytes: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '%' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
        bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (raw[i] === '+') bytes.push(0x20);
      else bytes.push(...Buffer.from(raw[i]!, 'utf8'));
    }
    const list = out.get(key) ?? [];
    list.push(Buffer.from(bytes));
    out.set(key, list);
  }
  return out;
}

export class FakeHttpTracker {
  readonly requests: RecordedHttpRequest[] = [];
  handler: (req: RecordedHttpRequest) => HttpBehavior;
  readonly #server: http.Server;
  readonly #sockets = new Set<Socket>();
  #port = 0;

  private constructor(handler: (req: RecordedHttpRequest) => HttpBehavior) {
    this.handler = handler;
    this.#server = http.createServer((req, res) => this.#serve(req, res));
    this.#server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
  }

  static async start(handler: (req: RecordedHttpRequest) => HttpBehavior, host = '127.0.0.1'): Promise<FakeHttpTracker> {
    const t = new FakeHttpTracker(handler);
    await new Promise<void>((resolve, reject) => {
      t.#server.once('error', reject);
      t.#server.listen(0, host, () => resolve());
    });
    t.#port = (t.#server.address() as AddressInfo).port;
    t.#host = host.includes(':') ? `[${host}]` : host;
    return t;
  }

  #host = '127.0.0.1';

  get origin(): string {
    return `http://${this.#host}:${this.#port}`;
  }

  /** The announce URL. */
  get url(): string {
    return `${this.origin}/announce`;
  }

  #serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const u = new URL(req.url ?? '/', 'http://x');
    const recorded: RecordedHttpRequest = { path: u.pathname, search: u.search, query: parseRawQuery(u.search), headers: req.headers };
    this.requests.push(recorded);
    const b = this.handler(recorded);
    switch (b.kind) {
      case 'hang':
        return;
      case 'close':
        req.socket.destroy();
        return;
      case 'raw':
        req.socket.end(b.bytes);
        return;
      case 'truncate': {
        const body = Buffer.from(b.body);
        res.writeHead(200, { 'content-length': String(body.length) });
        res.write(body.subarray(0, b.sendBytes));
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      case 'redirect':
        res.writeHead(b.status ?? 302, { location: b.location });
        res.end();
        return;
      case 'reply':
        res.writeHead(b.status ?? 200, { 'content-type': 'text/plain', ...b.headers });
        res.end(b.body);
        return;
    }
  }

  close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

// ------------------------------------------------------------------ UDP

export interface UdpTrackerRequest {
  readonly raw: Buffer;
  readonly connectionId: Buffer;
  readonly action: number;
  readonly tid: number;
  /** Announce fields (action 1). */
  readonly infoHash?: Buffer;
  readonly peerId?: Buffer;
  readonly downloaded?: bigint;
  readonly left?: bigint;
  readonly uploaded?: bigint;
  readonly event?: number;
  readonly ip?: number;
  readonly key?: number;
  readonly numwant?: number;
  readonly port?: number;
  /** Scrape hashes (action 2). */
  readonly hashes?: Buffer[];
  readonly from: dgram.RemoteInfo;
}

/** Builders for the tracker's side of BEP 15. */
export const udpReply = {
  connect(tid: number, connectionId: Buffer): Buffer {
    const b = Buffer.alloc(16);
    b.writeUInt32BE(0, 0);
    b.writeUInt32BE(tid, 4);
    connectionId.copy(b, 8);
    return b;
  },
  announce(tid: number, o: { interval: number; leechers: number; seeders: number; peers: Buffer }): Buffer {
    const b = Buffer.alloc(20);
    b.writeUInt32BE(1, 0);
    b.writeUInt32BE(tid, 4);
    b.writeInt32BE(o.interval, 8);
    b.writeUInt32BE(o.leechers, 12);
    b.writeUInt32BE(o.seeders, 16);
    return Buffer.concat([b, o.peers]);
  },
  scrape(tid: number, stats: readonly { seeders: number; completed: number; leechers: number }[]): Buffer {
    const b = Buffer.alloc(8 + 12 * stats.length);
    b.writeUInt32BE(2, 0);
    b.writeUInt32BE(tid, 4);
    stats.forEach((s, i) => {
      b.writeUInt32BE(s.seeders, 8 + 12 * i);
      b.writeUInt32BE(s.completed, 12 + 12 * i);
      b.writeUInt32BE(s.leechers, 16 + 12 * i);
    });
    return b;
  },
  error(tid: number, message: string): Buffer {
    const b = Buffer.alloc(8);
    b.writeUInt32BE(3, 0);
    b.writeUInt32BE(tid, 4);
    return Buffer.concat([b, Buffer.from(message)]);
  },
};

function parseUdpRequest(raw: Buffer, from: dgram.RemoteInfo): UdpTrackerRequest | undefined {
  if (raw.length < 16) return undefined;
  const base = { raw, from, connectionId: raw.subarray(0, 8), action: raw.readUInt32BE(8), tid: raw.readUInt32BE(12) };
  if (base.action === 1 && raw.length >= 98) {
    return {
      ...base,
      infoHash: raw.subarray(16, 36),
      peerId: raw.subarray(36, 56),
      downloaded: raw.readBigUInt64BE(56),
      left: raw.readBigUInt64BE(64),
      uploaded: raw.readBigUInt64BE(72),
      event: raw.readUInt32BE(80),
      ip: raw.readUInt32BE(84),
      key: raw.readUInt32BE(88),
      numwant: raw.readInt32BE(92),
      port: raw.readUInt16BE(96),
    };
  }
  if (base.action === 2) {
    const hashes: Buffer[] = [];
    for (let off = 16; off + 20 <= raw.length; off += 20) hashes.push(raw.subarray(off, off + 20));
    return { ...base, hashes };
  }
  return base;
}

/** Answers to one request: datagrams to send back, in order (none: the request is "lost"). */
export type UdpHandler = (req: UdpTrackerRequest, tracker: FakeUdpTracker) => Buffer[];

export class FakeUdpTracker {
  readonly requests: UdpTrackerRequest[] = [];
  /** Connection ids handed out; announces with any other id are dropped, as real trackers do. */
  readonly connectionIds = new Set<string>();
  peers: Address[] = [];
  interval = 1800;
  seeders = 3;
  leechers = 4;
  handler: UdpHandler;
  readonly #socket: dgram.Socket;
  readonly family: 4 | 6;

  private constructor(family: 4 | 6, handler: UdpHandler | undefined) {
    this.family = family;
    this.handler = handler ?? ((req, t) => t.answer(req));
    this.#socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
    this.#socket.on('message', (msg, from) => {
      const req = parseUdpRequest(msg, from);
      if (req === undefined) return;
      this.requests.push(req);
      for (const reply of this.handler(req, this)) this.#socket.send(reply, from.port, from.address);
    });
  }

  static async start(options: { family?: 4 | 6; handler?: UdpHandler } = {}): Promise<FakeUdpTracker> {
    const t = new FakeUdpTracker(options.family ?? 4, options.handler);
    await new Promise<void>((resolve, reject) => {
      t.#socket.once('error', reject);
      t.#socket.bind(0, t.family === 6 ? '::1' : '127.0.0.1', () => resolve());
    });
    return t;
  }

  get port(): number {
    return this.#socket.address().port;
  }

  get url(): string {
    return this.family === 6 ? `udp://[::1]:${this.port}/announce` : `udp://127.0.0.1:${this.port}/announce`;
  }

  count(action: number): number {
    return this.requests.filter((r) => r.action === action).length;
  }

  /** What a correct tracker answers. */
  answer(req: UdpTrackerRequest): Buffer[] {
    if (req.action === 0) {
      if (req.raw.readBigUInt64BE(0) !== 0x41727101980n) return [];
      const id = randomBytes(8);
      this.connectionIds.add(id.toString('hex'));
      return [udpReply.connect(req.tid, id)];
    }
    if (!this.connectionIds.has(req.connectionId.toString('hex'))) return [];
    if (req.action === 1) {
      return [udpReply.announce(req.tid, { interval: this.interval, leechers: this.leechers, seeders: this.seeders, peers: compactPeers(this.peers) })];
    }
    if (req.action === 2) {
      return [udpReply.scrape(req.tid, (req.hashes ?? []).map(() => ({ seeders: this.seeders, completed: 7, leechers: this.leechers })))];
    }
    return [];
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}
