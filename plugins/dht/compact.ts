// Compact encodings of BEP 5 and BEP 32: a peer is 6 bytes (IPv4, port) or
// 18 (IPv6, port); a node is its 20-byte id and then the peer's bytes (26
// bytes in `nodes`, 38 in `nodes6`). A string whose length is not a multiple
// is refused whole; an entry with port 0 is skipped (nobody listens there).
import { isIPv4, isIPv6 } from 'node:net';
import { DhtError } from './errors.ts';
import { ID_LENGTH } from './node-id.ts';

/** The address family of a DHT node: 4 (BEP 5) or 6 (BEP 32), each with its own socket and routing table. */
export type DhtFamily = 4 | 6;

export interface PeerAddress {
  readonly ip: string;
  readonly port: number;
}

export interface NodeContact extends PeerAddress {
  readonly id: Buffer;
}

export const COMPACT_PEER_LENGTH = 6;
export const COMPACT_PEER6_LENGTH = 18;
export const COMPACT_NODE_LENGTH = ID_LENGTH + COMPACT_PEER_LENGTH;
export const COMPACT_NODE6_LENGTH = ID_LENGTH + COMPACT_PEER6_LENGTH;

/** Bytes of one compact peer of the family. */
export function compactPeerLength(family: DhtFamily): number {
  return family === 4 ? COMPACT_PEER_LENGTH : COMPACT_PEER6_LENGTH;
}

/** The family of an address; undefined for anything that is not an IP. */
export function familyOf(ip: string): DhtFamily | undefined {
  return isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : undefined;
}

export function encodePeer(address: PeerAddress): Buffer {
  const family = familyOf(address.ip);
  if (family === undefined) throw new DhtError('DHT_BAD_COMPACT', `${address.ip} is not an IP address`);
  const out = Buffer.alloc(compactPeerLength(family));
  if (family === 4) address.ip.split('.').forEach((part, i) => (out[i] = Number(part)));
  else ipv6Bytes(address.ip).copy(out);
  out.writeUInt16BE(address.port, out.length - 2);
  return out;
}

export function decodePeer(bytes: Buffer, offset = 0, family: DhtFamily = 4): PeerAddress {
  if (family === 4) return { ip: `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`, port: bytes.readUInt16BE(offset + 4) };
  return { ip: ipv6Text(bytes.subarray(offset, offset + 16)), port: bytes.readUInt16BE(offset + 16) };
}

/** The nodes of one family as a `nodes` (4) or `nodes6` (6) string; nodes of the other family are left out. */
export function encodeNodes(nodes: readonly NodeContact[], family: DhtFamily = 4): Buffer {
  return Buffer.concat(nodes.filter((n) => familyOf(n.ip) === family).map((n) => Buffer.concat([n.id, encodePeer(n)])));
}

export function decodeNodes(bytes: Buffer, family: DhtFamily = 4): NodeContact[] {
  const length = ID_LENGTH + compactPeerLength(family);
  if (bytes.length % length !== 0) {
    throw new DhtError('DHT_BAD_COMPACT', `a ${family === 4 ? 'nodes' : 'nodes6'} string of ${bytes.length} bytes is not a multiple of ${length}`);
  }
  const nodes: NodeContact[] = [];
  for (let at = 0; at < bytes.length; at += length) {
    const peer = decodePeer(bytes, at + ID_LENGTH, family);
    if (peer.port === 0) continue;
    nodes.push({ id: Buffer.from(bytes.subarray(at, at + ID_LENGTH)), ...peer });
  }
  return nodes;
}

export function isIpv4(ip: string): boolean {
  return isIPv4(ip);
}

/** The 16 bytes of an IPv6 address (a zone id dropped, a dotted IPv4 tail read). */
function ipv6Bytes(ip: string): Buffer {
  let text = ip.replace(/%.*$/, '');
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail !== null) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const front = head === '' ? [] : head.split(':');
  const back = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = rest === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/**
 * The text of 16 address bytes as the operating system writes it (RFC 5952:
 * lower case, the longest run of two or more zero groups as "::"), so that a
 * reply's sender matches the address we queried.
 */
function ipv6Text(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!).toString(16));
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLength).join(':')}`;
}
