// uTP (BEP 29) with libtorrent 2.0 over loopback, libtorrent restricted to uTP
// (enable_incoming_tcp / enable_outgoing_tcp off): swarmhook downloads from a
// libtorrent seeder, libtorrent downloads from a swarmhook seeder, and uTP
// carries MSE/PE (libtorrent forcing RC4). Each transfer is checked by hash
// and the connections must have been uTP (udp4) on our side.
import type { ExecutionContext } from 'ava';
import type { PeerEncryption, TransportProtocol } from '../../core/index.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { assertSameFiles, loopbackClient, makeSeedTorrent, SINGLE_FILE, SwarmLog, within, type SeedTorrent } from '../helpers/interop-swarm.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { tempDir } from '../helpers/payload.ts';

const test = interopTest(LIBTORRENT);

interface Seen {
  readonly protocols: Set<TransportProtocol>;
  readonly encryptions: Set<PeerEncryption>;
}

function watched(policy: 'enabled' | 'forced', log: SwarmLog) {
  const seen: Seen = { protocols: new Set(), encryptions: new Set() };
  const client = loopbackClient(4, {
    ...log.listeners(),
    encryption: { policy },
    on_peer_data_in: (_c, e) => {
      seen.protocols.add(e.peer.protocol);
      seen.encryptions.add(e.peer.encryption);
    },
  });
  return { client, seen };
}

async function swarmhookDownloadsFromLibtorrent(t: ExecutionContext, seed: SeedTorrent, forcedEncryption: boolean): Promise<Seen> {
  const lt = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir: seed.dir, mode: 'seed', listen: '127.0.0.1', transport: 'utp', forcedEncryption });
  await lt.waitFor((l) => l.event === 'state' && l.state === 'seeding', 'libtorrent to seed', 20_000);
  const dir = await tempDir(t, 'swarmhook-utp-leech-');
  const log = new SwarmLog();
  const { client, seen } = watched(forcedEncryption ? 'forced' : 'enabled', log);
  t.teardown(() => client.destroy());
  const swarm = await client.addTorrent(seed.torrent, { dir, peers: [{ ip: '127.0.0.1', port: lt.port }] });
  await within(swarm.whenComplete(), 60_000, 'swarmhook to download from libtorrent over uTP', () => String(log));
  await assertSameFiles(t, seed, dir);
  return seen;
}

test('swarmhook downloads from a uTP-only libtorrent seeder over uTP', async (t) => {
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const seen = await swarmhookDownloadsFromLibtorrent(t, seed, false);
  t.deepEqual([...seen.protocols], ['udp4']);
  t.deepEqual([...seen.encryptions], ['none']);
});

test('a uTP-only libtorrent downloads from a swarmhook seeder over uTP', async (t) => {
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const log = new SwarmLog();
  const { client, seen } = watched('enabled', log);
  t.teardown(() => client.destroy());
  await client.addTorrent(seed.torrent, { dir: seed.dir });
  const saveDir = await tempDir(t, 'swarmhook-lt-utp-save-');
  const lt = await LibtorrentSession.start(t, {
    torrentPath: seed.torrentPath,
    saveDir,
    mode: 'download',
    listen: '127.0.0.1',
    transport: 'utp',
    peers: [{ host: '127.0.0.1', port: client.port! }],
  });
  await lt.waitFor((l) => l.event === 'finished', 'libtorrent to finish downloading from us over uTP', 60_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${String(log)}`);
  });
  await lt.stop();
  await assertSameFiles(t, seed, saveDir);
  t.deepEqual([...seen.protocols], ['udp4']);
});

test('uTP carrying MSE: swarmhook (forced) downloads from a uTP-only libtorrent forcing RC4', async (t) => {
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const seen = await swarmhookDownloadsFromLibtorrent(t, seed, true);
  t.deepEqual([...seen.protocols], ['udp4']);
  t.deepEqual([...seen.encryptions], ['rc4']);
});
