// Two swarmhook clients over loopback uTP: the default order dials uTP first,
// events name the connection udp4, MSE rides on uTP, bytes are counted as
// over TCP, choose_transport can change the order, and a peer without uTP is
// reached over TCP after the uTP dial fails.
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client, type ClientOptions } from '../../../core/client.ts';
import { createTorrent } from '../../../core/metainfo/index.ts';
import type { TransportProtocol } from '../../../core/types.ts';
import { sameFiles, tempDir, writeFiles } from '../../helpers/payload.ts';
import { until } from '../../helpers/until.ts';
import { utpSocket } from './utp-sockets.ts';

// The loopback race delay is raised to raceAfterMs: on a loaded machine a uTP answer may take longer than
// the default's few milliseconds, and TCP would then be kept (as intended, but not what these tests look at).
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' }, transports: { loopbackRaceAfterMs: 250 } } as const;

interface Side {
  readonly client: Client;
  readonly protocols: Set<TransportProtocol>;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

function side(t: ExecutionContext, options: ClientOptions = {}): Side {
  const s = { protocols: new Set<TransportProtocol>(), bytesIn: 0, bytesOut: 0 } as { -readonly [K in keyof Side]: Side[K] };
  s.client = new Client({
    ...LOOPBACK,
    ...options,
    on_peer_data_in: (_c, info) => {
      s.protocols.add(info.peer.protocol);
      s.bytesIn += info.length;
    },
    on_peer_data_out: (_c, info) => void (s.bytesOut += info.length),
  });
  t.teardown(() => s.client.destroy());
  return s;
}

async function download(t: ExecutionContext, seeder: Side, leecher: Side): Promise<void> {
  const seedDir = await tempDir(t);
  await writeFiles(seedDir, { 'one.bin': 40 * 32768 + 1234 });
  const { metainfo } = await createTorrent(join(seedDir, 'one.bin'), { pieceLength: 32768 });
  const leechDir = await tempDir(t);
  await seeder.client.addTorrent(metainfo, { dir: seedDir });
  const downloading = await leecher.client.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await downloading.whenComplete();
  t.true(await sameFiles(seedDir, leechDir, ['one.bin']));
}

test('by default the leecher dials uTP: both sides report udp4, and the bytes each side counts match', async (t) => {
  const seeder = side(t);
  const leecher = side(t);
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.protocols], ['udp4']);
  t.deepEqual([...seeder.protocols], ['udp4']);
  t.true(leecher.bytesIn > 40 * 32768);
  // Every byte the leecher wrote was read by the seeder (plain BitTorrent, nothing lost or doubled). The other
  // way, the complete leecher closes first ("both are seeds"), so a message the seeder sent as it learnt that
  // (the choke of its rechoke, 5 bytes) may cross the close: at most that much may be missing.
  await until('the seeder to read what the leecher wrote', 10_000, () => (seeder.bytesIn === leecher.bytesOut ? true : undefined)).catch(() => undefined);
  t.is(seeder.bytesIn, leecher.bytesOut);
  const unread = seeder.bytesOut - leecher.bytesIn;
  t.true(unread >= 0 && unread <= 5, `${unread} bytes the seeder wrote were not read`);
});

test('MSE (forced, rc4) carried over uTP', async (t) => {
  const seeder = side(t, { encryption: { policy: 'forced', preferRc4: true } });
  const leecher = side(t, { encryption: { policy: 'forced' } });
  let encryption: string | undefined;
  leecher.client.hooks.peer_data_in.tap('enc', (_c, info) => void (encryption = info.peer.encryption));
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.protocols], ['udp4']);
  t.is(encryption, 'rc4');
});

test('transports.order ["tcp"] and the choose_transport hook both put TCP first', async (t) => {
  const seeder = side(t);
  const leecher = side(t, { transports: { order: ['tcp'] } });
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.protocols], ['tcp4']);

  const seeder2 = side(t);
  const leecher2 = side(t);
  const asked: string[][] = [];
  leecher2.client.hooks.choose_transport.tap('tcp-first', (order, choice) => {
    asked.push([...order, choice.address.ip]);
    return ['tcp', ...order.filter((o) => o !== 'tcp')];
  });
  await download(t, seeder2, leecher2);
  t.deepEqual([...leecher2.protocols], ['tcp4']);
  t.deepEqual(asked[0], ['utp', 'tcp', '127.0.0.1']);
});

test('a seeder without uTP is reached over TCP, dialled beside the unanswered uTP dial after transports.raceAfterMs', async (t) => {
  const seeder = side(t, { transports: { utp: { listen: false } } });
  const leecher = side(t, { transports: { utp: { connectTimeoutMs: 300, maxSynRetransmits: 0 } } });
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.protocols], ['tcp4']);
});

test('a uTP answer from someone else on the seeder\'s port (its uTP bind failed) makes the leecher try TCP, as libtorrent does', async (t) => {
  // Whoever holds the UDP port accepts uTP and hangs up on the BitTorrent handshake (a client serving other torrents does).
  const impostor = await utpSocket(t, { onConnection: (connection) => connection.destroy() });
  // The seeder takes the impostor's port number for TCP; its own uTP bind on it fails.
  const seeder = side(t, { listen: { ...LOOPBACK.listen, ports: [impostor.port] } });
  await seeder.client.listen();
  t.is(seeder.client.port, impostor.port);
  const leecher = side(t);
  await download(t, seeder, leecher);
  t.deepEqual([...leecher.protocols], ['tcp4']);
});
