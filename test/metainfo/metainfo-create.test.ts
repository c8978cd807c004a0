// createTorrent: folders, ordering, options, piece lengths, streaming hashes,
// and a property test that what it writes parses back to the same torrent.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import {
  choosePieceLength,
  createTorrent,
  MetainfoError,
  parseTorrent,
  type Metainfo,
  type MetainfoErrorCode,
} from '../../core/metainfo/index.ts';

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-create-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeTree(root: string, files: Record<string, Buffer | string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

/** Hashes the torrent's data the obvious way (all in memory) and compares. */
function assertPiecesMatch(t: ExecutionContext, m: Metainfo, baseFolder: string): void {
  const data = Buffer.concat(m.files.map((f) => readFileSync(join(baseFolder, ...f.pathSegments))));
  t.is(data.length, m.length);
  const mismatched = m.pieces.filter((hash, i) => {
    const piece = data.subarray(i * m.pieceLength, (i + 1) * m.pieceLength);
    return !createHash('sha1').update(piece).digest().equals(hash);
  });
  t.is(mismatched.length, 0, 'every piece hash matches');
}

/** A Metainfo without its method, for deepEqual. */
const comparable = (m: Metainfo): Omit<Metainfo, 'pieceLengthAt'> => {
  const { pieceLengthAt: _, ...fields } = m;
  return fields;
};

async function rejects(t: ExecutionContext, promise: Promise<unknown>, code: MetainfoErrorCode): Promise<void> {
  const err = await t.throwsAsync(promise, { instanceOf: MetainfoError });
  t.is(err?.code, code, err?.message);
}

test('a folder: nested folders, zero-length files, files in byte order of their path components', async (t) => {
  const dir = tempDir(t);
  writeTree(join(dir, 'pack'), {
    'b.txt': 'bee',
    'a-b': 'dash',
    'a/z.bin': randomBytes(40000),
    'a/deep/er/x': randomBytes(20000),
    'B upper': 'upper-case sorts before lower-case',
    'empty': '',
    'ü.txt': 'unicode sorts by UTF-8 bytes, after ASCII',
  });
  const { torrent, metainfo: m } = await createTorrent(join(dir, 'pack'), { pieceLength: 16384, creationDate: null });
  t.deepEqual(
    m.files.map((f) => [f.path, f.length]),
    [
      ['pack/B upper', 34],
      ['pack/a/deep/er/x', 20000],
      ['pack/a/z.bin', 40000],
      ['pack/a-b', 4],
      ['pack/b.txt', 3],
      ['pack/empty', 0],
      ['pack/ü.txt', Buffer.byteLength('unicode sorts by UTF-8 bytes, after ASCII')],
    ],
  );
  t.true(m.multiFile);
  t.is(m.name, 'pack');
  t.is(m.createdBy, 'swarmhook');
  t.is(m.creationDate, undefined);
  t.deepEqual(comparable(parseTorrent(torrent)), comparable(m));
  assertPiecesMatch(t, m, dir);
});

test('a single file, with every option', async (t) => {
  const dir = tempDir(t);
  writeTree(dir, { 'data.bin': randomBytes(100000) });
  const before = Math.floor(Date.now() / 1000);
  const { metainfo: m } = await createTorrent(join(dir, 'data.bin'), {
    pieceLength: 32768,
    announce: ['http://127.0.0.1:6969/announce', 'udp://127.0.0.1:6969'],
    urlList: ['http://127.0.0.1:8080/data.bin'],
    private: true,
    comment: 'a comment ✓',
    createdBy: 'test',
    name: 'renamed.bin',
  });
  t.false(m.multiFile);
  t.is(m.name, 'renamed.bin');
  t.deepEqual(m.files.map((f) => f.path), ['renamed.bin']);
  t.is(m.pieceLength, 32768);
  t.is(m.pieceCount, 4);
  t.is(m.lastPieceLength, 100000 - 3 * 32768);
  t.deepEqual(m.announce, [['http://127.0.0.1:6969/announce'], ['udp://127.0.0.1:6969']]);
  t.deepEqual(m.urlList, ['http://127.0.0.1:8080/data.bin']);
  t.true(m.private);
  t.is(m.comment, 'a comment ✓');
  t.is(m.createdBy, 'test');
  t.true(m.creationDate !== undefined && m.creationDate >= before && m.creationDate <= before + 5);
  const data = readFileSync(join(dir, 'data.bin'));
  t.true(createHash('sha1').update(data.subarray(0, 32768)).digest().equals(m.pieces[0]!));
});

test('tracker tiers given as lists; one tracker writes no announce-list', async (t) => {
  const dir = tempDir(t);
  writeTree(dir, { f: 'x' });
  const tiers = await createTorrent(join(dir, 'f'), { announce: [['http://127.0.0.1:1/a', 'http://127.0.0.1:2/a'], ['udp://127.0.0.1:3']] });
  t.deepEqual(tiers.metainfo.announce, [['http://127.0.0.1:1/a', 'http://127.0.0.1:2/a'], ['udp://127.0.0.1:3']]);
  const one = await createTorrent(join(dir, 'f'), { announce: ['http://127.0.0.1:1/a'] });
  t.deepEqual(one.metainfo.announce, [['http://127.0.0.1:1/a']]);
  t.false(one.torrent.includes('announce-list'));
  await rejects(t, createTorrent(join(dir, 'f'), { announce: [''] }), 'BAD_OPTION');
});

test('the automatic piece length aims at 1000-2000 pieces, a power of two from 16 KiB to 16 MiB', (t) => {
  t.is(choosePieceLength(1), 16384);
  t.is(choosePieceLength(300 * 1024), 16384);
  t.is(choosePieceLength(2 ** 30), 2 ** 20);
  t.is(choosePieceLength(2 ** 50), 16 * 2 ** 20);
  for (const total of [40e6, 123456789, 2 ** 32 + 7, 10e9]) {
    const p = choosePieceLength(total);
    const count = Math.ceil(total / p);
    t.true(count > 1000 && count <= 2000, `${total} bytes: ${count} pieces of ${p}`);
    t.is(p & (p - 1), 0);
  }
});

test('pieces that span files and read chunks hash like one buffer', async (t) => {
  const dir = tempDir(t);
  // Sizes that cross the 4 MiB read chunk and piece boundaries at odd places.
  writeTree(join(dir, 'big'), {
    '1': randomBytes(5 * 2 ** 20 + 3),
    '2': randomBytes(1),
    '3': '',
    '4': randomBytes(3 * 2 ** 20 + 16385),
  });
  for (const pieceLength of [16384, 2 ** 20, 2 ** 23]) {
    const seen: number[] = [];
    const { metainfo: m } = await createTorrent(join(dir, 'big'), { pieceLength, onProgress: (done) => seen.push(done) });
    assertPiecesMatch(t, m, dir);
    t.is(seen.at(-1), m.length);
    t.deepEqual(seen, [...seen].sort((a, b) => a - b));
  }
});

test('symlinks to files are followed, symlinks to folders are not', async (t) => {
  const dir = tempDir(t);
  writeTree(join(dir, 'outside'), { 'target.txt': 'target' });
  writeTree(join(dir, 'pack'), { 'real.txt': 'real' });
  symlinkSync(join(dir, 'outside', 'target.txt'), join(dir, 'pack', 'link.txt'));
  symlinkSync(join(dir, 'pack'), join(dir, 'pack', 'loop'));
  const { metainfo: m } = await createTorrent(join(dir, 'pack'));
  t.deepEqual(m.files.map((f) => [f.path, f.length]), [['pack/link.txt', 6], ['pack/real.txt', 4]]);
});

test('bad requests: empty data, bad piece lengths, unsafe names, missing path', async (t) => {
  const dir = tempDir(t);
  writeTree(dir, { 'zeros/a': '', 'zeros/b/c': '', 'ok/f': 'data', 'bad/a\\b': 'x' });
  mkdirSync(join(dir, 'nothing'));
  await rejects(t, createTorrent(join(dir, 'nothing')), 'EMPTY_TORRENT');
  await rejects(t, createTorrent(join(dir, 'zeros')), 'EMPTY_TORRENT');
  await rejects(t, createTorrent(join(dir, 'zeros', 'a')), 'EMPTY_TORRENT');
  for (const pieceLength of [0, -16384, 1000, 16385, 2 ** 29, 1.5 * 16384]) {
    await rejects(t, createTorrent(join(dir, 'ok'), { pieceLength }), 'BAD_OPTION');
  }
  await rejects(t, createTorrent(join(dir, 'ok'), { name: '..' }), 'UNSAFE_PATH');
  await rejects(t, createTorrent(join(dir, 'ok'), { name: 'a/b' }), 'UNSAFE_PATH');
  await rejects(t, createTorrent(join(dir, 'bad')), 'UNSAFE_PATH');
  const missing = await t.throwsAsync(createTorrent(join(dir, 'no-such-thing')));
  t.is((missing as NodeJS.ErrnoException | undefined)?.code, 'ENOENT');
});

// Names that are safe path components, ASCII and not.
const segment = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9 _-]{1,6}$/), fc.constantFrom('', '.txt', 'é', '日本', '.bin'))
  .map(([a, b]) => a + b);
