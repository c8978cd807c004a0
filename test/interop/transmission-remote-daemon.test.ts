// The real transmission-remote (Debian's transmission-cli) drives `bt
// daemon`: adds a torrent that downloads from a libtorrent seeder to 100%,
// stops and starts it, shows session info and stats; the daemon restarts
// with the same torrents in the same states and checks nothing; then the
// torrent is removed with its data. Then, added by URL, from a swarmhook seeder, file
// choices made while the torrent runs (-G, -g, -ph, -pl) and a verify (-v)
// that finds a corrupted piece, which is downloaded again.
import { access, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileServer } from '../helpers/file-server.ts';
import { freePort, makeSeedTorrent, MULTI_FILE, SINGLE_FILE, assertSameFiles, swarmhookSeed } from '../helpers/interop-swarm.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { parseList, startDaemonProcess, transmissionRemote, TRANSMISSION_REMOTE, writeDaemonConfig, type ListedTorrent } from '../helpers/bt-daemon.ts';
import { tempDir } from '../helpers/payload.ts';
import { untilAsync } from '../helpers/until.ts';

const test = interopTest(LIBTORRENT, TRANSMISSION_REMOTE);
const remoteTest = interopTest(TRANSMISSION_REMOTE);

/** The file rows of `transmission-remote -t N -f` ("  #  Done Priority Get      Size  Name"). */
function parseFiles(out: string): { index: number; done: string; priority: string; get: string; name: string }[] {
  return out
    .split('\n')
    .map((l) => /^\s*(\d+):\s+(\S+)\s+(\S+)\s+(Yes|No)\s+(?:None|\S+ \S+)\s+(.+)$/.exec(l))
    .flatMap((m) => (m === null ? [] : [{ index: Number(m[1]), done: m[2]!, priority: m[3]!, get: m[4]!, name: m[5]!.trim() }]));
}

