// The torrent methods of the transmission-rpc plugin against a running
// daemon, on torrents whose data is on disk already: what torrent-get says,
// adding by metainfo, path, URL and magnet (and duplicates), file selection at
// add time, limits, stop and start, removal with the data.
import { access, mkdir, open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { startDaemon } from '../../core/cli/daemon.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { writeDaemonConfig } from '../helpers/bt-daemon.ts';
import { fileServer } from '../helpers/file-server.ts';
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

test('torrent-set on a running torrent: files-unwanted skips a file, priority-high/low raise and lower, files-wanted [] wants all again; torrent-get says so', async (t) => {
  const { root, daemon, rpc } = await daemonOn(t);
  await writeFiles(join(root, 'three'), { 'a.bin': 40_000, 'b.bin': 40_000, 'c.bin': 40_000 });
  const { torrent } = await createTorrent(join(root, 'three'), { pieceLength: 16384 });
  t.is((await rpc.call('torrent-add', { metainfo: torrent.toString('base64'), 'download-dir': root })).result, 'success');
  await until('the torrent to seed', 10_000, () => (daemon.client.torrents[0]?.state === 'seeding' ? true : undefined));
  const files = (): string[] => daemon.client.torrents[0]!.files.map((f) => f.priority);
  const get = async (): Promise<Record<string, unknown>> =>
    ((await rpc.call('torrent-get', { ids: [1], fields: ['wanted', 'priorities', 'fileStats', 'eta', 'uploadRatio', 'peersConnected', 'peersSendingToUs', 'peersGettingFromUs'] })).arguments.torrents as Record<string, unknown>[])[0]!;

  t.is((await rpc.call('torrent-set', { ids: [1], 'files-unwanted': [1], 'priority-high': [0], 'priority-low': [2] })).result, 'success');
  t.deepEqual(files(), ['high', 'skip', 'low']);
  const got = await get();
  t.deepEqual(got.wanted, [1, 0, 1]);
  t.deepEqual(got.priorities, [1, 0, -1]);
  t.deepEqual(got.fileStats, [
    { bytesCompleted: 40_000, wanted: true, priority: 1 },
    { bytesCompleted: 40_000, wanted: false, priority: 0 },
    { bytesCompleted: 40_000, wanted: true, priority: -1 },
  ], 'a skipped file keeps what it has');
  t.like(got, { eta: -1, uploadRatio: -1, peersConnected: 0, peersSendingToUs: 0, peersGettingFromUs: 0 });

  t.is((await rpc.call('torrent-set', { ids: [1], 'priority-high': [1] })).result, 'success');
  t.deepEqual(files(), ['high', 'skip', 'low'], 'a priority alone does not make a skipped file wanted (as in Transmission)');
  t.is((await rpc.call('torrent-set', { ids: [1], 'files-wanted': [1], 'priority-normal': [0] })).result, 'success');
  t.deepEqual(files(), ['normal', 'normal', 'low']);
  t.is((await rpc.call('torrent-set', { ids: [1], 'files-unwanted': [] })).result, 'success');
  t.deepEqual(files(), ['skip', 'skip', 'skip'], 'an empty list means every file, as in Transmission');
  t.is((await rpc.call('torrent-set', { ids: [1], 'files-wanted': [] })).result, 'success');
  t.deepEqual(files(), ['normal', 'normal', 'normal']);

  t.regex((await rpc.call('torrent-set', { ids: [1], 'files-wanted': [3] })).result, /file indexes below 3/);
  t.regex((await rpc.call('torrent-set', { ids: [1], 'priority-low': 'all' })).result, /file indexes below 3/);
  t.deepEqual(files(), ['normal', 'normal', 'normal'], 'a refused request changes nothing');
  const magnet = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=waiting';
  t.is((await rpc.call('torrent-add', { filename: magnet })).result, 'success');
  await until('the magnet to be listed', 10_000, () => (daemon.client.magnets.length === 1 ? true : undefined));
  t.regex((await rpc.call('torrent-set', { ids: [2], 'files-wanted': [0] })).result, /cannot choose files before its metadata/);
});

test('torrent-verify on a stopped torrent hashes every piece again (state checking, torrent_checked), finds the one overwritten on disk, and leaves it stopped', async (t) => {
  const { root, daemon, rpc } = await daemonOn(t);
  await writeFiles(root, { 'v.bin': 100_000 });
  const { torrent } = await createTorrent(join(root, 'v.bin'), { pieceLength: 16384 });
  t.is((await rpc.call('torrent-add', { metainfo: torrent.toString('base64'), 'download-dir': root })).result, 'success');
  await until('the torrent to seed', 10_000, () => (daemon.client.torrents[0]?.state === 'seeding' ? true : undefined));
  t.is((await rpc.call('torrent-stop', { ids: [1] })).result, 'success');
  const seen: string[] = [];
  daemon.client.hooks.state_changed.tap('test', (_c, info) => void seen.push(`${info.from}->${info.to}`));
  const failed: number[] = [];
  daemon.client.hooks.piece_hash_failed.tap('test', (_c, info) => void failed.push(info.index));
  let checked: { pieces: number; total: number } | undefined;
  daemon.client.hooks.torrent_checked.tap('test', (_c, info) => void (checked = { pieces: info.pieces, total: info.total }));
  const handle = await open(join(root, 'v.bin'), 'r+');
  await handle.write(Buffer.alloc(100, 0xee), 0, 100, 3 * 16384 + 5);
  await handle.close();

  t.is((await rpc.call('torrent-verify', { ids: [1] })).result, 'success');
  await until('the check to end', 10_000, () => checked);
  t.deepEqual(checked, { pieces: 6, total: 7 });
  t.deepEqual(failed, [3]);
  t.deepEqual(seen, ['paused->checking', 'checking->paused']);
  const [got] = (await rpc.call('torrent-get', { ids: [1], fields: ['status', 'leftUntilDone', 'haveValid'] })).arguments.torrents as Record<string, unknown>[];
  t.deepEqual(got, { status: 0, leftUntilDone: 16384, haveValid: 100_000 - 16384 });
});

test('torrent-verify on a seeding torrent whose data is intact: checking, then seeding again, completed only once', async (t) => {
  const { root, daemon, rpc } = await daemonOn(t);
  await writeFiles(root, { 'w.bin': 70_000 });
  const { torrent } = await createTorrent(join(root, 'w.bin'), { pieceLength: 16384 });
  t.is((await rpc.call('torrent-add', { metainfo: torrent.toString('base64'), 'download-dir': root })).result, 'success');
  await until('the torrent to seed', 10_000, () => (daemon.client.torrents[0]?.state === 'seeding' ? true : undefined));
  const seen: string[] = [];
  daemon.client.hooks.state_changed.tap('test', (_c, info) => void seen.push(`${info.from}->${info.to}`));
  let completed = 0;
  daemon.client.hooks.torrent_complete.tap('test', () => void completed++);
  let passed = 0;
  daemon.client.hooks.piece_hash_passed.tap('test', () => void passed++);
  t.is((await rpc.call('torrent-verify', {})).result, 'success');
  await until('the torrent to seed again', 10_000, () => (seen.includes('checking->seeding') ? true : undefined));
  t.deepEqual(seen, ['seeding->checking', 'checking->seeding']);
  t.is(passed, 5, 'every piece was hashed, none trusted');
  t.is(completed, 0);
  t.is(daemon.client.torrents[0]!.progress, 1);
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

test('torrent-add by an http URL: the daemon fetches the .torrent (as transmission-daemon does); a 404 is an RPC failure naming it; other schemes are refused', async (t) => {
  const { root, rpc } = await daemonOn(t);
  await writeFiles(join(root, 'web'), { 'w.bin': 40_000 });
  const { torrent, metainfo } = await createTorrent(join(root, 'web', 'w.bin'), { pieceLength: 16384 });
  const base = await fileServer(t, { '/w.torrent': torrent });
  const added = await rpc.call('torrent-add', { filename: `${base}/w.torrent`, 'download-dir': join(root, 'web') });
  t.deepEqual(added, { result: 'success', arguments: { 'torrent-added': { id: 1, name: 'w.bin', hashString: metainfo.infoHash } } });
  const [got] = (await rpc.call('torrent-get', { fields: ['status', 'percentDone'] })).arguments.torrents as Record<string, unknown>[];
  t.like(got, { status: 6, percentDone: 1 });
  t.regex((await rpc.call('torrent-add', { filename: `${base}/missing.torrent` })).result, /HTTP 404/);
  t.regex((await rpc.call('torrent-add', { filename: 'ftp://example.org/x.torrent' })).result, /only http, https and magnet/);
});
