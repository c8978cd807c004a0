// The real transmission-remote (Debian's transmission-cli) drives `bt
// daemon`: adds a torrent that downloads from a libtorrent seeder to 100%,
// stops and starts it, shows session info and stats; the daemon restarts
// with the same torrents in the same states and checks nothing; then the
// torrent is removed with its data.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, makeSeedTorrent, SINGLE_FILE, assertSameFiles } from '../helpers/interop-swarm.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { parseList, startDaemonProcess, transmissionRemote, TRANSMISSION_REMOTE, writeDaemonConfig, type ListedTorrent } from '../helpers/bt-daemon.ts';
import { tempDir } from '../helpers/payload.ts';
import { untilAsync } from '../helpers/until.ts';

const test = interopTest(LIBTORRENT, TRANSMISSION_REMOTE);

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
