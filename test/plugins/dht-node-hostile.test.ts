// A DHT node under hostile traffic over loopback UDP: garbage, replies with
// transaction ids it never sent, announce_peer without a token it gave, a
// query flood. Each gets a coded dht error (a KRPC error where one is due)
// and the node keeps answering.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import test from 'ava';
import { bencode, bdecode } from '../../core/bencode/index.ts';
import type { DhtError } from '../../plugins/dht/errors.ts';
import { DhtNode } from '../../plugins/dht/node.ts';

const OPTIONS = { maxNodes: 100, maxPeersPerTorrent: 10, maxStoredPeers: 100, queryTimeoutMs: 500 };
const ID = Buffer.alloc(20, 7);
const HASH = Buffer.alloc(20, 9);

async function setup(t: import('ava').ExecutionContext, maxQueriesPerSecond = 1000) {
  const errors: string[] = [];
  const node = new DhtNode({ ...OPTIONS, maxQueriesPerSecond, onError: (e: DhtError) => errors.push(e.code) });
  await node.listen(0, '127.0.0.1');
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.teardown(() => {
    node.close();
    socket.close();
  });
  const send = (data: Uint8Array): void => socket.send(data, node.port, '127.0.0.1');
  const ask = async (message: object): Promise<Record<string, unknown>> => {
    const reply = once(socket, 'message');
    send(bencode(message as never));
    const [data] = (await reply) as [Buffer];
    return bdecode(data).value as unknown as Record<string, unknown>;
  };
  return { node, errors, send, ask };
}

test('garbage and stray replies are refused with codes; the node still answers', async (t) => {
  const { errors, send, ask } = await setup(t);
  send(Buffer.from('not bencode at all'));
  send(bencode({ t: 'zz', y: 'r', r: { id: ID } }));
  send(bencode({ t: 'zz', y: 'e', e: [201, 'x'] }));
  const answer = await ask({ t: 'p1', y: 'q', q: 'ping', a: { id: ID } });
  t.is(String(answer['y']), 'r');
  t.deepEqual(errors, ['DHT_MALFORMED', 'DHT_UNEXPECTED_REPLY', 'DHT_UNEXPECTED_REPLY']);
});

test('a malformed query is answered with KRPC error 203, an unknown method with 204', async (t) => {
  const { ask } = await setup(t);
  const bad = await ask({ t: 'b1', y: 'q', q: 'find_node', a: { id: ID } });
  t.is(String(bad['y']), 'e');
  t.is((bad['e'] as unknown[])[0], 203);
  const unknown = await ask({ t: 'b2', y: 'q', q: 'vote', a: { id: ID } });
  t.is((unknown['e'] as unknown[])[0], 204);
});

test('announce_peer needs the token get_peers gave; implied_port takes the source port', async (t) => {
  const { node, errors, ask } = await setup(t);
  const refused = await ask({ t: 'a1', y: 'q', q: 'announce_peer', a: { id: ID, info_hash: HASH, port: 6881, token: 'forged' } });
  t.is((refused['e'] as unknown[])[0], 203);
  t.true(errors.includes('DHT_BAD_TOKEN'));
  t.deepEqual(node.peers.get(HASH.toString('hex'), 10, Date.now()), []);
  const got = await ask({ t: 'g1', y: 'q', q: 'get_peers', a: { id: ID, info_hash: HASH } });
  const token = (got['r'] as Record<string, Buffer>)['token']!;
  const ok = await ask({ t: 'a2', y: 'q', q: 'announce_peer', a: { id: ID, info_hash: HASH, port: 1, implied_port: 1, token } });
  t.is(String(ok['y']), 'r');
  const stored = node.peers.get(HASH.toString('hex'), 10, Date.now());
  t.is(stored.length, 1);
  t.not(stored[0]!.port, 1);
});

test('a query flood gets the address ignored', async (t) => {
  const { errors, send } = await setup(t, 5);
  for (let i = 0; i < 50; i++) send(bencode({ t: `f${i}`, y: 'q', q: 'ping', a: { id: ID } }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Reported once, then ignored quietly.
  t.is(errors.filter((c) => c === 'DHT_RATE_LIMITED').length, 1);
});

test('a reply from another address than the one asked is ignored', async (t) => {
  const { node, errors } = await setup(t);
  const asked = createSocket('udp4');
  const stranger = createSocket('udp4');
  t.teardown(() => {
    asked.close();
    stranger.close();
  });
  await new Promise<void>((resolve) => asked.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => stranger.bind(0, '127.0.0.1', resolve));
  const pinging = node.ping({ ip: '127.0.0.1', port: asked.address().port });
  const [query] = (await once(asked, 'message')) as [Buffer];
  const t1 = (bdecode(query).value as unknown as Record<string, Buffer>)['t']!;
  stranger.send(bencode({ t: t1, y: 'r', r: { id: Buffer.alloc(20, 1) } }), node.port, '127.0.0.1');
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.deepEqual(errors, ['DHT_UNEXPECTED_REPLY']);
  asked.send(bencode({ t: t1, y: 'r', r: { id: Buffer.alloc(20, 2) } }), node.port, '127.0.0.1');
  t.deepEqual(await pinging, Buffer.alloc(20, 2));
});
