// One HTTP range request of a web seed: GET with `Range: bytes=a-b`, redirects
// followed, the body written straight into the piece's buffer, and the reply
// held to exactly the bytes asked for.
import http from 'node:http';
import https from 'node:https';
import { WebSeedError, toWebSeedError } from './errors.ts';

export const DEFAULT_WEBSEED_TIMEOUT_MS = 20_000;
export const DEFAULT_WEBSEED_MAX_REDIRECTS = 5;
export const DEFAULT_WEBSEED_USER_AGENT = 'swarmhook/0.1';

export interface RangeRequestOptions {
  /** Total time limit, redirects included. */
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  /** Keep-alive agents, so that the pieces of one seed share connections. */
  readonly agents?: { readonly http: http.Agent; readonly https: https.Agent };
  readonly signal?: AbortSignal;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Target {
  readonly into: Buffer;
  readonly at: number;
  /** First and last byte of the file wanted (inclusive, as Range writes them). */
  readonly first: number;
  readonly last: number;
}

/**
 * Fetches bytes first..last (inclusive) of the file at `url` into
 * `into[at...]`. Resolves once every byte is there; rejects with a
 * WebSeedError otherwise (status, length, time-out, connection, DNS).
 */
export async function fetchRange(url: string, first: number, last: number, into: Buffer, at: number, o: RangeRequestOptions = {}): Promise<void> {
  if (last < first || at + (last - first + 1) > into.length) throw new RangeError('range does not fit the buffer');
  const timeoutMs = o.timeoutMs ?? DEFAULT_WEBSEED_TIMEOUT_MS;
  const control = new AbortController();
  const timer = setTimeout(() => control.abort(new WebSeedError('WEBSEED_TIMEOUT', `no complete reply within ${timeoutMs} ms`)), timeoutMs);
  const onOuterAbort = (): void => control.abort(new WebSeedError('WEBSEED_ABORTED', 'request aborted'));
  if (o.signal?.aborted) onOuterAbort();
  else o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const maxRedirects = o.maxRedirects ?? DEFAULT_WEBSEED_MAX_REDIRECTS;
  try {
    let current = parseSeedUrl(url);
    const visited = new Set([current.href]);
    for (let hops = 0; ; hops++) {
      const location = await requestOnce(current, { into, at, first, last }, o, control.signal);
      if (location === undefined) return;
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new WebSeedError('WEBSEED_REDIRECT', `redirect to an invalid URL: ${location}`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new WebSeedError('WEBSEED_REDIRECT', `redirect to unsupported ${next.protocol} URL`);
      }
      if (visited.has(next.href)) throw new WebSeedError('WEBSEED_REDIRECT', `redirect loop back to ${next.href}`);
      if (hops >= maxRedirects) throw new WebSeedError('WEBSEED_REDIRECT', `more than ${maxRedirects} redirects`);
      visited.add(next.href);
      current = next;
    }
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
}

export function parseSeedUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new WebSeedError('WEBSEED_BAD_URL', `not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new WebSeedError('WEBSEED_BAD_URL', `web seeds must be http(s), not ${u.protocol}`);
  return u;
}

/** "bytes a-b/total" -> [a, b]; undefined when it does not parse. */
function parseContentRange(value: string | undefined): [number, number] | undefined {
  const m = value === undefined ? null : /^\s*bytes\s+(\d+)-(\d+)\s*\/\s*(\d+|\*)\s*$/i.exec(value);
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

/** One GET. Resolves with a redirect's Location, or undefined once the bytes are in place. */
function requestOnce(url: URL, target: Target, o: RangeRequestOptions, signal: AbortSignal): Promise<string | undefined> {
  const { into, at, first, last } = target;
  const wanted = last - first + 1;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    let req: http.ClientRequest;
    const settle = (err: unknown, location?: string): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (err !== undefined) {
        // A connection in the middle of a reply cannot go back to the pool.
        req.destroy();
        reject(err);
      } else {
        resolve(location);
      }
    };
    const onAbort = (): void => settle(signal.reason);

    const onResponse = (res: http.IncomingMessage): void => {
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.resume();
        const location = res.headers.location;
        if (location === undefined) settle(new WebSeedError('WEBSEED_REDIRECT', `HTTP ${status} redirect without a Location header`, status));
        else res.on('end', () => settle(undefined, location));
        return;
      }
      const declared = res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']);
      let problem: WebSeedError | undefined;
      if (status === 206) {
        const range = parseContentRange(res.headers['content-range']);
        if (range !== undefined && (range[0] !== first || range[1] !== last)) {
          problem = new WebSeedError('WEBSEED_LENGTH', `sent bytes ${range[0]}-${range[1]} where ${first}-${last} were asked`, status);
        }
      } else if (status === 200) {
        // A server that ignores Range sends the whole file: usable only when that is exactly the range.
        if (first !== 0 || (declared !== undefined && declared !== wanted)) {
          problem = new WebSeedError('WEBSEED_HTTP_STATUS', `HTTP 200 with the whole file: the server ignores Range requests`, status);
        }
      } else {
        const message = res.statusMessage ? ` ${res.statusMessage}` : '';
        problem = new WebSeedError('WEBSEED_HTTP_STATUS', `HTTP ${status}${message}`, status);
      }
      if (problem === undefined && declared !== undefined && declared !== wanted) {
        problem = new WebSeedError('WEBSEED_LENGTH', `sent ${declared} bytes where ${wanted} were asked`, status);
      }
      if (problem !== undefined) {
        settle(problem);
        return;
      }
      let got = 0;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        if (got + chunk.length > wanted) {
          settle(new WebSeedError('WEBSEED_LENGTH', `sent more than the ${wanted} bytes asked`, status));
          return;
        }
        chunk.copy(into, at + got);
        got += chunk.length;
      });
      res.on('end', () => {
        if (got === wanted) settle(undefined);
        else settle(new WebSeedError('WEBSEED_LENGTH', `sent ${got} bytes where ${wanted} were asked`, status));
      });
      res.on('error', (err) => settle(toWebSeedError(err)));
      res.on('close', () => {
        if (!res.complete) settle(new WebSeedError('WEBSEED_CONNECTION', 'connection closed in the middle of the reply', status));
      });
    };

    try {
      const https_ = url.protocol === 'https:';
      const transport = https_ ? https : http;
      const agent = o.agents === undefined ? undefined : https_ ? o.agents.https : o.agents.http;
      req = transport.request(
        url,
        {
          method: 'GET',
          ...(agent === undefined ? {} : { agent }),
          headers: { range: `bytes=${first}-${last}`, 'user-agent': o.userAgent ?? DEFAULT_WEBSEED_USER_AGENT, 'accept-encoding': 'identity' },
        },
        onResponse,
      );
    } catch (err) {
      settled = true;
      reject(new WebSeedError('WEBSEED_BAD_URL', `cannot request ${url.href}: ${(err as Error).message}`, 0, { cause: err }));
      return;
    }
    req.on('error', (err: NodeJS.ErrnoException) => {
      settle(err.message === 'socket hang up' ? new WebSeedError('WEBSEED_CONNECTION', 'connection closed without a reply', 0, { cause: err }) : toWebSeedError(err));
    });
    req.on('close', () => settle(new WebSeedError('WEBSEED_CONNECTION', 'connection closed before a complete reply')));
    signal.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}
