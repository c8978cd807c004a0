// The logger's two line formats, and the reduction of event attributes
// (peers, torrents, files, errors, buffers) to plain JSON values.
import { formatAddress } from '../../core/net/address.ts';
import type { Address, EventInfo, EventName, FilterRule, Peer, Severity, Torrent, TorrentFile } from '../../core/index.ts';

/** Logger level names of the event severities. */
export const LEVEL_OF: { readonly [S in Severity]: string } = Object.freeze({
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  critical: 'error',
  fatal: 'fatal',
});

const COLOR_OF: { readonly [S in Severity]: string } = Object.freeze({
  debug: '\x1b[90m', // grey
  info: '\x1b[36m', // cyan
  warning: '\x1b[33m', // yellow
  critical: '\x1b[31m', // red
  fatal: '\x1b[1;31m', // bold red
});
const RESET = '\x1b[0m';

/** "2024-05-01T12:00:00.000Z warn  tracker_failure tracker http://... failed ...\n" */
export function formatText(info: EventInfo<EventName>, time: Date, color: boolean): string {
  const level = LEVEL_OF[info.severity].padEnd(5);
  const shown = color ? `${COLOR_OF[info.severity]}${level}${RESET}` : level;
  return `${time.toISOString()} ${shown} ${info.event} ${oneLine(info.message)}\n`;
}

/** One JSON object and a newline: time, event, severity, message, then the attributes as plain values. */
export function formatJson(info: EventInfo<EventName>, time: Date): string {
  const line: Record<string, unknown> = { time: time.toISOString(), event: info.event, severity: info.severity, message: info.message };
  for (const [key, value] of Object.entries(info)) {
    if (key === 'message' || key === 'event' || key === 'severity') continue;
    const plain = toPlain(value, key, new WeakSet(), 0);
    if (plain !== undefined) line[key] = plain;
  }
  return `${JSON.stringify(line)}\n`;
}

function oneLine(s: string): string {
  return s.includes('\n') ? s.replace(/\r?\n/g, ' ') : s;
}

/** Buffers longer than this are written as their length, not their bytes (a piece is 256 KiB). */
export const MAX_HEX_BYTES = 64;
const MAX_DEPTH = 6;

/**
 * A JSON-safe copy of an attribute. The attribute's name says what it is
 * (the hook table names them as the spec does): peer, torrent, file, address.
 */
export function toPlain(value: unknown, key: string, seen: WeakSet<object>, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined; // functions, symbols, undefined
  if (value instanceof Error) return value.message;
  if (value instanceof Uint8Array) return value.length <= MAX_HEX_BYTES ? Buffer.from(value.buffer, value.byteOffset, value.length).toString('hex') : `<${value.length} bytes>`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toPlain(v, singular(key), seen, depth + 1) ?? null);
  if (seen.has(value) || depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  try {
    switch (key) {
      case 'peer':
        return peer(value as Peer);
      case 'torrent':
        return torrent(value as Torrent);
      case 'file':
        return (value as TorrentFile).path;
      case 'address':
        return address(value as Address);
      case 'rule':
        return rule(value as FilterRule);
    }
    if (value instanceof Map) return toPlain(Object.fromEntries(value), key, seen, depth + 1);
    if (value instanceof Set) return toPlain([...value], key, seen, depth + 1);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const plain = toPlain(v, k, seen, depth + 1);
      if (plain !== undefined) out[k] = plain;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function singular(key: string): string {
  return key === 'peers' ? 'peer' : key === 'files' ? 'file' : key === 'torrents' ? 'torrent' : key;
}

/** { address: "ip:port", peer_id: hex, client: name }, the last two once known. */
function peer(p: Peer): Record<string, string> {
  const out: Record<string, string> = { address: formatAddress(p) };
  if (p.peerId !== undefined) out['peer_id'] = Buffer.from(p.peerId).toString('hex');
  if (p.clientName !== undefined) out['client'] = p.clientName;
  return out;
}

function torrent(t: Torrent): Record<string, string> {
  return { info_hash: t.infoHash, name: t.name };
}

function address(a: Address): string {
  return formatAddress(a);
}

function rule(r: FilterRule): Record<string, string> {
  const out: Record<string, string> = { start: r.start, end: r.end, source: r.source };
  if (r.label !== undefined) out['label'] = r.label;
  return out;
}
