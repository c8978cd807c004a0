// Peer exchange (BEP 11, ut_pex) against libtorrent 2.0 over loopback, both
// ways:
// - libtorrent seeder A, libtorrent peer B dialled to A, swarmhook C given
//   only B: C hears of A in B's ut_pex message, dials A and downloads from it
//   (libtorrent sends its full list at its first PEX tick, seconds after the
//   handshake, then changes once a minute: 2 s measured here);
// - swarmhook seeder Y, swarmhook peer X dialled to Y, libtorrent L given only
//   X: L hears of Y in X's PEX, dials Y and downloads from it.
// The middle peer of each (B, X) is held to a slow download so that it stays
// a leecher: two seeds hang up on each other, and a peer we are no longer
// connected to is not exchanged.
import type { EventInfo } from '../../core/index.ts';
import pex from '../../plugins/pex/index.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { assertSameFiles, loopbackClient, makeSeedTorrent, SINGLE_FILE, swarmhookSeed, SwarmLog, waitUntil, within } from '../helpers/interop-swarm.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { tempDir } from '../helpers/payload.ts';

const test = interopTest(LIBTORRENT);

/** The middle peer's download cap: it takes minutes to finish the few MiB of SINGLE_FILE. */
const SLOW_BYTES_PER_SECOND = 16 * 1024;
/** libtorrent's first ut_pex message comes within seconds; the later ones a minute apart: one minute and some margin. */
const LIBTORRENT_PEX_MS = 75_000;

test('swarmhook learns a libtorrent seeder from another libtorrent peer’s ut_pex and downloads from it', async (t) => {
  t.timeout(LIBTORRENT_PEX_MS + 60_000);
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const a = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir: seed.dir, mode: 'seed', listen: '127.0.0.1' });
  await a.waitFor((l) => l.event === 'state' && l.state === 'seeding', 'libtorrent A to seed', 20_000);
  const b = await LibtorrentSession.start(t, {
    torrentPath: seed.torrentPath,
    saveDir: await tempDir(t, 'swarmhook-lt-b-'),
    mode: 'download',
    listen: '127.0.0.1',
    peers: [{ host: '127.0.0.1', port: a.port }],
    downloadLimit: SLOW_BYTES_PER_SECOND,
  });
  await b.waitFor((l) => l.event === 'alert' && l.type === 'peer_connect' && l.port === a.port, 'libtorrent B to connect to A', 20_000);

  const log = new SwarmLog();
  const learnt: EventInfo<'pex_peers'>[] = [];
  const handshakes: { port: number; direction: string }[] = [];
  const c = loopbackClient(4, { ...log.listeners(), on_pex_peers: (_c, info) => void learnt.push(info) });
  c.on_peer_handshake_complete((_c, { peer }) => void handshakes.push({ port: peer.port, direction: peer.direction }));
  // Bytes by peer id, read when a connection closes (A hangs up once we seed too) or at the end. By id, not port: A
  // hears of C in B's ut_pex too and may dial C, and libtorrent then keeps one of the two connections, maybe its own.
  const bytesFrom = new Map<string, number>();
  const count = (peer: { peerId: Buffer | undefined; bytesIn: number }): void => {
    const id = peer.peerId?.toString('hex') ?? 'none';
    bytesFrom.set(id, (bytesFrom.get(id) ?? 0) + peer.bytesIn);
  };
  c.on_peer_disconnect((_c, { peer }) => count(peer));
  let idOfB: string | undefined;
  c.on_peer_handshake_complete((_c, { peer }) => {
    if (peer.direction === 'outgoing' && peer.port === b.port) idOfB = peer.peerId?.toString('hex');
  });
  pex.apply(c, {});
  t.teardown(() => c.destroy());
  const dir = await tempDir(t, 'swarmhook-pex-leech-');
  const swarm = await c.addTorrent(seed.torrent, { dir, peers: [{ ip: '127.0.0.1', port: b.port }] });
  const explain = (): string =>
    `${String(log)}\npex: ${JSON.stringify(learnt.map((e) => ({ from: e.peer.port, added: e.added.map((p) => p.port) })))}\nA ${a.port}, B ${b.port}`;

  const startedAt = Date.now();
  await waitUntil(() => learnt.some((e) => e.peer.port === b.port && e.added.some((p) => p.port === a.port)), LIBTORRENT_PEX_MS, 'B’s ut_pex naming A', { explain });
  t.log(`libtorrent's first ut_pex message reached swarmhook ${((Date.now() - startedAt) / 1000).toFixed(1)} s after it connected`);
  t.false(learnt.some((e) => e.added.some((p) => p.port === c.port)), 'our own address is left out');
  await waitUntil(() => handshakes.some((h) => h.port === a.port && h.direction === 'outgoing'), 20_000, 'swarmhook to dial A', { explain });
  await within(swarm.whenComplete(), 40_000, 'swarmhook to finish with A’s help', explain);
  for (const peer of swarm.peers) count(peer);
  // Only A and B are in the swarm: whatever did not come from B came from A.
  const fromA = [...bytesFrom].filter(([id]) => id !== idOfB).reduce((sum, [, n]) => sum + n, 0);
  t.true(idOfB !== undefined);
  t.true(fromA > seed.metainfo.length / 2, `downloaded ${fromA} bytes from A (B is capped at ${SLOW_BYTES_PER_SECOND} B/s): ${JSON.stringify([...bytesFrom])}`);
  await assertSameFiles(t, seed, dir);
});

test('libtorrent learns a swarmhook seeder from a swarmhook peer’s PEX and downloads from it', async (t) => {
  t.timeout(90_000);
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const y = await swarmhookSeed(t, seed);
  const xLog = new SwarmLog();
  const x = loopbackClient(4, { ...xLog.listeners(), rates: { maxDownloadRate: SLOW_BYTES_PER_SECOND } });
  // A short interval: libtorrent takes up to three messages a minute, and X sends only when its peers change.
  pex.apply(x, { intervalMs: 1000 });
  t.teardown(() => x.destroy());
  const xSwarm = await x.addTorrent(seed.torrent, { dir: await tempDir(t, 'swarmhook-pex-x-'), peers: [{ ip: '127.0.0.1', port: y.port }] });
  await waitUntil(() => xSwarm.peers.some((p) => p.port === y.port), 20_000, 'X to connect to Y', { explain: () => String(xLog) });

  const lHandshakes: string[] = [];
  y.client.on_peer_handshake_complete((_c, { peer }) => {
    if (peer.peerId !== undefined && !peer.peerId.equals(x.peerId)) lHandshakes.push(`${peer.direction} ${peer.clientName ?? '?'}`);
  });
  const saveDir = await tempDir(t, 'swarmhook-pex-lt-');
  const l = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir, mode: 'download', listen: '127.0.0.1', peers: [{ host: '127.0.0.1', port: x.port! }] });
  const explain = (): string => `X: ${String(xLog)}\nY: ${String(y.log)}\nlibtorrent: ${JSON.stringify(l.lines.filter((line) => line.event === 'alert').slice(-12))}`;
  await waitUntil(() => lHandshakes.length > 0, 30_000, 'libtorrent to dial Y, learnt from X’s PEX', { explain });
  t.regex(lHandshakes[0]!, /^incoming libtorrent/, 'libtorrent dialled Y');
  await l.waitFor((line) => line.event === 'finished', 'libtorrent to finish downloading with Y', 40_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${explain()}`);
  });
  await l.stop();
  await assertSameFiles(t, seed, saveDir);
  t.true(y.swarm.uploaded > 0, `Y uploaded ${y.swarm.uploaded} bytes`);
});
