// The KRPC codec with well-formed and hostile datagrams: every input gives a
// message or a DhtError with a code, never anything else.
import test from 'ava';
import fc from 'fast-check';
import { bencode } from '../../core/bencode/index.ts';
import { decodeNodes, encodeNodes } from '../../plugins/dht/compact.ts';
import { DhtError } from '../../plugins/dht/errors.ts';
import { decodeKrpc, encodeError, encodeQuery, encodeReply } from '../../plugins/dht/krpc.ts';

const ID = Buffer.alloc(20, 1);
const HASH = Buffer.alloc(20, 2);
const T = Buffer.from('aa');

function code(t: import('ava').ExecutionContext, input: Uint8Array): string {
  const err = t.throws(() => decodeKrpc(input), { instanceOf: DhtError });
  return (err as DhtError).code;
}

test('queries round-trip', (t) => {
  for (const query of [
    { method: 'ping', id: ID },
    { method: 'find_node', id: ID, target: HASH },
    { method: 'get_peers', id: ID, infoHash: HASH },
    { method: 'announce_peer', id: ID, infoHash: HASH, port: 6881, token: Buffer.from('tok'), impliedPort: true },
  ] as const) {
    const message = decodeKrpc(encodeQuery(T, query));
    t.deepEqual(message, { type: 'query', transaction: T, query });
  }
});

test('replies and errors round-trip', (t) => {
  const nodes = [{ id: HASH, ip: '127.0.0.1', port: 6881 }];
  const reply = decodeKrpc(encodeReply(T, { id: ID, nodes: encodeNodes(nodes), token: Buffer.from('x'), values: [Buffer.from([10, 0, 0, 1, 0x1a, 0xe1])] }));
  t.deepEqual(reply, { type: 'reply', transaction: T, reply: { id: ID, nodes, token: Buffer.from('x'), values: [{ ip: '10.0.0.1', port: 6881 }] } });
  t.deepEqual(decodeKrpc(encodeError(T, 203, 'bad token')), { type: 'error', transaction: T, code: 203, text: 'bad token' });
});

test('hostile datagrams get coded errors', (t) => {
  t.is(code(t, Buffer.alloc(0)), 'DHT_MALFORMED');
  t.is(code(t, Buffer.from('garbage')), 'DHT_MALFORMED');
  t.is(code(t, Buffer.alloc(5000, 0x64)), 'DHT_MALFORMED');
  t.is(code(t, bencode([1, 2])), 'DHT_MALFORMED');
  t.is(code(t, bencode({ y: 'q', q: 'ping', a: { id: ID } })), 'DHT_BAD_MESSAGE');
  t.is(code(t, bencode({ t: T, y: 'x' })), 'DHT_BAD_MESSAGE');
  t.is(code(t, bencode({ t: T, y: 'q', q: 'ping', a: { id: Buffer.alloc(19) } })), 'DHT_BAD_ARGUMENT');
  t.is(code(t, bencode({ t: T, y: 'q', q: 'ping' })), 'DHT_BAD_ARGUMENT');
  t.is(code(t, bencode({ t: T, y: 'q', q: 'vote', a: { id: ID } })), 'DHT_UNKNOWN_METHOD');
  for (const port of [0, -1, 65536, 2 ** 40]) {
    t.is(code(t, bencode({ t: T, y: 'q', q: 'announce_peer', a: { id: ID, info_hash: HASH, port, token: 'x' } })), 'DHT_BAD_PORT', `port ${port}`);
  }
  t.is(code(t, bencode({ t: T, y: 'q', q: 'announce_peer', a: { id: ID, info_hash: HASH, port: 1 } })), 'DHT_BAD_ARGUMENT');
  t.is(code(t, bencode({ t: T, y: 'r', r: { id: ID, nodes: Buffer.alloc(27) } })), 'DHT_BAD_COMPACT');
  t.is(code(t, bencode({ t: T, y: 'r', r: { id: ID, values: 'x' } })), 'DHT_BAD_ARGUMENT');
  t.is(code(t, bencode({ t: T, y: 'e', e: 'oops' })), 'DHT_BAD_MESSAGE');
  // The transaction id travels with the error so that the query can be answered with error 203.
  const err = t.throws(() => decodeKrpc(bencode({ t: T, y: 'q', q: 'find_node', a: { id: ID } })), { instanceOf: DhtError });
  t.deepEqual((err as DhtError).transaction, T);
});

test('compact nodes: wrong lengths refused, port 0 skipped', (t) => {
  t.throws(() => decodeNodes(Buffer.alloc(25)), { instanceOf: DhtError });
  t.deepEqual(decodeNodes(Buffer.alloc(26)), []);
  t.deepEqual(decodeNodes(Buffer.alloc(0)), []);
});

test('any byte string decodes or throws DhtError', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      try {
        decodeKrpc(bytes);
      } catch (err) {
        if (!(err instanceof DhtError)) throw err;
      }
    }),
  );
  t.pass();
});
