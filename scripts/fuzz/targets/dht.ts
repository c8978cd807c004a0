// DHT datagrams (KRPC, BEP 5): decode → encode → decode. A datagram is
// either a message that re-encodes to one decoding the same, or a DhtError.
import { encodeNodes, encodePeer } from '../../../plugins/dht/compact.ts';
import { decodeKrpc, encodeError, encodeQuery, encodeReply, type KrpcMessage } from '../../../plugins/dht/krpc.ts';
import { check, latin1, type FuzzTarget } from '../target.ts';

const ID = Buffer.alloc(20, 0x41);
const T = Buffer.from('aa');
const SEEDS = [
  encodeQuery(T, { method: 'ping', id: ID }),
  encodeQuery(T, { method: 'find_node', id: ID, target: ID }),
  encodeQuery(T, { method: 'get_peers', id: ID, infoHash: ID }),
  encodeQuery(T, { method: 'announce_peer', id: ID, infoHash: ID, port: 6881, token: Buffer.from('tok'), impliedPort: true }),
  encodeReply(T, { id: ID, token: Buffer.from('tok'), nodes: encodeNodes([{ id: ID, ip: '1.2.3.4', port: 6881 }]), values: [Buffer.from([1, 2, 3, 4, 0x1a, 0xe1])] }),
  // BEP 32: nodes6 and an 18-byte peer.
  encodeReply(T, { id: ID, nodes6: encodeNodes([{ id: ID, ip: '2001:db8::1', port: 6881 }], 6), values: [encodePeer({ ip: '2001:db8::2', port: 6882 })] }),
  encodeError(T, 203, 'bad token'),
];
const TOKENS = ['d', 'e', 'l', 'i', '1:', '20:', '26:', 'i-1e', 'i65536e', '1:q', '1:r', '1:y', '1:t', '1:a', '2:id', '4:ping', '9:info_hash', '5:token', '5:nodes', '6:nodes6', '38:', '18:', '6:values', '12:implied_port'];

export const dhtTarget: FuzzTarget = {
  name: 'dht',
  description: 'KRPC datagram decode → encode → decode',
  seeds: () => SEEDS,
  tokens: () => TOKENS.map(latin1),
  run(input) {
    // A DhtError thrown here is a coded refusal, which the runner accepts.
    const message = decodeKrpc(input);
    const again = decodeKrpc(reencode(message));
    check(again.type === message.type && again.transaction.equals(message.transaction), 'type and transaction round-trip');
    if (message.type === 'query' && again.type === 'query') check(message.query.method === again.query.method && message.query.id.equals(again.query.id), 'the query round-trips');
  },
};

function reencode(message: KrpcMessage): Buffer {
  if (message.type === 'query') return encodeQuery(message.transaction, message.query);
  if (message.type === 'error') return encodeError(message.transaction, message.code, message.text);
  const { reply } = message;
  return encodeReply(message.transaction, {
    id: reply.id,
    ...(reply.nodes === undefined ? {} : { nodes: encodeNodes(reply.nodes) }),
    ...(reply.nodes6 === undefined ? {} : { nodes6: encodeNodes(reply.nodes6, 6) }),
    ...(reply.token === undefined ? {} : { token: reply.token }),
  });
}
