import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

async function exchange(t: import('ava').ExecutionContext, files: Record<string, number>, pieceLength: number) {
  const seedDir = await tempDir(t);
  const leechDir = await tempDir(t);
  await writeFiles(join(seedDir, 'payload'), files);
  const names = Object.keys(files);
  // One file is made a single-file torrent; several, a folder torrent.
  const source = names.length === 1 ? join(seedDir, 'payload', names[0]!) : join(seedDir, 'payload');
  const { metainfo } = await createTorrent(source, { pieceLength });
  t.is(metainfo.multiFile, names.length > 1);
  await rename(source, join(seedDir, metainfo.name)).catch(() => undefined);
  const passed: number[] = [];
  const seeder = new Client(LOOPBACK);
  const leecher = new Client({ ...LOOPBACK, on_piece_hash_passed: (_c, info) => passed.push(info.index) });
  t.teardown(() => Promise.all([seeder.destroy(), leecher.destroy()]));
  const seeding = await seeder.addTorrent(metainfo, { dir: seedDir });
  t.is(seeding.state, 'seeding');
  const downloading = await leecher.addTorrent(metainfo, { dir: leechDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  await downloading.whenComplete();
  t.is(downloading.state, 'seeding');
  t.is(new Set(passed).size, metainfo.pieceCount);
  t.true(await sameFiles(seedDir, leechDir, metainfo.files.map((f) => f.path)));
}

test('two clients exchange a single-file torrent over loopback', async (t) => {
  await exchange(t, { 'one.bin': 3 * 65536 + 1234 }, 65536);
});

test('two clients exchange a multi-file torrent: odd sizes, a piece spanning three files, a zero-length file', async (t) => {
  await exchange(
    t,
    { 'a/first.bin': 40_000, 'a/empty.txt': 0, 'b/c/mid.bin': 5_000, 'b/small.bin': 7_000, 'z-last.bin': 100_001 },
    32768,
  );
});

test('a torrent closes its files after the check; the torrents of a client share one budget of open files', async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`t${i}.bin`, 40_000 + i])));
  let open = 0;
  let most = 0;
  const client = new Client({
    ...LOOPBACK,
    limits: { maxOpenFiles: 2 },
    on_file_open: () => void (most = Math.max(most, ++open)),
    on_file_close: () => void open--,
  });
  t.teardown(() => client.destroy());
  const torrents = [];
  for (let i = 0; i < 5; i++) {
    const { metainfo } = await createTorrent(join(dir, `t${i}.bin`), { pieceLength: 16384 });
    torrents.push(await client.addTorrent(metainfo, { dir }));
  }
  t.true(torrents.every((torrent) => torrent.state === 'seeding'));
  t.is(open, 0, 'no file stays open after its check');
  t.true(most <= 2, `at most maxOpenFiles at once (${most})`);
});
