// A static HTTP server for web seed tests: serves a folder with Range support
// (206, Content-Range), records what it was asked, and misbehaves on demand
// (corrupt bytes, too few or too many bytes, an error status, ignoring
// Range, a redirect, or no answer at all). Listens on 127.0.0.1 port 0.
import { open, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve, sep } from 'node:path';
import type { ExecutionContext } from 'ava';

export interface SeedRequest {
  /** The decoded path, '/'-separated, without the leading '/'. */
  readonly path: string;
  /** The raw request target as sent. */
  readonly rawPath: string;
  readonly range: readonly [number, number] | undefined;
}

export type SeedBehavior =
  | 'serve'
  /** The right length, one byte flipped. */
  | 'corrupt'
  /** Declares and sends 100 bytes fewer than asked. */
  | 'short'
  /** Declares and sends 100 bytes more than asked. */
  | 'long'
  /** Sends the whole file with 200, as a server without Range support. */
  | 'ignore-range'
  | 'hang'
  | { readonly status: number }
  | { readonly redirect: string };

export class WebSeedServer {
  readonly requests: SeedRequest[] = [];
  behavior: (req: SeedRequest) => SeedBehavior;
  readonly #root: string;
  readonly #server: http.Server;
  readonly #sockets = new Set<Socket>();
  #port = 0;

  private constructor(root: string, behavior: (req: SeedRequest) => SeedBehavior) {
    this.#root = resolve(root);
    this.behavior = behavior;
    this.#server = http.createServer((req, res) => void this.#serve(req, res));
    this.#server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
  }

  static async start(t: ExecutionContext, root: string, behavior: (req: SeedRequest) => SeedBehavior = () => 'serve'): Promise<WebSeedServer> {
    const server = new WebSeedServer(root, behavior);
    await new Promise<void>((ok, fail) => {
      server.#server.once('error', fail);
      server.#server.listen(0, '127.0.0.1', () => ok());
    });
    server.#port = (server.#server.address() as AddressInfo).port;
    t.teardown(() => server.close());
    return server;
  }

  /** The server's root URL, ending in '/'. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}/`;
  }

  close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    return new Promise((ok) => this.#server.close(() => ok()));
  }

  async #serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const path = rawPath.slice(1).split('/').map(decodeURIComponent).join('/');
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    const range = m === null ? undefined : ([Number(m[1]), Number(m[2])] as const);
    const recorded: SeedRequest = { path, rawPath, range };
    this.requests.push(recorded);
    const behavior = this.behavior(recorded);
    if (behavior === 'hang') return;
    if (typeof behavior === 'object') {
      if ('status' in behavior) res.writeHead(behavior.status).end(`status ${behavior.status}`);
      else res.writeHead(302, { location: behavior.redirect }).end();
      return;
    }
    const file = resolve(join(this.#root, path));
    if (!file.startsWith(this.#root + sep)) return void res.writeHead(403).end();
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      return void res.writeHead(404).end('not found');
    }
    if (range === undefined || behavior === 'ignore-range') {
      res.writeHead(200, { 'content-length': String(size) });
      res.end(await read(file, 0, size));
      return;
    }
    const [first, last] = range;
    if (first > last || last >= size) return void res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    let body = await read(file, first, last - first + 1);
    if (behavior === 'corrupt') body[body.length >> 1] ^= 0xff;
    if (behavior === 'short') body = body.subarray(0, Math.max(0, body.length - 100));
    if (behavior === 'long') body = Buffer.concat([body, Buffer.alloc(100, 0x55)]);
    res.writeHead(206, { 'content-range': `bytes ${first}-${last}/${size}`, 'content-length': String(body.length) });
    res.end(body);
  }
}

async function read(file: string, at: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const out = Buffer.alloc(length);
    await handle.read(out, 0, length, at);
    return out;
  } finally {
    await handle.close();
  }
}
