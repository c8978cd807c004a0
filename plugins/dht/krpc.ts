// The KRPC codec of BEP 5: bencoded dictionaries over UDP, queries (y=q),
// replies (y=r) and errors (y=e), matched by transaction id (t). Decoding goes
// through the project's strict decoder with limits fit for one datagram; any
// datagram gives a message or a DhtError, never a TypeError.
import { bdecode, bencode, BencodeError, isBencodeDict, isBencodeList } from '../../core/bencode/index.ts';
import type { BencodeDict, BencodeInput, BencodeValue } from '../../core/bencode/index.ts';
import { COMPACT_PEER6_LENGTH, COMPACT_PEER_LENGTH, decodeNodes, decodePeer, type NodeContact, type PeerAddress } from './compact.ts';
import { DhtError } from './errors.ts';
import { ID_LENGTH } from './node-id.ts';

/** KRPC error codes (BEP 5). */
export const KrpcErrorCode = Object.freeze({ GENERIC: 201, SERVER: 202, PROTOCOL: 203, METHOD_UNKNOWN: 204 });

/** Our version string: two letters for the client and two bytes of version. */
export const KRPC_VERSION = Buffer.from([0x53, 0x48, 0x00, 0x01]); // "SH" 0.1

/** A datagram larger than this is refused before decoding (BEP 5 messages fit well under a 1500-byte MTU). */
const DATAGRAM_LIMITS = Object.freeze({ maxInputLength: 2048, maxDepth: 4, maxTokens: 256, maxStringLength: 2048 });
/** At most this many peers (`values`) are read from one reply. */
const MAX_VALUES = 100;

export type KrpcQuery =
  | { readonly method: 'ping'; readonly id: Buffer }
  | { readonly method: 'find_node'; readonly id: Buffer; readonly target: Buffer }
  | { readonly method: 'get_peers'; readonly id: Buffer; readonly infoHash: Buffer }
  | {
      readonly method: 'announce_peer';
      readonly id: Buffer;
      readonly infoHash: Buffer;
      readonly port: number;
      readonly token: Buffer;
      readonly impliedPort: boolean;
    };

export type KrpcMethod = KrpcQuery['method'];

/** What a reply may carry; each field checked and typed. */
export interface KrpcReply {
  readonly id: Buffer;
  /** IPv4 nodes (`nodes`, BEP 5). */
  readonly nodes?: readonly NodeContact[];
  /** IPv6 nodes (`nodes6`, BEP 32). */
  readonly nodes6?: readonly NodeContact[];
  /** Peers of either family (6- and 18-byte `values`). */
  readonly values?: readonly PeerAddress[];
  readonly token?: Buffer;
}

export type KrpcMessage =
  | { readonly type: 'query'; readonly transaction: Buffer; readonly query: KrpcQuery }
  | { readonly type: 'reply'; readonly transaction: Buffer; readonly reply: KrpcReply }
  | { readonly type: 'error'; readonly transaction: Buffer; readonly code: number; readonly text: string };

export function decodeKrpc(datagram: Uint8Array): KrpcMessage {
  let root: BencodeValue;
  try {
    root = bdecode(datagram, { ...DATAGRAM_LIMITS, nonCanonical: 'accept' }).value;
  } catch (err) {
    if (err instanceof BencodeError) throw new DhtError('DHT_MALFORMED', `not bencode: ${err.message}`, { cause: err });
    throw err;
  }
  if (!isBencodeDict(root)) throw new DhtError('DHT_MALFORMED', 'a KRPC message must be a dictionary');
  const t = root['t'];
  if (!Buffer.isBuffer(t) || t.length === 0 || t.length > 16) throw new DhtError('DHT_BAD_MESSAGE', 'missing or oversized transaction id (t)');
  const transaction = Buffer.from(t);
  const y = text(root['y']);
  if (y === 'q') return { type: 'query', transaction, query: decodeQuery(root, transaction) };
  if (y === 'r') {
    const r = root['r'];
    if (!isBencodeDict(r)) throw new DhtError('DHT_BAD_MESSAGE', 'a reply without its r dictionary', { transaction });
    return { type: 'reply', transaction, reply: decodeReply(r, transaction) };
  }
  if (y === 'e') {
    const e = root['e'];
    const code = isBencodeList(e) ? e[0] : undefined;
    const message = isBencodeList(e) ? e[1] : undefined;
    if (typeof code !== 'number' || !Buffer.isBuffer(message)) throw new DhtError('DHT_BAD_MESSAGE', 'an error without [code, message]', { transaction });
    return { type: 'error', transaction, code, text: message.toString('utf8').slice(0, 200) };
  }
  throw new DhtError('DHT_BAD_MESSAGE', `unknown message type y=${JSON.stringify(y ?? null)}`, { transaction });
}

