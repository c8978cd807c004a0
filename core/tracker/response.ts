// Pure parsing of what trackers answer: the bencoded HTTP announce and scrape
// replies (BEP 3, 23, 7, 48) and the compact peer strings UDP shares with them.
import { isIP } from 'node:net';
import { ipaddr, type IPv6 } from '../net/ipaddr.ts';
import type { Address } from '../types.ts';
import { bdecode, BdecodeError, isDict, type BDict, type BValue } from './bdecode.ts';
import { TrackerError } from './errors.ts';

/** Used when a reply has no usable interval (BEP 3 makes it mandatory; some trackers forget). */
export const DEFAULT_INTERVAL_S = 1800;

export interface AnnounceResult {
  /** Peers to connect to, IPv4 and IPv6 mixed, in the tracker's order. */
  readonly peers: Address[];
  /** Seconds the tracker wants between regular announces. */
  readonly interval: number;
  /** Seconds the tracker wants at least between any two announces. */
  readonly minInterval?: number;
  /** Opaque id to send back as `trackerid` on the next announce (latin1 string of its bytes). */
  readonly trackerId?: string;
  /** Seeders. */
  readonly complete?: number;
  /** Leechers. */
  readonly incomplete?: number;
  readonly warning?: string;
}

export interface ScrapeStats {
  /** Seeders. */
  readonly complete: number;
  /** Leechers. */
  readonly incomplete: number;
  /** Completed downloads the tracker has seen. */
  readonly downloaded: number;
}

const validPort = (port: number): boolean => port > 0 && port <= 0xffff;

function ipv6String(bytes: Buffer): string {
  const addr = ipaddr.fromByteArray([...bytes]);
  // Mapped IPv4 addresses are IPv4 peers; connect to them over tcp4.
  if (addr.kind() === 'ipv6' && (addr as IPv6).isIPv4MappedAddress()) {
    return (addr as IPv6).toIPv4Address().toString();
  }
  return addr.toString();
}

/**
 * Decodes a compact peer string: 6 bytes per IPv4 peer (BEP 23) or 18 bytes
 * per IPv6 peer (BEP 7), address then port, network byte order. A string whose
 * length is not a multiple of the entry size is malformed: it fails as a whole
 * rather than yielding peers read from the wrong offsets. Port 0 entries are dropped.
 */
export function parseCompactPeers(bytes: Buffer, family: 4 | 6, field = family === 4 ? 'peers' : 'peers6'): Address[] {
  const size = family === 4 ? 6 : 18;
  if (bytes.length % size !== 0) {
    throw new TrackerError('TRACKER_BAD_RESPONSE', `compact ${field} string of ${bytes.length} bytes is not a multiple of ${size}`);
  }
  const peers: Address[] = [];
  for (let off = 0; off < bytes.length; off += size) {
    const port = bytes.readUInt16BE(off + size - 2);
    if (!validPort(port)) continue;
    const ip =
      family === 4
        ? `${bytes[off]}.${bytes[off + 1]}.${bytes[off + 2]}.${bytes[off + 3]}`
        : ipv6String(bytes.subarray(off, off + 16));
    peers.push({ ip, port });
  }
  return peers;
}

/** The dictionary model (`peers` as a list of {ip, port, peer id}); entries without a literal address or a port are skipped. */
function parseDictionaryPeers(list: BValue[]): Address[] {
  const peers: Address[] = [];
  for (const entry of list) {
    if (!isDict(entry)) continue;
    const ipBytes = entry['ip'];
    const port = entry['port'];
    if (!Buffer.isBuffer(ipBytes) || typeof port !== 'number' || !validPort(port)) continue;
    const text = ipBytes.toString('latin1');
    // BEP 3 allows a DNS name here; resolving names the tracker hands out is not worth the risk.
    if (isIP(text) === 0) continue;
    peers.push({ ip: ipaddr.process(text).toString(), port });
  }
  return peers;
}

