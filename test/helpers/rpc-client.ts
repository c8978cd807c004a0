// A bare HTTP client for the transmission-rpc plugin's endpoint, for tests
// that send what transmission-remote never would.
import { request } from 'node:http';

export interface RpcResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface RpcRequestOptions {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** The body, or a function writing it (to stream one bigger than memory should hold). */
  readonly body?: string | ((write: (chunk: Buffer) => boolean) => Promise<void>);
}

export function httpRequest(port: number, options: RpcRequestOptions = {}): Promise<RpcResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/transmission/rpc', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        // A test reads answers, not floods: at most 1 MiB is kept.
        if (body.length < 1 << 20) body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const body = options.body;
    if (typeof body === 'function') {
      void body((chunk) => req.write(chunk)).then(
        () => req.end(),
        () => req.destroy(),
      );
    } else req.end(body);
  });
}

/** Basic auth header value. */
export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** An RPC session: learns the session id from the first 409, then posts calls. */
export class RpcSession {
  readonly port: number;
  readonly headers: Record<string, string>;
  sessionId = '';

  constructor(port: number, headers: Record<string, string> = {}) {
    this.port = port;
    this.headers = headers;
  }

  async call(method: string, args: object = {}): Promise<{ result: string; arguments: Record<string, unknown> }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await httpRequest(this.port, {
        headers: { ...this.headers, 'X-Transmission-Session-Id': this.sessionId, 'Content-Type': 'application/json' },
        body: JSON.stringify({ method, arguments: args }),
      });
      if (res.status === 409) {
        this.sessionId = String(res.headers['x-transmission-session-id']);
        continue;
      }
      if (res.status !== 200) throw new Error(`${method}: HTTP ${res.status} ${res.body}`);
      return JSON.parse(res.body) as { result: string; arguments: Record<string, unknown> };
    }
    throw new Error(`${method}: no session id after a 409`);
  }
}
