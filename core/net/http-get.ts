// One HTTP(S) GET as trackers and web seeds need it, on node:http rather than
// fetch: redirects followed (a loop or too many fail), one timer bounding the
// whole exchange, a limit on the body, the byte counts of a socket of its own,
// and every failure a coded HttpGetError, which each caller maps to its own
// codes. The body of the final reply goes where the caller's receiver puts it
// (collected, or written straight into a piece's buffer).
import http from 'node:http';
import https from 'node:https';
import { HttpCodedError } from './http-error.ts';
import { describeSocketError, type SocketFailureKind } from './socket-error.ts';

export type HttpGetErrorCode =
  /** No complete reply within the time limit. */
  | 'HTTP_TIMEOUT'
  /** The caller's signal aborted the request. */
  | 'HTTP_ABORTED'
  /** The host name did not resolve. */
  | 'HTTP_DNS'
  /** Could not connect, or the connection closed before a whole reply arrived. */
  | 'HTTP_CONNECTION'
  /** The bytes that came back are not HTTP. */
  | 'HTTP_NOT_HTTP'
  /** The body is larger than maxBodyBytes. */
  | 'HTTP_TOO_LARGE'
  | 'HTTP_REDIRECT_WITHOUT_LOCATION'
  /** A Location that is not a URL. */
  | 'HTTP_REDIRECT_INVALID'
  /** A Location that is not http(s). */
  | 'HTTP_REDIRECT_UNSUPPORTED'
  /** A redirect back to a URL already visited. */
  | 'HTTP_REDIRECT_LOOP'
  /** More redirects than maxRedirects. */
  | 'HTTP_TOO_MANY_REDIRECTS'
  /** node:http refused to make the request (a URL it cannot use). */
  | 'HTTP_BAD_URL';

export class HttpGetError extends HttpCodedError<HttpGetErrorCode> {}

export const DEFAULT_USER_AGENT = 'swarmhook/0.1';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const KIND_CODE: { readonly [K in SocketFailureKind]: HttpGetErrorCode } = { dns: 'HTTP_DNS', connection: 'HTTP_CONNECTION', 'not-http': 'HTTP_NOT_HTTP' };

/** Status line and headers of the final reply (after redirects). */
export interface HttpHead {
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The URL that answered. */
  readonly url: string;
}

/** Where the body of the final reply goes. An error thrown by either method fails the GET with it. */
export interface BodyReceiver<T> {
  data(chunk: Buffer): void;
  /** The whole body has arrived: the GET resolves to what this returns. */
  end(): T;
}

export interface HttpGetOptions<T> {
  /** Total time limit, redirects included. */
  readonly timeoutMs: number;
  /** Aborts the GET; it then fails with HTTP_ABORTED. */
  readonly signal?: AbortSignal;
  readonly maxRedirects: number;
  /** Largest body accepted, as it comes over the wire (redirects' bodies too); none by default. */
  readonly maxBodyBytes?: number;
  /** Request headers (a user-agent is added unless given). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Keep-alive agents shared by requests; without them each request has a socket of its own, closed after it. */
  readonly agents?: { readonly http: http.Agent; readonly https: https.Agent };
  /** Bytes sent and received on each request's own socket (reported only without agents, whose sockets are shared). */
  readonly onWrite?: (bytes: number) => void;
  readonly onRead?: (bytes: number) => void;
  /** Called with the head of the final reply (not a redirect); may throw to refuse it. */
  readonly receive: (head: HttpHead) => BodyReceiver<T>;
}

type Outcome<T> = { readonly value: T } | { readonly location: string; readonly status: number };

