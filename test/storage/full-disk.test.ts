// A full disk and an unwritable target folder during a real download over
// loopback: file_error (fatal) names the file, the torrent stops in 'error'
// keeping its verified pieces, the client goes on serving its other torrents,
// and once the cause is gone resume() fetches only what is missing.
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { Client } from '../../core/client.ts';
import type { EventSink } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { StorageError } from '../../core/storage/errors.ts';
import { Storage } from '../../core/storage/storage.ts';
import type { TorrentFile } from '../../core/types.ts';
import { ManagedProcess } from '../helpers/child-process.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { until } from '../helpers/until.ts';

const BT = fileURLToPath(new URL('../../bin/bt.js', import.meta.url));
// No resume data: a seeder's stop would write it into temp folders that are being removed by then.
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' }, resume: { enabled: false } } as const;
const PIECE = 32 * 1024;
const FILES = { 'a.bin': 300_000, 'full.bin': 100_000, 'z.bin': 250_000 };

/** Pieces holding at least one byte of `file`. */
function piecesOf(meta: Metainfo, file: { offset: number; length: number }): Set<number> {
  const out = new Set<number>();
  for (let p = Math.floor(file.offset / meta.pieceLength); p * meta.pieceLength < file.offset + file.length; p++) out.add(p);
  return out;
}

const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

/** A second, single-file torrent seeded by `seeder`, to show the client still works. */
async function otherTorrent(t: import('ava').ExecutionContext, seeder: Client): Promise<{ meta: Metainfo; dir: string }> {
  const dir = await tempDir(t);
  await writeFiles(dir, { 'other.bin': 200_000 });
  const { metainfo } = await createTorrent(join(dir, 'other.bin'), { pieceLength: PIECE });
  t.is((await seeder.addTorrent(metainfo, { dir })).state, 'seeding');
  return { meta: metainfo, dir };
}

test('a file that is /dev/full: file_error, the torrent stops in error keeping its pieces, the client goes on, resume() fetches only the rest', async (t) => {
  t.timeout(60_000);
  t.true(existsSync('/dev/full'), 'this test needs /dev/full (Linux)');
  const partialDir = await tempDir(t);
  const fullDir = await tempDir(t);
  const leechDir = await tempDir(t);
  await writeFiles(join(fullDir, 'payload'), FILES);
  const { metainfo } = await createTorrent(join(fullDir, 'payload'), { pieceLength: PIECE });
  const fullFile = metainfo.files.find((f) => f.path.endsWith('full.bin'))!;
  const onFull = piecesOf(metainfo, fullFile);
  const elsewhere = new Set(Array.from({ length: metainfo.pieceCount }, (_, i) => i).filter((i) => !onFull.has(i)));
  t.true(onFull.size >= 3 && elsewhere.size >= 15);

  // Two seeders: one lacks full.bin, so the pieces elsewhere arrive first, deterministically.
  await writeFiles(join(partialDir, 'payload'), { 'a.bin': FILES['a.bin'], 'z.bin': FILES['z.bin'] });
  const partial = new Client(LOOPBACK);
  const complete = new Client(LOOPBACK);
  const fileErrors: { file: TorrentFile; severity: string; error: Error }[] = [];
  const passed: number[] = [];
  const leecher = new Client({
    ...LOOPBACK,
    on_file_error: (_c, info) => fileErrors.push(info),
    on_piece_hash_passed: (_c, info) => {
      if (info.torrent.infoHash === metainfo.infoHash) passed.push(info.index);
    },
  });
  t.teardown(() => Promise.all([partial.destroy(), complete.destroy(), leecher.destroy()]));
  t.is((await partial.addTorrent(metainfo, { dir: partialDir })).state, 'downloading');
  t.is((await complete.addTorrent(metainfo, { dir: fullDir })).state, 'seeding');

  await mkdir(join(leechDir, 'payload'));
  const fullPath = join(leechDir, fullFile.path);
  await symlink('/dev/full', fullPath);
  const torrent = await leecher.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: partial.port! }] });
  const completing = torrent.whenComplete();
  completing.catch(() => undefined); // rejected at teardown if the test fails first
  await until('the pieces outside full.bin', 20_000, () => (passed.length === elsewhere.size ? true : undefined));
  t.deepEqual(sorted(passed), sorted(elsewhere));

  // The complete seeder has the pieces of full.bin: writing them fails.
  torrent.addPeers([{ ip: '127.0.0.1', port: complete.port! }]);
  await until('the torrent to stop in error', 20_000, () => (torrent.state === 'error' ? true : undefined));
  t.true(fileErrors.length >= 1);
  for (const e of fileErrors) {
    t.is(e.file.path, fullFile.path);
    t.is(e.severity, 'fatal');
    t.true(e.error instanceof StorageError && e.error.code === 'DISK_FULL', e.error.message);
  }
  t.true(torrent.error instanceof StorageError && (torrent.error as StorageError).code === 'DISK_FULL');
  t.deepEqual(sorted(passed), sorted(elsewhere), 'no piece of full.bin passed');
  t.is(torrent.peers.length, 0, 'its connections are closed');

  // The client goes on: another torrent completes meanwhile.
  const other = await otherTorrent(t, complete);
  const otherDir = await tempDir(t);
  const second = await leecher.addTorrent(other.meta, { dir: otherDir, peers: [{ ip: '127.0.0.1', port: complete.port! }] });
  await second.whenComplete();
  t.true(await sameFiles(other.dir, otherDir, ['other.bin']));
  t.is(torrent.state, 'error', 'the failed torrent stays stopped');

  // Verified pieces are on disk: a fresh check finds exactly them.
  const silent: EventSink = { emit: () => undefined, listens: () => false };
  const recheck = new Storage({ layout: metainfo, dir: leechDir, torrent, sink: silent });
  const have = await recheck.check();
  await recheck.close();
  t.deepEqual(sorted([...have].flatMap((h, i) => (h === 1 ? [i] : []))), sorted(elsewhere));
  t.deepEqual([...have], [...torrent.picker.have]);

  // The disk is "freed": resume fetches the pieces of full.bin and nothing else.
  await unlink(fullPath);
  const before = passed.length;
  torrent.resume();
  await completing;
  t.is(torrent.state, 'seeding');
  t.deepEqual(sorted(passed.slice(before)), sorted(onFull), 'only the missing pieces were fetched');
  t.true(await sameFiles(fullDir, leechDir, metainfo.files.map((f) => f.path)), 'files byte for byte');
});

