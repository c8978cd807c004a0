// Kill -9 with fast resume: `bt download` (a child process) saves resume data
// every few milliseconds while pieces arrive and is SIGKILLed mid-download
// (run 1). A second run starts from that save, downloads more pieces without
// saving, and is SIGKILLed too (run 1b): the save is now older than writes to
// the files. The restart trusts the files untouched since that save, hashes
// every piece touching a file written after it (its mtime moved on), never
// fetches a trusted piece again, and completes.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { decodeResumeData, encodeResumeData, resumeFilePath, type ResumeData } from '../../core/storage/resume-data.ts';
import { ManagedProcess, sleep } from '../helpers/child-process.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { StallProxy } from '../helpers/stall-proxy.ts';

const BT = fileURLToPath(new URL('../../bin/bt.js', import.meta.url));
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 64 * 1024;
const FILES = { 'set/a.bin': 4 * 1024 * 1024 + 100, 'set/b.bin': 4 * 1024 * 1024 - 3000, 'set/c.bin': 4 * 1024 * 1024, 'set/d.bin': 4 * 1024 * 1024 + 5 };
const LENGTH = Object.values(FILES).reduce((a, b) => a + b, 0);

interface LogLine {
  readonly event: string;
  readonly index?: number;
  readonly peers?: readonly unknown[];
}

async function readLog(path: string): Promise<LogLine[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l) as LogLine);
}

const indexes = (lines: readonly LogLine[], event: string, source: 'disk' | 'peers'): number[] =>
  lines.filter((l) => l.event === event && (source === 'disk' ? l.peers!.length === 0 : l.peers!.length > 0)).map((l) => l.index!);

const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

async function writeConfig(path: string, log: string, intervalMs: number): Promise<void> {
  const logger = { level: 'off', format: 'json', file: log, include: ['piece_hash_passed', 'piece_hash_failed', 'resume_data_error', 'torrent_complete'] };
  await writeFile(path, JSON.stringify({ listen: { ports: 0, tcp6: false, host4: '127.0.0.1' }, resume: { intervalMs }, plugins: [['logger', logger]] }));
}

