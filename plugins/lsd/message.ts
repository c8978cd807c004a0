// BEP 14 announces: an HTTP-like request in one UDP datagram,
//
//   BT-SEARCH * HTTP/1.1\r\n
//   Host: 239.192.152.143:6771\r\n
//   Port: <tcp listen port>\r\n
//   Infohash: <40 hex digits>\r\n      (one or more)
//   cookie: <ours, to recognise our own announces>\r\n
//   \r\n\r\n
//
// Any host on the network can send anything to the group: a datagram is
// read strictly (size, request line, header syntax, port, info hashes, their
// count) and anything else is a coded LsdError.
import { CodedError } from '../../core/index.ts';

/** Longer datagrams are refused unread: an announce of a few torrents is a few hundred bytes. */
export const MAX_LSD_DATAGRAM_BYTES = 1400;
/** Info hashes one announce may name (libtorrent sends one; BEP 14 allows several). */
export const MAX_LSD_INFOHASHES = 16;
/** Headers one announce may carry. */
const MAX_HEADERS = 32;
const REQUEST_LINE = 'BT-SEARCH * HTTP/1.1';

export type LsdErrorCode = 'LSD_TOO_LARGE' | 'LSD_BAD_REQUEST_LINE' | 'LSD_BAD_HEADER' | 'LSD_BAD_PORT' | 'LSD_BAD_INFOHASH' | 'LSD_NO_INFOHASH' | 'LSD_TOO_MANY_INFOHASHES' | 'LSD_FLOOD' | 'LSD_SOCKET';

/** A datagram on the LSD group that is not a valid announce, a flood, or a socket failure. */
export class LsdError extends CodedError<LsdErrorCode> {}

export interface LsdAnnounce {
  /** The announcer's TCP listen port. */
  readonly port: number;
  /** Lower-case hex info hashes, without repeats. */
  readonly infoHashes: readonly string[];
  /** The announcer's cookie, when it sent one. */
  readonly cookie: string | undefined;
}

/** The datagram announcing `infoHashes` on `port` to `host` (the group's "address:port"). */
export function encodeLsdAnnounce(host: string, announce: LsdAnnounce): Buffer {
  const lines = [REQUEST_LINE, `Host: ${host}`, `Port: ${announce.port}`, ...announce.infoHashes.map((h) => `Infohash: ${h}`)];
  if (announce.cookie !== undefined) lines.push(`cookie: ${announce.cookie}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n\r\n`, 'latin1');
}

/** Reads one datagram; throws LsdError for anything that is not a valid announce. */
export function decodeLsdAnnounce(datagram: Uint8Array): LsdAnnounce {
  if (datagram.length > MAX_LSD_DATAGRAM_BYTES) throw new LsdError('LSD_TOO_LARGE', `LSD datagram of ${datagram.length} bytes (at most ${MAX_LSD_DATAGRAM_BYTES})`);
  const text = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength).toString('latin1');
  // Some clients end lines with \n alone; everything after the blank line is ignored.
  const lines = text.split(/\r?\n/);
  if (lines[0] !== REQUEST_LINE) throw new LsdError('LSD_BAD_REQUEST_LINE', `LSD datagram does not start with "${REQUEST_LINE}": ${JSON.stringify(lines[0]?.slice(0, 40))}`);
  let port: number | undefined;
  let cookie: string | undefined;
  const infoHashes = new Set<string>();
  let headers = 0;
  for (const line of lines.slice(1)) {
    if (line === '') break;
    if (++headers > MAX_HEADERS) throw new LsdError('LSD_BAD_HEADER', `LSD datagram with more than ${MAX_HEADERS} headers`);
    const colon = line.indexOf(':');
    if (colon <= 0) throw new LsdError('LSD_BAD_HEADER', `LSD header without a name: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    switch (name) {
      case 'port':
        if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535) throw new LsdError('LSD_BAD_PORT', `LSD port ${JSON.stringify(value.slice(0, 20))} is not 1-65535`);
        port = Number(value);
        break;
      case 'infohash':
        if (!/^[0-9a-fA-F]{40}$/.test(value)) throw new LsdError('LSD_BAD_INFOHASH', `LSD info hash ${JSON.stringify(value.slice(0, 50))} is not 40 hex digits`);
        infoHashes.add(value.toLowerCase());
        if (infoHashes.size > MAX_LSD_INFOHASHES) throw new LsdError('LSD_TOO_MANY_INFOHASHES', `LSD datagram with more than ${MAX_LSD_INFOHASHES} info hashes`);
        break;
      case 'cookie':
        cookie = value;
        break;
      default:
        // Host and headers of later revisions: not needed to find a peer.
        break;
    }
  }
  if (port === undefined) throw new LsdError('LSD_BAD_PORT', 'LSD datagram without a Port header');
  if (infoHashes.size === 0) throw new LsdError('LSD_NO_INFOHASH', 'LSD datagram without an Infohash header');
  return { port, infoHashes: [...infoHashes], cookie };
}
