// Twenty swarmhook DHT nodes on loopback form a working DHT: each bootstraps
// from the first, one announces an info hash, another finds it.
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { DhtNode } from '../../plugins/dht/node.ts';

const OPTIONS = { maxNodes: 2000, maxPeersPerTorrent: 100, maxStoredPeers: 10_000, maxQueriesPerSecond: 1000, queryTimeoutMs: 1000 };

test('20 nodes on loopback: bootstrap, announce, get_peers', async (t) => {
  const nodes: DhtNode[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      const node = new DhtNode(OPTIONS);
      await node.listen(0, '127.0.0.1');
      nodes.push(node);
    }
    const router = { ip: '127.0.0.1', port: nodes[0]!.port };
    for (const node of nodes.slice(1)) await node.bootstrap([router]);
    // A second round lets the early nodes learn the later ones.
    for (const node of nodes) await node.bootstrap([router]);
    for (const node of nodes) t.true(node.table.size >= 5, `node knows ${node.table.size} nodes`);

    const infoHash = randomBytes(20);
    const { accepted } = await nodes[3]!.announce(infoHash, 51413);
    t.true(accepted >= 1);
    const found = await nodes[17]!.getPeers(infoHash);
    t.deepEqual(found.peers, [{ ip: '127.0.0.1', port: 51413 }]);
  } finally {
    for (const node of nodes) node.close();
  }
});

test('a UDP port already taken falls back to a free one', async (t) => {
  const taken = createSocket('udp4');
  await new Promise<void>((resolve) => taken.bind(0, '127.0.0.1', resolve));
  const node = new DhtNode(OPTIONS);
  t.teardown(() => {
    node.close();
    taken.close();
  });
  const port = await node.listen(taken.address().port, '127.0.0.1');
  t.not(port, taken.address().port);
  t.true(port > 0);
});