test('SIGKILL after a periodic save: the restart trusts the unchanged files, rechecks the changed ones and completes', async (t) => {
  t.timeout(120_000);
  const seedDir = await tempDir(t);
  const leechDir = await tempDir(t);
  const work = await tempDir(t);
  await writeFiles(seedDir, FILES);
  const { torrent, metainfo: meta } = await createTorrent(join(seedDir, 'set'), { pieceLength: PIECE });
  const torrentPath = join(work, 'set.torrent');
  await writeFile(torrentPath, torrent);
  const resumePath = resumeFilePath({ dir: leechDir, name: meta.name, infoHash: meta.infoHash });
  const expected = { infoHash: meta.infoHash, pieceCount: meta.pieceCount, fileCount: meta.files.length };

  const seeder = new Client({ ...LOOPBACK, resume: { enabled: false } });
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(meta, { dir: seedDir });

  // With periodic saves on, the kill waits until a save holding every verified piece is on disk: each save
  // fsyncs the files, which a slow disk can take longer than the quiet spell to do.
  async function savedAll(intervalMs: number, fetched: readonly number[]): Promise<boolean> {
    if (intervalMs > 1000) return true;
    const bytes = await readFile(resumePath).catch(() => undefined);
    if (bytes === undefined) return false;
    const have = decodeResumeData(bytes, expected).have;
    return fetched.every((p) => have[p] === 1);
  }

  // Run 1 saves every 5 ms while pieces change; run 1b saves only on completion or a clean stop. Each reaches
  // the seeder through a relay that stalls after a share of the bytes, and is SIGKILLed once stalled.
  async function killedRun(name: string, share: number, intervalMs: number): Promise<number[]> {
    const proxy = await StallProxy.start(t, { target: { host: '127.0.0.1', port: seeder.port! }, budget: Math.floor(LENGTH * share) });
    const log = join(work, `${name}.jsonl`);
    await writeConfig(join(work, `${name}.btrc.json`), log, intervalMs);
    const child = ManagedProcess.start(
      t,
      process.execPath,
      [BT, 'download', torrentPath, '-o', leechDir, '--peer', `127.0.0.1:${proxy.port}`, '--quiet', '--config', join(work, `${name}.btrc.json`)],
      { name: `bt download (${name})`, cwd: work },
    );
    const deadline = Date.now() + 60_000;
    let fetched: number[] = [];
    for (let quietSince = Date.now(); ; ) {
      if (child.exited) throw new Error(`${name} exited early (code ${child.exitCode})\n${child.tail()}`);
      if (Date.now() > deadline) throw new Error(`${name} did not stall: ${proxy.forwarded} bytes relayed\n${child.tail()}`);
      const now = indexes(await readLog(log), 'piece_hash_passed', 'peers');
      if (now.length !== fetched.length) quietSince = Date.now();
      fetched = now;
      if (proxy.stalled && fetched.length > 0 && Date.now() - quietSince > 500 && (await savedAll(intervalMs, fetched))) break;
      await sleep(20);
    }
    process.kill(child.pid!, 'SIGKILL');
    await child.waitForExit(`${name} to die`, 10_000);
    await proxy.close();
    t.false((await readLog(log)).some((l) => l.event === 'resume_data_error'));
    return fetched;
  }

  const fetched1 = await killedRun('run1', 0.2, 5);
  // The periodic save after run 1's last piece holds all of them (it is made within 5 ms of it; 500 ms passed).
  const saved: ResumeData = decodeResumeData(await readFile(resumePath), expected);
  t.deepEqual(sorted([...saved.have].flatMap((b, i) => (b === 1 ? [i] : []))), sorted(fetched1), 'the last periodic save holds every piece run 1 verified');
  const fetched1b = await killedRun('run1b', 0.2, 600_000);
  t.true(fetched1b.every((p) => !fetched1.includes(p)), 'run 1b trusted the save and fetched only other pieces');
  const before = [...fetched1, ...fetched1b];
  t.true(before.length < meta.pieceCount, `runs 1 and 1b verified ${before.length} of ${meta.pieceCount} pieces`);
  // Run 1b wrote pieces after the save it started from, and was killed before saving again.
  t.deepEqual(await readFile(resumePath), encodeResumeData(saved));
  const savedPieces = fetched1.length;

  // Which files moved on since that save, and so which pieces the restart must hash.
  const fileState = await Promise.all(
    meta.files.map(async (f, i) => {
      const s = await stat(join(leechDir, f.path)).catch(() => undefined);
      const inPlace = s !== undefined && s.size === f.length;
      return { inPlace, matches: inPlace && saved.files[i].size === f.length && saved.files[i].mtimeMs === Math.trunc(s.mtimeMs) };
    }),
  );
  const mustHash: number[] = [];
  const trusted: number[] = [];
  for (let p = 0; p < meta.pieceCount; p++) {
    const start = p * PIECE;
    const end = Math.min(start + PIECE, meta.length);
    const touched = meta.files.map((f, i) => ({ f, i })).filter(({ f }) => f.length > 0 && f.offset < end && f.offset + f.length > start);
    if (touched.every(({ i }) => fileState[i].matches)) {
      if (saved.have[p] === 1) trusted.push(p);
    } else if (touched.every(({ i }) => fileState[i].inPlace)) mustHash.push(p);
  }
  t.log(`save had ${savedPieces} pieces, runs 1 and 1b verified ${before.length}; ${fileState.filter((f) => !f.matches).length} of ${meta.files.length} files changed since; ${mustHash.length} pieces to hash, ${trusted.length} trusted`);

  // Run 2: straight to the seeder.
  const log2 = join(work, 'run2.jsonl');
  await writeConfig(join(work, 'run2.btrc.json'), log2, 60_000);
  const run2 = ManagedProcess.start(
    t,
    process.execPath,
    [BT, 'download', torrentPath, '-o', leechDir, '--peer', `127.0.0.1:${seeder.port}`, '--quiet', '--config', join(work, 'run2.btrc.json')],
    { name: 'bt download (run 2)', cwd: work },
  );
  t.is(await run2.waitForExit('run 2 to finish the download', 60_000), 0, run2.tail());

  const lines = await readLog(log2);
  t.false(lines.some((l) => l.event === 'resume_data_error'));
  const passedOnDisk = indexes(lines, 'piece_hash_passed', 'disk');
  const hashedOnDisk = [...passedOnDisk, ...indexes(lines, 'piece_hash_failed', 'disk')];
  const fetched = new Set(indexes(lines, 'piece_hash_passed', 'peers'));
  t.deepEqual(sorted(hashedOnDisk), mustHash, 'the pieces touching a changed file were hashed, and only those');
  t.true(passedOnDisk.every((p) => before.includes(p)), 'pieces found on disk are pieces run 1 verified');
  t.true(trusted.every((p) => !fetched.has(p)), 'no trusted piece was fetched again');
  t.true(passedOnDisk.every((p) => !fetched.has(p)), 'no piece found on disk was fetched');
  t.is(new Set([...trusted, ...passedOnDisk, ...fetched]).size, meta.pieceCount, 'together they are every piece');
  t.true(lines.some((l) => l.event === 'torrent_complete'));
  t.true(await sameFiles(seedDir, leechDir, Object.keys(FILES)), 'every file is byte for byte the seed');
  // The clean exit after completion saved everything: a third start would hash nothing.
  t.deepEqual([...decodeResumeData(await readFile(resumePath), expected).have], Array.from({ length: meta.pieceCount }, () => 1));
});
