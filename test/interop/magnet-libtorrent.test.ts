// Magnet links against libtorrent 2.0 over loopback: swarmhook, given only a
// magnet link, fetches the metadata from a libtorrent seeder (which serves
// ut_metadata) and then the data; libtorrent, given only a magnet link,
// fetches the metadata and the data from a swarmhook seeder. Both swarmhook
// clients carry the ut-metadata built-in (loopbackClient applies it).
import { toMagnetURI } from '../../core/metainfo/index.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { assertDownloaded, assertSameFiles, loopbackClient, makeSeedTorrent, MULTI_FILE, SINGLE_FILE, swarmhookSeed, SwarmLog, within } from '../helpers/interop-swarm.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { tempDir } from '../helpers/payload.ts';

const test = interopTest(LIBTORRENT);

test('swarmhook downloads a multi-file torrent from a libtorrent seeder with only a magnet link', async (t) => {
  const seed = await makeSeedTorrent(t, MULTI_FILE);
  const lt = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir: seed.dir, mode: 'seed', listen: '127.0.0.1' });
  await lt.waitFor((l) => l.event === 'state' && l.state === 'seeding', 'libtorrent to find its data complete and seed', 20_000);
  const dir = await tempDir(t, 'swarmhook-leech-');
  const log = new SwarmLog();
  const client = loopbackClient(4, log.listeners());
  t.teardown(() => client.destroy());
  const explain = (): string => `${String(log)}\nlibtorrent: ${JSON.stringify(lt.lines.slice(-10))}\n${lt.stderr.slice(-1000)}`;
  // No tracker, no .torrent: the info hash and libtorrent's address only.
  const magnet = `magnet:?xt=urn:btih:${seed.metainfo.infoHash}&x.pe=127.0.0.1:${lt.port}`;
  const swarm = await within(client.addTorrent(magnet, { dir }), 30_000, 'the metadata from libtorrent', explain);
  t.is(swarm.name, seed.metainfo.name);
  t.true(swarm.meta.infoHashBuffer.equals(seed.metainfo.infoHashBuffer));
  t.is(swarm.meta.pieces.length, seed.metainfo.pieceCount);
  await within(swarm.whenComplete(), 60_000, 'swarmhook to download from libtorrent', explain);
  await assertDownloaded(t, seed, { dir, client, swarm, log });
  // libtorrent spoke ut_metadata and the data on the same connection.
  t.is(lt.lines.filter((l) => l.event === 'alert' && l.type === 'peer_connect').length, 1, explain());
});

for (const [title, shape] of [
  ['a single-file torrent', SINGLE_FILE],
  ['a multi-file torrent', MULTI_FILE],
] as const) {
  test(`libtorrent downloads ${title} from a swarmhook seeder with only a magnet link`, async (t) => {
    const seed = await makeSeedTorrent(t, shape);
    const ours = await swarmhookSeed(t, seed);
    const saveDir = await tempDir(t, 'swarmhook-lt-save-');
    // The magnet names no peer: libtorrent is told to dial us (connect_peer).
    const lt = await LibtorrentSession.start(t, {
      magnet: toMagnetURI(seed.metainfo),
      saveDir,
      mode: 'download',
      listen: '127.0.0.1',
      peers: [{ host: '127.0.0.1', port: ours.port }],
    });
    const explain = (): string => `${String(ours.log)}\nlibtorrent: ${JSON.stringify(lt.lines.slice(-10))}`;
    t.is(lt.lines.find((l) => l.event === 'added')?.pieces, null, 'libtorrent started without the metadata');
    const metadata = await lt.waitFor((l) => l.event === 'metadata', 'libtorrent to get the metadata from us', 30_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${explain()}`);
    });
    t.is(metadata.name, seed.metainfo.name);
    t.is(metadata.pieces, seed.metainfo.pieceCount);
    t.is(metadata.total_size, seed.metainfo.length);
    await lt.waitFor((l) => l.event === 'finished', 'libtorrent to finish downloading from us', 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${explain()}`);
    });
    t.false(lt.lines.some((l) => l.event === 'alert' && (l.type === 'hash_failed' || l.type === 'metadata_failed')), explain());
    t.false(lt.lines.some((l) => l.event === 'error'));
    await lt.stop();
    await assertSameFiles(t, seed, saveDir);
    t.true(ours.swarm.uploaded >= seed.metainfo.length, `we uploaded ${ours.swarm.uploaded} bytes`);
  });
}
