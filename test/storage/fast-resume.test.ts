// Fast resume: a torrent stopped cleanly saves resume data beside its
// download; the next start trusts the files whose size and mtime still match
// (no piece of them is read or hashed) and hashes the pieces touching any
// other file. Unusable resume data is a resume_data_error warning and a full
// check, never a failure.
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { bdecode, bencode, isBencodeDict } from '../../core/bencode/index.ts';
import { Client } from '../../core/client.ts';
import type { EventInfo } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { decodeResumeData, RESUME_FORMAT_VERSION, resumeFilePath, writeFileAtomic } from '../../core/storage/resume-data.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 32 * 1024;
// Sizes off the piece boundaries: pieces 2, 5 and 7 span two files.
const FILES = { 'set/a.bin': 3 * PIECE + 1000, 'set/b.bin': 3 * PIECE - 500, 'set/c.bin': 2 * PIECE + 7000 };

interface Run {
  readonly hashed: number[];
  readonly reads: number;
  readonly warnings: EventInfo<'resume_data_error'>[];
  readonly state: string;
}

async function payload(t: ExecutionContext): Promise<{ dir: string; meta: Metainfo }> {
  const dir = await tempDir(t);
  await writeFiles(dir, FILES);
  const { metainfo } = await createTorrent(join(dir, 'set'), { pieceLength: PIECE });
  return { dir, meta: metainfo };
}

/** Adds the torrent in a fresh client, records what its start hashed and read, and stops it cleanly. */
async function run(meta: Metainfo, dir: string, settings: ConstructorParameters<typeof Client>[0] = {}): Promise<Run> {
  const client = new Client({ ...LOOPBACK, ...settings });
  const hashed: number[] = [];
  const warnings: EventInfo<'resume_data_error'>[] = [];
  let reads = 0;
  client.on_piece_hash_passed((_c, i) => void hashed.push(i.index));
  client.on_piece_hash_failed((_c, i) => void hashed.push(i.index));
  client.on_file_read(() => void reads++);
  client.on_resume_data_error((_c, i) => void warnings.push(i));
  try {
    const torrent = await client.addTorrent(meta, { dir });
    return { hashed: hashed.sort((a, b) => a - b), reads, warnings, state: torrent.state };
  } finally {
    await client.destroy();
  }
}

const all = (meta: Metainfo): number[] => Array.from({ length: meta.pieceCount }, (_, i) => i);