const tree = fc.array(fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 40000 })), {
  minLength: 1,
  maxLength: 8,
});

test('property: createTorrent -> parseTorrent round trip on random folders', async (t) => {
  const root = tempDir(t);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(tree, fc.constantFrom(16384, 32768, 65536), async (entries, pieceLength) => {
      // Keep a set of paths where no file is also another's folder.
      const files = new Map<string, { segments: string[]; length: number }>();
      for (const [segments, length] of entries) {
        const path = segments.join('/');
        const clash = [...files.keys()].some((p) => p === path || p.startsWith(`${path}/`) || path.startsWith(`${p}/`));
        if (!clash) files.set(path, { segments, length });
      }
      const total = [...files.values()].reduce((s, f) => s + f.length, 0);
      const dir = join(root, String(run++));
      writeTree(join(dir, 'p'), Object.fromEntries([...files].map(([path, f]) => [path, randomBytes(f.length)])));
      if (total === 0) {
        const err = await createTorrent(join(dir, 'p'), { pieceLength }).catch((e: unknown) => e);
        return err instanceof MetainfoError && err.code === 'EMPTY_TORRENT';
      }
      const { torrent, metainfo } = await createTorrent(join(dir, 'p'), { pieceLength, announce: ['udp://127.0.0.1:1'] });
      const back = parseTorrent(torrent);
      t.deepEqual(comparable(back), comparable(metainfo));
      const byComponents = (a: { segments: string[] }, b: { segments: string[] }): number => {
        for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
          const c = Buffer.compare(Buffer.from(a.segments[i]!), Buffer.from(b.segments[i]!));
          if (c !== 0) return c;
        }
        return a.segments.length - b.segments.length;
      };
      const expected = [...files.values()].sort(byComponents).map((f) => [['p', ...f.segments].join('/'), f.length]);
      t.deepEqual(back.files.map((f) => [f.path, f.length]), expected);
      t.is(back.length, total);
      t.is(back.pieceCount, Math.ceil(total / pieceLength));
      assertPiecesMatch(t, back, dir);
      rmSync(dir, { recursive: true, force: true });
      return true;
    }),
    { numRuns: 40 },
  );
});
