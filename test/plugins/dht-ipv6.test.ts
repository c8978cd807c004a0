// The DHT over IPv6 (BEP 32): 18-byte peers and 38-byte `nodes6` entries,
// addresses written as the operating system writes them (so a reply's sender
// matches the address queried), and nodes on ::1 forming a working DHT of
// their own.
import { randomBytes } from 'node:crypto';
import test from 'ava';
import fc from 'fast-check';
import { COMPACT_NODE6_LENGTH, decodeNodes, decodePeer, encodeNodes, encodePeer } from '../../plugins/dht/compact.ts';
import { DhtError } from '../../plugins/dht/errors.ts';
import { decodeKrpc, encodeReply } from '../../plugins/dht/krpc.ts';
import { DhtNode } from '../../plugins/dht/node.ts';

const OPTIONS = { maxNodes: 2000, maxPeersPerTorrent: 100, maxStoredPeers: 10_000, maxQueriesPerSecond: 1000, queryTimeoutMs: 1000 };
const T = Buffer.from('aa');
const ID = Buffer.alloc(20, 7);

/** How Node (WHATWG URL, RFC 5952) writes an IPv6 address. */
const canonical = (ip: string): string => new URL(`http://[${ip}]/`).hostname.slice(1, -1);

test('IPv6 peers are 18 bytes and come back written as the system writes them', (t) => {
  t.deepEqual(encodePeer({ ip: '::1', port: 6881 }), Buffer.from([...Array<number>(15).fill(0), 1, 0x1a, 0xe1]));
  for (const ip of ['::1', '2001:db8::1', '2001:db8:0:0:1:0:0:1', 'fe80::', '::ffff:10.0.0.1', '2001:db8:85a3::8a2e:370:7334', '1:2:3:4:5:6:7:8']) {
    t.deepEqual(decodePeer(encodePeer({ ip, port: 1 }), 0, 6), { ip: canonical(ip), port: 1 }, ip);
  }
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 1, max: 65535 }), (bytes, port) => {
      const raw = Buffer.concat([Buffer.from(bytes), Buffer.from([port >> 8, port & 0xff])]);
      const peer = decodePeer(raw, 0, 6);
      t.is(peer.ip, canonical(peer.ip));
      t.deepEqual(encodePeer(peer), raw);
    }),
  );
});

test('nodes6 of 38-byte entries: round trip, wrong lengths refused, IPv4 nodes left out, port 0 skipped', (t) => {
  const nodes = [
    { id: Buffer.alloc(20, 1), ip: '2001:db8::1', port: 6881 },
    { id: Buffer.alloc(20, 2), ip: '::1', port: 51413 },
  ];
  const encoded = encodeNodes([...nodes, { id: Buffer.alloc(20, 3), ip: '10.0.0.1', port: 1 }], 6);
  t.is(encoded.length, 2 * COMPACT_NODE6_LENGTH);
  t.deepEqual(decodeNodes(encoded, 6), nodes);
  t.is(t.throws(() => decodeNodes(Buffer.alloc(COMPACT_NODE6_LENGTH - 1), 6), { instanceOf: DhtError })?.code, 'DHT_BAD_COMPACT');
  t.deepEqual(decodeNodes(Buffer.alloc(COMPACT_NODE6_LENGTH), 6), []);
});

test('a reply carries nodes and nodes6 apart, and peers of both families in values', (t) => {
  const v4 = { id: Buffer.alloc(20, 1), ip: '10.0.0.1', port: 6881 };
  const v6 = { id: Buffer.alloc(20, 2), ip: '2001:db8::2', port: 6882 };
  const datagram = encodeReply(T, {
    id: ID,
    nodes: encodeNodes([v4], 4),
    nodes6: encodeNodes([v6], 6),
    values: [encodePeer({ ip: '10.0.0.3', port: 1 }), encodePeer({ ip: '2001:db8::3', port: 2 }), Buffer.alloc(7)],
  });
  const message = decodeKrpc(datagram);
  if (message.type !== 'reply') throw new Error('not a reply');
  t.deepEqual(message.reply.nodes, [v4]);
  t.deepEqual(message.reply.nodes6, [v6]);
  t.deepEqual(message.reply.values, [
    { ip: '10.0.0.3', port: 1 },
    { ip: '2001:db8::3', port: 2 },
  ]);
  const bad = decodeKrpcError(encodeReply(T, { id: ID, nodes6: Buffer.alloc(37) }));
  t.is(bad?.code, 'DHT_BAD_COMPACT');
});

function decodeKrpcError(datagram: Buffer): DhtError | undefined {
  try {
    decodeKrpc(datagram);
    return undefined;
  } catch (err) {
    return err instanceof DhtError ? err : undefined;
  }
}

test('10 IPv6 nodes on ::1: bootstrap through nodes6, announce, get_peers', async (t) => {
  const nodes: DhtNode[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      const node = new DhtNode({ ...OPTIONS, family: 6 });
      await node.listen(0, '::1');
      nodes.push(node);
    }
    const router = { ip: '::1', port: nodes[0]!.port };
    for (const node of nodes.slice(1)) await node.bootstrap([router]);
    for (const node of nodes) await node.bootstrap([router]);
    for (const node of nodes) t.true(node.table.size >= 5, `node knows ${node.table.size} nodes`);
    t.true(nodes.every((n) => n.table.nodes().every((c) => c.ip === '::1')));
    const infoHash = randomBytes(20);
    const { accepted } = await nodes[3]!.announce(infoHash, 51413);
    t.true(accepted >= 1);
    const found = await nodes[8]!.getPeers(infoHash);
    t.deepEqual(found.peers, [{ ip: '::1', port: 51413 }]);
  } finally {
    for (const node of nodes) node.close();
  }
});