function decodeQuery(root: BencodeDict, transaction: Buffer): KrpcQuery {
  const method = text(root['q']);
  const a = root['a'];
  if (method === undefined) throw new DhtError('DHT_BAD_MESSAGE', 'a query without its method (q)', { transaction });
  if (!isBencodeDict(a)) throw new DhtError('DHT_BAD_ARGUMENT', `${method} without its arguments (a)`, { transaction });
  const id = id20(a['id'], 'id', transaction);
  switch (method) {
    case 'ping':
      return { method, id };
    case 'find_node':
      return { method, id, target: id20(a['target'], 'target', transaction) };
    case 'get_peers':
      return { method, id, infoHash: id20(a['info_hash'], 'info_hash', transaction) };
    case 'announce_peer': {
      const infoHash = id20(a['info_hash'], 'info_hash', transaction);
      const token = a['token'];
      if (!Buffer.isBuffer(token) || token.length === 0) throw new DhtError('DHT_BAD_ARGUMENT', 'announce_peer without a token', { transaction });
      const impliedPort = a['implied_port'] === 1;
      const port = a['port'];
      if (!impliedPort && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) {
        throw new DhtError('DHT_BAD_PORT', `announce_peer with port ${String(port)}`, { transaction });
      }
      return { method, id, infoHash, port: typeof port === 'number' ? port : 0, token: Buffer.from(token), impliedPort };
    }
    default:
      throw new DhtError('DHT_UNKNOWN_METHOD', `unknown method ${JSON.stringify(method.slice(0, 40))}`, { transaction });
  }
}

function decodeReply(r: BencodeDict, transaction: Buffer): KrpcReply {
  const id = id20(r['id'], 'id', transaction);
  const nodes = r['nodes'];
  const nodes6 = r['nodes6'];
  const values = r['values'];
  const token = r['token'];
  let peers: PeerAddress[] | undefined;
  if (values !== undefined) {
    if (!isBencodeList(values)) throw new DhtError('DHT_BAD_ARGUMENT', 'values is not a list', { transaction });
    peers = [];
    for (const v of values.slice(0, MAX_VALUES)) {
      // IPv4 (6 bytes) and IPv6 (18 bytes, BEP 32) peers; junk is skipped, not fatal: the rest of the reply is good.
      if (!Buffer.isBuffer(v) || (v.length !== COMPACT_PEER_LENGTH && v.length !== COMPACT_PEER6_LENGTH)) continue;
      const peer = decodePeer(v, 0, v.length === COMPACT_PEER_LENGTH ? 4 : 6);
      if (peer.port !== 0) peers.push(peer);
    }
  }
  if (nodes !== undefined && !Buffer.isBuffer(nodes)) throw new DhtError('DHT_BAD_ARGUMENT', 'nodes is not a string', { transaction });
  if (nodes6 !== undefined && !Buffer.isBuffer(nodes6)) throw new DhtError('DHT_BAD_ARGUMENT', 'nodes6 is not a string', { transaction });
  if (token !== undefined && (!Buffer.isBuffer(token) || token.length > 64)) throw new DhtError('DHT_BAD_ARGUMENT', 'bad token', { transaction });
  let contacts: NodeContact[] | undefined;
  let contacts6: NodeContact[] | undefined;
  try {
    contacts = nodes === undefined ? undefined : decodeNodes(nodes, 4);
    contacts6 = nodes6 === undefined ? undefined : decodeNodes(nodes6, 6);
  } catch (err) {
    throw err instanceof DhtError ? new DhtError(err.code, err.message, { transaction }) : err;
  }
  return {
    id,
    ...(contacts === undefined ? {} : { nodes: contacts }),
    ...(contacts6 === undefined ? {} : { nodes6: contacts6 }),
    ...(peers === undefined ? {} : { values: peers }),
    ...(token === undefined ? {} : { token: Buffer.from(token) }),
  };
}

function id20(v: BencodeValue | undefined, name: string, transaction: Buffer): Buffer {
  if (!Buffer.isBuffer(v) || v.length !== ID_LENGTH) throw new DhtError('DHT_BAD_ARGUMENT', `${name} must be ${ID_LENGTH} bytes`, { transaction });
  return Buffer.from(v);
}

function text(v: BencodeValue | undefined): string | undefined {
  return Buffer.isBuffer(v) ? v.toString('latin1') : undefined;
}

// ---------------------------------------------------------------- encoding

export function encodeQuery(transaction: Buffer, query: KrpcQuery): Buffer {
  const a: { [key: string]: BencodeInput } = { id: query.id };
  if (query.method === 'find_node') a['target'] = query.target;
  if (query.method === 'get_peers' || query.method === 'announce_peer') a['info_hash'] = query.infoHash;
  if (query.method === 'announce_peer') {
    a['port'] = query.port;
    a['token'] = query.token;
    if (query.impliedPort) a['implied_port'] = 1;
  }
  return bencode({ t: transaction, y: 'q', q: query.method, a, v: KRPC_VERSION });
}

export interface ReplyFields {
  readonly id: Buffer;
  readonly nodes?: Buffer;
  readonly nodes6?: Buffer;
  readonly values?: readonly Buffer[];
  readonly token?: Buffer;
}

export function encodeReply(transaction: Buffer, fields: ReplyFields, requester?: Buffer): Buffer {
  const r: { [key: string]: BencodeInput | undefined } = { id: fields.id, nodes: fields.nodes, nodes6: fields.nodes6, values: fields.values, token: fields.token };
  // BEP 42's `ip`: the requester's address as we see it (libtorrent reads it to learn its external address).
  return bencode({ t: transaction, y: 'r', r, v: KRPC_VERSION, ...(requester === undefined ? {} : { ip: requester }) });
}

export function encodeError(transaction: Buffer, code: number, message: string): Buffer {
  return bencode({ t: transaction, y: 'e', e: [code, message], v: KRPC_VERSION });
}