test('a target folder that is a file: file_error, the torrent stops in error, the client goes on', async (t) => {
  t.timeout(60_000);
  const seedDir = await tempDir(t);
  const work = await tempDir(t);
  await writeFiles(join(seedDir, 'payload'), { 'a.bin': 70_000, 'b.bin': 30_000 });
  const { metainfo } = await createTorrent(join(seedDir, 'payload'), { pieceLength: PIECE });
  const seeder = new Client(LOOPBACK);
  const fileErrors: { file: TorrentFile; error: Error }[] = [];
  const leecher = new Client({ ...LOOPBACK, on_file_error: (_c, info) => fileErrors.push(info) });
  t.teardown(() => Promise.all([seeder.destroy(), leecher.destroy()]));
  await seeder.addTorrent(metainfo, { dir: seedDir });

  const notAFolder = join(work, 'not-a-folder');
  await writeFile(notAFolder, 'a file where the download folder should be');
  const torrent = await leecher.addTorrent(metainfo, { dir: notAFolder, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await until('the torrent to stop in error', 20_000, () => (torrent.state === 'error' ? true : undefined));
  t.true(fileErrors.length >= 1);
  t.true(fileErrors.every((e) => e.error instanceof StorageError && e.error.code === 'NOT_A_DIRECTORY'), fileErrors.map((e) => e.error.message).join('\n'));
  t.is(torrent.picker.haveCount, 0);
  t.is(await readFile(notAFolder, 'utf8'), 'a file where the download folder should be', 'the file in the way is untouched');

  const other = await otherTorrent(t, seeder);
  const otherDir = await tempDir(t);
  await (await leecher.addTorrent(other.meta, { dir: otherDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] })).whenComplete();
  t.true(await sameFiles(other.dir, otherDir, ['other.bin']));
});

test('bt download into a file where the folder should be exits 1 with the coded error, not a crash', async (t) => {
  t.timeout(60_000);
  const seedDir = await tempDir(t);
  const work = await tempDir(t);
  await writeFiles(join(seedDir, 'payload'), { 'a.bin': 70_000, 'b.bin': 30_000 });
  const { torrent, metainfo } = await createTorrent(join(seedDir, 'payload'), { pieceLength: PIECE });
  const torrentPath = join(work, 'payload.torrent');
  await writeFile(torrentPath, torrent);
  const seeder = new Client(LOOPBACK);
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir: seedDir });
  const notAFolder = join(work, 'not-a-folder');
  await writeFile(notAFolder, 'x');
  const config = join(work, 'btrc.json');
  await writeFile(config, JSON.stringify({ listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } }));

  const bt = ManagedProcess.start(
    t,
    process.execPath,
    [BT, 'download', torrentPath, '-o', notAFolder, '--peer', `127.0.0.1:${seeder.port}`, '--quiet', '--config', config],
    { name: 'bt download', cwd: work },
  );
  t.is(await bt.waitForExit('bt download to give up', 30_000), 1, bt.tail());
  t.regex(bt.stderr, /^bt download: \[NOT_A_DIRECTORY\] cannot \w+ .*not-a-folder/m);
  t.notRegex(bt.stderr, /\n\s+at /, 'no stack trace');
});