function decodeDict(body: Buffer, statusCode: number): BDict {
  let value: BValue;
  try {
    value = bdecode(body);
  } catch (err) {
    const why = err instanceof BdecodeError ? err.message : String(err);
    const shown = body.length === 0 ? 'reply is empty' : `reply is not bencoded (${why})`;
    throw new TrackerError('TRACKER_BAD_RESPONSE', shown, statusCode, { cause: err });
  }
  if (!isDict(value)) throw new TrackerError('TRACKER_BAD_RESPONSE', 'reply is not a bencoded dictionary', statusCode);
  return value;
}

const text = (v: BValue | undefined): string | undefined => (Buffer.isBuffer(v) ? v.toString('utf8') : undefined);
const count = (v: BValue | undefined): number | undefined => (typeof v === 'number' && v >= 0 ? v : undefined);
const seconds = (v: BValue | undefined): number | undefined => (typeof v === 'number' && v > 0 ? v : undefined);

/** Throws the tracker's own `failure reason` when the reply carries one. */
function throwFailureReason(dict: BDict, statusCode: number): void {
  const failure = dict['failure reason'];
  if (failure === undefined) return;
  const reason = text(failure)?.trim();
  throw new TrackerError('TRACKER_FAILURE_REASON', reason ? reason : 'tracker sent an empty failure reason', statusCode);
}

/**
 * Parses the body of an HTTP announce reply. Throws a TrackerError (with the
 * given status) for a failure reason, garbage or malformed peers.
 */
export function parseAnnounceReply(body: Buffer, statusCode = 200): AnnounceResult {
  const dict = decodeDict(body, statusCode);
  throwFailureReason(dict, statusCode);

  const peers: Address[] = [];
  try {
    const v4 = dict['peers'];
    if (Buffer.isBuffer(v4)) peers.push(...parseCompactPeers(v4, 4));
    else if (Array.isArray(v4)) peers.push(...parseDictionaryPeers(v4));
    else if (v4 !== undefined) throw new TrackerError('TRACKER_BAD_RESPONSE', 'peers is neither a string nor a list');
    const v6 = dict['peers6'];
    if (Buffer.isBuffer(v6)) peers.push(...parseCompactPeers(v6, 6));
    else if (v6 !== undefined) throw new TrackerError('TRACKER_BAD_RESPONSE', 'peers6 is not a string');
  } catch (err) {
    if (err instanceof TrackerError) throw new TrackerError(err.code, err.message, statusCode);
    throw err;
  }

  const result: {
    -readonly [K in keyof AnnounceResult]: AnnounceResult[K];
  } = { peers, interval: seconds(dict['interval']) ?? DEFAULT_INTERVAL_S };
  const minInterval = seconds(dict['min interval']);
  if (minInterval !== undefined) result.minInterval = minInterval;
  const trackerId = dict['tracker id'];
  if (Buffer.isBuffer(trackerId) && trackerId.length > 0) result.trackerId = trackerId.toString('latin1');
  const complete = count(dict['complete']);
  if (complete !== undefined) result.complete = complete;
  const incomplete = count(dict['incomplete']);
  if (incomplete !== undefined) result.incomplete = incomplete;
  const warning = text(dict['warning message']);
  if (warning !== undefined && warning.trim() !== '') result.warning = warning;
  return result;
}

/**
 * Parses the body of an HTTP scrape reply into stats per info hash (hex).
 * A hash the tracker does not list has no peers there: zeros.
 */
export function parseScrapeReply(body: Buffer, infoHashes: readonly Buffer[], statusCode = 200): Map<string, ScrapeStats> {
  const dict = decodeDict(body, statusCode);
  throwFailureReason(dict, statusCode);
  const files = dict['files'];
  if (!isDict(files)) throw new TrackerError('TRACKER_BAD_RESPONSE', 'scrape reply has no files dictionary', statusCode);
  const stats = new Map<string, ScrapeStats>();
  for (const hash of infoHashes) {
    const entry = files[hash.toString('latin1')];
    const e = isDict(entry) ? entry : undefined;
    stats.set(hash.toString('hex'), {
      complete: count(e?.['complete']) ?? 0,
      incomplete: count(e?.['incomplete']) ?? 0,
      downloaded: count(e?.['downloaded']) ?? 0,
    });
  }
  return stats;
}