test('transmission-remote adds, lists to 100%, stops, starts, survives a restart without a recheck, and removes with the data', async (t) => {
  t.timeout(180_000);
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const lt = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir: seed.dir, mode: 'seed', listen: '127.0.0.1' });
  await lt.waitFor((l) => l.event === 'state' && l.state === 'seeding', 'libtorrent to seed', 20_000);

  const root = await tempDir(t, 'swarmhook-daemon-root-');
  const downloads = join(root, 'downloads');
  const state = await tempDir(t, 'swarmhook-daemon-state-');
  const rpcPort = await freePort();
  const config = await writeDaemonConfig(await tempDir(t, 'swarmhook-daemon-config-'), { rpcPort, root });
  const args = ['--state', state, '--config', config, '-v'];
  const tr = (...a: string[]): Promise<string> => transmissionRemote(rpcPort, a);
  const list = async (): Promise<ListedTorrent[]> => parseList(await tr('-l'));

  let daemon = await startDaemonProcess(t, args);
  t.regex(await tr('-a', seed.torrentPath, '-w', downloads), /success/);
  const [added] = await list();
  t.deepEqual([added?.id, added?.done, added?.name], [1, '0%', SINGLE_FILE.name]);
  t.not(added?.status, 'Stopped', 'an added torrent starts');
  lt.connect('127.0.0.1', daemon.port);
  await untilAsync('transmission-remote -l to show 100%', 90_000, async () => ((await list())[0]?.done === '100%' ? true : undefined));
  await assertSameFiles(t, seed, downloads);
  t.regex(daemon.process.stderr, /passed its hash check/, 'with -v the log shows each piece checked (so its absence after the restart means something)');

  t.regex(await tr('-t', '1', '-S'), /success/);
  t.is((await list())[0]?.status, 'Stopped');
  t.regex(await tr('-t', '1', '-s'), /success/);
  t.not((await list())[0]?.status, 'Stopped');
  t.regex(await tr('-si'), /RPC version: 15[\s\S]*Download directory: /);
  t.regex(await tr('-st'), /CURRENT SESSION[\s\S]*Downloaded: /);
  const info = await tr('-t', '1', '-i');
  t.regex(info, new RegExp(`Hash: ${seed.metainfo.infoHash}`));
  t.regex(info, new RegExp(`Location: ${downloads.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

  // Stopped before the restart: it must come back stopped, complete, and unchecked.
  t.regex(await tr('-t', '1', '-S'), /success/);
  await daemon.process.stop();
  t.is(daemon.process.exitCode, 0, daemon.process.tail());
  const session = JSON.parse(await readFile(join(state, 'session.json'), 'utf8')) as { torrents: { infoHash: string; paused: boolean; dir: string }[] };
  t.deepEqual(session.torrents.map((x) => [x.infoHash, x.paused, x.dir]), [[seed.metainfo.infoHash, true, downloads]]);

  daemon = await startDaemonProcess(t, args);
  const restored = await list();
  t.deepEqual(restored.map((r) => [r.id, r.done, r.status, r.name]), [[1, '100%', 'Stopped', SINGLE_FILE.name]]);
  t.regex(await tr('-t', '1', '-s'), /success/);
  await untilAsync('the restored torrent to seed', 20_000, async () => ((await list())[0]?.status !== 'Stopped' ? true : undefined));
  t.notRegex(daemon.process.stderr, /passed its hash check|failed its hash check/, 'a restart hashes no piece');

  t.regex(await tr('-t', '1', '--remove-and-delete'), /success/);
  t.deepEqual(await list(), []);
  await t.throwsAsync(access(join(downloads, SINGLE_FILE.name)), { code: 'ENOENT' });
  await daemon.process.stop();
  t.is(daemon.process.exitCode, 0, daemon.process.tail());
});

remoteTest('transmission-remote chooses files while the torrent runs (-G, -g, -ph, -pl), and -v finds a corrupted piece, which is downloaded again', async (t) => {
  t.timeout(180_000);
  const seed = await makeSeedTorrent(t, MULTI_FILE);
  const seeder = await swarmhookSeed(t, seed);
  const root = await tempDir(t, 'swarmhook-daemon-root-');
  const downloads = join(root, 'downloads');
  const state = await tempDir(t, 'swarmhook-daemon-state-');
  const rpcPort = await freePort();
  const config = await writeDaemonConfig(await tempDir(t, 'swarmhook-daemon-config-'), { rpcPort, root });
  const daemon = await startDaemonProcess(t, ['--state', state, '--config', config, '-v']);
  const tr = (...a: string[]): Promise<string> => transmissionRemote(rpcPort, a);
  const list = async (): Promise<ListedTorrent[]> => parseList(await tr('-l'));
  const files = async () => parseFiles(await tr('-t', '1', '-f'));
  // Only the seeder knows where the other is (no tracker): it dials the daemon, and again after a pause and resume.
  const redial = (): void => {
    seeder.swarm.pause();
    seeder.swarm.resume();
  };
  const indexOf = async (name: string): Promise<string> => String((await files()).find((f) => f.name === `${MULTI_FILE.name}/${name}`)!.index);

  // No peer knows the daemon yet: the choices are made before anything comes in. The .torrent is given by URL: the daemon fetches it.
  const web = await fileServer(t, { '/multi.torrent': await readFile(seed.torrentPath) });
  t.regex(await tr('-a', `${web}/multi.torrent`, '-w', downloads), /success/);
  const last = await indexOf('z-last.bin');
  const first = await indexOf('a/first.bin');
  const middle = await indexOf('b/middle.bin');
  t.regex(await tr('-t', '1', '-G', last), /success/);
  t.regex(await tr('-t', '1', '-ph', first), /success/);
  t.regex(await tr('-t', '1', '-pl', middle), /success/);
  const chosen = await files();
  t.deepEqual(chosen.map((f) => [f.name.slice(MULTI_FILE.name.length + 1), f.priority, f.get]).sort(), [
    ['a/empty.txt', 'Normal', 'Yes'],
    ['a/first.bin', 'High', 'Yes'],
    ['b/c/tiny.bin', 'Normal', 'Yes'],
    ['b/middle.bin', 'Low', 'Yes'],
    ['z-last.bin', 'Normal', 'No'],
  ]);

  seeder.swarm.addPeers([{ ip: '127.0.0.1', port: daemon.port }]);
  await untilAsync('the wanted files to be in (100% of what is wanted)', 90_000, async () => ((await list())[0]?.done === '100%' ? true : undefined));
  const skipped = (await files()).find((f) => f.name.endsWith('z-last.bin'))!;
  t.not(skipped.done, '100%', 'the skipped file is not downloaded (beyond the piece it shares)');

  t.regex(await tr('-t', '1', '-g', last), /success/);
  // Done with what it wanted, the daemon dropped the seeder (two seeds); with no tracker here, the seeder dials again.
  redial();
  await untilAsync('every file to be in', 90_000, async () => ((await list())[0]?.done === '100%' ? true : undefined));
  t.true((await files()).every((f) => f.done === '100%' || f.name.endsWith('empty.txt')));
  await assertSameFiles(t, seed, downloads);

  // One piece in the middle of a/first.bin is overwritten on disk behind the daemon's back.
  const target = join(downloads, MULTI_FILE.name, 'a', 'first.bin');
  const sizeBefore = (await stat(target)).size;
  const handle = await open(target, 'r+');
  await handle.write(Buffer.alloc(4096, 0xee), 0, 4096, 5 * MULTI_FILE.pieceLength + 100);
  await handle.close();
  const failedBefore = (daemon.process.stderr.match(/failed its hash check/g) ?? []).length;
  t.regex(await tr('-t', '1', '-v'), /success/);
  await untilAsync('the verify to find the bad piece', 60_000, async () => ((daemon.process.stderr.match(/failed its hash check/g) ?? []).length > failedBefore ? true : undefined));
  await untilAsync('the verify to end with a piece missing', 60_000, async () => {
    const [row] = await list();
    return row !== undefined && row.done !== '100%' && !/Verif|Check/i.test(row.status) ? true : undefined;
  });
  // The verify dropped the peers; the seeder dials again.
  redial();
  await untilAsync('the piece to be downloaded again', 90_000, async () => ((await list())[0]?.done === '100%' ? true : undefined));
  t.is((await stat(target)).size, sizeBefore);
  await assertSameFiles(t, seed, downloads);
  await daemon.process.stop();
  t.is(daemon.process.exitCode, 0, daemon.process.tail());
});