/** Pieces holding bytes of the file at `path`. */
function piecesOf(meta: Metainfo, path: string): number[] {
  const f = meta.files.find((x) => x.path.endsWith(path))!;
  const first = Math.floor(f.offset / PIECE);
  const last = Math.floor((f.offset + f.length - 1) / PIECE);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

test('after a clean stop, the restart trusts the resume data: nothing is read or hashed, and it seeds', async (t) => {
  const { dir, meta } = await payload(t);
  const first = await run(meta, dir);
  t.deepEqual(first.hashed, all(meta), 'the first start checks every piece');
  const path = resumeFilePath({ dir, name: meta.name, infoHash: meta.infoHash });
  const saved = decodeResumeData(await readFile(path), { infoHash: meta.infoHash, pieceCount: meta.pieceCount, fileCount: meta.files.length });
  t.deepEqual([...saved.have], all(meta).map(() => 1));
  t.deepEqual(saved.files.map((f) => f.size), Object.values(FILES));

  const second = await run(meta, dir);
  t.deepEqual(second.hashed, []);
  t.is(second.reads, 0);
  t.is(second.state, 'seeding');
  t.deepEqual(second.warnings, []);
  // Atomic writes leave no temporary file behind.
  t.deepEqual((await readdir(dir)).sort(), [`.set.${meta.infoHash.slice(0, 8)}.swarmhook-resume`, 'set']);
});

test('a file whose mtime changed is rechecked: only the pieces touching it are hashed', async (t) => {
  const { dir, meta } = await payload(t);
  await run(meta, dir);
  const when = new Date(Date.now() + 5000);
  await utimes(join(dir, 'set', 'b.bin'), when, when);
  const second = await run(meta, dir);
  t.deepEqual(second.hashed, piecesOf(meta, 'b.bin'), 'the pieces of b.bin, including those it shares with a.bin and c.bin');
  t.is(second.state, 'seeding');
  // The stop after it saved b.bin's new mtime: the next start hashes nothing.
  t.deepEqual((await run(meta, dir)).hashed, []);
});

test('a file changed on disk behind the resume data is caught by its recheck', async (t) => {
  const { dir, meta } = await payload(t);
  await run(meta, dir);
  const path = join(dir, 'set', 'c.bin');
  const data = await readFile(path);
  data[10] ^= 0xff;
  await writeFile(path, data);
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  const failed: number[] = [];
  client.on_piece_hash_failed((_c, i) => void failed.push(i.index));
  const torrent = await client.addTorrent(meta, { dir });
  t.deepEqual(failed, [piecesOf(meta, 'c.bin')[0]]);
  t.is(torrent.state, 'downloading');
});

const spoilers: Record<string, (bytes: Buffer, other: Buffer) => Buffer> = {
  corrupt: (bytes) => Buffer.concat([Buffer.from('x'), bytes]),
  truncated: (bytes) => bytes.subarray(0, bytes.length - 9),
  'of another torrent': (_bytes, other) => other,
  'of another format version': (bytes) => {
    const root = bdecode(bytes).value;
    if (!isBencodeDict(root)) throw new Error('not a dictionary');
    return bencode({ ...root, version: RESUME_FORMAT_VERSION + 1 } as Parameters<typeof bencode>[0]);
  },
  empty: () => Buffer.alloc(0),
};

for (const [what, spoil] of Object.entries(spoilers)) {
  test(`resume data ${what}: a resume_data_error warning and a full check`, async (t) => {
    const { dir, meta } = await payload(t);
    await run(meta, dir);
    // Another torrent's resume data, saved under the same folder.
    const otherDir = await tempDir(t);
    await writeFiles(otherDir, { 'set/a.bin': 5000 });
    const other = (await createTorrent(join(otherDir, 'set'), { pieceLength: PIECE })).metainfo;
    await run(other, otherDir);
    const otherBytes = await readFile(resumeFilePath({ dir: otherDir, name: other.name, infoHash: other.infoHash }));

    const path = resumeFilePath({ dir, name: meta.name, infoHash: meta.infoHash });
    await writeFile(path, spoil(await readFile(path), otherBytes));
    const second = await run(meta, dir);
    t.deepEqual(second.hashed, all(meta));
    t.is(second.state, 'seeding');
    t.is(second.warnings.length, 1);
    t.like(second.warnings[0], { event: 'resume_data_error', severity: 'warning', operation: 'load', path });
    t.regex(second.warnings[0].message, /every piece is checked/);
    // The clean stop wrote good data again.
    t.deepEqual((await run(meta, dir)).hashed, []);
  });
}

test('resume.dir holds the resume files by info hash; resume.enabled false neither reads nor writes them', async (t) => {
  const { dir, meta } = await payload(t);
  const state = join(await tempDir(t), 'state');
  await run(meta, dir, { resume: { dir: state } });
  t.deepEqual(await readdir(state), [`${meta.infoHash}.swarmhook-resume`]);
  t.deepEqual(await readdir(dir), ['set']);
  t.deepEqual((await run(meta, dir, { resume: { dir: state } })).hashed, []);
  t.deepEqual((await run(meta, dir, { resume: { dir: state, enabled: false } })).hashed, all(meta));
  const otherState = join(await tempDir(t), 'state');
  await run(meta, dir, { resume: { dir: otherState, enabled: false } });
  t.deepEqual(await readdir(dir), ['set']);
});

test('a resume file that cannot be written is a warning, not a failure', async (t) => {
  const { dir, meta } = await payload(t);
  // The state folder's place is taken by a file: mkdir fails.
  const blocker = join(await tempDir(t), 'file');
  await writeFile(blocker, 'x');
  const first = await run(meta, dir, { resume: { dir: join(blocker, 'state') } });
  t.is(first.state, 'seeding');
  t.true(first.warnings.some((w) => w.operation === 'save'));
});

test('writeFileAtomic replaces the file whole and leaves no temporary file', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'x.swarmhook-resume');
  await writeFileAtomic(path, Buffer.from('one'));
  await writeFileAtomic(path, Buffer.from('two'));
  t.is(await readFile(path, 'utf8'), 'two');
  t.deepEqual(await readdir(dir), ['x.swarmhook-resume']);
  await t.throwsAsync(writeFileAtomic(join(dir, 'missing', 'y'), Buffer.from('z')));
  t.deepEqual(await readdir(dir), ['x.swarmhook-resume']);
});

