// A TCP relay on loopback that passes a fixed number of bytes from the server
// to the client and then holds everything else back, without closing: a
// download through it stops at a known point and stays there, so a test can
// act on a client "in the middle of a download" without racing it.
import net from 'node:net';
import type { ExecutionContext } from 'ava';

export interface StallProxyOptions {
  /** Where connections are relayed to. */
  readonly target: { readonly host: string; readonly port: number };
  /** Bytes passed from the server to the client, over all connections, before the relay stalls. */
  readonly budget: number;
}

export class StallProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #remaining: number;
  #forwarded = 0;

  private constructor(options: StallProxyOptions) {
    this.#remaining = options.budget;
    this.#server = net.createServer((client) => this.#relay(client, options.target));
  }

  /** Listens on 127.0.0.1 at a free port; closed at teardown when `t` is given. */
  static async start(t: ExecutionContext | undefined, options: StallProxyOptions): Promise<StallProxy> {
    const proxy = new StallProxy(options);
    t?.teardown(() => proxy.close());
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Bytes passed from the server to the client so far. */
  get forwarded(): number {
    return this.#forwarded;
  }

  /** True once the budget is spent: nothing more reaches the client. */
  get stalled(): boolean {
    return this.#remaining === 0;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #relay(client: net.Socket, target: StallProxyOptions['target']): void {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      this.#sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.#sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    // Client to server: everything, as it comes.
    client.pipe(upstream);
    // Server to client: up to the budget, then nothing more (and no more reading).
    upstream.on('data', (chunk: Buffer) => {
      const n = Math.min(chunk.length, this.#remaining);
      if (n > 0) {
        this.#remaining -= n;
        this.#forwarded += n;
        if (!client.write(chunk.subarray(0, n))) {
          upstream.pause();
          client.once('drain', () => {
            if (this.#remaining > 0) upstream.resume();
          });
        }
      }
      if (this.#remaining === 0) upstream.pause();
    });
  }
}
