// HTTP(S) tracker announce and scrape (BEP 3, 23, 7, 48) through the shared
// GET (core/net/http-get.ts): each request runs on its own socket (no
// keep-alive agent) so the bytes it wrote and read can be reported exactly,
// and one timer bounds the whole exchange, redirects included.
import zlib from 'node:zlib';
import { httpGet } from '../net/http-get.ts';
import { TrackerError, toTrackerError } from './errors.ts';
import { counter, EVENT_PARAM, type AnnounceRequest, type ExchangeOptions } from './request.ts';
import { parseAnnounceReply, parseScrapeReply, type AnnounceResult, type ScrapeStats } from './response.ts';
import { bdecode, isDict } from './bdecode.ts';

export interface HttpOptions extends ExchangeOptions {
  /** Redirects followed before giving up (default 5). */
  readonly maxRedirects?: number;
  /** Largest reply body accepted, after decompression (default 4 MiB). */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
}

export interface HttpReply {
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly body: Buffer;
}

export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Percent-encodes raw bytes, leaving RFC 3986 unreserved characters as they are. */
export function percentEncodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const unreserved =
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e;
    out += unreserved ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Parses a tracker URL, insisting on http: or https:. */
export function parseHttpUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TrackerError('TRACKER_BAD_URL', `not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TrackerError('TRACKER_BAD_URL', `not an HTTP URL: ${url}`);
  return u;
}

function withQuery(base: URL, params: readonly (readonly [string, string])[]): URL {
  const extra = params.map(([k, v]) => `${k}=${v}`).join('&');
  const existing = base.search.length > 1 ? `${base.search.slice(1)}&` : '';
  const u = new URL(base.href);
  u.hash = '';
  // Assigning search keeps the percent escapes as written: the info hash bytes stay exact.
  u.search = `?${existing}${extra}`;
  return u;
}

/** The announce URL with every BEP 3 / 23 / 7 parameter. */
export function buildAnnounceUrl(announceUrl: string, req: AnnounceRequest): URL {
  const params: [string, string][] = [
    ['info_hash', percentEncodeBytes(req.infoHash)],
    ['peer_id', percentEncodeBytes(req.peerId)],
    ['port', String(req.port)],
    ['uploaded', String(counter(req.uploaded))],
    ['downloaded', String(counter(req.downloaded))],
    ['left', String(counter(req.left))],
    ['compact', '1'],
    ['key', (req.key >>> 0).toString(16).toUpperCase().padStart(8, '0')],
  ];
  // A negative numwant means "the tracker's default": leave the parameter out.
  if (req.numwant >= 0) params.push(['numwant', String(Math.floor(req.numwant))]);
  const event = EVENT_PARAM[req.event];
  if (event !== undefined) params.push(['event', event]);
  if (req.trackerId !== undefined) params.push(['trackerid', percentEncodeBytes(Buffer.from(req.trackerId, 'latin1'))]);
  if (req.ip !== undefined) params.push(['ip', encodeURIComponent(req.ip)]);
  if (req.ipv6 !== undefined) params.push(['ipv6', encodeURIComponent(req.ipv6)]);
  return withQuery(parseHttpUrl(announceUrl), params);
}

/**
 * The scrape URL by the BEP 48 convention: the last path segment must begin
 * with "announce", which becomes "scrape". Undefined when the tracker does not
 * follow the convention (it then has no scrape).
 */
export function scrapeUrlFor(announceUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(announceUrl);
  } catch {
    return undefined;
  }
  const slash = u.pathname.lastIndexOf('/');
  const last = u.pathname.slice(slash + 1);
  if (!last.startsWith('announce')) return undefined;
  u.pathname = `${u.pathname.slice(0, slash + 1)}scrape${last.slice('announce'.length)}`;
  return u.href;
}

export function buildScrapeUrl(announceUrl: string, infoHashes: readonly Buffer[]): URL {
  const scrape = scrapeUrlFor(announceUrl);
  if (scrape === undefined) {
    throw new TrackerError('TRACKER_BAD_URL', `cannot scrape: the path of ${announceUrl} does not end in "announce"`);
  }
  return withQuery(parseHttpUrl(scrape), infoHashes.map((h) => ['info_hash', percentEncodeBytes(h)] as const));
}

function decompress(body: Buffer, encoding: string | undefined, limit: number, statusCode: number): Buffer {
  const enc = encoding?.trim().toLowerCase();
  if (enc === undefined || enc === '' || enc === 'identity') return body;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return zlib.gunzipSync(body, { maxOutputLength: limit });
    if (enc === 'deflate') return zlib.inflateSync(body, { maxOutputLength: limit });
  } catch (err) {
    const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw tooLarge
      ? new TrackerError('TRACKER_RESPONSE_TOO_LARGE', `reply inflates to more than ${limit} bytes`, statusCode)
      : new TrackerError('TRACKER_BAD_RESPONSE', `reply body does not decompress (${enc})`, statusCode, { cause: err });
  }
  throw new TrackerError('TRACKER_BAD_RESPONSE', `reply uses an unknown content encoding: ${enc}`, statusCode);
}

/** GET with redirects under one total time limit; the body inflated when the tracker compressed it. */
async function trackerGet(url: URL, o: HttpOptions): Promise<HttpReply> {
  const limit = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  try {
    return await httpGet<HttpReply>(url, {
      timeoutMs: o.timeoutMs,
      maxRedirects: o.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      maxBodyBytes: limit,
      headers: { ...(o.userAgent === undefined ? {} : { 'user-agent': o.userAgent }), 'accept-encoding': 'gzip', connection: 'close' },
      ...(o.signal === undefined ? {} : { signal: o.signal }),
      ...(o.onWrite === undefined ? {} : { onWrite: o.onWrite }),
      ...(o.onRead === undefined ? {} : { onRead: o.onRead }),
      receive: (head) => {
        const chunks: Buffer[] = [];
        return {
          data: (chunk) => void chunks.push(chunk),
          end: () => ({
            statusCode: head.statusCode,
            statusMessage: head.statusMessage,
            body: decompress(Buffer.concat(chunks), head.headers['content-encoding'], limit, head.statusCode),
          }),
        };
      },
    });
  } catch (err) {
    throw toTrackerError(err);
  }
}

/** The failure for a non-200 status, quoting a bencoded failure reason if the body has one. */
function statusError(reply: HttpReply): TrackerError {
  let why = '';
  try {
    const v = bdecode(reply.body);
    const reason = isDict(v) ? v['failure reason'] : undefined;
    if (Buffer.isBuffer(reason)) why = `: ${reason.toString('utf8')}`;
  } catch {
    // An HTML error page: the status says enough.
  }
  const message = reply.statusMessage ? ` ${reply.statusMessage}` : '';
  return new TrackerError('TRACKER_HTTP_STATUS', `HTTP ${reply.statusCode}${message}${why}`, reply.statusCode);
}

export async function httpAnnounce(announceUrl: string, req: AnnounceRequest, o: HttpOptions): Promise<AnnounceResult> {
  const reply = await trackerGet(buildAnnounceUrl(announceUrl, req), o);
  if (reply.statusCode !== 200) throw statusError(reply);
  return parseAnnounceReply(reply.body, reply.statusCode);
}

/** Scrapes several torrents at once; stats keyed by hex info hash. */
export async function httpScrape(announceUrl: string, infoHashes: readonly Buffer[], o: HttpOptions): Promise<Map<string, ScrapeStats>> {
  const reply = await trackerGet(buildScrapeUrl(announceUrl, infoHashes), o);
  if (reply.statusCode !== 200) throw statusError(reply);
  return parseScrapeReply(reply.body, infoHashes, reply.statusCode);
}
