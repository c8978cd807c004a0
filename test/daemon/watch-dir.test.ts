// watch-dir: a .torrent dropped into the folder is added and renamed (or
// moved); a broken one is reported once and left alone until it changes.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createClient, type Client, type EventInfo } from '../../core/index.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';
import { until } from '../helpers/until.ts';

async function watching(t: ExecutionContext, options: object): Promise<{ client: Client; added: EventInfo<'watch_dir_added'>[]; errors: EventInfo<'watch_dir_error'>[] }> {
  const client = await createClient({
    config: false,
    listen: { ports: 0, tcp6: false, host4: '127.0.0.1' },
    plugins: [['dht', false], ['pex', false], ['logger', false], ['watch-dir', { intervalMs: 100, ...options }]],
  });
  t.teardown(() => client.destroy());
  const added: EventInfo<'watch_dir_added'>[] = [];
  const errors: EventInfo<'watch_dir_error'>[] = [];
  client.on_watch_dir_added((_c, info) => added.push(info));
  client.on_watch_dir_error((_c, info) => errors.push(info));
  return { client, added, errors };
}

async function torrentOf(t: ExecutionContext, name: string): Promise<{ dir: string; torrent: Buffer; infoHash: string }> {
  const dir = await tempDir(t);
  await writeFiles(dir, { [name]: 70_000 });
  const { torrent, metainfo } = await createTorrent(join(dir, name), { pieceLength: 16384 });
  return { dir, torrent, infoHash: metainfo.infoHash };
}

test('a dropped .torrent is added (into downloadDir) and renamed to .added; watch_dir_added says where it went', async (t) => {
  const watch = await tempDir(t);
  const seed = await torrentOf(t, 'a.bin');
  const w = await watching(t, { dir: watch, downloadDir: seed.dir });
  await writeFile(join(watch, 'a.torrent'), seed.torrent);
  const event = await until('the torrent to be added', 20_000, () => w.added[0]);
  t.is(event.path, join(watch, 'a.torrent.added'));
  t.is(event.torrent.infoHash, seed.infoHash);
  t.deepEqual(await readdir(watch), ['a.torrent.added']);
  const torrent = w.client.torrent(seed.infoHash)!;
  await torrent.whenComplete();
  t.is(torrent.progress, 1, 'its data was found in downloadDir');
});

test('moveTo moves the added file; paused adds it paused', async (t) => {
  const watch = await tempDir(t);
  const done = join(await tempDir(t), 'done');
  const seed = await torrentOf(t, 'b.bin');
  const w = await watching(t, { dir: watch, downloadDir: seed.dir, moveTo: done, paused: true });
  await writeFile(join(watch, 'b.torrent'), seed.torrent);
  const event = await until('the torrent to be added', 20_000, () => w.added[0]);
  t.is(event.path, join(done, 'b.torrent'));
  t.deepEqual(await readdir(done), ['b.torrent']);
  t.deepEqual(await readdir(watch), []);
  t.is(w.client.torrent(seed.infoHash)?.state, 'paused');
});

test('a broken file is reported once, not retried while unchanged, and added once fixed', async (t) => {
  const watch = await tempDir(t);
  const seed = await torrentOf(t, 'c.bin');
  const w = await watching(t, { dir: watch, downloadDir: seed.dir, maxFileBytes: 1024 * 1024 });
  await writeFile(join(watch, 'broken.torrent'), 'd4:infoi1ee');
  await writeFile(join(watch, 'huge.torrent'), Buffer.alloc(1024 * 1024 + 1));
  await until('both to be reported', 20_000, () => (w.errors.length >= 2 ? true : undefined));
  // Ten more scans: nothing new is reported.
  await new Promise((r) => setTimeout(r, 1000));
  t.deepEqual(w.errors.map((e) => e.path).sort(), [join(watch, 'broken.torrent'), join(watch, 'huge.torrent')]);
  t.is(w.errors.find((e) => e.path.endsWith('huge.torrent'))?.code, 'WATCH_DIR_TOO_LARGE');
  t.regex(w.errors.find((e) => e.path.endsWith('broken.torrent'))!.code, /^[A-Z_]+$/);
  t.is(w.errors[0]!.severity, 'warning');
  t.deepEqual((await readdir(watch)).sort(), ['broken.torrent', 'huge.torrent'], 'broken files stay where they are');
  await writeFile(join(watch, 'broken.torrent'), seed.torrent);
  const event = await until('the fixed file to be added', 20_000, () => w.added[0]);
  t.is(event.torrent.infoHash, seed.infoHash);
  t.is(w.errors.length, 2);
});

test('a missing folder is reported once', async (t) => {
  const w = await watching(t, { dir: join(await tempDir(t), 'not-there') });
  await until('the folder to be reported', 20_000, () => w.errors[0]);
  await new Promise((r) => setTimeout(r, 600));
  t.is(w.errors.length, 1);
  t.is(w.errors[0]!.code, 'WATCH_DIR_UNREADABLE');
});
