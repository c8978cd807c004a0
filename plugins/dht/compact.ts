// Compact encodings of BEP 5: a peer is 6 bytes (IPv4, port), a node 26
// (id, IPv4, port). A string whose length is not a multiple is refused whole;
// an entry with port 0 is skipped (nobody listens there).
import { DhtError } from './errors.ts';
import { ID_LENGTH } from './node-id.ts';

export interface PeerAddress {
  readonly ip: string;
  readonly port: number;
}

export interface NodeContact extends PeerAddress {
  readonly id: Buffer;
}

export const COMPACT_PEER_LENGTH = 6;
export const COMPACT_NODE_LENGTH = ID_LENGTH + COMPACT_PEER_LENGTH;

export function encodePeer(address: PeerAddress): Buffer {
  const out = Buffer.alloc(COMPACT_PEER_LENGTH);
  const parts = address.ip.split('.');
  if (parts.length !== 4) throw new DhtError('DHT_BAD_COMPACT', `${address.ip} is not an IPv4 address`);
  for (let i = 0; i < 4; i++) out[i] = Number(parts[i]);
  out.writeUInt16BE(address.port, 4);
  return out;
}

export function decodePeer(bytes: Buffer, offset = 0): PeerAddress {
  return { ip: `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`, port: bytes.readUInt16BE(offset + 4) };
}

export function encodeNodes(nodes: readonly NodeContact[]): Buffer {
  return Buffer.concat(nodes.filter((n) => isIpv4(n.ip)).map((n) => Buffer.concat([n.id, encodePeer(n)])));
}

export function decodeNodes(bytes: Buffer): NodeContact[] {
  if (bytes.length % COMPACT_NODE_LENGTH !== 0) {
    throw new DhtError('DHT_BAD_COMPACT', `a nodes string of ${bytes.length} bytes is not a multiple of ${COMPACT_NODE_LENGTH}`);
  }
  const nodes: NodeContact[] = [];
  for (let at = 0; at < bytes.length; at += COMPACT_NODE_LENGTH) {
    const peer = decodePeer(bytes, at + ID_LENGTH);
    if (peer.port === 0) continue;
    nodes.push({ id: Buffer.from(bytes.subarray(at, at + ID_LENGTH)), ...peer });
  }
  return nodes;
}

export function isIpv4(ip: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);
}