test('decodeResumeData is strict: spare bits, wrong counts and bad fields are coded errors', (t) => {
  const expected = { infoHash: 'ab'.repeat(20), pieceCount: 3, fileCount: 1 };
  const good = { version: RESUME_FORMAT_VERSION, 'info-hash': Buffer.from(expected.infoHash, 'hex'), pieces: 3, bitfield: Buffer.from([0xa0]), files: [[10, 5]], paused: 0, uploaded: 1, downloaded: 2 };
  const data = decodeResumeData(bencode(good), expected);
  t.deepEqual([...data.have], [1, 0, 1]);
  t.deepEqual(data.files, [{ size: 10, mtimeMs: 5 }]);
  const bad: [Partial<typeof good> & Record<string, unknown>, string][] = [
    [{ bitfield: Buffer.from([0xa1]) }, 'RESUME_DATA_CORRUPT'],
    [{ bitfield: Buffer.from([0xa0, 0]) }, 'RESUME_DATA_CORRUPT'],
    [{ pieces: 4 }, 'RESUME_DATA_MISMATCH'],
    [{ files: [] }, 'RESUME_DATA_MISMATCH'],
    [{ files: [[10]] }, 'RESUME_DATA_CORRUPT'],
    [{ paused: 2 }, 'RESUME_DATA_CORRUPT'],
    [{ uploaded: -1 }, 'RESUME_DATA_CORRUPT'],
    [{ 'info-hash': Buffer.alloc(19) }, 'RESUME_DATA_CORRUPT'],
    [{ version: 0 }, 'RESUME_DATA_VERSION'],
  ];
  for (const [change, code] of bad) {
    t.throws(() => decodeResumeData(bencode({ ...good, ...change } as Parameters<typeof bencode>[0]), expected), { code }, JSON.stringify(Object.keys(change)));
  }
  t.throws(() => decodeResumeData(bencode([1, 2]), expected), { code: 'RESUME_DATA_CORRUPT' });
});

test('pause saves resume data that records the pause; the stop after resume() records it running', async (t) => {
  const { dir, meta } = await payload(t);
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  const torrent = await client.addTorrent(meta, { dir });
  const path = resumeFilePath({ dir, name: meta.name, infoHash: meta.infoHash });
  const expected = { infoHash: meta.infoHash, pieceCount: meta.pieceCount, fileCount: meta.files.length };
  torrent.pause();
  // The save on completion (at start) may land first; the pause's comes after it.
  let saved;
  for (let i = 0; i < 500 && saved?.paused !== true; i++) {
    saved = await readFile(path).then((b) => decodeResumeData(b, expected), () => undefined);
    if (saved?.paused !== true) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  t.true(saved?.paused);
  torrent.resume();
  await client.destroy();
  t.false(decodeResumeData(await readFile(path), expected).paused);
});