/** GETs `url`, following redirects, and resolves to what the receiver made of the final reply's body. */
export async function httpGet<T>(url: URL, o: HttpGetOptions<T>): Promise<T> {
  const control = new AbortController();
  const timer = setTimeout(() => control.abort(new HttpGetError('HTTP_TIMEOUT', `no complete reply within ${o.timeoutMs} ms`)), o.timeoutMs);
  const onOuterAbort = (): void => control.abort(new HttpGetError('HTTP_ABORTED', 'request aborted'));
  if (o.signal?.aborted) onOuterAbort();
  else o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    let current = url;
    const visited = new Set([current.href]);
    for (let hops = 0; ; hops++) {
      const outcome = await requestOnce(current, o, control.signal);
      if ('value' in outcome) return outcome.value;
      const { location, status } = outcome;
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new HttpGetError('HTTP_REDIRECT_INVALID', `HTTP ${status} redirect to an invalid URL: ${location}`, status);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new HttpGetError('HTTP_REDIRECT_UNSUPPORTED', `HTTP ${status} redirect to unsupported ${next.protocol} URL`, status);
      }
      if (visited.has(next.href)) throw new HttpGetError('HTTP_REDIRECT_LOOP', `redirect loop back to ${next.href}`, status);
      if (hops >= o.maxRedirects) throw new HttpGetError('HTTP_TOO_MANY_REDIRECTS', `more than ${o.maxRedirects} redirects`, status);
      visited.add(next.href);
      current = next;
    }
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** One GET: a redirect's Location, or what the receiver made of the body. */
function requestOnce<T>(url: URL, o: HttpGetOptions<T>, signal: AbortSignal): Promise<Outcome<T>> {
  const limit = o.maxBodyBytes ?? Infinity;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    let wroteReported = false;
    let connected = false;
    let req: http.ClientRequest;
    /** Status of the reply once its head arrived: a close after it cuts a reply short. */
    let replyStatus: number | undefined;
    // bytesWritten includes bytes still queued: count them only once the connection exists.
    const reportWrite = (): void => {
      const n = req.socket?.bytesWritten ?? 0;
      if (wroteReported || !connected || n === 0 || o.agents !== undefined) return;
      wroteReported = true;
      o.onWrite?.(n);
    };
    const settle = (err: unknown, outcome?: Outcome<T>): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      reportWrite();
      const read = req.socket?.bytesRead ?? 0;
      if (read > 0 && o.agents === undefined) o.onRead?.(read);
      // A connection in the middle of a reply cannot go back to a pool; one of our own is done with.
      if (outcome === undefined || o.agents === undefined) req.destroy();
      if (outcome !== undefined) resolve(outcome);
      else reject(err);
    };
    const onAbort = (): void => settle(signal.reason);
    const attempt = (fn: () => void): void => {
      try {
        fn();
      } catch (err) {
        settle(err);
      }
    };

    const onResponse = (res: http.IncomingMessage): void => {
      const status = res.statusCode ?? 0;
      replyStatus = status;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        settle(new HttpGetError('HTTP_TOO_LARGE', `reply of ${declared} bytes exceeds the limit of ${limit}`, status));
        return;
      }
      let receiver: BodyReceiver<T> | undefined;
      let location: string | undefined;
      if (REDIRECTS.has(status)) {
        location = res.headers.location;
        if (location === undefined) {
          settle(new HttpGetError('HTTP_REDIRECT_WITHOUT_LOCATION', `HTTP ${status} redirect without a Location header`, status));
          return;
        }
      } else {
        attempt(() => (receiver = o.receive({ statusCode: status, statusMessage: res.statusMessage ?? '', headers: res.headers, url: url.href })));
        if (settled) return;
      }
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > limit) {
          settle(new HttpGetError('HTTP_TOO_LARGE', `reply exceeds the limit of ${limit} bytes`, status));
          return;
        }
        if (receiver !== undefined) attempt(() => receiver!.data(chunk));
      });
      res.on('end', () => {
        if (location !== undefined) settle(undefined, { location, status });
        else attempt(() => settle(undefined, { value: receiver!.end() }));
      });
      res.on('error', () => settle(cutShort(status)));
      res.on('close', () => !res.complete && settle(cutShort(status)));
    };

    try {
      const secure = url.protocol === 'https:';
      const agent = o.agents === undefined ? false : secure ? o.agents.https : o.agents.http;
      req = (secure ? https : http).request(url, { method: 'GET', agent, headers: { 'user-agent': DEFAULT_USER_AGENT, ...o.headers } }, onResponse);
    } catch (err) {
      reject(new HttpGetError('HTTP_BAD_URL', `cannot request ${url.href}: ${(err as Error).message}`, 0, { cause: err }));
      return;
    }
    req.on('socket', (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once('connect', () => (connected = true));
    });
    req.on('finish', reportWrite);
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.message === 'socket hang up') {
        settle(new HttpGetError('HTTP_CONNECTION', 'connection closed without a reply', 0, { cause: err }));
        return;
      }
      const failure = describeSocketError(err);
      settle(new HttpGetError(KIND_CODE[failure.kind], failure.reason, 0, { cause: err }));
    });
    req.on('close', () =>
      settle(replyStatus === undefined ? new HttpGetError('HTTP_CONNECTION', 'connection closed before a complete reply') : cutShort(replyStatus)),
    );
    signal.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}

function cutShort(status: number): HttpGetError {
  return new HttpGetError('HTTP_CONNECTION', 'connection closed in the middle of the reply', status);
}
