// The torrent methods of the transmission-rpc plugin against a running
// daemon, on torrents whose data is on disk already: what torrent-get says,
// adding by metainfo, path and magnet (and duplicates), file selection at
// add time, limits, stop and start, removal with the data.
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { startDaemon } from '../../core/cli/daemon.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { writeDaemonConfig } from '../helpers/bt-daemon.ts';
import { freePort } from '../helpers/interop-swarm.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';
import { RpcSession } from '../helpers/rpc-client.ts';
import { until } from '../helpers/until.ts';

async function daemonOn(t: ExecutionContext) {
  const root = await tempDir(t, 'swarmhook-rpc-torrents-');
  const port = await freePort();
  const config = await writeDaemonConfig(await tempDir(t), { rpcPort: port, root });
  const daemon = await startDaemon({ state: await tempDir(t), config, logLevel: 'off' });
  t.teardown(() => daemon.stop());
  const rpc = new RpcSession(port);
  await until('the RPC server', 10_000, () => (daemon.client.plugins.has('transmission-rpc') ? true : undefined));
  return { root, daemon, rpc };
}

test('a multi-file torrent added by metainfo: torrent-get reports it complete, seeding, where it is; stop, start, limits; removal deletes its files and folders only', async (t) => {
  const { root, daemon, rpc } = await daemonOn(t);
  const data = join(root, 'data');
  await writeFiles(join(data, 'album'), { 'a.flac': 50_000, 'cd2/b.flac': 30_000, 'cover.jpg': 1000 });
  const { torrent, metainfo } = await createTorrent(join(data, 'album'), { pieceLength: 16384 });
  const added = await rpc.call('torrent-add', { metainfo: torrent.toString('base64'), 'download-dir': data });
  t.deepEqual(added, { result: 'success', arguments: { 'torrent-added': { id: 1, name: 'album', hashString: metainfo.infoHash } } });
  const again = await rpc.call('torrent-add', { metainfo: torrent.toString('base64'), 'download-dir': data });
  t.deepEqual(again.arguments, { 'torrent-duplicate': { id: 1, name: 'album', hashString: metainfo.infoHash } });

  const fields = ['id', 'name', 'status', 'percentDone', 'leftUntilDone', 'sizeWhenDone', 'totalSize', 'downloadDir', 'files', 'wanted', 'priorities', 'pieceCount', 'isPrivate', 'hashString', 'activityDate'];
  const [got] = (await rpc.call('torrent-get', { fields, ids: [1] })).arguments.torrents as Record<string, unknown>[];
  t.like(got, { id: 1, name: 'album', status: 6, percentDone: 1, leftUntilDone: 0, sizeWhenDone: 81_000, totalSize: 81_000, downloadDir: data, isPrivate: false, hashString: metainfo.infoHash });
  t.deepEqual(got!.wanted, [1, 1, 1]);
  t.deepEqual((got!.files as { name: string; bytesCompleted: number }[]).map((f) => [f.name, f.bytesCompleted]).sort(), [['album/a.flac', 50_000], ['album/cd2/b.flac', 30_000], ['album/cover.jpg', 1000]]);
  t.false('activityDate' in got!, 'a field swarmhook does not know is left out, not made up');
  const byHash = (await rpc.call('torrent-get', { fields: ['id'], ids: [metainfo.infoHash] })).arguments.torrents;
  t.deepEqual(byHash, [{ id: 1 }]);

  t.is((await rpc.call('torrent-stop', { ids: 1 })).result, 'success');
  t.is(daemon.client.torrents[0]!.state, 'paused');
  t.is((await rpc.call('torrent-start', { ids: [1] })).result, 'success');
  t.is(daemon.client.torrents[0]!.state, 'seeding');
  t.is((await rpc.call('torrent-set', { ids: [1], downloadLimit: 100, downloadLimited: true, uploadLimit: 20, uploadLimited: true })).result, 'success');
  t.deepEqual(daemon.client.torrents[0]!.rateLimits, { download: 100_000, upload: 20_000 });
  t.is((await rpc.call('torrent-set', { ids: [1], uploadLimited: false })).result, 'success');
  t.deepEqual(daemon.client.torrents[0]!.rateLimits, { download: 100_000, upload: 0 });

  await writeFile(join(data, 'album', 'cd2', 'mine.txt'), 'not the torrent\'s');
  t.is((await rpc.call('torrent-remove', { ids: [1], 'delete-local-data': true })).result, 'success');
  t.deepEqual(daemon.client.torrents, []);
  t.deepEqual(await readdir(join(data, 'album')), ['cd2'], 'a folder holding a file of someone else\'s stays');
  t.deepEqual(await readdir(join(data, 'album', 'cd2')), ['mine.txt']);
  await access(data);
});

test('files-unwanted at add time; a path inside the roots; a magnet waiting for metadata is listed; free-space', async (t) => {
  const { root, daemon, rpc } = await daemonOn(t);
  await writeFiles(join(root, 'two'), { 'x.bin': 40_000, 'y.bin': 40_000 });
  const { torrent, metainfo } = await createTorrent(join(root, 'two'), { pieceLength: 16384 });
  await mkdir(join(root, 'torrents'));
  await writeFile(join(root, 'torrents', 'two.torrent'), torrent);
  const added = await rpc.call('torrent-add', { filename: join(root, 'torrents', 'two.torrent'), 'download-dir': root, 'files-unwanted': [1], paused: true });
  t.is(added.result, 'success');
  const [got] = (await rpc.call('torrent-get', { fields: ['wanted', 'status', 'sizeWhenDone'] })).arguments.torrents as Record<string, unknown>[];
  t.deepEqual(got!.wanted, [1, 0]);
  t.is(got!.status, 0, 'added paused');
  t.true((got!.sizeWhenDone as number) < 80_000);
  t.regex((await rpc.call('torrent-add', { filename: '/etc/hostname' })).result, /outside the folders/);
  t.regex((await rpc.call('torrent-add', { metainfo: Buffer.from('garbage').toString('base64') })).result, /invalid or corrupt torrent file/);

  const magnet = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=waiting';
  const m = await rpc.call('torrent-add', { filename: magnet });
  t.deepEqual(m.arguments, { 'torrent-added': { id: 2, name: 'waiting', hashString: '0123456789abcdef0123456789abcdef01234567' } });
  await until('the magnet to be listed', 10_000, () => (daemon.client.magnets.length === 1 ? true : undefined));
  const list = (await rpc.call('torrent-get', { fields: ['id', 'name', 'metadataPercentComplete', 'status'] })).arguments.torrents;
  t.deepEqual(list, [
    { id: 1, name: 'two', metadataPercentComplete: 1, status: 0 },
    { id: 2, name: 'waiting', metadataPercentComplete: 0, status: 4 },
  ]);
  t.is(metainfo.files.length, 2);
  const space = await rpc.call('free-space', { path: root });
  t.is(space.result, 'success');
  t.true((space.arguments['size-bytes'] as number) > 0);
});
