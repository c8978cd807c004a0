// One HTTP range request of a web seed: GET with `Range: bytes=a-b` through
// the shared GET (core/net/http-get.ts: redirects, time limit), the body
// written straight into the piece's buffer, and the reply held to exactly the
// bytes asked for.
import type http from 'node:http';
import type https from 'node:https';
import { DEFAULT_USER_AGENT, httpGet, type BodyReceiver, type HttpHead } from '../net/http-get.ts';
import { WebSeedError, toWebSeedError } from './errors.ts';

export const DEFAULT_WEBSEED_TIMEOUT_MS = 20_000;
export const DEFAULT_WEBSEED_MAX_REDIRECTS = 5;
export const DEFAULT_WEBSEED_USER_AGENT = DEFAULT_USER_AGENT;

export interface RangeRequestOptions {
  /** Total time limit, redirects included. */
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  /** Keep-alive agents, so that the pieces of one seed share connections. */
  readonly agents?: { readonly http: http.Agent; readonly https: https.Agent };
  readonly signal?: AbortSignal;
}

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
  const target: Target = { into, at, first, last };
  try {
    await httpGet(parseSeedUrl(url), {
      timeoutMs: o.timeoutMs ?? DEFAULT_WEBSEED_TIMEOUT_MS,
      maxRedirects: o.maxRedirects ?? DEFAULT_WEBSEED_MAX_REDIRECTS,
      headers: { range: `bytes=${first}-${last}`, 'user-agent': o.userAgent ?? DEFAULT_WEBSEED_USER_AGENT, 'accept-encoding': 'identity' },
      ...(o.agents === undefined ? {} : { agents: o.agents }),
      ...(o.signal === undefined ? {} : { signal: o.signal }),
      receive: (head) => receiveRange(head, target),
    });
  } catch (err) {
    throw toWebSeedError(err);
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

/** Checks the reply's head against the range asked for, then writes its body into place. */
function receiveRange(head: HttpHead, target: Target): BodyReceiver<void> {
  const { into, at, first, last } = target;
  const wanted = last - first + 1;
  const status = head.statusCode;
  const declared = head.headers['content-length'] === undefined ? undefined : Number(head.headers['content-length']);
  if (status === 206) {
    const range = parseContentRange(head.headers['content-range']);
    if (range !== undefined && (range[0] !== first || range[1] !== last)) {
      throw new WebSeedError('WEBSEED_LENGTH', `sent bytes ${range[0]}-${range[1]} where ${first}-${last} were asked`, status);
    }
  } else if (status === 200) {
    // A server that ignores Range sends the whole file: usable only when that is exactly the range.
    if (first !== 0 || (declared !== undefined && declared !== wanted)) {
      throw new WebSeedError('WEBSEED_HTTP_STATUS', `HTTP 200 with the whole file: the server ignores Range requests`, status);
    }
  } else {
    const message = head.statusMessage ? ` ${head.statusMessage}` : '';
    throw new WebSeedError('WEBSEED_HTTP_STATUS', `HTTP ${status}${message}`, status);
  }
  if (declared !== undefined && declared !== wanted) {
    throw new WebSeedError('WEBSEED_LENGTH', `sent ${declared} bytes where ${wanted} were asked`, status);
  }
  let got = 0;
  return {
    data(chunk) {
      if (got + chunk.length > wanted) throw new WebSeedError('WEBSEED_LENGTH', `sent more than the ${wanted} bytes asked`, status);
      chunk.copy(into, at + got);
      got += chunk.length;
    },
    end() {
      if (got !== wanted) throw new WebSeedError('WEBSEED_LENGTH', `sent ${got} bytes where ${wanted} were asked`, status);
    },
  };
}
