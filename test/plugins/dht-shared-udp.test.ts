// The dht plugin over the client's own UDP socket, the one uTP listens on (as
// libtorrent does): each client's DHT node answers on the client's listen
// port, and a magnet found through the DHT downloads over uTP from the same
// port, so KRPC and uTP share one socket in both directions.
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import test from 'ava';
import { createClient } from '../../core/create-client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { DhtNode } from '../../plugins/dht/node.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { DHT_NODE_OPTIONS, dhtSwarm } from '../helpers/dht-swarm.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const QUIET = ['logger', false] as const;

test('the DHT answers on the client listen port, and a magnet it finds downloads over uTP on that port', async (t) => {
  let bootstrapped!: (port: number) => void;
  const seederDhtPort = new Promise<number>((resolve) => (bootstrapped = resolve));
  const { router, plugins, payload, metainfo, seeder } = await dhtSwarm(t, { family: 4, length: 300_000, seeder: { on_dht_bootstrap: (_c, info) => bootstrapped(info.port) } });
  t.is(await seederDhtPort, seeder.port!);
  t.is(seeder.udpSocket(4)?.port, seeder.port!);
  // The router learnt the seeder's node from the datagrams it sent: their source is the listen port.
  t.deepEqual(router.table.nodes().map((n) => n.port), [seeder.port]);

  const leecher = await createClient({ ...LOOPBACK, config: false, plugins });
  t.teardown(() => leecher.destroy());
  const leecherDhtPort = new Promise<number>((resolve) => leecher.on_dht_bootstrap((_c, info) => resolve(info.port)));
  const peers: string[] = [];
  leecher.on_peer_handshake_complete((_c, { peer }) => void peers.push(`${peer.protocol} ${peer.port}`));
  const dhtErrors: string[] = [];
  for (const client of [seeder, leecher]) client.on_dht_error((_c, info) => void dhtErrors.push(info.code));
  const leechDir = await tempDir(t);
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${metainfo.infoHash}`, { dir: leechDir });
  await torrent.whenComplete();
  t.true(await sameFiles(payload, leechDir, ['data.bin']));
  t.is(await leecherDhtPort, leecher.port!);
  t.true(peers.includes(`udp4 ${seeder.port}`), `peers: ${peers.join(', ')}`);
  // uTP datagrams never reached the DHT: it would have reported them as malformed.
  t.deepEqual(dhtErrors, []);
});

test('without uTP listening there is no shared socket and the DHT binds its own on the listen port', async (t) => {
  const router = new DhtNode(DHT_NODE_OPTIONS);
  t.teardown(() => router.close());
  await router.listen(0, '127.0.0.1');
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'data.bin': 20_000 });
  const { metainfo } = await createTorrent(join(dir, 'payload', 'data.bin'), { pieceLength: 16384 });
  const client = await createClient({
    ...LOOPBACK,
    transports: { utp: { listen: false } },
    config: false,
    plugins: [QUIET, ['dht', { bootstrap: [`127.0.0.1:${router.port}`], host: '127.0.0.1' }]],
  });
  t.teardown(() => client.destroy());
  const dhtPort = new Promise<number>((resolve) => client.on_dht_bootstrap((_c, info) => resolve(info.port)));
  await client.addTorrent(metainfo, { dir: join(dir, 'payload') });
  t.is(client.udpSocket(4), undefined);
  t.is(client.udpSocket(6), undefined);
  t.is(await dhtPort, client.port!);
});

test('a shared socket hands non-uTP datagrams to every handler, isolates one that throws, and stops after unsubscribing', async (t) => {
  const failures: string[] = [];
  let failed: () => void = () => undefined;
  const client = await createClient({
    ...LOOPBACK,
    config: false,
    plugins: [QUIET],
    on_plugin_error: (_c, info) => {
      failures.push(`${info.plugin} ${info.hook} ${info.error.message}`);
      failed();
    },
  });
  t.teardown(() => client.destroy());
  t.is(client.udpSocket(4), undefined, 'nothing before listen');
  await client.listen();
  t.is(client.udpSocket(6), undefined, 'IPv6 is not listened on');
  const shared = client.udpSocket(4)!;
  t.deepEqual(Object.keys(shared).sort(), ['onDatagram', 'port', 'send'], 'a plugin gets no way to deliver datagrams to the others');
  t.true(Object.isFrozen(shared));
  t.is(shared.port, client.port!);

  const peer = new DhtNode(DHT_NODE_OPTIONS);
  t.teardown(() => peer.close());
  await peer.listen(0, '127.0.0.1');
  const received: string[] = [];
  const gotTwo = new Promise<void>((resolve) => {
    shared.onDatagram('thrower', () => {
      throw new Error('boom');
    });
    const stop = shared.onDatagram('reader', (datagram, from) => {
      received.push(`${datagram.toString('latin1')} ${from.port}`);
      if (received.length === 2) {
        stop();
        resolve();
      }
    });
  });
  // A KRPC ping from a real node, and a datagram that is not uTP either; a uTP-looking one (version 1) is uTP's.
  const utpLooking = Buffer.alloc(20);
  utpLooking[0] = (4 << 4) | 1; // ST_SYN, version 1: claimed by uTP (dropped: nobody dialled), never handed on
  const raw = createSocket('udp4');
  t.teardown(() => raw.close());
  await new Promise<void>((resolve) => raw.bind(0, '127.0.0.1', () => resolve()));
  raw.send(utpLooking, shared.port, '127.0.0.1');
  raw.send(Buffer.from('not utp'), shared.port, '127.0.0.1');
  await t.throwsAsync(peer.ping({ ip: '127.0.0.1', port: shared.port }), { message: /no reply/ });
  await gotTwo;
  t.true(received.includes(`not utp ${raw.address().port}`), received.join('; '));
  t.true(received.some((r) => r.startsWith('d1:a') && r.endsWith(` ${peer.port}`)), received.join('; '));
  t.is(received.length, 2, 'the uTP-looking datagram went to uTP only');
  t.deepEqual(failures, ['thrower udp_datagram boom', 'thrower udp_datagram boom']);
  // After stop() the reader is gone: a third datagram reaches the thrower (reported in the same turn) and not the reader.
  const thirdFailure = new Promise<void>((resolve) => (failed = () => failures.length === 3 && resolve()));
  raw.send(Buffer.from('after stop'), shared.port, '127.0.0.1');
  await thirdFailure;
  t.is(received.length, 2);
});
